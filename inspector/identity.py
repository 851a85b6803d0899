"""The store's identity: an ECDSA P-256 key pair and an X.509 certificate.

One key serves bundles, QR payloads and PDF signatures: P-256 is what PDF
readers verify. The private key never sits in the store in clear: it is
encrypted with AES-256-GCM under a key derived from the passphrase by scrypt
(memory-hard, unlike the 2,048-round PBKDF2 of BestAvailableEncryption).
Trusted signers are identities whose certificates were added with `trust`, once a
person checked the fingerprint; each trust decision is kept, append-only, in
trust_decisions (local, like the trust itself: it does not travel in bundles).
"""

import functools
import getpass
import json
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.x509.oid import NameOID

from . import ids, uscc
from .authorization import Author
from .errors import InspectorError, NotFound, ValidationError
from .i18n import t
from .store import Store

ROLES = ("inspector", "company", "supervisor")
SCRYPT = {"n": 2**15, "r": 8, "p": 1}  # 32 MiB, ~0.15 s: slow to guess, quick to unlock
CERT_YEARS = 5
# a company's unified social credit code rides in its certificate's serialNumber
# (2.5.4.5, the X.520 attribute for a registration number), binding key and company
USCC_OID = NameOID.SERIAL_NUMBER


@dataclass
class Identity:
    id: str
    name: str
    role: str
    org: str | None
    certificate: x509.Certificate | None
    trusted: bool

    @property
    def fingerprint(self) -> str | None:
        return fingerprint(self.certificate) if self.certificate else None

    @property
    def uscc(self) -> str | None:
        """A company's credit code, as its certificate binds it."""
        return _name_part(self.certificate, USCC_OID) if self.certificate else None

    def author(self) -> Author:
        """This identity as the authorization table sees it: what its certificate says."""
        return _author(self.id, self.certificate)

    def verify(self, signature: bytes, data: bytes) -> None:
        """Raises InvalidSignature unless this identity's key signed `data`."""
        _public_key(self.certificate).verify(signature, data, ec.ECDSA(hashes.SHA256()))


@functools.lru_cache(maxsize=256)  # asked once per device of every bundle imported
def _author(identity_id: str, cert: x509.Certificate) -> Author:
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    return Author(identity_id, _name_part(cert, NameOID.ORGANIZATIONAL_UNIT_NAME),
                  _name_part(cert, USCC_OID), _name_part(cert, NameOID.COMMON_NAME),
                  _name_part(cert, NameOID.ORGANIZATION_NAME), fingerprint(cert), pem)


