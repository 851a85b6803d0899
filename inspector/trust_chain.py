"""Trust that scales: a bureau certifies its inspectors, an inspector enrols companies.

A certification is a statement signed by a supervisor's (a bureau's) key: this
certificate, with this fingerprint, is an inspector of this org. An enrolment is
the same statement signed by an inspector's key about a company's certificate,
bound to its credit code, after comparing fingerprints in person. Each is a
change-log entry (entity `certification`, op `create`, carrying the statement, its
signature and the certificate it names), so it travels in bundles.

A store trusts the identities it trusts directly (`keys trust`, and itself), the
inspectors certified by a supervisor it trusts directly, and the companies enrolled
by an inspector it trusts either way. One level each: a certified identity certifies
no one further. `trusted_signers` is the one answer every signature check asks.
"""

import functools
import json
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from . import ids
from .authorization import COMPANY, INSPECTOR, SUPERVISOR
from .digest import canonical
from .errors import NotFound, ValidationError
from .i18n import t
from .identity import (
    USCC_OID,
    Identity,
    _name_part,
    _parse_certificate,
    examine,
    fingerprint,
    normalise_fingerprint,
    signer_keys,
    signing_key,
)
from .store import Store

ISSUER_ROLE = {INSPECTOR: SUPERVISOR, COMPANY: INSPECTOR}  # who vouches for whom


@dataclass
class Certification:
    """A statement as a store holds it or a bundle carries it (entry data)."""

    statement: dict
    signature: str
    certificate: str  # PEM of the identity the statement names

    @classmethod
    def from_data(cls, data: dict) -> "Certification | None":
        try:
            return cls(dict(data["statement"]), str(data["signature"]), str(data["certificate"]))
        except (KeyError, TypeError, ValueError):
            return None

    def data(self) -> dict:
        return {"statement": self.statement, "signature": self.signature,
                "certificate": self.certificate}


def valid_subject(cert: Certification) -> Identity | None:
    """The identity a statement names, if its certificate says what the statement
    says (fingerprint, id, role, org, a company's credit code); no signature checked."""
    s = cert.statement
    try:
        pem = _parse_certificate(cert.certificate)
    except ValueError:
        return None
    role = _name_part(pem, NameOID.ORGANIZATIONAL_UNIT_NAME)
    if role not in ISSUER_ROLE or s.get("role") != role \
            or s.get("fingerprint") != fingerprint(pem) \
            or s.get("identity_id") != _name_part(pem, NameOID.USER_ID) \
            or s.get("org") != _name_part(pem, NameOID.ORGANIZATION_NAME) \
            or s.get("uscc") != _name_part(pem, USCC_OID):
        return None
    return Identity(s["identity_id"], _name_part(pem, NameOID.COMMON_NAME), role,
                    s.get("org"), pem, True)


def signed_by(cert: Certification, issuer_pem: str | x509.Certificate) -> bool:
    """Whether the key of `issuer_pem` signed the statement's canonical text."""
    issuer = issuer_pem if isinstance(issuer_pem, x509.Certificate) else \
        _parse_certificate(issuer_pem)
    return _holds(issuer, cert.signature, canonical(cert.statement))


# every import asks again about the same statements: each is checked once per process
@functools.lru_cache(maxsize=4096)
def _holds(issuer: x509.Certificate, signature: str, text: str) -> bool:
    try:
        issuer.public_key().verify(bytes.fromhex(signature), text.encode("utf-8"),
                                   ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError):
        return False
    return True


def stored(store: Store) -> list[Certification]:
    rows = store.conn.execute("SELECT statement, signature, certificate FROM certifications "
                              "ORDER BY issued_at, id")
    return [Certification(json.loads(r[0]), r[1], r[2]) for r in rows]


@dataclass(frozen=True)
class _Read:
    """What trusted_signers needs of a statement, read once per process."""

    role: str | None
    issuer_fingerprint: str | None
    issuer_id: str | None
    subject: Identity | None  # None: the certificate does not say what the statement says
    subject_fingerprint: str | None
    text: str  # the canonical text its signature is over
    signature: str


# A county holds thousands of statements and every import asks about all of them:
# each is parsed and held to its certificate once per process, and each signature
# checked once per issuer. Keyed by what they are made of (a row by its id and
# signature: a row is never changed), so a cached answer is the same answer.
_READS: dict[tuple[str, str], _Read] = {}
_SIGNED: dict[tuple[str, str, str], bool] = {}
CACHED = 65536  # entries each; past that the caches start again


def _read(text: str, signature: str, certificate: str) -> _Read:
    statement = json.loads(text)
    subject = valid_subject(Certification(statement, signature, certificate))
    return _Read(statement.get("role"), statement.get("issuer_fingerprint"),
                 statement.get("issuer_id"), subject, subject and subject.fingerprint, text,
                 signature)


