"""Inspections and self-checks: start, answer (the autosave unit), progress, complete.

An inspection pins the checklist content it was started with (by content hash),
so it renders and evaluates the same after the checklist file changes.
"""

import json
import math
from datetime import date, timedelta

from . import evaluation, ids, rectification_rules
from .checklists import Checklist, cite, requirement_text
from .digest import digest
from .errors import NotFound, ValidationError
from .evaluation import Evaluation
from .i18n import pick, t
from .messages import MESSAGES
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
          representative: str | None = None, started_at: str | None = None,
          badges: dict[str, str] | None = None, authorities: list[str] = (),
          from_paper: str | None = None, paper_number: str | None = None) -> str:
    """Start an inspection (two inspectors) or a self-check of `subject`; return its id.
    `badges` maps an inspector's name to their 执法证号 (inspector.onsite; the store's
    own officer's from their identity when not given); `authorities` names the bureaus
    issuing its notices, lead first (a name or KIND=NAME; default the identity's org);
    `from_paper` (a day) marks an inspection transcribed from a paper record, started
    that day unless `started_at` says when, `paper_number` the number reserved for its
    form (inspector.paper)."""
    from . import authorities as competent
    from .onsite import clean_badges  # onsite builds on this module
    from .paper import paper_day, paper_details
    if kind not in KINDS:
        raise ValidationError(t("inspection.bad_kind", kind=kind, known=", ".join(KINDS)))
    if from_paper is not None and kind != "inspection":
        raise ValidationError(t("paper.not_inspection"))
    if from_paper is not None and not started_at:
        started_at = paper_day(from_paper)
    people = [p.strip() for p in inspectors if p and p.strip()]
    if kind == "inspection" and len(people) < MIN_INSPECTORS:
        raise ValidationError(t("inspection.two_inspectors", n=len(people)))
    if kind == "self_check" and not people:  # the record names who did the company's check
        raise ValidationError(t("inspection.no_self_checker"))
    started_at = _stored_time(started_at)
    if kind == "self_check" and any(a and a.strip() for a in authorities):
        raise ValidationError(t("authority.not_inspection", id=subject))
    me = _identity_row(store)
    chosen = competent.choose(checklist, list(authorities), me["org"]) \
        if kind == "inspection" else []
    badges = _own_badge(me, people, badges) if kind == "inspection" else badges
    inspection_id = ids.uuid7()
    with store.transaction():  # the subject as it is under the write lock
        target = get_subject(store, subject)
        if target["sector"] != checklist.sector:
            raise ValidationError(t("inspection.sector_mismatch", checklist=checklist.id,
                                    sector=checklist.sector, subject=target["name"],
                                    subject_sector=target["sector"]))
        data = {"kind": kind, "subject_id": target["id"], "checklist_id": checklist.id,
                "checklist_version": checklist.version, "sector": checklist.sector,
                "place": place or target["address"], "inspectors": people,
                "representative": representative or target["legal_rep"],
                "started_at": started_at,
                # the record shows the subject and authority as they were on the day,
                # whatever is edited later (and so does its report's content hash)
                "subject_snapshot": {k: target[k] for k in SUBJECT_SNAPSHOT},
                "authority": chosen[0]["name"] if chosen else me["org"],
                "checklist_hash": pin_checklist(store, checklist)}
        if badges and clean_badges(badges, people):  # absent otherwise, as before
            data["badges"] = clean_badges(badges, people)
        if chosen:
            data["authorities"] = chosen
        if from_paper is not None:
            data["paper"] = paper_details(store, from_paper, paper_number)
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


def _identity_row(store: Store) -> dict:
    """The name, organisation and 执法证号 of the identity doing the inspection (all
    None when the store has none)."""
    cursor = store.conn.execute("SELECT * FROM identities WHERE id = ?", (store.actor,))
    row = dict(zip([d[0] for d in cursor.description], cursor.fetchone() or (), strict=False))
    return {key: row.get(key) for key in ("name", "org", "badge")}


def identity_org(store: Store) -> str | None:
    """The organisation of the store's identity: the default inspecting authority."""
    return _identity_row(store)["org"]


