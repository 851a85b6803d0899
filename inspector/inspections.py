"""Inspections and self-checks: start, answer (the autosave unit), progress, complete.

An inspection pins the checklist content it was started with (by content hash),
so it renders and evaluates the same after the checklist file changes.
"""

import json
import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import ids, rectifications
from .checklists import Checklist, can_fail
from .digest import digest
from .errors import NotFound, ValidationError
from .i18n import pick, t
from .store import Store
from .subjects import get_subject

KINDS = ("inspection", "self_check")
MIN_INSPECTORS = 2  # 《行政处罚法》第四十二条: at least two enforcement officers


# --- starting ----------------------------------------------------------------


def pin_checklist(store: Store, checklist: Checklist) -> str:
    """Store the checklist content under its hash (once) and return the hash."""
    digest = checklist.hash
    known = store.conn.execute("SELECT 1 FROM checklist_versions WHERE hash = ?",
                               (digest,)).fetchone()
    if not known:
        store.record("checklist", digest, "pin", {
            "hash": digest, "checklist_id": checklist.id, "version": checklist.version,
            "sector": checklist.sector, "title": checklist.content["title"],
            "content": checklist.content})
    return digest


def pinned_checklist(store: Store, pinned: str) -> Checklist:
    """The checklist exactly as pinned (cached per store: it never changes)."""
    cached = store._checklists.get(pinned)
    if cached is None:
        row = store.conn.execute("SELECT content FROM checklist_versions WHERE hash = ?",
                                 (pinned,)).fetchone()
        if not row:
            raise NotFound(t("inspection.no_checklist_version", hash=pinned[:12]))
        content = json.loads(row[0])
        if digest(content) != pinned:
            raise ValidationError(t("inspection.checklist_tampered", hash=pinned[:12]))
        cached = store._checklists[pinned] = Checklist(content)
    return cached


def start(store: Store, *, subject: str, checklist: Checklist, kind: str = "inspection",
          inspectors: list[str] = (), place: str | None = None,
          representative: str | None = None, started_at: str | None = None) -> str:
    """Start an inspection (two inspectors) or a self-check of `subject`; return its id."""
    if kind not in KINDS:
        raise ValidationError(t("inspection.bad_kind", kind=kind, known=", ".join(KINDS)))
    people = [p.strip() for p in inspectors if p and p.strip()]
    if kind == "inspection" and len(people) < MIN_INSPECTORS:
        raise ValidationError(t("inspection.two_inspectors", n=len(people)))
    if kind == "self_check" and not people:  # the record names who did the company's check
        raise ValidationError(t("inspection.no_self_checker"))
    started_at = _stored_time(started_at)
    target = get_subject(store, subject)
    if target["sector"] != checklist.sector:
        raise ValidationError(t("inspection.sector_mismatch", checklist=checklist.id,
                                sector=checklist.sector, subject=target["name"],
                                subject_sector=target["sector"]))
    inspection_id = ids.uuid7()
    data = {"kind": kind, "subject_id": target["id"], "checklist_id": checklist.id,
            "checklist_version": checklist.version, "sector": checklist.sector,
            "place": place or target["address"], "inspectors": people,
            "representative": representative or target["legal_rep"],
            "started_at": started_at,
            # the record shows the subject and authority as they were on the day,
            # whatever is edited later (and so does its report's content hash)
            "subject_snapshot": {k: target[k] for k in SUBJECT_SNAPSHOT},
            "authority": _authority(store)}
    with store.transaction():
        data["checklist_hash"] = pin_checklist(store, checklist)
        store.record("inspection", inspection_id, "create", data)
    return inspection_id


def _stored_time(given: str | None) -> str:
    """A start or finish time as stored, the form the filters and sorting read (UTC,
    milliseconds, Z): now when not given; a time without a zone is Beijing time."""
    if given is None or not str(given).strip():
        return ids.now()
    try:
        return ids.stamp(given)
    except ValueError:
        raise ValidationError(t("inspection.bad_started_at", value=given)) from None


SUBJECT_SNAPSHOT = ("name", "uscc", "sector", "address", "legal_rep", "phone")


def _authority(store: Store) -> str | None:
    """The organisation of the identity doing the inspection, if known."""
    row = store.conn.execute("SELECT org FROM identities WHERE id = ?",
                             (store.actor,)).fetchone()
    return row[0] if row else None


