"""Tasks: each subject a draw drew becomes a task for the two officers drawn (or, for a
matter that asks for it, a self-check task for the company), due a matter's number
of days after it is handed out. An inspector's store lists the tasks that name its
identity, starts the inspection from one (subject, checklist, officers and their
执法证号 filled in) and records the result in the published words."""

import json
from datetime import date, timedelta

from .. import checklists, ids
from ..errors import NotFound, ValidationError
from ..i18n import t
from ..store import Store
from .results import CATEGORIES, derived_result

INSPECTION, SELF_CHECK = "inspection", "self_check"


def make_tasks(store: Store, campaign: str, *, on: str | None = None) -> int:
    """Turn the draw of `campaign` into tasks (once: a second call adds none). Returns
    how many were made."""
    from . import draws  # signatures: not needed by the navigation's counts at start

    row, statement = draws.statement_of(store, campaign)
    start = date.fromisoformat(on or ids.today())
    names = {o["id"]: o for o in store.query("SELECT id, name, badge FROM officers")}
    made = 0
    with store.transaction():
        held = {(r[0], r[1], r[2]) for r in store.conn.execute(
            "SELECT matter_id, subject_id, kind FROM tasks WHERE draw_id = ?", (row["id"],))}
        for matter in statement["result"]:
            plan = store.query("SELECT * FROM campaign_matters WHERE id = ?",
                               (matter["matter_id"],))[0]
            due = (start + timedelta(days=plan["due_days"])).isoformat()
            kinds = [SELF_CHECK, INSPECTION] if plan["self_check"] else [INSPECTION]
            for subject in matter["subjects"]:
                for kind in kinds:
                    if (matter["matter_id"], subject["id"], kind) in held:
                        continue
                    people = [] if kind == SELF_CHECK else [
                        {"id": o, "name": names.get(o, {}).get("name", "?"),
                         "badge": names.get(o, {}).get("badge")} for o in subject["officers"]]
                    store.record("task", ids.uuid7(), "create", {
                        "campaign_id": statement["campaign_id"],
                        "matter_id": matter["matter_id"], "draw_id": row["id"],
                        "subject_id": subject["id"], "kind": kind, "due_on": due,
                        "officers": people})
                    made += 1
    return made


TASK_SQL = """
SELECT t.*, s.name AS subject, s.uscc, s.sector, m.title AS matter, m.checklist_id,
       c.name AS campaign, c.authority, m.authority AS matter_authority,
       i.status AS inspection_status,
       (SELECT COUNT(*) FROM rectifications r WHERE r.inspection_id = t.inspection_id)
           AS findings
FROM tasks t JOIN subjects s ON s.id = t.subject_id
JOIN campaign_matters m ON m.id = t.matter_id JOIN campaigns c ON c.id = t.campaign_id
LEFT JOIN inspections i ON i.id = t.inspection_id
"""


def _decode(row: dict, today: str) -> dict:
    officers = json.loads(row["officers"])
    result = row["result"] or derived_result(row["inspection_status"], row["findings"])
    done = result is not None
    return {**row, "officers": officers, "officer_names": "、".join(o["name"] for o in officers),
            "result": result, "done": done,
            "overdue": not done and row["due_on"] < today}


def tasks(store: Store, campaign: str | None = None, *, mine: bool = False,
          today: str | None = None) -> list[dict]:
    """Tasks (of one campaign; with `mine`, those naming this store's identity, or a
    company's own self-check tasks), by due date."""
    where, params = [], []
    if campaign:
        from . import plans  # the draw's arithmetic: not needed by the navigation's counts

        where.append("t.campaign_id = ?")
        params.append(plans.get_campaign(store, campaign)["id"])
    rows = store.query(TASK_SQL + (f" WHERE {' AND '.join(where)}" if where else "") +
                       " ORDER BY t.due_on, s.name, t.kind", params)
    today = today or ids.today()
    out = [_decode(r, today) for r in rows]
    return [r for r in out if _mine(store, r)] if mine else out


def _mine(store: Store, task: dict) -> bool:
    me = store.query("SELECT name, role, uscc FROM identities WHERE id = ?", (store.actor,))
    if not me:
        return False
    if me[0]["role"] == "company":
        return task["kind"] == SELF_CHECK and task["uscc"] == me[0]["uscc"]
    return task["kind"] == INSPECTION and me[0]["name"] in {o["name"] for o in task["officers"]}


def get_task(store: Store, key: str) -> dict:
    rows = store.query(TASK_SQL + " WHERE t.id = ? OR (length(?) >= 8 AND t.id LIKE ? || '%')",
                       (key, key, key))
    if len(rows) != 1:
        raise NotFound(t("task.not_found", key=key))
    return _decode(rows[0], ids.today())


def start_from_task(store: Store, key: str, *, inspectors: list[str] | None = None,
                    place: str | None = None) -> str:
    """Start the task's inspection (or self-check): its subject, its matter's checklist,
    the officers drawn with their 执法证号; linked to the task. Returns its id."""
    from .. import inspections

    task = get_task(store, key)
    if task["inspection_id"]:
        raise ValidationError(t("task.started", id=task["inspection_id"][:8]))
    checklist = checklists.find(task["checklist_id"])
    if task["kind"] == SELF_CHECK:
        me = store.query("SELECT name FROM identities WHERE id = ?", (store.actor,))
        people = inspectors or [me[0]["name"] if me else task["subject"]]
        badges = None
    else:
        people = inspectors or [o["name"] for o in task["officers"]]
        badges = {o["name"]: o["badge"] for o in task["officers"] if o.get("badge")}
    # the bureau the matter names issues the notices (inspector.authorities)
    bureau = task["matter_authority"] or task["authority"]
    authorities = [bureau] if bureau and task["kind"] != SELF_CHECK else []
    with store.transaction():
        inspection_id = inspections.start(store, subject=task["subject_id"],
                                          checklist=checklist, kind=task["kind"],
                                          inspectors=people, place=place, badges=badges,
                                          authorities=authorities)
        store.record("task", task["id"], "start", {"inspection_id": inspection_id})
    return inspection_id


def record_result(store: Store, key: str, result: str, note: str | None = None) -> dict:
    """The task's result in the published words (results.CATEGORIES): an inspector the
    task names, or the planner; the latest result counts."""
    if result not in CATEGORIES:
        raise ValidationError(t("task.bad_result", result=result,
                                known=", ".join(CATEGORIES)))
    task = get_task(store, key)
    with store.transaction():
        store.record("task", task["id"], "result", {"result": result,
                                                    "note": (note or "").strip() or None})
    return get_task(store, task["id"])


def open_counts(store: Store, today: str | None = None) -> dict[str, int]:
    """This identity's tasks not done yet, and of them overdue (for the navigation): an
    inspector's named on them, a company's self-checks; a supervisor's, all."""
    me = store.query("SELECT name, role, uscc FROM identities WHERE id = ?", (store.actor,))
    if not me or not store.conn.execute("SELECT 1 FROM tasks LIMIT 1").fetchone():
        return {"tasks_due": 0, "tasks_overdue": 0}
    rows = tasks(store, mine=me[0]["role"] != "supervisor", today=today)
    return {"tasks_due": sum(not r["done"] for r in rows),
            "tasks_overdue": sum(r["overdue"] for r in rows)}
