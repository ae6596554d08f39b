"""One pipeline request, shared by `render`, `batch` and any other caller:
answers bytes and options in; documents, answers and scores out.

read -> score -> present -> render. Nothing here touches the output folder (the
write stage does, in ``reportgen.write``), so a batch worker on any machine can run
it. Languages, output names and formats are decided here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import EXIT_USAGE, ReportgenError
from .model import Answers, Brand, FrozenMap, Scores
from .model.answers import text_key
from .read.brand import load_brand as _load_brand
from .read.pdf import ATTACHMENT_PREFIX

# The choices of the command-line options; the CLI builds its click.Choice from these.
LANGS = ("vi", "en")
LANG_CHOICES = (*LANGS, "all", "vi+en")  # vi+en: one bilingual document (handouts only)
FORMATS = ("html", "pdf", "docx")
# --format: one of these, or a comma list (pdf,docx); "all" is HTML and PDF, as before.
FORMAT_CHOICES = (*FORMATS, "all")
KINDS = ("report", "handout")
# pdf/a-3a+ua-1: archival and accessible in one file (reportgen.render.accessible).
PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1", "pdf/a-3a+ua-1")


# Seconds one document (or one task: a file, or one language of it) may take by default:
# a report PDF takes seconds, so this only stops what would never end (a template that
# loops, a pathological document), as that file's failure.
DOCUMENT_TIMEOUT = 300.0


@dataclass(frozen=True)
class Styling:
    """What changes how documents look, not what they say."""

    brand: Brand | None = None
    templates_dir: str | None = None  # absolute; checked by check_templates_dir
    draft: bool = False
    pdf_variant: str | None = None
    # The firm's signature on every PDF (reportgen.render.signing.SignSpec), or None.
    signing: Any = None
    # The firm's Word template for DOCX output (its bytes, its name), or None.
    docx_template: tuple[bytes, str] | None = None


@dataclass(frozen=True)
class Request:
    data: bytes  # the answers file as given (attached to every PDF)
    name: str  # how errors name the file
    stem: str  # output names start with it
    lang: str | None = None  # a LANG_CHOICES value; None: the languages the answers name
    fmt: str = "all"  # a FORMAT_CHOICES value
    kind: str = "report"  # a KINDS value
    styling: Styling = field(default_factory=Styling)
    # The client's earlier assessments (bytes, name), for "since the last assessment";
    # force: take them even from another client or a later date.
    previous: tuple[tuple[bytes, str], ...] = ()
    force_previous: bool = False
    # The firm's other clients the report compares its client with (`--cohort`): a
    # model.cohort.CohortSource, already read.
    cohort: Any = None


@dataclass(frozen=True)
class Document:
    name: str  # the file name: <stem>.<lang>[.handout].<fmt>
    lang: str  # "vi", "en", or "vi+en" for a bilingual handout
    fmt: str
    content: bytes


@dataclass(frozen=True)
class Result:
    answers: Answers
    scores: Scores
    documents: tuple[Document, ...]

    def summary(self) -> dict[str, Any]:
        """What a batch index shows of a client, as plain JSON values."""
        from .sections import sections

        facts = (s.headline(s.result(self.scores)) for s in sections())
        industry = self.answers.client.industry
        return {
            "client": self.answers.client.name,
            # What the index filters by; the words per language where the answers give two.
            "industry": text_key(industry) if industry is not None else None,
            **({"industry_text": dict(industry)} if isinstance(industry, FrozenMap) else {}),
            # Which client and when: the index folds a client's earlier assessments into
            # the row of the latest one rendered with its history.
            "client_key": self.answers.client.key,
            "date": self.answers.assessment.date.isoformat(),
            **{key: value for headline in facts for key, value in headline.items()},
            "languages": document_languages(self.documents),
        }


def document_languages(documents: tuple[Document, ...]) -> list[str]:
    """The languages of these documents, each once, in the order --lang names them."""
    return sorted({d.lang for d in documents}, key=self_order)


def self_order(lang: str) -> int:
    return LANG_CHOICES.index(lang) if lang in LANG_CHOICES else len(LANG_CHOICES)


def check_lang_kind(lang: str | None, kind: str) -> None:
    """A bilingual document (vi+en) exists only as a handout: a usage error otherwise."""
    if lang == "vi+en" and kind != "handout":
        raise ReportgenError(
            "--lang vi+en (one bilingual document) is available with --kind handout; "
            "for the report use --lang all",
            exit_code=EXIT_USAGE,
        )


def languages(
    option: str | None, answers_languages: tuple[str, ...], kind: str
) -> tuple[tuple[str, ...], ...]:
    """--lang -> the documents to make, each a tuple of languages (two: bilingual)."""
    check_lang_kind(option, kind)
    if option == "vi+en":
        return (("vi", "en"),)
    if option is None or option == "":
        langs = answers_languages
    elif option == "all":
        langs = LANGS
    else:
        langs = (option,)
    return tuple((lang,) for lang in langs)


def formats(option: str) -> tuple[str, ...]:
    """--format -> the formats, in FORMATS order: one, a comma list, or all (HTML, PDF)."""
    wanted = parse_formats(option)
    names = ("html", "pdf") if wanted == "all" else wanted.split(",")
    return tuple(f for f in FORMATS if f in names)


def parse_formats(option: str) -> str:
    """--format as given ("pdf,docx", "all", "docx") -> its canonical spelling, or a usage
    error naming what is not a format."""
    names = [n.strip().lower() for n in option.split(",") if n.strip()]
    unknown = [n for n in names if n not in FORMAT_CHOICES]
    if unknown or not names:
        raise ReportgenError(
            f"--format: expected {', '.join(FORMATS)} or all, or a comma list such as "
            f"pdf,docx; got {option!r}",
            exit_code=EXIT_USAGE,
        )
    wanted = {f for n in names for f in (("html", "pdf") if n == "all" else (n,))}
    if wanted == {"html", "pdf"}:
        return "all"
    return ",".join(f for f in FORMATS if f in wanted)


# Formats drawn by WeasyPrint: the PDF, and the charts of a Word document.
DRAWN_FORMATS = frozenset(("pdf", "docx"))


def output_name(stem: str, lang: str, fmt: str, kind: str = "report") -> str:
    """`<stem>.<lang>.html`, `<stem>.<lang>.pdf`; handouts add `.handout`."""
    middle = f"{lang}.handout" if kind == "handout" else lang
    return f"{stem}.{middle}.{fmt}"


def run(request: Request, part: int | None = None) -> Result:
    """The whole pipeline up to (not including) the write, in this process: answers bytes
    and options in, documents out. With a part, only that language's documents are built
    (the part-th of `split`; none past the last): how the executor spreads one file's
    languages over its workers (``reportgen.executor``)."""
    from .engine import score

    answers = answers_of(request)
    scores = score(answers, request.cohort)
    if part is None:
        return Result(answers, scores, render_documents(request, answers, scores))
    parts = split(request, answers)
    own = part < len(parts)  # a part past the file's languages builds nothing
    documents = render_documents(parts[part], answers, scores) if own else ()
    return Result(answers, scores, documents)


def answers_of(request: Request) -> Answers:
    """The request's answers, with the earlier assessments it carries."""
    from .read import parse_answers
    from .read.history import with_history

    answers = parse_answers(request.data, request.name)
    if request.previous:
        answers = with_history(answers, request.name, request.previous, request.force_previous)
    return answers


