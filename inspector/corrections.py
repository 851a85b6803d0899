"""Corrections (更正): a signed record is never changed. A mistake found later is
corrected by a new record that names it (`corrects`), states what changed and why,
and supersedes it.

A correction starts as a copy of the record it corrects: answers, notes, photos and
the on-site record's details, not the handwritten signatures (they acknowledged the
old text: the party signs the correction anew, or its refusal is recorded). It is
changed like any draft, then completed and signed like any record. From its
completion on it supersedes the record it corrects, which stays signed and
verifiable and says by what it was superseded. A correction of a correction is
one more link: everything follows the chain to its latest record.

Two corrections of one record made apart (two devices, offline) both stay, both
verifiable; the later by (created_at, id) supersedes the earlier and the original,
on every store whatever order they arrive in.

Which rectification items count (the ledger, the overview, the app's counts) once a
record is superseded, kept simple and the same on every store:
- an item of the superseded record still open (no answer, no decision yet) gives way
  to the correction: replaced by the correction's item for the same check item, or
  withdrawn when the correction finds that item compliant;
- an item already worked on (answered, closed or reopened) carries on with its
  history; the correction makes no second item for that check item;
- a correction's item that replaces one keeps its found-on day and deadline: a
  correction gives no extra time.
The superseded record's items stay in the store and in its own report.
"""

from . import authorities, ids, inspections, onsite
from .digest import digest
from .errors import ValidationError
from .i18n import t
from .store import Store
from .supersession import CURRENT_SQL, LATEST_SQL, SUPERSEDES, superseded_ids  # noqa: F401

MAX_REASON = 2000

# which record supersedes which, and which items still count: in .supersession (SQL only,
# light enough for the lists read at start)


# --- starting -------------------------------------------------------------------


def start(store: Store, original_id: str, reason: str) -> str:
    """Start the correction of a signed record: a draft copy of it that states why;
    returns its id. Only the record's author (an inspection's: or an officer it
    names, of the author's bureau) may (inspector.authorization)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(t("correction.no_reason"))
    if len(reason) > MAX_REASON:
        raise ValidationError(t("correction.reason_too_long", n=MAX_REASON))
    correction_id = ids.uuid7()
    with store.transaction():  # the original as it is under the write lock
        original = inspections.get(store, original_id)
        if original["status"] != "signed":
            raise ValidationError(t("correction.not_signed", id=original["id"]))
        newer = superseded_by(store, original["id"])
        if newer is not None:  # a copy of the stale record would undo that correction
            raise ValidationError(t("correction.already_superseded", id=original["id"],
                                    latest=latest(store, original["id"])))
        store.record("inspection", correction_id, "create", _creation(original, reason))
        _copy(store, original, correction_id)
    return correction_id


def _creation(original: dict, reason: str) -> dict:
    data = {**{k: original[k] for k in (
        "kind", "subject_id", "checklist_id", "checklist_version", "sector", "place",
        "inspectors", "representative", "subject_snapshot", "authority", "checklist_hash")},
        "started_at": ids.now(), "corrects": original["id"], "correction_reason": reason}
    if original.get("authorities"):  # the same bureaus issue the corrected notices
        data["authorities"] = authorities.of_inspection(original)
    return data


def may_correct(store: Store, inspection: dict) -> bool:
    """Whether this store's identity may correct `inspection` (the app offers it then)."""
    from .authorization import may_write

    return inspection["status"] == "signed" and \
        superseded_by(store, inspection["id"]) is None and may_write(store.conn, store.actor, {
        "entity": "inspection", "op": "create", "record_id": "", "actor": None,
        "at": ids.now(), "data": _creation(inspection, "?")})


def _copy(store: Store, original: dict, correction_id: str) -> None:
    """The original's answers, photos and record details, as the correction's draft."""
    for item_id, answer in inspections.answers(store, original["id"]).items():
        store.record("answer", f"{correction_id}/{item_id}", "set",
                     {"value": answer["value"], "note": answer["note"], "base": None})
    for row in store.query(
            "SELECT item_id, sha256, original_sha256, file_name, caption FROM kept_evidence "
            "WHERE inspection_id = ? ORDER BY created_at, id", (original["id"],)):
        store.record("evidence", ids.uuid7(), "create", {"inspection_id": correction_id, **row})
    details = onsite.details(original)
    if original["kind"] == "inspection" and any(details.values()):
        store.record("inspection", correction_id, "record", {
            **{k: details[k] for k in ("badges", "representative", "statement", "recorder",
                                       "refused")}, "base": None})


# --- the chain ------------------------------------------------------------------


