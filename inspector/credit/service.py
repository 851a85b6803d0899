"""Credit services: penalties, proposals from the rules, the notice, the party's
statement, the decision, repair, and a subject's credit record. The CLI and the UI
both call these; every write is a Store.record in a transaction."""

import json
from datetime import date, timedelta

from .. import ids
from ..errors import NotFound, ValidationError
from ..i18n import t
from ..store import Store
from ..subjects import get_subject
from . import rulesets

PROPOSAL_COLUMNS = ("p.id, p.subject_id, s.name, s.uscc, s.sector, p.list, p.rule, p.ground, "
                    "p.basis, p.facts, p.campaign_id, p.proposed_at, p.status, p.notified_on, "
                    "p.deadline, p.decision, p.reason, p.decided_at")
# a record's steps in the order they happen, for events written in the same instant
STEPS = ("inspection", "finding", "rectification", "penalty", "proposal", "notice",
         "statement", "decision", "repair")


def _day(value: str | None, what: str) -> str:
    if value is None:
        return ids.today()
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except (AttributeError, ValueError):
        raise ValidationError(t("credit.bad_date", what=what, value=value)) from None


def _text(value: str | None, what: str) -> str:
    if not (value or "").strip():
        raise ValidationError(t("credit.needs_text", what=what))
    return value.strip()


# --- facts an officer enters ------------------------------------------------------------


def enter_penalty(store: Store, subject: str, *, decision_no: str, decided_on: str | None,
                  heavier: bool, note: str | None = None) -> str:
    """A penalty decision (行政处罚决定) about `subject`, heavier (从重) or not."""
    found = get_subject(store, subject)
    penalty_id = ids.uuid7()
    with store.transaction():
        store.record("credit_penalty", penalty_id, "create", {
            "subject_id": found["id"], "decision_no": _text(decision_no, "decision_no"),
            "decided_on": _day(decided_on, "decided_on"), "heavier": bool(heavier),
            "note": note})
    return penalty_id


# --- proposals --------------------------------------------------------------------------


def propose(store: Store, ruleset: rulesets.RuleSet | None = None, *,
            subject: str | None = None, today: str | None = None) -> list[dict]:
    """Proposals for every fact a rule matches that proposed nothing yet (one subject's
    only, when given). Returns the new proposals."""
    ruleset = ruleset or rulesets.load()
    today = _day(today, "today")
    only = get_subject(store, subject)["id"] if subject else None
    made = []
    with store.transaction():
        for rule in ruleset.rules:
            for fact in rulesets.matches(store.conn, rule, today):
                if only not in (None, fact["subject_id"]) or store.conn.execute(
                        "SELECT 1 FROM credit_proposals WHERE rule = ? AND fact = ?",
                        (rule.id, fact["key"])).fetchone():
                    continue
                proposal_id = ids.uuid7()
                store.record("credit_proposal", proposal_id, "create", {
                    "subject_id": fact["subject_id"], "list": rule.list, "rule": rule.id,
                    "fact": fact["key"], "ground": rule.ground["zh"],
                    "basis": rule.basis.replace("{basis}", fact["basis"] or "").strip() or
                    rule.ground["zh"], "facts": fact["facts"],
                    "campaign_id": fact["campaign_id"]})
                made.append(proposal_id)
    return [get_proposal(store, p) for p in made]


def _proposal_row(row: tuple) -> dict:
    keys = [c.split(".")[-1] for c in PROPOSAL_COLUMNS.split(", ")]
    keys[2], keys[3] = "subject_name", "uscc"
    found = dict(zip(keys, row, strict=True))
    found["facts"] = json.loads(found["facts"])
    return found


def proposals(store: Store, *, status: str | None = None, subject: str | None = None) -> list:
    only = get_subject(store, subject)["id"] if subject else None
    rows = store.conn.execute(
        f"SELECT {PROPOSAL_COLUMNS} FROM credit_proposals p JOIN subjects s ON "
        "s.id = p.subject_id WHERE (? IS NULL OR p.status = ?) AND (? IS NULL OR "
        "p.subject_id = ?) ORDER BY p.proposed_at, p.id", (status, status, only, only))
    return [_proposal_row(r) for r in rows]