def _statements(store: Store, offered: list[Certification]) -> list[_Read]:
    rows = store.conn.execute("SELECT id, signature FROM certifications "
                              "ORDER BY issued_at, id").fetchall()
    missing = [row[0] for row in rows if row not in _READS]
    if len(_READS) + len(missing) > CACHED:
        _READS.clear()
        missing = [row[0] for row in rows]
    for start in range(0, len(missing), 500):
        batch = missing[start:start + 500]
        for key, text, signature, certificate in store.conn.execute(
                "SELECT id, statement, signature, certificate FROM certifications WHERE id IN "
                f"({','.join('?' * len(batch))})", batch):
            _READS[key, signature] = _read(text, signature, certificate)
    return [_READS[row] for row in rows] + \
        [_read(canonical(c.statement), c.signature, c.certificate) for c in offered]


def _signed(issuer: Identity, read: _Read) -> bool:
    key = (issuer.fingerprint, read.signature, read.text)
    if key not in _SIGNED:
        if len(_SIGNED) >= CACHED:
            _SIGNED.clear()
        _SIGNED[key] = _holds(issuer.certificate, read.signature, read.text)
    return _SIGNED[key]


def trusted_signers(store: Store, offered: list[Certification] = ()) -> list[Identity]:
    """Everyone whose signature this store accepts: trusted directly, certified by a
    directly trusted supervisor, or enrolled by an inspector trusted either way.
    `offered`: statements a bundle carries, honoured on the same terms."""
    direct = signer_keys(store)  # with the keys they rotated away from (identity_keys)
    signers = {i.fingerprint: i for i in direct}
    statements = _statements(store, offered)
    for role, issuers in ((INSPECTOR, direct), (COMPANY, None)):
        vouching = [i for i in (issuers if issuers is not None else signers.values())
                    if i.role == ISSUER_ROLE[role]]
        by_fp = {i.fingerprint: i for i in vouching}
        for read in statements:
            issuer = by_fp.get(read.issuer_fingerprint)
            if issuer and read.role == role and read.subject and \
                    read.issuer_id == issuer.id and \
                    read.subject_fingerprint not in signers and _signed(issuer, read):
                signers[read.subject_fingerprint] = read.subject
    return list(signers.values())


def find_signer(store: Store, fp_prefix: str) -> Identity:
    """A signer this store accepts, by (a prefix of) its certificate fingerprint."""
    matches = [i for i in trusted_signers(store) if i.fingerprint.startswith(fp_prefix.lower())]
    if len(matches) != 1:
        raise NotFound(t("identity.unknown_signer", fp=fp_prefix))
    return matches[0]


def vouched(store: Store) -> list[dict]:
    """Every statement held, for people: who vouched for whom, and whether it counts here."""
    counted = {i.fingerprint for i in trusted_signers(store)}
    rows = []
    for cert in stored(store):
        s = cert.statement
        rows.append({**{k: s.get(k) for k in ("identity_id", "role", "name", "org", "uscc",
                                                 "fingerprint", "issuer_name",
                                                 "issuer_fingerprint",
                                                 "issued_at")},
                     "honoured": s.get("fingerprint") in counted})
    return rows


def vouch(store: Store, data: bytes, path: str, *, expected: str,
          code: str | None = None, secret: str | None = None) -> Certification:
    """Certify an inspector (this store: a supervisor) or enrol a company (this store:
    an inspector, `code` its credit code as the company showed it), once the person
    compared `expected` with the certificate's fingerprint; recorded and signed."""
    offered = examine(store, data, path)
    me, key = signing_key(store, secret)
    wanted = {SUPERVISOR: INSPECTOR, INSPECTOR: COMPANY}.get(me.role)
    if offered.role != wanted:
        raise ValidationError(t("vouch.wrong_role", mine=t(f"actor.{me.role}"),
                                theirs=t(f"actor.{offered.role}")), path=path)
    if not offered.fingerprint.startswith(normalise_fingerprint(expected)):
        raise ValidationError(t("identity.fingerprint_mismatch",
                                fp=offered.fingerprint[:16], given=expected), path=path)
    held = _name_part(offered.certificate, USCC_OID)
    if wanted == COMPANY and (not code or code.strip().upper() != held):
        raise ValidationError(t("vouch.code_mismatch", given=code or "-", held=held or "-"),
                              path=path)
    statement = {"identity_id": offered.identity_id, "name": offered.name, "role": offered.role,
                 "org": offered.org, "uscc": held, "fingerprint": offered.fingerprint,
                 "issuer_id": me.id, "issuer_name": me.name, "issuer_fingerprint": me.fingerprint,
                 "issued_at": ids.now()}
    signature = key.sign(canonical(statement).encode("utf-8"), ec.ECDSA(hashes.SHA256())).hex()
    made = Certification(statement, signature,
                         offered.certificate.public_bytes(serialization.Encoding.PEM).decode())
    with store.transaction():
        store.record("certification", ids.uuid7(), "create", made.data())
    return made
