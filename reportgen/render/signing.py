"""The firm's digital signature on a finished PDF (pyHanko), and its verification.

Signing appends an incremental update to the PDF WeasyPrint (and, for the accessible
variants, our own step) wrote: the bytes before it stay as they were, so the answers
attached to the PDF, its PDF/A identification and its tags are untouched, and the
signature's byte range covers the whole of them. An unsigned build never comes here.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..blocks.rubric import _
from ..errors import EXIT_USAGE, ReportgenError
from ..resources import FONTS_DIR

# Where the visible signature block sits on the cover, in PDF points from the bottom
# left of an A4 page: the bottom right corner, clear of the cover's text and footer.
VISIBLE_BOX = (335, 60, 555, 120)
FIELD = "reportgen-signature"
MAX_P12_BYTES = 1024 * 1024


@dataclass(frozen=True)
class SignSpec:
    """How to sign: the PKCS#12 file's bytes and password, as read once by the command
    (a batch sends the bytes to its workers, never a path or a prompt)."""

    p12: bytes
    password: bytes
    file: str  # how errors name the certificate
    visible: bool = False
    timestamp_url: str | None = None  # an RFC 3161 server; None: the signer's clock only


def read_certificate(path: str, password: str) -> SignSpec:
    """A PKCS#12 file and its password -> a SignSpec, checked now: a wrong password or a
    file that is no PKCS#12 is one error before any document is built."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReportgenError(
            f"{path}: cannot read the signing certificate ({exc.strerror or exc})",
            exit_code=EXIT_USAGE,
        ) from None
    if len(data) > MAX_P12_BYTES:
        raise ReportgenError(
            f"{path}: expected a PKCS#12 certificate file, found one over 1 MiB",
            exit_code=EXIT_USAGE,
        )
    spec = SignSpec(p12=data, password=password.encode("utf-8"), file=path)
    _signer(spec)
    return spec


def brand_certificate(brand_file: str) -> str | None:
    """The certificate a brand file names (`sign_certificate`), or None."""
    from ..read.brand import load_brand

    return load_brand(brand_file).sign_certificate


def _signer(spec: SignSpec) -> Any:
    from pyhanko.sign import signers

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(spec.p12, (), passphrase=spec.password)
    except Exception:  # cryptography's errors for a bad password or format have no one type
        signer = None
    if signer is None or signer.signing_cert is None:
        raise ReportgenError(
            f"{spec.file}: expected a PKCS#12 (.p12/.pfx) file with a certificate and its "
            "private key, opened by the password in REPORTGEN_SIGN_PASSWORD (wrong password, "
            "or not such a file)",
            exit_code=EXIT_USAGE,
        )
    return signer


def sign_pdf(content: bytes, spec: SignSpec, lang: str = "en") -> bytes:
    """PDF bytes -> the same bytes and an incremental update holding the signature
    (PAdES baseline, SHA-256), visible on the cover when spec.visible."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = _signer(spec)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=_common_name(signer.signing_cert.subject),
    )
    timestamper = None
    if spec.timestamp_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(spec.timestamp_url, timeout=20)
    box = VISIBLE_BOX if spec.visible else None
    field_spec = fields.SigFieldSpec(FIELD, on_page=0, box=box)
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        timestamper=timestamper,
        stamp_style=_stamp(lang) if spec.visible else None,
        new_field_spec=field_spec,
    )
    out = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
        pdf_signer.sign_pdf(writer, output=out)
    except Exception as exc:  # network (timestamp), pyHanko's own failures
        message = " ".join(str(exc).split())[:200]
        raise ReportgenError(
            f"{spec.file}: could not sign the PDF ({type(exc).__name__}: {message})"
        ) from None
    return out.getvalue()


def _stamp(lang: str) -> Any:
    """The visible block: who signed and when, in the document's language, in the
    bundled font (embedded, as PDF/A requires of every font)."""
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    from ..i18n import translations

    t = translations(lang.split("+")[0]).gettext
    text = t(_("Digitally signed by %(signer)s")) % {"signer": "%(signer)s"}
    when = t(_("Date: %(date)s")) % {"date": "%(ts)s"}
    # White on the cover's dark background, as the cover's own text is (report.css).
    white = (1.0, 1.0, 1.0)
    return TextStampStyle(
        stamp_text=f"{text}\n{when}",
        text_box_style=TextBoxStyle(
            font=_font_factory(9),
            font_size=9,
            text_color=white,
        ),
        border_width=1,
        border_color=white,
        timestamp_format="%Y-%m-%d %H:%M %Z",
    )


def _font_factory(size: int) -> Any:
    """The bundled Noto Sans for the stamp, from memory: pyHanko's own factory opens the
    font file and never closes it (a ResourceWarning on every signature)."""
    from pyhanko.pdf_utils.font.api import FontEngineFactory
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

    data = (FONTS_DIR / "NotoSans-Regular.ttf").read_bytes()

    class Factory(FontEngineFactory):
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            return GlyphAccumulator(
                writer=writer, font_handle=io.BytesIO(data), font_size=size, obj_stream=obj_stream
            )

    return Factory()


def _trust_roots() -> list[Any]:
    """The system's trusted roots (Debian's bundle, or SSL_CERT_FILE), given explicitly:
    pyHanko's own look-up of the OS trust list is deprecated."""
    import os
    import ssl

    from asn1crypto import pem, x509

    paths = ssl.get_default_verify_paths()
    cafile = os.environ.get(paths.openssl_cafile_env) or paths.cafile or paths.openssl_cafile
    try:
        data = Path(cafile).read_bytes() if cafile else b""
    except OSError:
        return []
    roots = []
    for _kind, _headers, der in pem.unarmor(data, multiple=True):
        try:
            roots.append(x509.Certificate.load(der))
        except ValueError:
            continue
    return roots