@functools.lru_cache(maxsize=256)
def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate, hex; what people compare when they trust it."""
    return cert.fingerprint(hashes.SHA256()).hex()


# certificates are parsed once per process: an import of many bundles checks the
# same few signers again and again
@functools.lru_cache(maxsize=256)
def _parse_certificate(pem: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem.encode("ascii"))


@functools.lru_cache(maxsize=256)
def _public_key(cert: x509.Certificate):
    return cert.public_key()


def show_fingerprint(value: str) -> str:
    """Grouped for reading aloud over the phone: AB12 CD34 …"""
    return " ".join(value[i:i + 4].upper() for i in range(0, len(value), 4))


def passphrase(confirm: bool = False) -> str:
    """INSPECTOR_PASSPHRASE, or ask on the terminal."""
    value = os.environ.get("INSPECTOR_PASSPHRASE")
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise InspectorError(t("identity.no_passphrase"))
    value = getpass.getpass(t("identity.prompt"))
    if confirm and getpass.getpass(t("identity.prompt_again")) != value:
        raise ValidationError(t("identity.mismatch"))
    return value


# --- creating --------------------------------------------------------------------


def _certificate(key: ec.EllipticCurvePrivateKey, identity_id: str, name: str, role: str,
                 org: str | None, code: str | None = None) -> x509.Certificate:
    # the identity's record id rides in the certificate, so trusting a certificate
    # and later importing that identity's records meet on one row
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name),
                  x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, role),
                  x509.NameAttribute(NameOID.USER_ID, identity_id)]
    if org:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    if code:
        attributes.append(x509.NameAttribute(USCC_OID, code))
    subject = x509.Name(attributes)
    now = datetime.now(UTC)
    public = key.public_key()
    return (x509.CertificateBuilder()
            .subject_name(subject).issuer_name(subject).public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=365 * CERT_YEARS))
            # self-issued: it is its own trust anchor once someone trusts it
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_cert_sign=True,
                key_encipherment=False, data_encipherment=False, key_agreement=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .sign(key, hashes.SHA256()))


def _seal(key: ec.EllipticCurvePrivateKey, secret: str, params: dict) -> dict:
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = Scrypt(salt=salt, length=32, **params).derive(secret.encode("utf-8"))
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return {"kdf": "scrypt", **params, "salt": salt.hex(), "nonce": nonce.hex(),
            "cipher": "aes-256-gcm", "data": AESGCM(kek).encrypt(nonce, der, b"inspector").hex()}


def init_identity(store: Store, *, name: str, role: str, org: str | None, secret: str,
                  kdf: dict | None = None, code: str | None = None) -> Identity:
    """Give the store its identity (or complete one made without keys, as by demo).
    A company's identity is bound to its credit code `code`; no one else has one."""
    if role not in ROLES:
        raise ValidationError(t("identity.bad_role", role=role, known=", ".join(ROLES)))
    if role == "company" and not code:
        raise ValidationError(t("identity.needs_code"))
    if role != "company" and code:
        raise ValidationError(t("identity.code_not_company"))
    code = uscc.validate(code) if code else None
    if not name.strip():
        raise ValidationError(t("identity.no_name"))
    if len(secret) < 8:
        raise ValidationError(t("identity.short_passphrase"))
    current = own_identity(store, required=False)
    if current and current.certificate:
        raise ValidationError(t("identity.exists", name=current.name,
                                fp=show_fingerprint(current.fingerprint)))
    key = ec.generate_private_key(ec.SECP256R1())
    identity_id = current.id if current else ids.uuid7()
    org = org or None
    cert = _certificate(key, identity_id, name.strip(), role, org, code)
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    sealed = json.dumps(_seal(key, secret, kdf or SCRYPT))
    with store.transaction():
        store.set_setting("identity_id", identity_id)
        store.set_setting("identity_key", sealed)
        store.record("identity", identity_id, "keys", {
            "name": name.strip(), "role": role, "org": org, "certificate": pem,
            "fingerprint": fingerprint(cert), **({"uscc": code} if code else {})})
        # this device's history is this identity's: no import may extend it
        store.conn.execute("INSERT OR REPLACE INTO device_owners (device_id, identity_id) "
                           "VALUES (?, ?)", (store.device_id, identity_id))
        # we trust ourselves; trust is a local decision and does not travel
        store.conn.execute("UPDATE identities SET trusted = 1 WHERE id = ?", (identity_id,))
    return own_identity(store)


# --- reading ---------------------------------------------------------------------


def _row_to_identity(row: dict) -> Identity:
    cert = _parse_certificate(row["certificate"]) if row.get("certificate") else None
    return Identity(row["id"], row["name"], row["role"], row["org"], cert, bool(row["trusted"]))


def own_identity(store: Store, required: bool = True) -> Identity | None:
    identity_id = store.setting("identity_id")
    row = store.db["identities"].get(identity_id) if identity_id else None
    if row is None and required:
        raise InspectorError(t("identity.missing"))
    return _row_to_identity(row) if row else None


def signing_key(store: Store,
                secret: str | None = None) -> tuple[Identity, ec.EllipticCurvePrivateKey]:
    """The store's identity and its unlocked private key; a wrong passphrase is an error."""
    identity = own_identity(store)
    sealed = store.setting("identity_key")
    if not sealed or not identity.certificate:
        raise InspectorError(t("identity.no_keys"))
    box = json.loads(sealed)
    secret = passphrase() if secret is None else secret
    kek = Scrypt(salt=bytes.fromhex(box["salt"]), length=32, n=box["n"], r=box["r"],
                 p=box["p"]).derive(secret.encode("utf-8"))
    try:
        der = AESGCM(kek).decrypt(bytes.fromhex(box["nonce"]), bytes.fromhex(box["data"]),
                                  b"inspector")
    except InvalidTag:
        raise InspectorError(t("identity.wrong_passphrase")) from None
    return identity, serialization.load_der_private_key(der, password=None)


