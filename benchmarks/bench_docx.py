"""The Word document against the PDF of the same document, measured in one run.

    python benchmarks/bench_docx.py            # about a minute on 2 cores
    python benchmarks/bench_docx.py --quick

For each document (a sample's report in Vietnamese and in English, and its bilingual
handout) the HTML is made once, then its PDF (`render.pdf_bytes`) and its DOCX
(`render.docx.docx_bytes`, charts rasterised included) are built in turn, interleaved,
in this process after one warm-up of each; the figure is the median of the paired ratios
DOCX time / PDF time (target <= 0.5).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "samples" / "mekong-agri.yaml"
BRAND = ROOT / "samples" / "brand" / "brand.yaml"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", default=bool(os.environ.get("BENCH_QUICK")))
    parser.add_argument("--repeats", type=int, default=None)
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 7)

    from reportgen.engine import score
    from reportgen.pipeline import Request, answers_of, attachment, make_styling, pages
    from reportgen.render import pdf_bytes
    from reportgen.render.docx import docx_bytes

    styling = make_styling(str(BRAND), None, True, None)
    data = SAMPLE.read_bytes()
    documents = []
    for lang, kind in (("all", "report"), ("vi+en", "handout")):
        request = Request(data, str(SAMPLE), "bench", lang, "pdf,docx", kind, styling)
        answers = answers_of(request)
        for page in pages(request, answers, score(answers)):
            documents.append((f"{kind} {page.lang}", page, request, answers))

    print(f"{SAMPLE.name}: DOCX time / PDF time, median of {repeats} interleaved pairs")
    overall = []
    for label, page, request, answers in documents:
        attached = attachment(request, answers)
        client = answers.client.name

        def pdf(page=page, attached=attached) -> bytes:
            return pdf_bytes(page.html, attachments=(attached,))

        def word(page=page, attached=attached, client=client) -> bytes:
            return docx_bytes(
                page.html,
                lang=page.lang,
                client=client,
                brand=styling.brand,
                answers=attached,
            )

        pdf(), word()  # warm-up: imports, fonts, stylesheets
        ratios, pdf_times, docx_times = [], [], []
        for _ in range(repeats):
            start = time.perf_counter()
            pdf()
            middle = time.perf_counter()
            word()
            end = time.perf_counter()
            pdf_times.append(middle - start)
            docx_times.append(end - middle)
            ratios.append((end - middle) / (middle - start))
        ratio = statistics.median(ratios)
        overall.extend(ratios)
        print(
            f"  {label:<16} PDF {statistics.median(pdf_times):6.2f} s   "
            f"DOCX {statistics.median(docx_times):6.2f} s   ratio {ratio:.2f}"
        )
    print(f"  all documents: ratio {statistics.median(overall):.2f} (target <= 0.5)")


if __name__ == "__main__":
    main()
