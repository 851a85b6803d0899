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
from .digest import canonical
from .errors import InspectorError, NotFound, ValidationError
from .i18n import t
from .passphrase_strength import check_new_passphrase
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

    @functools.cached_property  # asked for every signer of every import: once per object
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


# sized for a county: a few dozen inspectors and thousands of enrolled companies
CERTIFICATES_CACHED = 16384


@functools.lru_cache(maxsize=CERTIFICATES_CACHED)
def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate, hex; what people compare when they trust it."""
    return cert.fingerprint(hashes.SHA256()).hex()


# certificates are parsed once per process: an import of many bundles checks the
# same few signers again and again
@functools.lru_cache(maxsize=CERTIFICATES_CACHED)
def _parse_certificate(pem: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem.encode("ascii"))


@functools.lru_cache(maxsize=CERTIFICATES_CACHED)
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
                  kdf: dict | None = None, code: str | None = None,
                  badge: str | None = None) -> Identity:
    """Give the store its identity (or complete one made without keys, as by demo).
    A company's identity is bound to its credit code `code`; no one else has one.
    An inspector's `badge` (执法证号) goes with the identity and onto the inspections
    they start."""
    if role not in ROLES:
        raise ValidationError(t("identity.bad_role", role=role, known=", ".join(ROLES)))
    if role == "company" and not code:
        raise ValidationError(t("identity.needs_code"))
    if role != "company" and code:
        raise ValidationError(t("identity.code_not_company"))
    code = uscc.validate(code) if code else None
    badge = (badge or "").strip() or None
    if badge and role != "inspector":
        raise ValidationError(t("identity.badge_not_inspector"))
    if not name.strip():
        raise ValidationError(t("identity.no_name"))
    if len(secret) < 8:
        raise ValidationError(t("identity.short_passphrase"))
    check_new_passphrase(secret, [name, org, code])
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
            "fingerprint": fingerprint(cert), **({"uscc": code} if code else {}),
            **({"badge": badge} if badge else {})})
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


def own_badge(store: Store) -> str | None:
    """The store's officer's own 执法证号, if their identity has one."""
    row = store.conn.execute("SELECT badge FROM identities WHERE id = ?",
                             (store.setting("identity_id"),)).fetchone()
    return row[0] if row else None


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
    _refuse_revoked(store, identity)
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


def _refuse_revoked(store: Store, identity: Identity) -> None:
    """A key revoked (by its bureau, say, in a bundle imported here) signs nothing more:
    whatever it signed would be refused everywhere, so refuse it here, plainly."""
    end = key_end(store.conn, identity.fingerprint)
    if end is not None and end[1] == "revoked":
        raise InspectorError(t("identity.own_revoked", fp=show_fingerprint(
            identity.fingerprint[:16]), when=ids.local_time(end[0]), reason=end[2] or "-"))


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


# --- rotating and revoking -------------------------------------------------------
# A key's end: rotated (valid_until, the rotation statement's time) or revoked
# (revoked_at). Anything it signed with a later time is refused; earlier stays valid.
# identity_keys is derived from the log (rotation and revocation entries), like a table.


def rotation_statement(identity_id: str, old_fp: str, new_fp: str, at: str) -> dict:
    """What the old key signs: this identity moves from key `old_fp` to `new_fp` at `at`."""
    return {"kind": "rotation", "identity_id": identity_id, "from": old_fp, "to": new_fp,
            "at": at}


def rotate(store: Store, secret: str | None = None) -> Identity:
    """A new key pair and certificate for the same identity, announced by a statement
    signed with the old key; the new key is sealed under the same passphrase."""
    secret = passphrase() if secret is None else secret
    me, old_key = signing_key(store, secret)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _certificate(key, me.id, me.name, me.role, me.org, me.uscc)
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    statement = rotation_statement(me.id, me.fingerprint, fingerprint(cert), ids.now())
    signature = old_key.sign(canonical(statement).encode(), ec.ECDSA(hashes.SHA256())).hex()
    box = json.loads(store.setting("identity_key"))
    sealed = json.dumps(_seal(key, secret, {k: box[k] for k in ("n", "r", "p")}))
    old_pem = me.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
    with store.transaction():
        store.record("identity", me.id, "keys", {
            "name": me.name, "role": me.role, "org": me.org, "certificate": pem,
            "fingerprint": fingerprint(cert), **({"uscc": me.uscc} if me.uscc else {}),
            "rotation": {"statement": statement, "signature": signature,
                         "previous_certificate": old_pem}})
        store.set_setting("identity_key", sealed)
        store._author.pop(me.id, None)  # the store's author has a new certificate now
    return own_identity(store)


def valid_rotation(known_pem: str | None, record_id: str, data: dict) -> bool:
    """Whether `data` (an identity keys entry) carries a rotation from the certificate
    this store knows for the identity, signed by that certificate's key, to a
    certificate for the same identity, name, role, organisation and credit code."""
    rotation = data.get("rotation")
    if not known_pem or not isinstance(rotation, dict):
        return False
    try:
        old = _parse_certificate(known_pem)
        new = _parse_certificate(data["certificate"])
        statement = rotation["statement"]
        expected = rotation_statement(record_id, fingerprint(old), fingerprint(new),
                                      statement["at"])
        if statement != expected or rotation["previous_certificate"] != known_pem or \
                data.get("fingerprint") != fingerprint(new) or \
                _name_part(new, NameOID.USER_ID) != record_id or \
                any(_name_part(old, oid) != _name_part(new, oid) for oid in (
                    NameOID.COMMON_NAME, NameOID.ORGANIZATIONAL_UNIT_NAME,
                    NameOID.ORGANIZATION_NAME, USCC_OID)):
            return False
        _public_key(old).verify(bytes.fromhex(rotation["signature"]),
                                canonical(statement).encode(), ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, KeyError, TypeError, ValueError):
        return False
    return True


def rotated_signers(known: dict[str, Identity], entries: list[dict],
                    conn) -> dict[str, Identity]:
    """Keys a bundle's own rotation entries introduce, each signed by a key `known`
    (trusted here, or introduced earlier in the chain) before that key's end."""
    found: dict[str, Identity] = {}
    rotations = [e for e in entries if isinstance(e, dict) and e.get("entity") == "identity"
                 and isinstance(e.get("data"), dict) and "rotation" in e["data"]]
    for _ in rotations:  # each pass may add one more link of a chain of rotations
        before = len(found)
        for entry in rotations:
            data = entry["data"]
            statement = data["rotation"].get("statement") if isinstance(
                data["rotation"], dict) else None
            old = {**known, **found}.get(statement.get("from")) if isinstance(
                statement, dict) else None
            if old is None or old.id != entry.get("record_id") or data.get(
                    "fingerprint") in found:
                continue
            old_pem = old.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
            if valid_rotation(old_pem, old.id, data) and late_use(
                    conn, old.fingerprint, data["rotation"]["statement"]["at"]) is None:
                found[data["fingerprint"]] = Identity(
                    old.id, old.name, old.role, old.org,
                    _parse_certificate(data["certificate"]), True)
        if len(found) == before:
            break
    return found