def split(request: Request, answers: Answers) -> tuple[Request, ...]:
    """The request as one request per document language ("vi", "en", or "vi+en"), in
    the order the documents are named."""
    langs = languages(request.lang, answers.assessment.languages, request.kind)
    return tuple(replace(request, lang="+".join(pair)) for pair in langs)


@dataclass(frozen=True)
class Page:
    """One document before its formats: its language label and its HTML (for the PDF)."""

    lang: str  # "vi", "en", or "vi+en"
    html: str
    template: str  # the template it came from, as an error names it: "report.html.j2"


def pages(
    request: Request, answers: Answers, scores: Scores, time_limit: float | None = None
) -> tuple[Page, ...]:
    """The HTML of every document the request asks for, one per language (or pair); each
    template runs for at most time_limit seconds (the template layer's own limit when
    None): the limit where no signal can stop the document (another thread)."""
    from .present.handout import build_handout
    from .present.report import build_report
    from .render import html_document

    st = request.styling
    out = []
    for langs in languages(request.lang, answers.assessment.languages, request.kind):
        context: Any
        if request.kind == "handout":
            template = "handout.html.j2"
            context = build_handout(answers, scores, langs, brand=st.brand, draft=st.draft)
        else:
            template = "report.html.j2"
            context = build_report(answers, scores, langs[0], brand=st.brand, draft=st.draft)
        html = html_document(template, context, langs[0], st.templates_dir, time_limit)
        if st.templates_dir:
            template = f"{template} (with --templates {st.templates_dir})"
        out.append(Page("+".join(langs), html, template))
    return tuple(out)