def _common_name(subject: Any) -> str:
    native = subject.native
    return str(native.get("common_name") or native.get("organization_name") or "")


def _quiet() -> None:
    """pyHanko logs each certificate it cannot chain (a self-signed one) with a traceback:
    those lines go nowhere; `verify` says what it found in one line each."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        log = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
            log.addHandler(logging.NullHandler())
        log.propagate = False


# --- verification ------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """What `reportgen verify` reports of a PDF's signature."""

    signer: str  # the certificate's common name and organisation
    signed_at: dt.datetime | None  # the signer's clock, or the timestamp's when there is one
    timestamped: bool
    intact: bool  # the signed bytes are unchanged and the signature is the key's
    whole_file: bool  # the signature covers every byte: nothing was appended since
    trusted: bool  # the certificate chains to a trusted root (a self-signed one does not)
    problem: str | None  # why it is not intact, or what was added after signing

    @property
    def ok(self) -> bool:
        return self.intact and self.whole_file


def verify_pdf(content: bytes, file: str) -> Verification:
    """The last signature of a PDF, checked: pyHanko's validation (integrity, the changes
    made since, the trust in the certificate against the system's roots)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    _quiet()

    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:
        message = " ".join(str(exc).split())[:200]
        raise ReportgenError(
            f"{file}: not a readable PDF ({type(exc).__name__}: {message})"
        ) from None
    if not signatures:
        raise ReportgenError(
            f"{file}: this PDF carries no digital signature; expected one made by "
            "`reportgen render --sign CERT.p12`"
        )
    signature = signatures[-1]
    try:
        status = validate_pdf_signature(
            signature, ValidationContext(trust_roots=_trust_roots(), allow_fetching=False)
        )
    except Exception as exc:  # a damaged signature dictionary or CMS blob
        message = " ".join(str(exc).split())[:200]
        return Verification(
            "", None, False, False, False, False, f"{type(exc).__name__}: {message}"
        )
    cert = status.signing_cert
    subject = cert.subject.native if cert is not None else {}
    who = ", ".join(
        str(v) for v in (subject.get("common_name"), subject.get("organization_name")) if v
    )
    stamp = status.timestamp_validity
    signed_at = stamp.timestamp if stamp is not None else status.signer_reported_dt
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    problem = None
    if not status.intact:
        problem = "the signed bytes were changed after signing"
    elif not status.valid:
        problem = "the signature does not match the signer's certificate"
    elif not whole:
        problem = "content was added after the signature"
    return Verification(
        signer=who,
        signed_at=signed_at,
        timestamped=stamp is not None,
        intact=bool(status.intact and status.valid),
        whole_file=whole,
        trusted=bool(status.trusted),
        problem=problem,
    )


def verify_file(file: str) -> tuple[Verification, list[str]]:
    """`reportgen verify`: a PDF's signature checked, and the lines that say so."""
    from ..read.inputs import read_limited
    from ..read.pdf import MAX_PDF_BYTES

    result = verify_pdf(read_limited(file, MAX_PDF_BYTES, "PDFs"), file)
    when = result.signed_at.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if result.signed_at else "?"
    source = "a trusted timestamp" if result.timestamped else "the signer's clock, no timestamp"
    lines = [
        f"signed by: {result.signer or '?'}",
        f"signed at: {when} ({source})",
    ]
    if result.ok:
        lines.append("integrity: intact; the signature covers the whole file")
    else:
        lines.append(f"integrity: FAILED: {result.problem}")
    lines.append(
        "trust: trusted"
        if result.trusted
        else "trust: untrusted (the certificate does not chain to a root this machine "
        "trusts, as a self-signed one never does)"
    )
    return result, lines