def superseded_by(store: Store, inspection_id: str) -> str | None:
    """The id of the record that supersedes this one (the latest, if several), or None."""
    row = store.conn.execute(
        f"SELECT new FROM ({SUPERSEDES}) WHERE old = ? ORDER BY new_at DESC, new DESC LIMIT 1",
        (inspection_id,)).fetchone()
    return row[0] if row else None


def latest(store: Store, inspection_id: str) -> str:
    """The record the chain of corrections ends in (the record itself when none)."""
    seen = {inspection_id}
    while (newer := superseded_by(store, inspection_id)) and newer not in seen:
        seen.add(newer)
        inspection_id = newer
    return inspection_id


def supersession(store: Store, inspection_id: str) -> dict | None:
    """What `verify` and a list say of a superseded record: the correction that
    supersedes it (id, started_at, reason) and the latest record of its chain."""
    newer = superseded_by(store, inspection_id)
    if newer is None:
        return None
    record = inspections.get(store, newer)
    return {"id": newer, "started_at": record["started_at"],
            "reason": record["correction_reason"], "latest": latest(store, inspection_id)}


def ancestors(store: Store, inspection: dict) -> list[dict]:
    """The records a correction corrects, nearest first."""
    found, seen = [], {inspection["id"]}
    while inspection.get("corrects") and inspection["corrects"] not in seen:
        inspection = inspections.get(store, inspection["corrects"])
        seen.add(inspection["id"])
        found.append(inspection)
    return found


def carried_over(store: Store, correction: dict) -> dict[str, dict | None]:
    """For completing a correction: check item id -> the dates its new item keeps
    ({found_on, deadline} of the open item it replaces), or None where an item already
    worked on carries on (no new item). See the module's notes."""
    chain = ancestors(store, correction)
    if not chain:
        return {}
    marks = ", ".join("?" * len(chain))
    carried: dict[str, dict | None] = {
        item_id: {"found_on": found_on, "deadline": deadline}
        for item_id, found_on, deadline in store.conn.execute(
            "SELECT item_id, found_on, current_deadline FROM rectifications "
            "WHERE inspection_id = ? AND status = 'open'", (chain[0]["id"],))}
    for (item_id,) in store.conn.execute(
            f"SELECT r.item_id FROM rectifications r WHERE r.inspection_id IN ({marks}) "
            f"AND r.status != 'open' AND {CURRENT_SQL}", [c["id"] for c in chain]):
        carried[item_id] = None
    return carried


# --- what changed ---------------------------------------------------------------

DETAILS = ("representative", "badges", "statement", "recorder", "refused")


def changes(store: Store, correction: dict) -> list[dict]:
    """What the correction changes in the record it corrects, in checklist order:
    {"item": id, "text": {zh, en}, "old": ..., "new": ...} per answer (each side
    {"answer": {zh, en} | None, "note": str | None}), then {"detail": name, "old",
    "new"} per on-site record detail (as text)."""
    from .reports.content import answer_label  # the report's words for an answer

    original = inspections.get(store, correction["corrects"])
    checklist = inspections.checklist_of(store, correction)
    before = inspections.answers(store, original["id"])
    after = inspections.answers(store, correction["id"])

    def side(item: dict, answer: dict | None) -> dict:
        if answer is None:
            return {"answer": None, "note": None}
        return {"answer": answer_label(item, answer["value"]), "note": answer["note"]}

    found = []
    for item in checklist.items:
        old, new = before.get(item["id"]), after.get(item["id"])
        if (old and (old["value"], old["note"])) != (new and (new["value"], new["note"])):
            found.append({"item": item["id"], "text": item["text"],
                          "old": side(item, old), "new": side(item, new)})
    old_details, new_details = onsite.details(original), onsite.details(correction)
    for name in DETAILS:
        if old_details[name] != new_details[name]:
            found.append({"detail": name, "old": _detail_text(old_details[name]),
                          "new": _detail_text(new_details[name])})
    return found


def _detail_text(value) -> str:
    if isinstance(value, dict):  # badges: name -> number
        return "、".join(f"{name}:{number}" for name, number in sorted(value.items()))
    if isinstance(value, bool):
        return "✓" if value else ""
    return value or ""


def corrected_record(store: Store, correction: dict) -> dict:
    """What a correction's report says of the record it corrects: id, day, content hash."""
    from .reports.content import report_content

    original = inspections.get(store, correction["corrects"])
    return {"id": original["id"], "started_at": original["started_at"],
            "finished_at": original["finished_at"],
            "content_hash": digest(report_content(store, original["id"]))}
