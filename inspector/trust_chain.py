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


def trusted_signers(store: Store, offered: list[Certification] = ()) -> list[Identity]:
    """Everyone whose signature this store accepts: trusted directly, certified by a
    directly trusted supervisor, or enrolled by an inspector trusted either way.
    `offered`: statements a bundle carries, honoured on the same terms."""
    direct = signer_keys(store)  # with the keys they rotated away from (identity_keys)
    signers = {i.fingerprint: i for i in direct}
    statements = [*stored(store), *offered]
    for role, issuers in ((INSPECTOR, direct), (COMPANY, None)):
        vouching = [i for i in (issuers if issuers is not None else signers.values())
                    if i.role == ISSUER_ROLE[role]]
        by_fp = {i.fingerprint: i for i in vouching}
        for cert in statements:
            issuer = by_fp.get(cert.statement.get("issuer_fingerprint"))
            subject = issuer and cert.statement.get("role") == role and valid_subject(cert)
            if subject and cert.statement.get("issuer_id") == issuer.id and \
                    subject.fingerprint not in signers and signed_by(cert, issuer.certificate):
                signers[subject.fingerprint] = subject
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
        rows.append({**{k: s.get(k) for k in ("role", "name", "org", "uscc", "fingerprint",
                                                 "issuer_name", "issuer_fingerprint",
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