def get_proposal(store: Store, key: str) -> dict:
    """A proposal by its id or a unique start of it (as lists show them)."""
    rows = store.conn.execute(
        f"SELECT {PROPOSAL_COLUMNS} FROM credit_proposals p JOIN subjects s ON "
        "s.id = p.subject_id WHERE p.id = ? OR p.id LIKE ? LIMIT 2",
        (key, key.replace("%", "").replace("_", "") + "%")).fetchall()
    if len(rows) != 1:
        raise NotFound(t("credit.no_proposal", key=key))
    return _proposal_row(rows[0])


# --- notice, statement, decision ---------------------------------------------------------


def notify(store: Store, proposal: str, *, days: int | None = None,
           on: str | None = None) -> dict:
    """The party is notified of the intended listing (拟列入告知书) on `on`, with
    `days` to state its case; once per proposal. Returns the notice."""
    found = get_proposal(store, proposal)
    if found["status"] != "proposed":
        raise ValidationError(t("credit.already", id=found["id"][:8], status=found["status"]))
    days = rulesets.load().statement_days if days is None else days
    if not 1 <= days <= 60:
        raise ValidationError(t("credit.bad_days", days=days))
    notified_on = _day(on, "on")
    deadline = (date.fromisoformat(notified_on) + timedelta(days=days)).isoformat()
    notice_id = ids.uuid7()
    with store.transaction():
        store.record("credit_notice", notice_id, "create", {
            "proposal_id": found["id"], "notified_on": notified_on, "deadline": deadline})
    return {"id": notice_id, "proposal": get_proposal(store, found["id"]),
            "notified_on": notified_on, "deadline": deadline}


def state_case(store: Store, proposal: str, text: str) -> str:
    """The company's statement (陈述申辩) on a proposal about it."""
    found = get_proposal(store, proposal)
    statement_id = ids.uuid7()
    with store.transaction():
        store.record("credit_statement", statement_id, "create",
                     {"proposal_id": found["id"], "text": _text(text, "text")})
    return statement_id


def statements(store: Store, proposal_id: str) -> list[dict]:
    return store.query("SELECT id, text, at FROM credit_statements WHERE proposal_id = ? "
                       "ORDER BY at", (proposal_id,))


def decide(store: Store, proposal: str, *, approve: bool, reason: str,
           years: int | None = None, on: str | None = None) -> dict:
    """The supervisor's decision. Only after the notice; an approval takes effect the
    day after the time to state its case ran out (or on `on`, if later), published
    for `years` (the rules file's period for the list when None)."""
    found = get_proposal(store, proposal)
    if found["status"] == "proposed":
        raise ValidationError(t("credit.not_notified", id=found["id"][:8]))
    if found["status"] != "notified":
        raise ValidationError(t("credit.already", id=found["id"][:8], status=found["status"]))
    data = {"proposal_id": found["id"], "decision": "approve" if approve else "decline",
            "reason": _text(reason, "reason")}
    if approve:
        after = (date.fromisoformat(found["deadline"]) + timedelta(days=1)).isoformat()
        effective = max(after, _day(on, "on"))
        years = rulesets.load().publish_years[found["list"]] if years is None else years
        if not 1 <= years <= 10:
            raise ValidationError(t("credit.bad_years", years=years))
        start = date.fromisoformat(effective)
        until = start.replace(year=start.year + years) - timedelta(days=1)
        data |= {"basis": found["basis"], "effective_on": effective,
                 "publish_until": until.isoformat()}
    with store.transaction():
        store.record("credit_decision", ids.uuid7(), "create", data)
    return get_proposal(store, found["id"])


# --- repair -----------------------------------------------------------------------------


def closed_items(store: Store, subject_id: str) -> list[str]:
    """The subject's rectification items closed after review: a repair's evidence."""
    return [r[0] for r in store.conn.execute(
        "SELECT id FROM rectifications WHERE subject_id = ? AND status = 'closed' ORDER BY id",
        (subject_id,))]


