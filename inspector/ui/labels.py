"""Display names for the stable English values of the store (status, kind, severity).

Marked with QT_TRANSLATE_NOOP so lupdate finds them; translated when shown,
so a language switch takes effect without a restart.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, QTimeZone

from .. import ids, rectification_rules

CONTEXT = "Labels"

STATUS = {
    "draft": QT_TRANSLATE_NOOP("Labels", "Draft"),
    "completed": QT_TRANSLATE_NOOP("Labels", "Completed"),
    "signed": QT_TRANSLATE_NOOP("Labels", "Signed"),
}
KIND = {
    "inspection": QT_TRANSLATE_NOOP("Labels", "On-site inspection"),
    "self_check": QT_TRANSLATE_NOOP("Labels", "Self-check"),
}
SEVERITY = {
    "critical": QT_TRANSLATE_NOOP("Labels", "Critical"),
    "major": QT_TRANSLATE_NOOP("Labels", "Major"),
    "minor": QT_TRANSLATE_NOOP("Labels", "Minor"),
    "info": QT_TRANSLATE_NOOP("Labels", "Info"),
}
ROLE = {
    "inspector": QT_TRANSLATE_NOOP("Labels", "Inspector"),
    "representative": QT_TRANSLATE_NOOP("Labels", "Subject's representative"),
    "company": QT_TRANSLATE_NOOP("Labels", "Company"),
    "supervisor": QT_TRANSLATE_NOOP("Labels", "Supervisor"),
    "witness": QT_TRANSLATE_NOOP("Labels", "Witness"),
}
# what a bundle's records are, by the change log's entity names
ENTITY = {
    "subject": QT_TRANSLATE_NOOP("Labels", "subjects"),
    "inspection": QT_TRANSLATE_NOOP("Labels", "inspections"),
    "answer": QT_TRANSLATE_NOOP("Labels", "answers"),
    "evidence": QT_TRANSLATE_NOOP("Labels", "photos"),
    "signature": QT_TRANSLATE_NOOP("Labels", "signatures"),
    "rectification": QT_TRANSLATE_NOOP("Labels", "rectification items"),
    "rectification_event": QT_TRANSLATE_NOOP("Labels", "rectification updates"),
    "checklist": QT_TRANSLATE_NOOP("Labels", "checklists"),
    "identity": QT_TRANSLATE_NOOP("Labels", "identities"),
    "certification": QT_TRANSLATE_NOOP("Labels", "certifications and enrolments"),
    "revocation": QT_TRANSLATE_NOOP("Labels", "key revocations"),
    "number_block": QT_TRANSLATE_NOOP("Labels", "blocks of document numbers"),
    "document": QT_TRANSLATE_NOOP("Labels", "numbered documents"),
    "service": QT_TRANSLATE_NOOP("Labels", "proofs of service"),
    "campaign": QT_TRANSLATE_NOOP("Labels", "campaigns"),
    "campaign_matter": QT_TRANSLATE_NOOP("Labels", "check matters"),
    "officer": QT_TRANSLATE_NOOP("Labels", "officers"),
    "subject_flag": QT_TRANSLATE_NOOP("Labels", "marks on subjects"),
    "draw": QT_TRANSLATE_NOOP("Labels", "draws"),
    "task": QT_TRANSLATE_NOOP("Labels", "tasks"),
    "credit_penalty": QT_TRANSLATE_NOOP("Labels", "penalty decisions"),
    "credit_proposal": QT_TRANSLATE_NOOP("Labels", "listing proposals"),
    "credit_notice": QT_TRANSLATE_NOOP("Labels", "notices of intended listing"),
    "credit_statement": QT_TRANSLATE_NOOP("Labels", "statements of the party"),
    "credit_decision": QT_TRANSLATE_NOOP("Labels", "listing decisions"),
    "credit_repair": QT_TRANSLATE_NOOP("Labels", "credit repairs"),
    "manual_figure": QT_TRANSLATE_NOOP("Labels", "report figures entered by hand"),
    "typical_case": QT_TRANSLATE_NOOP("Labels", "typical cases"),
}
RECT_STATUS = {  # in rectification_rules.STATUSES' order
    rectification_rules.OPEN: QT_TRANSLATE_NOOP("Labels", "Open"),
    rectification_rules.SUBMITTED: QT_TRANSLATE_NOOP("Labels", "Submitted"),
    rectification_rules.CLOSED: QT_TRANSLATE_NOOP("Labels", "Closed"),
    rectification_rules.REOPENED: QT_TRANSLATE_NOOP("Labels", "Reopened"),
    rectification_rules.TRANSFERRED: QT_TRANSLATE_NOOP("Labels", "Transferred"),
}


def _label(table: dict, value: str | None) -> str:
    if value not in table:
        return value or ""
    return QCoreApplication.translate(CONTEXT, table[value])


def status(value):
    return _label(STATUS, value)


def record_status(row: dict) -> str:
    """An inspection's status, marked when a correction superseded it (row["superseded"])
    or when it is a correction itself (row["corrects"])."""
    if row.get("superseded"):
        mark = QT_TRANSLATE_NOOP("Labels", "%1 · superseded")
    elif row.get("corrects"):
        mark = QT_TRANSLATE_NOOP("Labels", "%1 · correction")
    else:
        return status(row["status"])
    return QCoreApplication.translate(CONTEXT, mark).replace("%1", status(row["status"]))


def kind(value):
    return _label(KIND, value)


def severity(value):
    return _label(SEVERITY, value)


def role(value):
    return _label(ROLE, value)


def entity(value):
    return _label(ENTITY, value)


def rect_status(value, overdue: bool = False):
    """A rectification item's status, with "(overdue)" when it is past its deadline."""
    text = _label(RECT_STATUS, value)
    if overdue:
        return QCoreApplication.translate("Labels", "%1 (overdue)").replace("%1", text)
    return text


def when(timestamp: str | None) -> str:
    """A stored UTC timestamp as 'YYYY-MM-DD HH:MM' Beijing time, whatever this machine's
    time zone: the days the filters, reports and deadlines mean are Beijing days."""
    return ids.local_time(timestamp)


def today() -> QDate:
    """Today's Beijing date, for date pickers."""
    return QDate.fromString(ids.today(), Qt.DateFormat.ISODate)


# ids.BEIJING for Qt: date-time pickers show and take Beijing time, as `when` shows it
BEIJING = QTimeZone.fromSecondsAheadOfUtc(int(ids.BEIJING.utcoffset(None).total_seconds()))
