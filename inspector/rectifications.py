"""Rectification items (整改项) and their append-only status history.

The current status is the last event's status; the deadline is the last event
that set one; `overdue` is derived: not closed and past the deadline.
"""

import json
from datetime import date

from . import ids
from .errors import NotFound, ValidationError
from .i18n import t
from .store import Store

STATUSES = ("open", "submitted", "closed", "reopened")

# the current state comes from columns apply keeps from the history (see
# apply._rectification_event), so filters and sorting run on indexes
_CURRENT = """
SELECT r.*, s.name AS subject, s.uscc, i.started_at AS inspected_at, i.kind, i.inspectors
FROM rectifications r
JOIN subjects s ON s.id = r.subject_id
JOIN inspections i ON i.id = r.inspection_id
"""
OVERDUE_SQL = "(r.status IN ('open', 'reopened') AND r.current_deadline < :today)"


def list_items(store: Store, *, sector: str | None = None, status: str | None = None,
               subject: str | None = None, overdue: bool | None = None,
               inspection: str | None = None, id_prefix: str | None = None,
               today: str | None = None) -> list[dict]:
    """Rectification items with derived status, deadline and overdue flag."""
    today = today or ids.today()
    where, params = [], {"today": today}
    for column, value in (("r.sector", sector), ("r.status", status),
                          ("r.subject_id", subject), ("r.inspection_id", inspection)):
        if value:
            where.append(f"{column} = :{column.replace('.', '_')}")
            params[column.replace(".", "_")] = value
    if id_prefix:
        where.append("r.id LIKE :id_prefix")
        params["id_prefix"] = id_prefix + "%"
    if overdue is True:
        where.append(OVERDUE_SQL)
    elif overdue is False:
        where.append(f"NOT {OVERDUE_SQL}")
    sql = (_CURRENT + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY r.found_on, s.name, r.item_id")
    rows = []
    for row in store.db.query(sql, params):
        row["first_deadline"] = row["deadline"]
        row["deadline"] = row.pop("current_deadline")  # as extended by reviews
        row["inspectors"] = json.loads(row["inspectors"])
        row["overdue"] = row["status"] in ("open", "reopened") and row["deadline"] < today
        rows.append(row)
    return rows


def get_item(store: Store, item_id: str) -> dict:
    """An item by id, or by a unique id prefix of at least 8 characters."""
    found = list_items(store, id_prefix=item_id) if len(item_id) >= 8 else []
    exact = [r for r in found if r["id"] == item_id]
    if exact:
        return exact[0]
    if len(found) != 1:
        raise NotFound(t("rectification.not_found", id=item_id))
    return found[0]


def history(store: Store, item_id: str) -> list[dict]:
    rows = store.db.query("SELECT * FROM rectification_events WHERE rectification_id = ? "
                          "ORDER BY at, id", [item_id])
    return [{**r, "evidence": json.loads(r["evidence"])} for r in rows]


# --- the loop: the company answers, the inspector re-checks -------------------------

# who may put an item into which state: the company answers; the inspection side
# decides. Self-check items are the company's own, so it closes them itself.
DECIDERS = {"inspector", "supervisor"}


def may_set(role: str | None, status: str, kind: str, own_item: bool) -> bool:
    """Whether an identity of `role` may move an item to `status`."""
    if status == "submitted":
        return role == "company" or (kind == "self_check" and own_item)
    if status in ("closed", "reopened"):
        return role in DECIDERS or (kind == "self_check" and own_item and role == "company")
    return status == "open"


def _role_and_item(store: Store, item_id: str, status: str) -> tuple[dict, str | None]:
    from .identity import own_identity

    item = get_item(store, item_id)
    me = own_identity(store, required=False)
    role = me.role if me else None
    own = me is not None and item["created_by"] == me.id
    if not may_set(role, status, item["kind"], own):
        raise ValidationError(t("rectification.not_your_step", role=t(f"actor.{role or '-'}"),
                                status=t(f"rect.{status}")))
    return item, role


def respond(store: Store, item_id: str, *, measure: str, evidence: list[tuple[str, bytes]] = ()
            ) -> str:
    """The company's answer: what it did, with evidence files (name, bytes)."""
    from . import ids
    from .evidence import put_blob

    item, _ = _role_and_item(store, item_id, "submitted")
    if item["status"] not in ("open", "reopened"):
        raise ValidationError(t("rectification.cannot_respond",
                                status=t(f"rect.{item['status']}")))
    if not measure.strip():
        raise ValidationError(t("rectification.no_measure"))
    stored = [_evidence_blob(name, data) for name, data in evidence]
    with store.transaction():
        digests = [put_blob(store, data, mime) for data, mime in stored]
        event_id = ids.uuid7()
        store.record("rectification_event", event_id, "create", {
            "rectification_id": item["id"], "status": "submitted", "note": measure.strip(),
            "evidence": digests})
    return event_id


def review(store: Store, item_id: str, *, accept: bool, note: str | None = None,
           deadline: str | None = None) -> str:
    """The re-inspection (复查): accepted closes the item; rejected reopens it with a
    note and a new deadline (default: the item's original period from today)."""
    from . import ids

    status = "closed" if accept else "reopened"
    item, _ = _role_and_item(store, item_id, status)
    if item["status"] == "closed":
        raise ValidationError(t("rectification.already_closed"))
    note = (note or "").strip() or None
    if not accept and not note:
        raise ValidationError(t("rectification.reject_needs_note"))
    if not accept:
        deadline = _new_deadline(item, deadline)
    with store.transaction():
        event_id = ids.uuid7()
        store.record("rectification_event", event_id, "create", {
            "rectification_id": item["id"], "status": status, "note": note,
            "deadline": None if accept else deadline})
    return event_id


def _new_deadline(item: dict, given: str | None) -> str:
    from datetime import timedelta

    today = date.fromisoformat(ids.today())
    if given:
        try:
            chosen = date.fromisoformat(given)
        except ValueError:
            raise ValidationError(t("answer.date", value=given)) from None
        if chosen < today:
            raise ValidationError(t("rectification.deadline_past", date=given))
        return chosen.isoformat()
    period = date.fromisoformat(item["first_deadline"]) - date.fromisoformat(item["found_on"])
    return (today + timedelta(days=max(period.days, 1))).isoformat()


def _evidence_blob(name: str, data: bytes) -> tuple[bytes, str]:
    """Photos are kept upright and downscaled; PDFs as they are; anything else refused."""
    from .photos import prepare

    if data.startswith(b"%PDF-"):
        return data, "application/pdf"
    try:
        photo = prepare(data)
    except ValidationError:
        raise ValidationError(t("rectification.bad_evidence"), path=name) from None
    return photo.data, photo.mime