def attachment(request: Request, answers: Answers) -> Any:
    """The answers file as every PDF carries it, so a delivered report can be re-scored
    (`reportgen score REPORT.pdf`); dated by the assessment, so identical input gives
    identical bytes."""
    from .render import PdfAttachment

    return PdfAttachment(
        content=request.data,
        name=ATTACHMENT_PREFIX + Path(request.name).name.rsplit("#", 1)[-1],
        description="reportgen answers file",
        date=dt.datetime.combine(answers.assessment.date, dt.time()),
    )


def render_documents(request: Request, answers: Answers, scores: Scores) -> tuple[Document, ...]:
    """Parsed and scored answers -> every document the request asks for, in each format."""
    from .render import pdf_bytes, with_fonts

    documents = []
    for page in pages(request, answers, scores):
        for fmt in formats(request.fmt):
            if fmt == "html":
                content = with_fonts(page.html).encode("utf-8")
            elif fmt == "docx":
                from .render.docx import docx_bytes

                content = docx_bytes(
                    page.html,
                    lang=page.lang,
                    client=answers.client.name,
                    brand=request.styling.brand,
                    template=request.styling.docx_template,
                    answers=attachment(request, answers),
                    source=page.template,
                )
            else:
                content = pdf_bytes(
                    page.html,
                    source=page.template,
                    pdf_variant=request.styling.pdf_variant,
                    attachments=(attachment(request, answers),),
                )
                if request.styling.signing is not None:
                    from .render.signing import sign_pdf

                    content = sign_pdf(content, request.styling.signing, page.lang)
            name = output_name(request.stem, page.lang, fmt, request.kind)
            documents.append(Document(name, page.lang, fmt, content))
    return tuple(documents)


def make_styling(
    brand_file: str | None,
    templates_dir: str | None,
    draft: bool,
    pdf_variant: str | None,
    signing: Any = None,
    docx_template: str | None = None,
) -> Styling:
    """Command options -> Styling; the brand file and template folder are checked here.
    signing: a SignSpec (reportgen.render.signing), read by the command. docx_template:
    a Word template (--docx-template), else the brand file's, read and checked here."""
    brand = _load_brand(brand_file) if brand_file else None
    return Styling(
        brand=brand,
        templates_dir=check_templates_dir(templates_dir),
        draft=draft,
        pdf_variant=pdf_variant,
        signing=signing,
        docx_template=load_docx_template(
            docx_template or (brand.docx_template if brand is not None else None)
        ),
    )


def load_docx_template(path: str | None) -> tuple[bytes, str] | None:
    """A firm's Word template, read and checked for the styles reportgen writes with, so
    that a batch stops before its first file rather than failing every one."""
    if path is None:
        return None
    from .read.inputs import read_docx_template
    from .render.docx import check_template

    data, name = read_docx_template(path)
    check_template(data, name)
    return data, name


def check_templates_dir(path: str | None) -> str | None:
    if path is None:
        return None
    if not Path(path).is_dir():
        raise ReportgenError(f"{path}: --templates must name a folder", exit_code=EXIT_USAGE)
    return str(Path(path).resolve())
