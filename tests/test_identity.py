"""Identities, QR statements and PAdES signatures: what must hold when someone doubts a file."""

import io

import pytest
from cryptography import x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from reportlab.pdfgen import canvas

from inspector import attest, identity, pdfsign
from inspector.errors import InspectorError, NotFound, ValidationError
from inspector.store import Store

from .helpers.stores import FAST, VALID_CODE

SECRET = "correct horse"


@pytest.fixture
def me(store):
    identity.init_identity(store, name="张伟", role="inspector", org="某县市场监督管理局",
                           secret=SECRET, kdf=FAST)
    return identity.signing_key(store, SECRET)


@pytest.fixture
def other(tmp_path):
    with Store(tmp_path / "other.db") as second:
        identity.init_identity(second, name="杭州讯达信息技术有限公司", role="company",
                               org=None, secret=SECRET, kdf=FAST, code=VALID_CODE)
        yield second


def small_pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=1)
    page.drawString(72, 720, "Inspection report")
    page.showPage()
    page.save()
    return out.getvalue()


def test_certificate_fits_document_signing(store, me):
    ident, _ = me
    cert = ident.certificate
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment  # nonRepudiation
    assert cert.public_key().curve.name == "secp256r1"
    assert ident.name == "张伟" and ident.role == "inspector"


def test_private_key_is_not_stored_in_clear(store, me):
    sealed = store.setting("identity_key")
    assert '"kdf": "scrypt"' in sealed and "PRIVATE KEY" not in sealed
    assert identity.SCRYPT["n"] >= 2**15  # the default really is memory-hard


def test_wrong_passphrase_is_a_clear_error(store, me):
    with pytest.raises(InspectorError, match="wrong passphrase"):
        identity.signing_key(store, "not the passphrase")


def test_passphrase_from_environment(store, me, monkeypatch):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    assert identity.signing_key(store)[0].name == "张伟"


def test_second_init_refused(store, me):
    with pytest.raises(ValidationError, match="already has an identity"):
        identity.init_identity(store, name="李娜", role="inspector", org=None, secret=SECRET,
                               kdf=FAST)


def test_short_passphrase_and_bad_role_refused(store):
    with pytest.raises(ValidationError, match="at least 8"):
        identity.init_identity(store, name="李娜", role="inspector", org=None, secret="short")
    with pytest.raises(ValidationError, match="unknown role"):
        identity.init_identity(store, name="李娜", role="boss", org=None, secret=SECRET)
    assert identity.own_identity(store, required=False) is None


def test_trust_exchange_shows_fingerprint(store, me, other):
    added = identity.trust(store, identity.export_public(other), "company.pem").identity
    assert added.role == "company" and added.trusted
    assert added.fingerprint == identity.own_identity(other).fingerprint
    again = identity.trust(store, identity.export_public(other), "company.pem")
    assert again.identity.id == added.id and again.decision is None  # twice changes nothing


def test_trust_rejects_garbage(store, tmp_path):
    with pytest.raises(ValidationError, match="not a certificate") as info:
        identity.trust(store, b"hello", "x.pem")
    assert "x.pem" in str(info.value)


def test_qr_statement_round_trip(store, me):
    ident, key = me
    text = attest.make({"r": "01a2", "c": "91110108MA01ABCD5T", "x": 3}, ident, key)
    statement, signer = attest.check(text, store)
    assert statement["c"] == "91110108MA01ABCD5T" and statement["x"] == 3
    assert signer.name == "张伟"
    assert len(text) < 400  # fits a QR code a phone reads from paper


def test_qr_any_changed_character_fails(store, me):
    ident, key = me
    text = attest.make({"r": "01a2", "c": "91110108MA01ABCD5T", "x": 3}, ident, key)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
    for position in range(len(text)):
        changed = text[:position] + next(c for c in alphabet if c != text[position]) + \
            text[position + 1:]
        with pytest.raises((ValidationError, NotFound)):
            attest.check(changed, store)


def test_qr_from_untrusted_signer_fails(store, me, other):
    ident, key = identity.signing_key(other, SECRET)
    text = attest.make({"r": "x"}, ident, key)
    with pytest.raises(NotFound, match="not a trusted signer"):
        attest.check(text, store)


def test_signed_pdf_verifies(store, me):
    ident, key = me
    signed = pdfsign.sign(small_pdf(), ident, key, reason="现场检查记录", qr_text="INSP1.a.b")
    result = pdfsign.verify(signed, store, "r.pdf")
    assert result.signer.name == "张伟" and result.qr_text == "INSP1.a.b"


def test_pdf_changed_byte_fails(store, me):
    ident, key = me
    signed = bytearray(pdfsign.sign(small_pdf(), ident, key, reason="r"))
    at = signed.index(b"ReportLab")
    signed[at] = ord("X")
    with pytest.raises(ValidationError, match="changed after signing"):
        pdfsign.verify(bytes(signed), store, "r.pdf")


def test_pdf_incremental_update_after_signing_fails(store, me):
    ident, key = me
    signed = pdfsign.sign(small_pdf(), ident, key, reason="r")
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ValidationError, match="does not cover the whole file"):
        pdfsign.verify(out.getvalue(), store, "r.pdf")


def test_pdf_untrusted_signer_fails_until_trusted(store, me, other):
    ident, key = identity.signing_key(other, SECRET)
    signed = pdfsign.sign(small_pdf(), ident, key, reason="自查报告")
    with pytest.raises(ValidationError, match="not a trusted signer"):
        pdfsign.verify(signed, store, "r.pdf")
    identity.trust(store, identity.export_public(other))
    assert pdfsign.verify(signed, store, "r.pdf").signer.role == "company"


def test_pdf_unsigned_truncated_and_not_pdf(store, me):
    with pytest.raises(ValidationError, match="no signature"):
        pdfsign.verify(small_pdf(), store, "r.pdf")
    ident, key = me
    signed = pdfsign.sign(small_pdf(), ident, key, reason="r")
    with pytest.raises(ValidationError):
        pdfsign.verify(signed[: len(signed) // 2], store, "r.pdf")
    with pytest.raises(ValidationError, match="not a PDF"):
        pdfsign.verify(b"PK\x03\x04", store, "r.pdf")
