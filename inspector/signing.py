"""Issuing a signed report: QR statement, PDF, PAdES signature, then the record frozen.

The QR statement vouches for the report's content hash, so anyone holding the
store's records (or a trusted copy) can check the printed report against them.
"""

from dataclasses import dataclass
from pathlib import Path

from . import attest, identity, ids, inspections, pdfsign
from .digest import digest
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


def statement(content: dict) -> dict:
    """The facts a QR code carries: short keys keep the code small enough for paper."""
    inspection, subject, summary = content["inspection"], content["subject"], content["summary"]
    facts = {"r": inspection["id"], "c": subject["uscc"], "n": subject["name"],
             "d": ids.local_date(inspection["started_at"]).isoformat(),
             "k": inspection["kind"],
             "s": {"a": summary["answered"], "x": summary["failed"],
                   "z": len(content["rectifications"])},
             "h": digest(content)}
    if inspection["draft"]:
        facts["draft"] = True
    return facts


def issue_report(store: Store, inspection_id: str, path: Path, *, secret: str | None = None,
                 lang: str = "zh") -> Issued:
    """Write the signed report of an inspection to `path`.

    A completed inspection is frozen (status signed) once its report is signed; a
    draft gets a report marked 草稿 on every page and stays open.
    """
    me, key = identity.signing_key(store, secret)
    record = inspections.get(store, inspection_id)
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