def signer_keys(store: Store) -> list[Identity]:
    """Every key of a trusted identity: its current one and those it rotated away from
    (still good for what they signed before their end)."""
    current = trusted_identities(store)
    by_id = {i.id: i for i in current}
    rows = store.conn.execute("SELECT identity_id, certificate FROM identity_keys WHERE "
                              "certificate IS NOT NULL ORDER BY fingerprint").fetchall()
    older = []
    for identity_id, pem in rows:
        holder = by_id.get(identity_id)
        if holder is not None and fingerprint(_parse_certificate(pem)) != holder.fingerprint:
            older.append(Identity(holder.id, holder.name, holder.role, holder.org,
                                  _parse_certificate(pem), True))
    return current + older


def key_end(conn, fp: str) -> tuple[str, str, str | None] | None:
    """When a key stopped being good: (time, "revoked" or "rotated", reason), the
    earlier of its revocation and its rotation; None while it is good."""
    row = conn.execute("SELECT valid_until, revoked_at, reason FROM identity_keys "
                       "WHERE fingerprint = ?", (fp,)).fetchone()
    if row is None:
        return None
    ends = [(at, kind) for at, kind in ((row[1], "revoked"), (row[0], "rotated")) if at]
    if not ends:
        return None
    at, kind = min(ends, key=lambda end: _moment(end[0]))
    return at, kind, row[2]


