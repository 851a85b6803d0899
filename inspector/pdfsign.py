"""PAdES (B-B) signatures on report PDFs with pyHanko, and their verification.

The signature covers the whole file; any changed byte, any incremental update
appended after signing, or a signer outside the store's trusted signers fails
verification with the reason. The signature value itself (/Contents, the one
string the signature cannot cover) must be spelled exactly as it was written,
so no byte of a signed report can change unnoticed. The report's QR statement
travels in the signed revision's metadata (Keywords), so `verify` can show and
check it too.
"""

import io
import logging
import re
import zoneinfo
from dataclasses import dataclass

import tzlocal
from asn1crypto import cms as asn1_cms
from asn1crypto import keys as asn1_keys
from asn1crypto import parser as asn1_parser
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import ids
from .errors import ValidationError
from .i18n import t
from .identity import Identity
from .trust_chain import trusted_signers

FIELD = "InspectorSignature"
QR_KEYWORD = "inspector-qr:"


def _signing_clock_zone() -> None:
    """pyHanko stamps the signing time in tzlocal's zone, and tzlocal refuses a POSIX
    TZ such as TZ=CST-8 (a usual way to set China time on Linux): signing would fail
    on such a machine. Then tzlocal is given Beijing time, the zone of every day in
    this app (it only sets the offset the instant is written with)."""
    try:
        tzlocal.get_localzone()
    except zoneinfo.ZoneInfoNotFoundError:
        from tzlocal import unix  # the only platform where TZ is read this way

        unix._cache_tz = ids.BEIJING


def _asn1_cert(identity: Identity) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(
        identity.certificate.public_bytes(serialization.Encoding.DER))


def sign(pdf: bytes, identity: Identity, key: ec.EllipticCurvePrivateKey, *,
         reason: str, location: str | None = None, qr_text: str | None = None) -> bytes:
    """Return `pdf` with a PAdES B-B signature by `identity` over the whole file."""
    cert = _asn1_cert(identity)
    private = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    signer = signers.SimpleSigner(signing_cert=cert, signing_key=private,
                                  cert_registry=SimpleCertificateStore.from_certs([cert]))
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if qr_text:
        writer.document_meta.keywords = [QR_KEYWORD + qr_text]
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=reason, location=location, name=identity.name)
    _signing_clock_zone()
    try:
        return signers.sign_pdf(writer, meta, signer=signer).getvalue()
    except (SigningError, PdfError) as exc:
        raise ValidationError(t("pdf.sign_failed", err=exc)) from None


@dataclass
class Verified:
    signer: Identity
    signed_at: str | None
    qr_text: str | None


def verify(pdf: bytes, store, path: str) -> Verified:
    """Check the signature, that it covers the entire file, and that the signer is trusted."""
    if not pdf.startswith(b"%PDF-"):
        raise ValidationError(t("pdf.not_pdf"), path=path)
    trusted = trusted_signers(store)  # incl. rotated keys: good for what they signed before
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(t("pdf.damaged", err=exc), path=path) from None
    if not signatures:
        raise ValidationError(t("pdf.unsigned"), path=path)
    if len(signatures) > 1:
        raise ValidationError(t("pdf.several", n=len(signatures)), path=path)
    embedded = signatures[0]
    context = ValidationContext(trust_roots=[_asn1_cert(i) for i in trusted],
                                allow_fetching=False)
    try:
        status = _quietly(validate_pdf_signature, embedded, context)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(t("pdf.damaged", err=exc), path=path) from None
    if not status.intact:
        raise ValidationError(t("pdf.changed"), path=path)
    if not status.valid:
        raise ValidationError(t("pdf.bad_signature"), path=path)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise ValidationError(t("pdf.not_whole"), path=path)
    if not canonical_contents(pdf, embedded.byte_range):
        raise ValidationError(t("pdf.not_canonical"), path=path)
    cert_fp = embedded.signer_cert.sha256.hex()
    signer = next((i for i in trusted if i.fingerprint == cert_fp), None)
    if not status.trusted or signer is None:
        name = embedded.signer_cert.subject.native.get("common_name", "?")
        raise ValidationError(t("pdf.untrusted", name=name, fp=cert_fp[:16]), path=path)
    signed_at = embedded.self_reported_timestamp
    return Verified(signer, signed_at.isoformat() if signed_at else None, _qr_text(reader))


def canonical_contents(pdf: bytes, byte_range) -> bool:
    """Whether the signature value, the gap between the signed byte ranges, is as
    pyHanko writes it: <, the CMS in DER as upper-case hex, zero padding, >. PDF
    readers also take lower case, other padding or a looser CMS encoding, which
    would change bytes of a signed report without breaking its signature."""
    gap = pdf[byte_range[1]:byte_range[2]]
    if not re.fullmatch(rb"<(?:[0-9A-F]{2})*>", gap):
        return False
    value = bytes.fromhex(gap[1:-1].decode("ascii"))
    try:
        size = asn1_parser.peek(value)
        der = value[:size]
        canonical = asn1_cms.ContentInfo.load(der).dump(force=True) == der
    except (ValueError, TypeError, KeyError):
        return False
    return canonical and not value[size:].strip(b"\0")


def _qr_text(reader: PdfFileReader) -> str | None:
    keywords = reader.document_meta_view.keywords or []
    found = [k[len(QR_KEYWORD):] for k in keywords if k.startswith(QR_KEYWORD)]
    return found[0] if found else None


def _quietly(function, *args):
    """pyHanko logs each failed check as a warning; our message says it once."""
    logger = logging.getLogger("pyhanko")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return function(*args)
    finally:
        logger.setLevel(level)
