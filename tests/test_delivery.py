"""Issue 33: one PDF that is PDF/A-3a and PDF/UA-1, tagged for a screen reader, and the
firm's signature on it (docs/delivery.md). The structure tree is read with pikepdf."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pikepdf = pytest.importorskip("pikepdf")
pytest.importorskip("pyhanko")

from reportgen.cli import cli  # noqa: E402
from reportgen.read.pdf import answers_from_pdf  # noqa: E402
from reportgen.render.accessible import ACCESSIBLE, _marked_texts, _walk  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "sao-mai-fintech.yaml"
PASSWORD = "correct horse"


def render(tmp: Path, *args: str, env: dict[str, str] | None = None) -> list[Path]:
    result = CliRunner().invoke(
        cli, ["render", str(SAMPLE), "--format", "pdf", "-o", str(tmp), *args], env=env
    )
    assert result.exit_code == 0, result.output
    return [Path(line) for line in result.output.split()]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("accessible")
    (path,) = render(out, "--lang", "en", "--pdf-variant", ACCESSIBLE)
    return path


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("handout")
    (path,) = render(out, "--kind", "handout", "--lang", "vi+en", "--pdf-variant", ACCESSIBLE)
    return path


_OPEN: list = []  # the open PDFs: their objects live only while the file is open


def elements(path: Path) -> list:
    pdf = pikepdf.open(path)
    _OPEN.append(pdf)
    return list(_walk(pdf.Root.StructTreeRoot))


def test_pdfa_and_pdfua_identified_in_one_xmp(report: Path) -> None:
    with pikepdf.open(report) as pdf:
        xmp = pdf.Root.Metadata.read_bytes()
        assert xmp.count(b"<rdf:RDF") == 1  # readers take the first rdf:RDF only
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") == "3"
        assert meta.get("pdfaid:conformance") == "A"
        assert meta.get("pdfuaid:part") == "1"
        assert b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en"


def test_answers_stay_attached_and_rescore(report: Path) -> None:
    data, name = answers_from_pdf(report.read_bytes(), str(report))
    assert data == SAMPLE.read_bytes()
    result = CliRunner().invoke(cli, ["score", str(report), "--format", "text"])
    assert result.exit_code == 0, result.output


def test_every_chart_figure_states_its_data(report: Path) -> None:
    figures = [e for e in elements(report) if e.S == "/Figure"]
    assert len(figures) >= 4
    alts = [str(f.get("/Alt", "")) for f in figures]
    validation = next(a for a in alts if a.startswith("Validation dimensions"))
    assert "Market validation: 32.5 out of 40, Good." in validation
    assert any("Data network effects: 6.8 out of 10" in a for a in alts)
    assert any(re.search(r"from month \d+ to month \d+", a) for a in alts)


def test_every_table_header_has_a_scope(report: Path, handout: Path) -> None:
    for path, scope in ((report, "/Column"), (handout, "/Row")):
        headers = [e for e in elements(path) if e.S == "/TH"]
        assert headers
        assert {str(h.A.Scope) for h in headers} == {scope}


def test_english_passages_of_the_bilingual_handout_are_tagged_english(handout: Path) -> None:
    pdf = pikepdf.open(handout)
    texts = _marked_texts(handout.read_bytes())
    pages = {p.objgen: n for n, p in enumerate(pdf.pages)}

    def text(e) -> str:
        page = pages.get(e.Pg.objgen) if "/Pg" in e else None
        out = []
        for k in e.K if isinstance(e.K, pikepdf.Array) else [e.K]:
            if isinstance(k, int):
                out.append(texts.get((page, k), ""))
            elif isinstance(k, pikepdf.Dictionary) and "/S" in k:
                out.append(text(k))
        return "".join(out)

    english = {
        re.sub(r"\s+", " ", text(e)).strip() for e in _walk(pdf.Root.StructTreeRoot) if "/Lang" in e
    }
    assert str(pdf.Root.Lang) == "vi"
    assert {"TOTAL SCORE", "Competitive advantages", "Data network effects"} <= english
    # The Vietnamese beside them is not (English passages may name a Vietnamese client).
    assert not english & {"TỔNG ĐIỂM", "Lợi thế cạnh tranh", "Hiệu ứng mạng lưới dữ liệu"}


def test_headings_start_at_one_h1(report: Path) -> None:
    levels = [int(str(e.S)[2]) for e in elements(report) if re.fullmatch(r"/H[1-6]", str(e.S))]
    assert levels[0] == 1 and levels.count(1) == 1


def test_headings_nest_without_gaps(report: Path) -> None:
    levels = [int(str(e.S)[2]) for e in elements(report) if re.fullmatch(r"/H[1-6]", str(e.S))]
    assert levels[0] == 1 and len(set(levels)) >= 3  # a real outline, several levels deep
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_pdfua_checker_finds_nothing(report: Path, handout: Path) -> None:
    pytest.importorskip("pdfua")
    for path in (report, handout):
        run = subprocess.run(
            [sys.executable, "-m", "pdfua", "check", str(path)], capture_output=True, text=True
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert "result: PASS" in run.stdout


def test_unsigned_builds_are_byte_identical(tmp_path: Path) -> None:
    for variant in ((), ("--pdf-variant", ACCESSIBLE)):
        (a,) = render(tmp_path / "a", "--lang", "en", *variant)
        (b,) = render(tmp_path / "b", "--lang", "en", *variant)
        assert a.read_bytes() == b.read_bytes()


# --- signing ------------------------------------------------------------------------


def make_p12(path: Path, password: str = PASSWORD) -> Path:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Nguyen Thi Lan"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example Consulting"),
        ]
    )
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=3650))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), True
        )
        .sign(key, hashes.SHA256())
    )
    encryption = serialization.BestAvailableEncryption(password.encode())
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"firm", key, cert, None, encryption))
    return path


@pytest.fixture(scope="module")
def p12(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_p12(tmp_path_factory.mktemp("cert") / "firm.p12")


ENV = {"REPORTGEN_SIGN_PASSWORD": PASSWORD}


@pytest.mark.parametrize("variant", [(), ("--pdf-variant", ACCESSIBLE, "--sign-visible")])
def test_sign_verify_tamper_and_rescore(tmp_path: Path, p12: Path, variant: tuple) -> None:
    (signed,) = render(tmp_path, "--lang", "en", "--sign", str(p12), *variant, env=ENV)
    data = signed.read_bytes()
    runner = CliRunner()
    ok = runner.invoke(cli, ["verify", str(signed)])
    assert ok.exit_code == 0, ok.output
    assert "signed by: Nguyen Thi Lan, Example Consulting" in ok.output
    assert "integrity: intact" in ok.output
    assert "trust: untrusted" in ok.output  # self-signed: reported, not fatal
    assert "32,5/40" in ok.output or "32.5/40" in ok.output  # the re-scored table
    # The answers are still attached to the signed file, and re-score.
    assert answers_from_pdf(data, str(signed))[0] == SAMPLE.read_bytes()
    assert runner.invoke(cli, ["score", str(signed)]).exit_code == 0
    if variant:
        with pikepdf.open(signed) as pdf:
            assert pdf.open_metadata().get("pdfuaid:part") == "1"
    # One byte changed inside the signed range: inside a stream of the first revision.
    at = data.index(b"stream", len(data) // 3) + 100
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
    bad = runner.invoke(cli, ["verify", str(tampered)])
    assert bad.exit_code == 1, bad.output
    assert "integrity: FAILED" in bad.output


def test_wrong_password_is_one_line(tmp_path: Path, p12: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["render", str(SAMPLE), "--format", "pdf", "-o", str(tmp_path), "--sign", str(p12)],
        env={"REPORTGEN_SIGN_PASSWORD": "wrong"},
    )
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert str(p12) in result.output and "PKCS#12" in result.output
    assert not list(tmp_path.glob("*.pdf"))


def test_verify_an_unsigned_pdf_is_one_line(tmp_path: Path) -> None:
    (path,) = render(tmp_path, "--lang", "en")
    result = CliRunner().invoke(cli, ["verify", str(path)])
    assert result.exit_code == 1
    assert "carries no digital signature" in result.output
    assert result.output.strip().count("\n") == 0


def test_the_brand_file_names_the_certificate(tmp_path: Path, p12: Path) -> None:
    shutil.copy(p12, tmp_path / "firm.p12")
    brand = tmp_path / "brand.yaml"
    brand.write_text("firm_name: Example Consulting\nsign_certificate: firm.p12\n")
    (signed,) = render(tmp_path / "out", "--lang", "en", "--brand", str(brand), env=ENV)
    assert CliRunner().invoke(cli, ["verify", str(signed)]).exit_code == 0
