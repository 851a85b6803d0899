"""What the signed on-site record (现场检查笔录) states besides the answers.

Each officer's 执法证号, the party's representative and statement (当事人意见),
the recorder (记录人, one of the officers), the party's refusal to sign (拒签,
then a witness signs instead) and whether it asked for an officer's withdrawal (回避,
the record states it was told of that right). Only an inspection has them, not a self-check; they
are written as one `inspection/record` entry carrying the whole set and the entry
it replaces (`base`), so concurrent edits settle like answers do.
"""

import json

from .errors import ValidationError
from .i18n import t
from .inspections import draft_to_change, get
from .store import Store

BADGE_SEPARATORS = (":", "：")
MAX_TEXT = 4000


def parse_officer(text: str) -> tuple[str, str | None]:
    """`张伟:33010012345` (or a full-width colon) -> (name, badge); a bare name has none."""
    for separator in BADGE_SEPARATORS:
        if separator in text:
            name, badge = text.split(separator, 1)
            return name.strip(), badge.strip() or None
    return text.strip(), None


def clean_badges(badges: dict, inspectors: list[str]) -> dict[str, str]:
    """The badge numbers of the named officers, stripped; a name not on the record is
    refused (the number would print beside nobody)."""
    cleaned = {}
    for name, number in (badges or {}).items():
        if name not in inspectors:
            raise ValidationError(t("onsite.badge_unknown", name=name,
                                    inspectors="、".join(inspectors)))
        if number is not None and str(number).strip():
            cleaned[name] = str(number).strip()
    return cleaned


def details(inspection: dict) -> dict:
    """The record's details as stored (an inspection row from inspections.get); the
    withdrawal only once recorded."""
    found = {"badges": json.loads(inspection.get("badges") or "{}"),
             "representative": inspection.get("representative"),
             "statement": inspection.get("party_statement"),
             "recorder": inspection.get("recorder"),
             "refused": bool(inspection.get("party_refused"))}
    if inspection.get("withdrawal_asked") is not None:
        found["withdrawal"] = {"asked": bool(inspection["withdrawal_asked"]),
                               "request": inspection.get("withdrawal_request")}
    return found


def set_details(store: Store, inspection_id: str, *, badges: dict | None = None,
                representative: str | None = None, statement: str | None = None,
                recorder: str | None = None, refused: bool = False,
                withdrawal: bool | None = None, withdrawal_request: str | None = None) -> None:
    """Record the details of a draft inspection (the whole set, replacing the last).
    `withdrawal`: whether the party asked for an officer's withdrawal (None: not
    recorded), `withdrawal_request` what it asked (only with a yes)."""
    with store.transaction():
        inspection = draft_to_change(store, inspection_id)
        if inspection["kind"] != "inspection":
            raise ValidationError(t("onsite.not_inspection", id=inspection["id"]))
        recorder = (recorder or "").strip() or None
        if recorder is not None and recorder not in inspection["inspectors"]:
            raise ValidationError(t("onsite.recorder_unknown", name=recorder,
                                    inspectors="、".join(inspection["inspectors"])))
        statement = (statement or "").strip() or None
        if statement is not None and len(statement) > MAX_TEXT:
            raise ValidationError(t("onsite.too_long", n=MAX_TEXT))
        data = {"badges": clean_badges(badges or {}, inspection["inspectors"]),
                "representative": (representative or "").strip() or None,
                "statement": statement, "recorder": recorder, "refused": bool(refused),
                "base": inspection.get("rev")}
        if withdrawal is not None:  # absent otherwise, as before
            data["withdrawal"] = _withdrawal(withdrawal, withdrawal_request)
        store.record("inspection", inspection["id"], "record", data)


def _withdrawal(asked: bool, request: str | None) -> dict:
    request = (request or "").strip() or None
    if request is not None and not asked:
        raise ValidationError(t("onsite.withdrawal_not_asked"))
    if request is not None and len(request) > MAX_TEXT:
        raise ValidationError(t("onsite.withdrawal_too_long", n=MAX_TEXT))
    return {"asked": bool(asked), "request": request}


def require_party(store: Store, inspection_id: str) -> None:
    """Refuse, naming what is missing, unless party_acknowledged()."""
    if not party_acknowledged(store, inspection_id):
        raise ValidationError(t("onsite.party_missing", id=get(store, inspection_id)["id"]))


def party_acknowledged(store: Store, inspection_id: str) -> bool:
    """Whether the party signed the record, or refused and a witness signed instead:
    what completing on screen asks for (a paper record is signed on paper)."""
    inspection = get(store, inspection_id)
    if inspection["kind"] != "inspection" or inspection.get("paper"):
        return True
    roles = {r[0] for r in store.conn.execute(
        "SELECT role FROM signatures WHERE inspection_id = ?", (inspection["id"],))}
    if inspection.get("party_refused"):
        return "witness" in roles
    return "representative" in roles
