"""What the authorization table asks of a campaign's records (inspector.authorization).

A supervisor plans (a campaign, its matters), keeps the officers register, commits a
seed, draws (a statement its own key signs, revealing the seed it committed to
earlier) and makes tasks from its own draw, exactly as the draw says. An inspector
links an inspection to a task it is drawn for and records the result; a company
only its own self-check task. Nobody can forge a draw: its signature is the
planner's, and its tasks must match it.

Each function is an ownership rule: (facts, author, entry) -> whether the record is
the author's. `Facts` (inspector.authorization) holds what the store and the bundle
being checked know; `learn` below adds a bundle's campaign creations to it.
"""

import json

from . import algorithm

SUPERVISOR, INSPECTOR, COMPANY = "supervisor", "inspector", "company"
LEARNED = ("campaign", "draw", "task")


def learn(facts, entry: dict, creator: str) -> None:
    """A campaign, a seed commitment, a draw or a task the bundle creates (a record
    this store holds already stays as it is: a second creation changes nothing)."""
    key = (entry["entity"], entry["op"], entry["record_id"])
    if entry["op"] in ("create", "commit") and _lookup(facts, *key) is None:
        _known(facts)[key] = {"data": entry["data"], "creator": creator, "at": entry["at"]}


def _known(facts) -> dict:
    if not hasattr(facts, "campaign_records"):
        facts.campaign_records = {}
    return facts.campaign_records


def _lookup(facts, entity: str, op: str, record_id) -> dict | None:
    known = _known(facts)
    key = (entity, op, record_id)
    if key not in known:
        known[key] = _from_store(facts.conn, entity, op, record_id)
    return known[key]


def _from_store(conn, entity: str, op: str, record_id) -> dict | None:
    if entity == "campaign":
        row = conn.execute("SELECT created_by, created_at FROM campaigns WHERE id = ?",
                           (record_id,)).fetchone()
        return row and {"data": {}, "creator": row[0], "at": row[1]}
    if op == "commit":
        row = conn.execute("SELECT campaign_id, seed_hash, created_by, at FROM draw_commits "
                           "WHERE id = ?", (record_id,)).fetchone()
        return row and {"data": {"campaign_id": row[0], "seed_hash": row[1]},
                        "creator": row[2], "at": row[3]}
    if entity == "draw":
        row = conn.execute("SELECT statement, created_by, at FROM draws WHERE id = ?",
                           (record_id,)).fetchone()
        return row and {"data": {"statement": json.loads(row[0])}, "creator": row[1],
                        "at": row[2]}
    row = conn.execute("SELECT kind, subject_id, officers, created_by, created_at FROM tasks "
                       "WHERE id = ?", (record_id,)).fetchone()
    return row and {"data": {"kind": row[0], "subject_id": row[1],
                             "officers": json.loads(row[2])}, "creator": row[3], "at": row[4]}


def _texts(data: dict, *keys) -> bool:
    return all(isinstance(data.get(k), str) and data[k] for k in keys)


def own_plan(facts, author, entry) -> bool:
    """A campaign its author plans, with a rule the draw can read."""
    data = entry["data"]
    return entry["actor"] in (None, author.id) and \
        _texts(data, "name", "authority", "starts_on", "ends_on") and \
        algorithm.valid_rule(data.get("rule", {}))


def _own_campaign(facts, author, campaign_id) -> bool:
    campaign = _lookup(facts, "campaign", "create", campaign_id)
    return campaign is not None and campaign["creator"] == author.id


def matter_of_own_campaign(facts, author, entry) -> bool:
    data = entry["data"]
    return _own_campaign(facts, author, data.get("campaign_id")) and \
        _texts(data, "title", "sector", "checklist_id", "starts_on", "ends_on", "authority") \
        and algorithm.valid_ratio(data.get("ratio")) and type(data.get("due_days")) is int


def commit_of_own_campaign(facts, author, entry) -> bool:
    data = entry["data"]
    return _own_campaign(facts, author, data.get("campaign_id")) and \
        isinstance(data.get("seed_hash"), str) and len(data["seed_hash"]) == 64


