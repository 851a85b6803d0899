"""Rectification items (整改项): their history, and the loop's steps.

The company answers an item (respond), the inspection side re-checks it (review);
each step is an event in the item's append-only history, taken when
rectification_rules says it follows and the authorization table says it is this
identity's to take. Items are
read through ledger_query, whose one filter serves the CLI and the ledger page.
"""

import json
from datetime import date

from . import authorization, ids
from .errors import NotFound, ValidationError
from .i18n import t
from .ledger_query import LedgerFilter, items
from .rectification_rules import (
    CLOSED,
    REOPENED,
    SUBMITTED,
    TRANSFERRED,
    can_follow,
    reopened_deadline,
)
from .store import Store


def get_item(store: Store, item_id: str) -> dict:
    """An item (a ledger_query row) by id, or by a unique id prefix of 8+ characters."""
    found = items(store, LedgerFilter(id_prefix=item_id)) if len(item_id) >= 8 else []
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

def step(item_id: str, status: str, deadline: str | None = None) -> dict:
    """The event entry a step would write, as the authorization table is asked about it
    (before any work is done: the UI, to offer the step; the services, to refuse early)."""
    return {"entity": "rectification_event", "op": "create", "record_id": item_id, "actor": None,
            "at": ids.now(), "data": {"rectification_id": item_id, "status": status,
                                      "deadline": deadline}}


def _my_step(store: Store, item_id: str, status: str) -> dict:
    item = get_item(store, item_id)
    authorization.check_local(store.conn, store.actor, step(item["id"], status))
    return item


def _step_to_take(store: Store, item_id: str, status: str) -> dict:
    """The item, if the step is this identity's and follows the item's current state.
    The step's transaction asks again under its write lock: checked only before it,
    another process could take a step in between (close the item, say)."""
    item = _my_step(store, item_id, status)
    if can_follow(item["status"], status):
        return item
    if item["status"] == TRANSFERRED:  # the competent authority's now, not this bureau's
        raise ValidationError(t("rectification.transferred"))
    if status == SUBMITTED:
        raise ValidationError(t("rectification.cannot_respond",
                                status=t(f"rect.{item['status']}")))
    raise ValidationError(t("rectification.already_closed"))


def respond(store: Store, item_id: str, *, measure: str, evidence: list[tuple[str, bytes]] = ()
            ) -> str:
    """The company's answer: what it did, with evidence files (name, bytes)."""
    from .evidence import put_blob

    _step_to_take(store, item_id, SUBMITTED)  # refused early, before the evidence is prepared
    if not measure.strip():
        raise ValidationError(t("rectification.no_measure"))
    stored = [_evidence_blob(name, data) for name, data in evidence]
    with store.transaction():
        item = _step_to_take(store, item_id, SUBMITTED)
        digests = [put_blob(store, data, mime) for data, mime in stored]
        event_id = ids.uuid7()
        store.record("rectification_event", event_id, "create", {
            "rectification_id": item["id"], "status": SUBMITTED, "note": measure.strip(),
            "evidence": digests})
    return event_id


def review(store: Store, item_id: str, *, accept: bool, note: str | None = None,
           deadline: str | None = None) -> str:
    """The re-inspection (复查): accepted closes the item; rejected reopens it with a
    note and a new deadline (default: the item's original period from today)."""
    status = CLOSED if accept else REOPENED
    note = (note or "").strip() or None
    with store.transaction():
        item = _step_to_take(store, item_id, status)
        if not accept and not note:
            raise ValidationError(t("rectification.reject_needs_note"))
        if not accept:
            deadline = _new_deadline(item, deadline)
        event_id = ids.uuid7()
        store.record("rectification_event", event_id, "create", {
            "rectification_id": item["id"], "status": status, "note": note,
            "deadline": None if accept else deadline})
    return event_id


def _new_deadline(item: dict, given: str | None) -> str:
    if not given:
        return reopened_deadline(item)
    try:
        chosen = date.fromisoformat(given)
    except ValueError:
        raise ValidationError(t("answer.date", value=given)) from None
    if chosen < date.fromisoformat(ids.today()):
        raise ValidationError(t("rectification.deadline_past", date=given))
    return chosen.isoformat()


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