def apply_repair(store: Store, proposal: str, *, application: str, promise: str) -> dict:
    """The company's application for repair (信用修复申请书 and 守信承诺书) of an
    approved listing; its closed rectification items go with it as the proof."""
    found = get_proposal(store, proposal)
    if found["status"] != "approved":
        raise ValidationError(t("credit.not_listed", id=found["id"][:8]))
    repair_id = ids.uuid7()
    with store.transaction():
        store.record("credit_repair", repair_id, "apply", {
            "proposal_id": found["id"], "application": _text(application, "application"),
            "promise": _text(promise, "promise"),
            "evidence": closed_items(store, found["subject_id"])})
    return get_repair(store, repair_id)


def repairs(store: Store, *, status: str | None = None) -> list[dict]:
    rows = store.query(
        "SELECT r.*, p.subject_id, p.list, s.name AS subject_name, s.uscc FROM credit_repairs "
        "r JOIN credit_proposals p ON p.id = r.proposal_id JOIN subjects s ON "
        "s.id = p.subject_id WHERE (? IS NULL OR r.status = ?) ORDER BY r.applied_at",
        (status, status))
    return [{**r, "evidence": json.loads(r["evidence"])} for r in rows]


def get_repair(store: Store, key: str) -> dict:
    found = [r for r in repairs(store) if r["id"] == key or r["id"].startswith(key)]
    if len(found) != 1:
        raise NotFound(t("credit.no_repair", key=key))
    return found[0]


def decide_repair(store: Store, repair: str, *, approve: bool, reason: str) -> dict:
    found = get_repair(store, repair)
    if found["status"] != "applied":
        raise ValidationError(t("credit.already", id=found["id"][:8], status=found["status"]))
    with store.transaction():
        store.record("credit_repair", found["id"], "decide", {
            "decision": "approve" if approve else "decline", "reason": _text(reason, "reason")})
    return get_repair(store, found["id"])


# --- the record and the lists -------------------------------------------------------------


def credit_record(store: Store, subject: str) -> list[dict]:
    """The subject's history, oldest first: inspections, findings, rectification steps,
    penalties, proposals, notices, statements, decisions and repairs (a repaired listing
    stays here). Each event: at, kind, text, ref."""
    sid = get_subject(store, subject)["id"]
    q = store.conn.execute
    events = [{"at": r[0], "kind": "inspection", "ref": r[1], "text": t(
        "credit.ev_inspection", kind=r[2], status=r[3])} for r in q(
        "SELECT created_at, id, kind, status FROM inspections WHERE subject_id = ?", (sid,))]
    events += [{"at": r[0], "kind": "finding", "ref": r[1], "text": t(
        "credit.ev_finding", severity=r[2], problem=r[3], status=r[4])} for r in q(
        "SELECT created_at, id, severity, problem, status FROM rectifications WHERE "
        "subject_id = ?", (sid,))]
    events += [{"at": r[0], "kind": "rectification", "ref": r[1], "text": t(
        "credit.ev_rectification", status=r[2], note=r[3] or "")} for r in q(
        "SELECT e.at, e.rectification_id, e.status, e.note FROM rectification_events e JOIN "
        "rectifications r ON r.id = e.rectification_id WHERE r.subject_id = ?", (sid,))]
    events += [{"at": r[0], "kind": "penalty", "ref": r[1], "text": t(
        "credit.ev_penalty", number=r[2], heavier=t("credit.heavier") if r[3] else "")}
        for r in q("SELECT at, id, decision_no, heavier FROM credit_penalties WHERE "
                   "subject_id = ?", (sid,))]
    for p in proposals(store, subject=sid):
        events += _proposal_events(store, p)
    return sorted(events, key=lambda e: (e["at"], STEPS.index(e["kind"])))


