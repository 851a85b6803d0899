"""Issuing a signed report: QR statement, PDF, PAdES signature, then the record frozen;
and verifying one, as a doubter would: signed is not enough, the signer must be the
statement's issuer and someone who may issue that document.

The QR statement vouches for the report's content hash, so anyone holding the
store's records (or a trusted copy) can check the printed report against them.
"""

from dataclasses import dataclass
from pathlib import Path

from . import attest, identity, ids, inspections, pdfsign
from .authorization import may_issue
from .digest import digest
from .errors import InspectorError, ValidationError
from .files import write_atomically
from .i18n import t
from .reports import render_inspection_report, report_content
from .store import Store


@dataclass
class Issued:
    path: Path
    qr_text: str
    content_hash: str
    signer: str
    frozen: bool


NAME_CHARS = 40  # of the subject's name in a QR statement; "h" covers the whole name
STATEMENT_TEXTS = ("r", "c", "n", "d", "k", "h", "f")


def statement(content: dict) -> dict:
    """The facts a QR code carries: short keys keep the code small enough for paper.
    A name longer than NAME_CHARS is cut with "…", so any report's code can be printed;
    the content hash still vouches for the whole name, as for everything else."""
    inspection, subject, summary = content["inspection"], content["subject"], content["summary"]
    name = subject["name"]
    if len(name) > NAME_CHARS:
        name = name[:NAME_CHARS - 1] + "…"
    facts = {"r": inspection["id"], "c": subject["uscc"], "n": name,
             "d": ids.local_date(inspection["started_at"]).isoformat(),
             "k": inspection["kind"],
             "s": {"a": summary["answered"], "x": summary["failed"],
                   "z": len(content["rectifications"])},
             "h": digest(content)}
    if inspection["draft"]:
        facts["draft"] = True
    return facts


# who issues each kind of document (the role a verifier can check from the statement alone)
def refuse_issuer(signer: identity.Identity, inspection: dict, path: str | None) -> None:
    """Raise, naming the file, unless `signer` may issue the report of `inspection`."""
    if not may_issue(signer, inspection):
        key = "report.not_issuer_" + ("self_check" if inspection["kind"] == "self_check"
                                      else "inspection")
        raise ValidationError(t(key, name=signer.name, role=signer.role), path=path)


def issue_report(store: Store, inspection_id: str, path: Path, *, secret: str | None = None,
                 lang: str = "zh") -> Issued:
    """Write the signed report of an inspection to `path`.

    A completed inspection is frozen (status signed) once its report is signed; a
    draft gets a report marked 草稿 on every page and stays open.
    """
    record = inspections.get(store, inspection_id)
    refuse_issuer(identity.own_identity(store), record, str(path))
    me, key = identity.signing_key(store, secret)
    content = report_content(store, record["id"])
    qr_text = attest.make(statement(content), me, key)
    pdf = render_inspection_report(store, record["id"], qr_text=qr_text, lang=lang)
    reason = t("report.reason_self_check" if record["kind"] == "self_check"
               else "report.reason_inspection")
    signed = pdfsign.sign(pdf, me, key, reason=reason, location=record["place"],
                          qr_text=qr_text)
    write_atomically(path, signed)
    frozen = record["status"] == "completed"
    if frozen:
        inspections.mark_signed(store, record["id"])
    return Issued(path, qr_text, digest(content), me.name,
                  frozen or record["status"] == "signed")


def matches_store(store: Store, facts: dict) -> bool | None:
    """Whether the store's records give the content hash the statement vouches for;
    None when the store does not hold that inspection."""
    try:
        content = report_content(store, facts["r"])
    except Exception:
        return None
    return digest(content) == facts.get("h")


@dataclass
class Statement:
    facts: dict
    issuer: identity.Identity
    held: bool  # whether this store holds the inspection (else only the role was checked)


@dataclass
class VerifiedReport:
    pdf: pdfsign.Verified
    statement: Statement


def well_formed(facts: dict) -> bool:
    """Each fact a statement carries is of the type statement() gives it."""
    counts = facts.get("s", {})
    return all(isinstance(facts.get(key, ""), str) for key in STATEMENT_TEXTS) and \
        isinstance(counts, dict) and \
        all(type(n) is int and abs(n) < 10**9 for n in counts.values()) and \
        isinstance(facts.get("draft", False), bool)


def check_statement(store: Store, text: str, path: str | None = None, *,
                    in_signed_pdf: bool = False) -> Statement:
    """A QR statement verifies if a trusted signer issued it and may issue that report.
    `in_signed_pdf`: the text came from a verified PDF, whose signature vouches for
    its bytes, so an older report's high-S statement is accepted there."""
    try:
        facts, issuer = attest.check(text, store, high_s=in_signed_pdf)
    except InspectorError as exc:
        raise type(exc)(exc.message, path=path) from None
    if not well_formed(facts):
        raise ValidationError(t("qr.malformed"), path=path)
    try:
        record = inspections.get(store, str(facts.get("r")))
    except InspectorError:
        record = None
    if record is not None and record["id"] != facts.get("r"):
        record = None  # the statement names a whole id; a prefix match is another record
    refuse_issuer(issuer, record or {"kind": facts.get("k")}, path)
    # a statement bears only the inspection's day: it was signed no earlier than that
    # day began, so one whose day began after its key's end is refused
    try:
        earliest = ids.day_span(str(facts.get("d")))[0]
    except (ValueError, OverflowError):  # not a day, or a day at the end of the calendar
        earliest = None
    late = identity.late_use(store.conn, issuer.fingerprint, earliest)
    if late:
        raise ValidationError(late, path=path)
    return Statement(facts, issuer, record is not None)


def verify_report(store: Store, pdf: bytes, path: str) -> VerifiedReport:
    """A report verifies if its signature is intact, covers the whole file and is by a
    trusted signer; it carries a QR statement issued by that same signer; and the
    signer may issue that report. Each refusal names the file and the reason."""
    signed = pdfsign.verify(pdf, store, path)
    if not signed.qr_text:
        raise ValidationError(t("report.no_statement"), path=path)
    statement = check_statement(store, signed.qr_text, path, in_signed_pdf=True)
    issuer = statement.issuer
    if issuer.fingerprint != signed.signer.fingerprint:
        raise ValidationError(t("report.signer_not_issuer", signer=signed.signer.name,
                                signer_fp=signed.signer.fingerprint[:16], issuer=issuer.name,
                                issuer_fp=issuer.fingerprint[:16]), path=path)
    # the time inside the PAdES signature: the QR statement's date is the inspection's
    late = identity.late_use(store.conn, signed.signer.fingerprint, signed.signed_at)
    if late:
        raise ValidationError(late, path=path)
    return VerifiedReport(signed, statement)