def trusted_identities(store: Store) -> list[Identity]:
    rows = store.db.query("SELECT * FROM identities WHERE trusted = 1 AND certificate IS NOT NULL "
                          "ORDER BY name")
    return [_row_to_identity(r) for r in rows]


# --- exchanging ------------------------------------------------------------------


def export_public(store: Store) -> bytes:
    identity = own_identity(store)
    if not identity.certificate:
        raise InspectorError(t("identity.no_keys"))
    return identity.certificate.public_bytes(serialization.Encoding.PEM)


def load_certificate(data: bytes, path: str) -> x509.Certificate:
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise ValidationError(t("identity.not_certificate"), path=path) from None


def _name_part(cert: x509.Certificate, oid) -> str | None:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else None


def describe_certificate(cert: x509.Certificate) -> dict:
    """What a certificate says about its holder, for people to compare before trusting."""
    return {"name": _name_part(cert, NameOID.COMMON_NAME),
            "role": _name_part(cert, NameOID.ORGANIZATIONAL_UNIT_NAME),
            "org": _name_part(cert, NameOID.ORGANIZATION_NAME),
            "fingerprint": fingerprint(cert)}


# --- trusting --------------------------------------------------------------------

CONFIRMATIONS = ("prompt", "fingerprint", "page", "unchecked")  # how a person checked
MIN_FINGERPRINT = 16  # hex digits someone must give: 64 bits, as in a QR statement


@dataclass
class Candidate:
    """A certificate offered for trust, checked and read, before anything is written."""
    certificate: x509.Certificate
    fingerprint: str
    pem: str
    name: str
    role: str
    org: str | None
    identity_id: str | None  # the identity the certificate claims to be
    on_record: str | None  # the fingerprint this store holds for that identity, if another


@dataclass
class Decision:
    """What trust() did: the identity now trusted and the decision recorded (None when
    the certificate was trusted already and nothing changed)."""
    identity: Identity
    decision: str | None
    previous_fingerprint: str | None = None


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as people write it (groups, colons, either case) to bare hex;
    at least MIN_FINGERPRINT digits, so a guess cannot match by chance."""
    value = "".join(text.split()).replace(":", "").lower()
    if len(value) < MIN_FINGERPRINT or any(c not in "0123456789abcdef" for c in value):
        raise ValidationError(t("identity.fingerprint_format", n=MIN_FINGERPRINT, given=text))
    return value


def examine(store: Store, data: bytes, path: str = "-") -> Candidate:
    """Read and check a certificate offered for trust; this store's own is refused."""
    cert = load_certificate(data, path)
    try:
        cert.verify_directly_issued_by(cert)  # self-issued and unaltered
    except (InvalidSignature, ValueError, TypeError) as exc:
        raise ValidationError(t("identity.bad_certificate", err=exc), path=path) from None
    if not isinstance(cert.public_key(), ec.EllipticCurvePublicKey):
        raise ValidationError(t("identity.bad_certificate", err="not ECDSA"), path=path)
    role = _name_part(cert, NameOID.ORGANIZATIONAL_UNIT_NAME)
    if role not in ROLES:
        raise ValidationError(t("identity.bad_role", role=role, known=", ".join(ROLES)),
                              path=path)
    fp = fingerprint(cert)
    claimed_id = _name_part(cert, NameOID.USER_ID)
    me = own_identity(store, required=False)
    if me is not None and (fp == me.fingerprint or claimed_id == me.id):
        raise ValidationError(t("identity.own_certificate"), path=path)
    held = store.conn.execute("SELECT fingerprint FROM identities WHERE id = ?",
                              (claimed_id,)).fetchone() if claimed_id else None
    on_record = held[0] if held and held[0] not in (None, fp) else None
    return Candidate(cert, fp, cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
                     _name_part(cert, NameOID.COMMON_NAME) or fp[:16], role,
                     _name_part(cert, NameOID.ORGANIZATION_NAME), claimed_id, on_record)