def get(store: Store, inspection_id: str) -> dict:
    """An inspection by id, or by a unique id prefix of at least 8 characters."""
    cursor = store.conn.execute("SELECT * FROM inspections WHERE id = ?", (inspection_id,))
    row = cursor.fetchone()
    if row is None and len(inspection_id) >= 8:
        cursor = store.conn.execute("SELECT * FROM inspections WHERE id LIKE ? LIMIT 2",
                                    (inspection_id + "%",))
        matches = cursor.fetchall()
        row = matches[0] if len(matches) == 1 else None
    if row is None:
        raise NotFound(t("inspection.not_found", id=inspection_id))
    record = dict(zip([d[0] for d in cursor.description], row, strict=True))
    record["inspectors"] = json.loads(record["inspectors"])
    record["subject_snapshot"] = json.loads(record["subject_snapshot"])
    return record


def checklist_of(store: Store, inspection: dict) -> Checklist:
    return pinned_checklist(store, inspection["checklist_hash"])


# --- answers -------------------------------------------------------------------


def answers(store: Store, inspection_id: str) -> dict[str, dict]:
    """item id -> {value, note, updated_at}."""
    rows = store.conn.execute(
        "SELECT item_id, value, note, updated_at FROM answers WHERE inspection_id = ?",
        (inspection_id,))
    return {r[0]: {"value": json.loads(r[1]), "note": r[2], "updated_at": r[3]} for r in rows}


def check_value(item: dict, value):
    """Return `value` normalised for the item's type, or raise ValidationError."""
    kind = item["type"]
    if kind == "yes_no":
        allowed = ["yes", "no"] + (["na"] if item.get("allow_na", True) else [])
        if value not in allowed:
            raise ValidationError(t("answer.choice", value=value, allowed="/".join(allowed)))
        return value
    if kind == "single_choice":
        allowed = [o["value"] for o in item["options"]]
        if value not in allowed:
            raise ValidationError(t("answer.choice", value=value, allowed="/".join(allowed)))
        return value
    if kind == "multi_choice":
        allowed = [o["value"] for o in item["options"]]
        values = [value] if isinstance(value, str) else list(value or [])
        wrong = [v for v in values if v not in allowed]
        if wrong:
            raise ValidationError(t("answer.choice", value=wrong[0], allowed="/".join(allowed)))
        return [v for v in allowed if v in values]  # checklist order, no duplicates
    if kind == "number":
        return _check_number(item, value)
    if kind == "date":
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValidationError(t("answer.date", value=value)) from None
    if kind in ("text", "photo", "signature"):
        if not isinstance(value, str):
            raise ValidationError(t("answer.text"))
        return value.strip()
    raise ValidationError(t("answer.type", type=kind))  # pragma: no cover - schema forbids


def _check_number(item: dict, value) -> float | int:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(t("answer.number", value=value)) from None
    if not math.isfinite(number):
        raise ValidationError(t("answer.number", value=value))
    low, high = item.get("min"), item.get("max")
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValidationError(t("answer.range", value=value, low=low, high=high,
                                unit=item.get("unit", "")))
    return int(number) if number.is_integer() else number


def condition_holds(condition: dict | None, answered: dict[str, dict]) -> bool:
    if not condition:
        return True
    answer = answered.get(condition["item"])
    value = answer["value"] if answer else None
    values = value if isinstance(value, list) else [value]
    if "equals" in condition:
        return condition["equals"] in values
    if "not_equals" in condition:
        return value is not None and condition["not_equals"] not in values
    return any(v in condition["in"] for v in values)


def visible_items(checklist: Checklist, answered: dict[str, dict]) -> list[dict]:
    """Items whose condition holds; an item hidden by skip logic hides its dependants."""
    shown: dict[str, dict] = {}
    for item in checklist.items:
        condition = item.get("condition")
        if condition and condition["item"] not in shown:
            continue
        if condition_holds(condition, answered):
            shown[item["id"]] = item
    return list(shown.values())


def record_answer(store: Store, inspection_id: str, item_id: str, value,
                  note: str | None = None) -> list[str]:
    """Save one answer: the autosave unit, one short transaction with its log entry.

    Answers of items that skip logic now hides are cleared in the same
    transaction; their ids are returned.
    """
    inspection = get(store, inspection_id)
    _require_draft(inspection)
    checklist = checklist_of(store, inspection)
    item = checklist.item(item_id)
    value = check_value(item, value)
    note = (note or "").strip() or None
    with store.transaction():
        store.record("answer", f"{inspection['id']}/{item_id}", "set",
                     {"value": value, "note": note,
                      "base": _revision(store, inspection["id"], item_id)})
        cleared = _clear_hidden(store, checklist, inspection["id"], item_id)
    return cleared