def late_use(conn, fp: str, at: str | None) -> str | None:
    """Why something signed by key `fp` at time `at` is refused (a message naming the
    key and its end), or None if the key was good then. No time given, and the key
    has ended: refused, as nobody can tell."""
    end = key_end(conn, fp)
    if end is None:
        return None
    when, kind, reason = end
    try:
        late, shown = at is None or _moment(at) > _moment(when), ids.local_time(at) or "?"
    except ValueError:
        late, shown = True, at
    if not late:
        return None
    return t(f"identity.{kind}_use", fp=show_fingerprint(fp[:16]), when=ids.local_time(when),
             at=shown, reason=reason or "-")


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass
class Revoked:
    identity_id: str
    name: str
    fingerprint: str
    revoked_at: str
    rotated_to: Identity | None  # the store's new identity when it revoked its own key


def revoke(store: Store, fp_prefix: str | None = None, reason: str | None = None,
           secret: str | None = None) -> Revoked:
    """Revoke a key from now on: this store's own current key (no fingerprint; a new
    key takes its place first, so the store can go on signing), one it rotated away
    from, or, for a supervisor, its inspector's, for an inspector, a company's it
    enrolled. The revocation is
    an entry: it travels in bundles; the authorization table says who may write it."""
    me = own_identity(store)
    wanted = normalise_fingerprint(fp_prefix) if fp_prefix else me.fingerprint
    rows = store.conn.execute(
        "SELECT id, name, fingerprint FROM identities WHERE fingerprint LIKE ? || '%' UNION "
        "SELECT k.identity_id, i.name, k.fingerprint FROM identity_keys k JOIN identities i "
        "ON i.id = k.identity_id WHERE k.fingerprint LIKE ? || '%' UNION "
        # enrolled or certified here, never synced yet (a laptop stolen the same week)
        "SELECT identity_id, json_extract(statement, '$.name'), fingerprint FROM "
        "certifications WHERE fingerprint LIKE ? || '%' AND identity_id NOT IN "
        "(SELECT id FROM identities)", (wanted, wanted, wanted)).fetchall()
    if len({r[2] for r in rows}) != 1:
        raise NotFound(t("identity.unknown_signer", fp=show_fingerprint(wanted)))
    holder, name, fp = rows[0]
    rotated = rotate(store, secret) if fp == me.fingerprint else None
    # one's own key is revoked from the moment its successor took over; otherwise
    # from the revocation entry's own time
    since = {"revoked_at": key_end(store.conn, fp)[0]} if rotated else {}
    with store.transaction():
        store.record("revocation", ids.uuid7(), "create", {
            "identity_id": holder, "fingerprint": fp, **since,
            **({"reason": reason} if reason else {})})
    return Revoked(holder, name, fp, key_end(store.conn, fp)[0], rotated)


def revocations(store: Store) -> list[dict]:
    """Every key known here that was revoked, newest first."""
    return store.query(
        "SELECT k.identity_id, COALESCE(i.name, (SELECT json_extract(c.statement, '$.name') "
        "FROM certifications c WHERE c.fingerprint = k.fingerprint LIMIT 1)) AS name, "
        "k.fingerprint, k.revoked_at, k.revoked_by, k.reason "
        "FROM identity_keys k LEFT JOIN identities i ON i.id = k.identity_id "
        "WHERE k.revoked_at IS NOT NULL ORDER BY k.revoked_at DESC")