def trust(store: Store, data: bytes, path: str = "-", *, expected: str | None = None,
          confirmed: str | None = None) -> Decision:
    """Add a certificate to the trusted signers, if its fingerprint is `expected` (the
    whole or a prefix, as read out by its holder). A different certificate this store
    holds for the same identity (slipped in by someone else) is replaced: the one
    whose fingerprint was checked wins. Each change is recorded in the trust history.
    """
    offered = examine(store, data, path)
    if expected is not None and not offered.fingerprint.startswith(
            normalise_fingerprint(expected)):
        raise ValidationError(t("identity.fingerprint_mismatch",
                                fp=show_fingerprint(offered.fingerprint),
                                given=show_fingerprint(normalise_fingerprint(expected))),
                              path=path)
    confirmed = confirmed or ("fingerprint" if expected is not None else "unchecked")
    with store.transaction():
        store.touched("identity")  # trust is written here, not through the log
        row = store.conn.execute("SELECT id, trusted FROM identities WHERE fingerprint = ?",
                                 (offered.fingerprint,)).fetchone()
        if row and row[1]:
            return Decision(_row_to_identity(store.db["identities"].get(row[0])), None)
        decision = "replaced" if offered.on_record else "trusted"
        if row:
            identity_id = row[0]
            store.conn.execute("UPDATE identities SET trusted = 1, updated_at = ? WHERE id = ?",
                               (ids.now(), identity_id))
        elif offered.identity_id and store.db["identities"].count_where(
                "id = ?", [offered.identity_id]):
            identity_id = offered.identity_id  # known from its records; now trusted too
            store.conn.execute(
                "UPDATE identities SET trusted = 1, certificate = ?, fingerprint = ?, "
                "updated_at = ? WHERE id = ?",
                (offered.pem, offered.fingerprint, ids.now(), identity_id))
        else:
            identity_id = offered.identity_id or ids.uuid7()
            # the certificate says who it is; the identity's own log brings the rest
            store.db["identities"].insert({
                "id": identity_id, "name": offered.name, "role": offered.role,
                "org": offered.org, "certificate": offered.pem,
                "fingerprint": offered.fingerprint, "trusted": 1, **store.stamp()})
        _decided(store, identity_id, offered.name, decision, offered.fingerprint, confirmed,
                 previous=offered.on_record)
    return Decision(_row_to_identity(store.db["identities"].get(identity_id)), decision,
                    offered.on_record)


def distrust(store: Store, fp: str, confirmed: str = "fingerprint") -> Identity:
    """Take a trusted signer (by its fingerprint or a prefix of it) off the list."""
    wanted = normalise_fingerprint(fp)
    me = own_identity(store, required=False)
    matches = [i for i in trusted_identities(store) if i.fingerprint.startswith(wanted)]
    if len(matches) != 1:
        raise NotFound(t("identity.unknown_signer", fp=show_fingerprint(wanted)))
    signer = matches[0]
    if me is not None and signer.id == me.id:
        raise ValidationError(t("identity.own_distrust"))
    with store.transaction():
        store.touched("identity")
        store.conn.execute("UPDATE identities SET trusted = 0, updated_at = ? WHERE id = ?",
                           (ids.now(), signer.id))
        _decided(store, signer.id, signer.name, "distrusted", signer.fingerprint, confirmed)
    return _row_to_identity(store.db["identities"].get(signer.id))


def _decided(store: Store, identity_id: str, name: str, decision: str, fp: str,
             confirmed: str, previous: str | None = None) -> None:
    if confirmed not in CONFIRMATIONS:
        raise ValueError(f"unknown confirmation {confirmed!r}")
    store.conn.execute(
        "INSERT INTO trust_decisions (at, identity_id, name, decision, fingerprint, "
        "previous_fingerprint, decided_by, confirmed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (ids.now(), identity_id, name, decision, fp, previous, store.actor, confirmed))


def trust_history(store: Store) -> list[dict]:
    """Every trust decision this store made, oldest first."""
    return store.query("SELECT seq, at, identity_id, name, decision, fingerprint, "
                       "previous_fingerprint, decided_by, confirmed FROM trust_decisions "
                       "ORDER BY seq")