def _revision(store: Store, inspection_id: str, item_id: str) -> str | None:
    """The log entry an answer currently stands on: the base of the next change."""
    row = store.conn.execute("SELECT rev FROM answers WHERE inspection_id = ? AND item_id = ?",
                             (inspection_id, item_id)).fetchone()
    return row[0] if row else None


def position(store: Store, inspection_id: str) -> str | None:
    """The item answered last: where the inspector resumes."""
    row = store.conn.execute(
        "SELECT item_id FROM answers WHERE inspection_id = ? ORDER BY updated_at DESC LIMIT 1",
        (inspection_id,)).fetchone()
    return row[0] if row else None


def clear_answer(store: Store, inspection_id: str, item_id: str) -> list[str]:
    inspection = get(store, inspection_id)
    _require_draft(inspection)
    checklist = checklist_of(store, inspection)
    checklist.item(item_id)
    with store.transaction():
        _delete_answers(store, inspection["id"], [item_id])
        return [item_id, *_clear_hidden(store, checklist, inspection["id"])]


def _clear_hidden(store: Store, checklist: Checklist, inspection_id: str,
                  changed: str | None = None) -> list[str]:
    if changed is not None and changed not in checklist.condition_targets:
        return []  # this answer shows or hides nothing
    answered = answers(store, inspection_id)
    shown = {item["id"] for item in visible_items(checklist, answered)}
    hidden = [item_id for item_id in answered if item_id not in shown]
    _delete_answers(store, inspection_id, hidden)
    return hidden


def _delete_answers(store: Store, inspection_id: str, item_ids: list[str]) -> None:
    for item_id in item_ids:
        base = _revision(store, inspection_id, item_id)
        if base:
            store.record("answer", f"{inspection_id}/{item_id}", "clear", {"base": base})


def _require_draft(inspection: dict) -> None:
    if inspection["status"] != "draft":
        key = "inspection.signed" if inspection["status"] == "signed" else "inspection.locked"
        raise ValidationError(t(key, id=inspection["id"]))


# --- evaluation ------------------------------------------------------------------


def is_non_compliant(item: dict, value, on_day: str) -> bool:
    kind = item["type"]
    if value is None or not can_fail(item):
        return False
    if kind == "yes_no":
        return value == "no"
    if kind in ("single_choice", "multi_choice"):
        bad = {o["value"] for o in item["options"] if o.get("compliant") is False}
        return bool(bad & set(value if isinstance(value, list) else [value]))
    expect = item["expect"]
    if kind == "number":
        return (("min" in expect and value < expect["min"])
                or ("max" in expect and value > expect["max"]))
    if kind == "date":
        return bool(expect.get("not_past")) and value < ids.local_date(on_day).isoformat()
    return False  # pragma: no cover


@dataclass
class SectionProgress:
    id: str
    title: str
    shown: int = 0
    answered: int = 0
    non_compliant: int = 0


@dataclass
class Progress:
    shown: int = 0
    answered: int = 0
    required: int = 0
    required_answered: int = 0
    non_compliant: list[dict] = field(default_factory=list)  # items
    missing_required: list[dict] = field(default_factory=list)  # items
    sections: list[SectionProgress] = field(default_factory=list)
    by_severity: dict[str, int] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.missing_required


def _is_answered(item: dict, answer: dict | None, evidence_items: set[str]) -> bool:
    if item["type"] == "photo":
        return item["id"] in evidence_items
    if answer is None:
        return False
    value = answer["value"]
    return value not in ("", None, [])


def progress(store: Store, inspection_id: str) -> Progress:
    inspection = get(store, inspection_id)
    checklist = checklist_of(store, inspection)
    answered = answers(store, inspection["id"])
    evidence_items = {r[0] for r in store.conn.execute(
        "SELECT DISTINCT item_id FROM evidence WHERE inspection_id = ?", (inspection["id"],))}
    on_day = inspection["started_at"]
    result = Progress()
    sections = {s["id"]: SectionProgress(s["id"], pick(s["title"])) for s in checklist.sections}
    for item in visible_items(checklist, answered):
        section = sections[checklist.section_of[item["id"]]["id"]]
        answer = answered.get(item["id"])
        done = _is_answered(item, answer, evidence_items)
        result.shown += 1
        section.shown += 1
        result.answered += done
        section.answered += done
        if item.get("required", True):
            result.required += 1
            result.required_answered += done
            if not done:
                result.missing_required.append(item)
        if done and answer and is_non_compliant(item, answer["value"], on_day):
            result.non_compliant.append(item)
            section.non_compliant += 1
            severity = item.get("severity", "minor")
            result.by_severity[severity] = result.by_severity.get(severity, 0) + 1
    result.sections = list(sections.values())
    return result