def _own_badge(me: dict, people: list[str], badges: dict | None) -> dict | None:
    """The badges given, with the store's own officer's from their identity when they
    are named without one."""
    if not me["badge"] or me["name"] not in people or (badges or {}).get(me["name"]):
        return badges
    return {**(badges or {}), me["name"]: me["badge"]}


def set_authorities(store: Store, inspection_id: str, given: list[str]) -> list[dict]:
    """Name again the bureaus issuing a draft inspection's notices (lead first); only
    its creator may (authorization). Returns them as recorded."""
    from . import authorities as competent

    checklist = checklist_of(store, get(store, inspection_id))
    with store.transaction():
        inspection = draft_to_change(store, inspection_id)
        if inspection["kind"] != "inspection":
            raise ValidationError(t("authority.not_inspection", id=inspection["id"]))
        chosen = competent.choose(checklist, given, _identity_row(store)["org"])
        if not chosen:
            raise ValidationError(t("authority.bad_name", text="", n=competent.MAX_NAME))
        store.record("inspection", inspection["id"], "authorities",
                     {"authorities": chosen, "base": inspection.get("rev")})
    return chosen


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
        if not values:
            raise ValidationError(t("answer.empty"))
        if evaluation.mixes_none(item, values):
            raise ValidationError(t("answer.none_alone", none=evaluation.NONE_OPTION))
        return [v for v in allowed if v in values]  # checklist order, no duplicates
    if kind == "number":
        return _check_number(item, value)
    if kind == "date":
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValidationError(t("answer.date", value=value)) from None
    if kind == "photo":  # its photos are its answer (evaluation.answer_value)
        raise ValidationError(t("answer.photo"))
    if kind in ("text", "signature"):
        if not isinstance(value, str):
            raise ValidationError(t("answer.text"))
        if not value.strip():
            raise ValidationError(t("answer.empty"))
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


def record_answer(store: Store, inspection_id: str, item_id: str, value,
                  note: str | None = None) -> list[str]:
    """Save one answer: the autosave unit, one short transaction with its log entry.

    Answers of items that skip logic now hides are cleared in the same
    transaction; their ids are returned.
    """
    checklist = checklist_of(store, get(store, inspection_id))  # pinned: never changes
    item = checklist.item(item_id)
    value = check_value(item, value)
    note = (note or "").strip() or None
    with store.transaction():
        inspection = draft_to_change(store, inspection_id)
        store.record("answer", f"{inspection['id']}/{item_id}", "set",
                     {"value": value, "note": note,
                      "base": _revision(store, inspection["id"], item_id)})
        cleared = _clear_hidden(store, checklist, inspection["id"], item_id)
    return cleared


def _revision(store: Store, inspection_id: str, item_id: str) -> str | None:
    """The log entry an answer currently stands on: the base of the next change (a
    cleared answer's is its clear, kept in answer_clears)."""
    row = store.conn.execute(
        "SELECT rev FROM answers WHERE inspection_id = ? AND item_id = ? UNION ALL "
        "SELECT rev FROM answer_clears WHERE inspection_id = ? AND item_id = ?",
        (inspection_id, item_id, inspection_id, item_id)).fetchone()
    return row[0] if row else None


def position(store: Store, inspection_id: str) -> str | None:
    """The item answered last: where the inspector resumes."""
    row = store.conn.execute(
        "SELECT item_id FROM answers WHERE inspection_id = ? ORDER BY updated_at DESC LIMIT 1",
        (inspection_id,)).fetchone()
    return row[0] if row else None


def clear_answer(store: Store, inspection_id: str, item_id: str) -> list[str]:
    checklist = checklist_of(store, get(store, inspection_id))
    checklist.item(item_id)
    with store.transaction():
        inspection = draft_to_change(store, inspection_id)
        _delete_answers(store, inspection["id"], [item_id])
        return [item_id, *_clear_hidden(store, checklist, inspection["id"])]


def _clear_hidden(store: Store, checklist: Checklist, inspection_id: str,
                  changed: str | None = None) -> list[str]:
    if changed is not None and changed not in checklist.condition_targets:
        return []  # this answer shows or hides nothing
    answered = answers(store, inspection_id)
    shown = {item["id"] for item in evaluation.visible_items(checklist, values(answered))}
    hidden = [item_id for item_id in answered if item_id not in shown]
    _delete_answers(store, inspection_id, hidden)
    return hidden