def _proposal_events(store: Store, p: dict) -> list[dict]:
    listed = t(f"credit.list.{p['list']}")
    events = [{"at": p["proposed_at"], "kind": "proposal", "ref": p["id"],
               "text": t("credit.ev_proposal", list=listed, ground=p["ground"])}]
    q = store.conn.execute
    events += [{"at": r[0], "kind": "notice", "ref": p["id"], "text": t(
        "credit.ev_notice", list=listed, deadline=r[1])} for r in q(
        "SELECT at, deadline FROM credit_notices WHERE proposal_id = ?", (p["id"],))]
    events += [{"at": s["at"], "kind": "statement", "ref": p["id"],
                "text": t("credit.ev_statement", text=s["text"])}
               for s in statements(store, p["id"])]
    if p["decided_at"]:
        listing = store.conn.execute("SELECT effective_on, publish_until FROM credit_listings "
                                     "WHERE proposal_id = ?", (p["id"],)).fetchone()
        events.append({"at": p["decided_at"], "kind": "decision", "ref": p["id"], "text": t(
            f"credit.ev_{p['decision']}", list=listed, reason=p["reason"],
            start=listing[0] if listing else "", end=listing[1] if listing else "")})
    for r in q("SELECT applied_at, status, decided_at, reason FROM credit_repairs WHERE "
               "proposal_id = ?", (p["id"],)):
        events.append({"at": r[0], "kind": "repair", "ref": p["id"],
                       "text": t("credit.ev_repair_applied", list=listed)})
        if r[2]:
            events.append({"at": r[2], "kind": "repair", "ref": p["id"], "text": t(
                f"credit.ev_repair_{r[1]}", list=listed, reason=r[3])})
    return events


def _period(period: str | None) -> tuple[str, str]:
    """'2026' or '2026-11' -> the first and the last day; None: all time."""
    if not period:
        return "0000-01-01", "9999-12-31"
    try:
        if len(period) == 4:
            return date(int(period), 1, 1).isoformat(), date(int(period), 12, 31).isoformat()
        start = date.fromisoformat(f"{period}-01")
    except ValueError:
        raise ValidationError(t("credit.bad_period", period=period)) from None
    end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return start.isoformat(), end.isoformat()


def listings(store: Store, *, sector: str | None = None, period: str | None = None,
             as_of: str | None = None, published: bool = False) -> list[dict]:
    """Approved listings that took effect in `period` (YYYY or YYYY-MM), of `sector`;
    `published`: only those on public display on `as_of` (effective, within the
    publication period, not repaired)."""
    start, end = _period(period)
    as_of = _day(as_of, "as_of")
    rows = store.query(
        "SELECT l.*, s.name AS subject_name, s.uscc, s.sector, s.address, s.legal_rep, "
        "s.phone, p.ground, p.reason, p.facts, p.decided_by, p.notified_on, p.deadline, "
        "p.proposed_at FROM credit_listings l JOIN subjects s ON s.id = l.subject_id JOIN "
        "credit_proposals p ON p.id = l.proposal_id WHERE l.effective_on BETWEEN ? AND ? "
        "AND (? IS NULL OR s.sector = ?) ORDER BY l.list, l.effective_on, s.uscc",
        (start, end, sector, sector))
    if published:
        rows = [r for r in rows if r["repaired_at"] is None and
                r["effective_on"] <= as_of <= r["publish_until"]]
    return [{**r, "facts": json.loads(r["facts"])} for r in rows]


def red_list(store: Store, *, sector: str | None = None, period: str | None = None) -> list:
    """Subjects inspected in `period` with nothing against them: every finished
    inspection of the period without findings, no open item, no listing in force."""
    start, end = _period(period)
    return store.query(
        "SELECT s.id AS subject_id, s.name AS subject_name, s.uscc, s.sector, "
        "COUNT(i.id) AS inspections FROM subjects s JOIN inspections i ON i.subject_id = s.id "
        "WHERE i.status IN ('completed', 'signed') AND substr(i.created_at, 1, 10) BETWEEN "
        "? AND ? AND (? IS NULL OR s.sector = ?) AND NOT EXISTS (SELECT 1 FROM "
        "rectifications r WHERE r.subject_id = s.id AND (r.status != 'closed' OR "
        "r.found_on BETWEEN ? AND ?)) AND NOT EXISTS (SELECT 1 FROM credit_listings l WHERE "
        "l.subject_id = s.id AND l.repaired_at IS NULL) GROUP BY s.id ORDER BY s.sector, "
        "s.uscc", (start, end, sector, sector, start, end))


