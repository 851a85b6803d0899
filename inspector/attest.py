"""Compact signed statements for QR codes: what a report vouches for, offline.

    INSP1.<base64url(JSON payload)>.<base64url(ECDSA P-256 signature r||s)>

The signature covers the exact payload bytes. Decoding is strict (a text that
re-encodes differently is refused), so any changed character fails. ECDSA
signatures come in pairs, (r, s) and (r, n - s), both valid: only the low-S one
is made and accepted, so no signed statement has a second spelling.
"""

import base64
import binascii
import json
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from .errors import ValidationError
from .i18n import t
from .identity import Identity
from .trust_chain import find_signer

PREFIX = "INSP1"
FP_CHARS = 16  # 64 bits of the fingerprint: enough to pick the signer, short in a QR
MAX_PRINTED = 1000  # characters: beyond this a 32 mm code is too dense to scan
MAX_TEXT = 2953  # the most bytes any QR code holds (version 40, level L): longer is not one
# the order n of P-256's base point (FIPS 186-4, D.1.2.3)
ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValidationError(t("qr.malformed")) from None
    if _b64(data) != text:  # spare bits set or stray characters
        raise ValidationError(t("qr.malformed"))
    return data


def _is_fingerprint(value) -> bool:
    return isinstance(value, str) and re.fullmatch(f"[0-9a-f]{{{FP_CHARS}}}", value) is not None


def make(statement: dict, identity: Identity, key: ec.EllipticCurvePrivateKey) -> str:
    """Sign `statement` (small, JSON-serialisable) as `identity`."""
    payload = {**statement, "f": identity.fingerprint[:FP_CHARS]}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    raw = body.encode("utf-8")
    r, s = decode_dss_signature(key.sign(raw, ec.ECDSA(hashes.SHA256())))
    s = min(s, ORDER - s)  # the low-S twin: the one spelling check() accepts
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    text = f"{PREFIX}.{_b64(raw)}.{_b64(signature)}"
    if len(text) > MAX_PRINTED:
        raise ValidationError(t("qr.too_long", n=len(text)))
    return text


def check(text: str, store, *, high_s: bool = False) -> tuple[dict, Identity]:
    """Verify a QR text against the store's trusted signers; return (statement, signer).

    `high_s` also accepts the high-S twin of a signature, which statements made
    before signing went low-S have half the time: only for a text whose bytes
    something else vouches for (the signed PDF that carries it)."""
    parts = text.strip().split(".") if len(text) <= MAX_TEXT else []
    if len(parts) != 3 or parts[0] != PREFIX:
        raise ValidationError(t("qr.malformed"))
    raw, signature = _unb64(parts[1]), _unb64(parts[2])
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # huge numbers, deep nesting
        raise ValidationError(t("qr.malformed")) from None
    if not isinstance(payload, dict) or not _is_fingerprint(payload.get("f")) \
            or len(signature) != 64:
        raise ValidationError(t("qr.malformed"))
    signer = find_signer(store, payload["f"])
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    if s > ORDER // 2 and not high_s:
        raise ValidationError(t("qr.high_s"))
    der = encode_dss_signature(r, s)
    try:
        signer.verify(der, raw)
    except InvalidSignature:
        raise ValidationError(t("qr.bad_signature", name=signer.name)) from None
    return payload, signer