def _delete_answers(store: Store, inspection_id: str, item_ids: list[str]) -> None:
    for item_id in item_ids:
        row = store.conn.execute(
            "SELECT rev FROM answers WHERE inspection_id = ? AND item_id = ?",
            (inspection_id, item_id)).fetchone()
        if row:  # an answer there to clear
            store.record("answer", f"{inspection_id}/{item_id}", "clear", {"base": row[0]})


def draft_to_change(store: Store, inspection_id: str) -> dict:
    """The inspection a write is about to change, read inside that write's transaction
    (BEGIN IMMEDIATE holds the write lock): refused unless it is still a draft. Checked
    before the lock, another process could complete it in between, and the write would
    land in a completed inspection."""
    assert store.conn.in_transaction, "draft_to_change() outside a transaction"
    inspection = get(store, inspection_id)
    _require_draft(inspection)
    return inspection


def _require_draft(inspection: dict) -> None:
    if inspection["status"] != "draft":
        key = "inspection.signed" if inspection["status"] == "signed" else "inspection.locked"
        raise ValidationError(t(key, id=inspection["id"]))


# --- evaluation ------------------------------------------------------------------


def values(answered: dict[str, dict]) -> dict:
    """item id -> stored value, as evaluation.evaluate() takes them."""
    return {item_id: answer["value"] for item_id, answer in answered.items()}


def photographed(store: Store, inspection_id: str) -> set[str]:
    """The items with evidence (their photos or signature images)."""
    return {r[0] for r in store.conn.execute(
        "SELECT DISTINCT item_id FROM kept_evidence WHERE inspection_id = ? "
        "AND item_id IS NOT NULL",
        (inspection_id,))}


def progress(store: Store, inspection_id: str) -> Evaluation:
    """The inspection as evaluated now: shown, answered, non-compliant, missing items."""
    inspection = get(store, inspection_id)
    return evaluation.evaluate(checklist_of(store, inspection),
                               values(answers(store, inspection["id"])),
                               photographed(store, inspection["id"]), inspection["started_at"])


def evaluations(store: Store, rows: list[dict]) -> dict[str, Evaluation]:
    """Inspection id -> evaluation for rows with id, checklist_hash and started_at:
    a table's page (or a whole list) read in a few queries, not several per row."""
    found: dict[str, tuple[dict, set]] = {row["id"]: ({}, set()) for row in rows}
    for chunk in range(0, len(rows), 500):  # within SQLite's limit on parameters
        wanted = [row["id"] for row in rows[chunk:chunk + 500]]
        marks = ", ".join("?" * len(wanted))
        for inspection_id, item_id, value in store.conn.execute(
                f"SELECT inspection_id, item_id, value FROM answers "
                f"WHERE inspection_id IN ({marks})", wanted):
            found[inspection_id][0][item_id] = json.loads(value)
        for inspection_id, item_id in store.conn.execute(
                f"SELECT DISTINCT inspection_id, item_id FROM kept_evidence "
                f"WHERE inspection_id IN ({marks}) AND item_id IS NOT NULL", wanted):
            found[inspection_id][1].add(item_id)
    return {row["id"]: evaluation.evaluate(pinned_checklist(store, row["checklist_hash"]),
                                           *found[row["id"]], row["started_at"])
            for row in rows}


# --- completion -----------------------------------------------------------------


def complete(store: Store, inspection_id: str, finished_at: str | None = None) -> list[str]:
    """Complete (lock) the inspection and create its rectification items.

    Refused while required items are unanswered: the error lists them. A record
    transcribed from paper finishes, unless told otherwise, when it started: on the
    paper record's day, from which its deadlines run (not the day it was typed in).
    Returns the ids of the rectification items created.
    """
    from .paper import require_sheet  # paper builds on this module

    given = finished_at
    with store.transaction():  # the answers judged are the ones the completion locks
        inspection = draft_to_change(store, inspection_id)
        require_sheet(store, inspection)
        finished_at = _stored_time(given if given or not inspection.get("paper")
                                   else inspection["started_at"])
        state = progress(store, inspection["id"])
        if state.missing_required:
            missing = state.missing_required
            listed = "; ".join(f"{i['id']} {pick(i['text'])}" for i in missing[:10])
            more = len(missing) - 10
            raise ValidationError(t("inspection.missing_required", n=len(missing),
                                    items=listed + (f" … (+{more})" if more > 0 else "")))
        store.record("inspection", inspection["id"], "complete", {"finished_at": finished_at})
        created = _create_rectifications(store, inspection, state.non_compliant, finished_at)
    return created