def signed_draw(facts, author, entry) -> bool:
    """The planner's own draw, signed by its key, revealing the seed it committed to
    (an earlier commitment of the same campaign)."""
    data = entry["data"]
    statement = data.get("statement")
    if not isinstance(statement, dict) or not isinstance(data.get("signature"), str) or \
            not _own_campaign(facts, author, statement.get("campaign_id")):
        return False
    commit = _lookup(facts, "draw", "commit", statement.get("commit_id"))
    seed = statement.get("seed")
    return commit is not None and commit["creator"] == author.id and \
        commit["data"].get("campaign_id") == statement["campaign_id"] and \
        commit["at"] <= entry["at"] and algorithm.valid_seed(seed) and \
        algorithm.seed_hash(seed) == commit["data"].get("seed_hash") and \
        statement.get("drawn_by") == author.id and \
        statement.get("fingerprint") == author.fingerprint and \
        signature_holds(author.certificate, data["signature"], statement)


def signature_holds(certificate_pem: str | None, signature: str, statement: dict) -> bool:
    from ..trust_chain import Certification, signed_by  # cryptography: only when asked

    if not certificate_pem:
        return False
    return signed_by(Certification(statement, signature, ""), certificate_pem)


def _drawn(statement: dict, matter_id, subject_id) -> dict | None:
    for matter in statement.get("result") or ():
        if isinstance(matter, dict) and matter.get("matter_id") == matter_id:
            for subject in matter.get("subjects") or ():
                if isinstance(subject, dict) and subject.get("id") == subject_id:
                    return subject
    return None


def task_of_own_draw(facts, author, entry) -> bool:
    """A task for a subject the planner's own draw drew for that matter, with the
    officers it drew (none, for a company's self-check). A company is sent its
    self-check task and the plan, never the draw: there a self-check task of the
    planner's own campaign is all it can check."""
    data = entry["data"]
    if not _texts(data, "campaign_id", "matter_id", "subject_id", "kind", "due_on"):
        return False
    draw = _lookup(facts, "draw", "create", data.get("draw_id"))
    if draw is None:  # a company is sent its self-check task, not the draw
        return data["kind"] == "self_check" and data.get("officers") == [] and \
            _own_campaign(facts, author, data["campaign_id"])
    if draw["creator"] != author.id:
        return False
    statement = draw["data"]["statement"]
    drawn = _drawn(statement, data["matter_id"], data["subject_id"])
    officers = data.get("officers")
    if drawn is None or statement.get("campaign_id") != data["campaign_id"] or \
            not isinstance(officers, list) or not all(isinstance(o, dict) for o in officers):
        return False
    if data["kind"] == "self_check":
        return officers == []
    return data["kind"] == "inspection" and [o.get("id") for o in officers] == drawn["officers"]


def _named(facts, task: dict, author) -> bool:
    """An inspector the task names, of the planner's bureau: one it certified or of its
    organisation (names repeat)."""
    planner = task["creator"]
    return author.role == INSPECTOR and author.name in {
        o.get("name") for o in task["data"].get("officers") or ()} and (
        (author.org is not None and author.org == facts.org_of(planner)) or
        facts.certified(author.id, planner))


def _own_self_check(facts, task: dict, author) -> bool:
    return author.role == COMPANY and task["data"].get("kind") == "self_check" and \
        author.uscc is not None and facts.subject_code(task["data"].get("subject_id")) == \
        author.uscc


def named_on_task(facts, author, entry) -> bool:
    """An inspector the task names, or the company of a self-check task, links the
    inspection it made for it (of the task's subject)."""
    task = _lookup(facts, "task", "create", entry["record_id"])
    data = entry["data"]
    if task is None or not isinstance(data.get("inspection_id"), str):
        return False
    inspection = facts.inspection(data["inspection_id"])
    return (_named(facts, task, author) or _own_self_check(facts, task, author)) and (
        inspection is None or inspection["subject_id"] == task["data"].get("subject_id"))


def result_by_task_people(facts, author, entry) -> bool:
    """The result, in the published words: by an inspector the task names or by the
    planner who made the task."""
    from .results import CATEGORIES

    task = _lookup(facts, "task", "create", entry["record_id"])
    return task is not None and entry["data"].get("result") in CATEGORIES and \
        (_named(facts, task, author) or
         (author.role == SUPERVISOR and task["creator"] == author.id))


OWNERSHIP = {"own_plan": own_plan, "matter_of_own_campaign": matter_of_own_campaign,
             "commit_of_own_campaign": commit_of_own_campaign, "signed_draw": signed_draw,
             "task_of_own_draw": task_of_own_draw, "named_on_task": named_on_task,
             "result_by_task_people": result_by_task_people}