# --- completion -----------------------------------------------------------------


def complete(store: Store, inspection_id: str, finished_at: str | None = None) -> list[str]:
    """Complete (lock) the inspection and create its rectification items.

    Refused while required items are unanswered: the error lists them.
    Returns the ids of the rectification items created.
    """
    inspection = get(store, inspection_id)
    _require_draft(inspection)
    state = progress(store, inspection["id"])
    if state.missing_required:
        listed = "; ".join(f"{i['id']} {pick(i['text'])}" for i in state.missing_required[:10])
        more = len(state.missing_required) - 10
        raise ValidationError(t("inspection.missing_required", n=len(state.missing_required),
                                items=listed + (f" … (+{more})" if more > 0 else "")))
    finished_at = _stored_time(finished_at)
    with store.transaction():
        store.record("inspection", inspection["id"], "complete", {"finished_at": finished_at})
        created = _create_rectifications(store, inspection, state.non_compliant, finished_at)
    return created


def mark_signed(store: Store, inspection_id: str) -> None:
    """Freeze a completed inspection once its report is signed; from here on the
    database itself refuses any change to it or its answers (triggers)."""
    inspection = get(store, inspection_id)
    if inspection["status"] != "completed":
        raise ValidationError(t("inspection.sign_needs_complete", id=inspection["id"]))
    with store.transaction():
        store.record("inspection", inspection["id"], "sign", {})


def _create_rectifications(store: Store, inspection: dict, items: list[dict],
                           found_at: str) -> list[str]:
    checklist = checklist_of(store, inspection)
    subject = get_subject(store, inspection["subject_id"])
    answered = answers(store, inspection["id"])
    found_on = ids.local_date(found_at).isoformat()  # the Beijing day it was found
    created = []
    for item in items:
        note = answered[item["id"]]["note"]
        problem = pick(item["text"], "zh") + (f"：{note}" if note else "")
        basis = "；".join(
            f"《{b['law']}》{b.get('articles', '')}" for b in item.get("basis", []))
        requirement = pick(item.get("requirement"), "zh") or t("rectification.default_req")
        deadline = (date.fromisoformat(found_on)
                    + timedelta(days=checklist.deadline_days(item))).isoformat()
        rectification_id = ids.uuid7()
        store.record("rectification", rectification_id, "create", {
            "inspection_id": inspection["id"], "subject_id": subject["id"],
            "item_id": item["id"], "sector": inspection["sector"], "problem": problem,
            "basis": basis, "requirement": requirement,
            "severity": item.get("severity", "minor"), "found_on": found_on,
            "deadline": deadline, "responsible": subject["legal_rep"]})
        store.record("rectification_event", ids.uuid7(), "create",
                     {"rectification_id": rectification_id, "status": rectifications.OPEN,
                      "deadline": deadline})
        created.append(rectification_id)
    return created


# --- listing --------------------------------------------------------------------


def list_inspections(store: Store, *, sector: str | None = None,
                     status: str | None = None) -> list[dict]:
    """Inspections with subject and the number of non-compliant answers."""
    where, params = [], []
    if sector:
        where.append("i.sector = ?")
        params.append(sector)
    if status:
        where.append("i.status = ?")
        params.append(status)
    sql = ("SELECT i.id, i.kind, i.sector, s.name AS subject, s.uscc, i.status, i.started_at, "
           "i.finished_at, i.checklist_hash FROM inspections i JOIN subjects s ON s.id = "
           "i.subject_id" + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY i.started_at DESC, i.id")
    rows = list(store.db.query(sql, params))
    for row in rows:
        checklist = pinned_checklist(store, row.pop("checklist_hash"))
        answered = answers(store, row["id"])
        row["non_compliant"] = sum(
            1 for item in visible_items(checklist, answered)
            if item["id"] in answered
            and is_non_compliant(item, answered[item["id"]]["value"], row["started_at"]))
    return rows