def mark_signed(store: Store, inspection_id: str) -> None:
    """Freeze a completed inspection once its report is signed; from here on the
    database itself refuses any change to it or its answers (triggers)."""
    with store.transaction():
        inspection = get(store, inspection_id)  # under the write lock, as it is signed
        if inspection["status"] != "completed":
            raise ValidationError(t("inspection.sign_needs_complete", id=inspection["id"]))
        store.record("inspection", inspection["id"], "sign", {})


def _create_rectifications(store: Store, inspection: dict, items: list[dict],
                           found_at: str) -> list[str]:
    checklist = checklist_of(store, inspection)
    subject = get_subject(store, inspection["subject_id"])
    answered = answers(store, inspection["id"])
    found_on = ids.local_date(found_at).isoformat()  # the Beijing day it was found
    carried = {}
    if inspection["corrects"]:  # a correction's items follow the record it corrects
        from .corrections import carried_over

        carried = carried_over(store, inspection)
    from . import authorities as competent  # who orders which finding, who is sent it

    sent = {i: kind for kind, found in competent.transfers(
        competent.of_inspection(inspection), checklist, [item["id"] for item in items])
        for i in found}  # item id -> the kind of authority it goes to
    created = []
    for item in items:
        if item["id"] in carried and carried[item["id"]] is None:
            continue  # the item already worked on carries on
        problem = found_text(item, answered[item["id"]])
        basis = "；".join(cite(b) for b in item.get("basis", []))
        # the record is in Chinese whatever language the app shows
        requirement = requirement_text(item, "zh") or MESSAGES["rectification.default_req"][0]
        deadline = (date.fromisoformat(found_on)
                    + timedelta(days=checklist.deadline_days(item))).isoformat()
        kept = carried.get(item["id"]) or {"found_on": found_on, "deadline": deadline}
        rectification_id = ids.uuid7()
        store.record("rectification", rectification_id, "create", {
            "inspection_id": inspection["id"], "subject_id": subject["id"],
            "item_id": item["id"], "sector": inspection["sector"], "problem": problem,
            "basis": basis, "requirement": requirement,
            "severity": item.get("severity", "minor"), "found_on": kept["found_on"],
            "deadline": kept["deadline"], "responsible": subject["legal_rep"]})
        store.record("rectification_event", ids.uuid7(), "create",
                     {"rectification_id": rectification_id, "deadline": kept["deadline"],
                      **({"status": rectification_rules.TRANSFERRED, "note": sent[item["id"]]}
                         if item["id"] in sent else {"status": rectification_rules.OPEN})})
        created.append(rectification_id)
    return created


def transferred_items(store: Store, inspection_id: str) -> list[str]:
    """The check items of the inspection's findings transferred to another authority
    (移送, decided when it was completed): on no notice of its own bureaus."""
    return [r[0] for r in store.conn.execute(
        "SELECT item_id FROM rectifications WHERE inspection_id = ? AND status = ?",
        (inspection_id, rectification_rules.TRANSFERRED))]


def found_text(item: dict, answer: dict) -> str:
    """What was found, as the record and the notice state it: the item, the fact
    chosen (an option, a figure; a yes/no is a verdict, not a fact) and the
    inspector's note — 执业资质形式：未取得许可证也未备案；现场未见许可证."""
    from .reports.content import answer_label  # reports import this module

    facts = [] if item["type"] == "yes_no" else [answer_label(item, answer["value"])["zh"]]
    if answer.get("note"):
        facts.append(answer["note"])
    return pick(item["text"], "zh") + ("：" + "；".join(facts) if facts else "")


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
    judged = evaluations(store, rows)
    for row in rows:
        del row["checklist_hash"]
        row["non_compliant"] = len(judged[row["id"]].non_compliant)
    return rows
