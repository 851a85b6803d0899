"""Applying the campaign's change-log entries to its tables (see inspector.apply).

Creations insert once. What changes later settles the same way on every store,
whatever order entries arrive in: the latest entry by (time, entry id) holds (an
officer's details, a flag on a subject, a task's inspection and its result).
"""

from ..digest import canonical

ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"

# phases (inspector.apply.PHASES): a reference resolves whatever order entries come in
PHASES = {("campaign", "create"): 2, ("campaign_matter", "create"): 3,
          ("officer", "create"): 2, ("officer", "update"): 3,
          ("subject_flag", "create"): 4, ("draw", "commit"): 4, ("draw", "create"): 5,
          ("task", "create"): 6, ("task", "start"): 9, ("task", "result"): 9}

CAMPAIGN_FIELDS = ("name", "authority", "starts_on", "ends_on")
MATTER_FIELDS = ("campaign_id", "title", "sector", "checklist_id", "basis", "ratio",
                 "starts_on", "ends_on", "authority", "due_days")
OFFICER_FIELDS = ("name", "badge", "department")


class MissingRecord(Exception):
    """An entry refers to a record this store does not hold (inspector.apply says so)."""


def _insert(conn, table: str, row: dict) -> str:
    columns, marks = ", ".join(row), ", ".join("?" for _ in row)
    cursor = conn.execute(f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})",
                          list(row.values()))
    return ADDED if cursor.rowcount else UNCHANGED


def _made(entry: dict) -> dict:
    return {"created_at": entry["at"], "created_by": entry["actor"],
            "device_id": entry["device_id"]}


def _require(conn, table: str, record_id, what: str) -> None:
    if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone() is None:
        raise MissingRecord(f"{what} {record_id} does not exist")


def _campaign(conn, entry, data):
    return _insert(conn, "campaigns", {"id": entry["record_id"], **{
        k: data[k] for k in CAMPAIGN_FIELDS}, "rule": canonical(data.get("rule") or {}),
        **_made(entry)})


def _matter(conn, entry, data):
    _require(conn, "campaigns", data["campaign_id"], "campaign")
    return _insert(conn, "campaign_matters", {"id": entry["record_id"], **{
        k: data.get(k) for k in MATTER_FIELDS}, "self_check": int(bool(data.get("self_check"))),
        **_made(entry)})


def _officer(conn, entry, data):
    values = {**{k: data.get(k) for k in OFFICER_FIELDS},
              "sectors": canonical(sorted(data.get("sectors") or [])),
              "conflicts": canonical(sorted(data.get("conflicts") or [])),
              "active": int(data.get("active", True) is not False)}
    rev = f"{entry['at']} {entry['id']}"
    if _insert(conn, "officers", {"id": entry["record_id"], **values, "rev": rev,
                                  "rev_at": entry["at"], "updated_at": entry["at"],
                                  **_made(entry)}) == ADDED:
        return ADDED
    changed = conn.execute(
        f"UPDATE officers SET {', '.join(f'{k} = ?' for k in values)}, rev = ?, rev_at = ?, "
        "updated_at = ? WHERE id = ? AND rev < ?",
        (*values.values(), rev, entry["at"], entry["at"], entry["record_id"], rev)).rowcount
    return UPDATED if changed else UNCHANGED


def _flag(conn, entry, data):
    return _insert(conn, "subject_flags", {
        "id": entry["record_id"], "subject_id": data["subject_id"], "flag": data["flag"],
        "active": int(bool(data.get("active", True))), "note": data.get("note"),
        "at": entry["at"], "created_by": entry["actor"], "device_id": entry["device_id"]})


def _draw(conn, entry, data):
    if entry["op"] == "commit":
        _require(conn, "campaigns", data["campaign_id"], "campaign")
        return _insert(conn, "draw_commits", {
            "id": entry["record_id"], "campaign_id": data["campaign_id"],
            "seed_hash": data["seed_hash"], "at": entry["at"], "created_by": entry["actor"],
            "device_id": entry["device_id"]})
    statement = data["statement"]
    _require(conn, "campaigns", statement["campaign_id"], "campaign")
    return _insert(conn, "draws", {
        "id": entry["record_id"], "campaign_id": statement["campaign_id"],
        "statement": canonical(statement), "signature": data["signature"],
        "certificate": data["certificate"], "at": entry["at"], "created_by": entry["actor"],
        "device_id": entry["device_id"]})


def _task(conn, entry, data):
    if entry["op"] == "create":  # (a company holds its self-check task, not the draw)
        _require(conn, "campaign_matters", data["matter_id"], "check matter")
        return _insert(conn, "tasks", {
            "id": entry["record_id"], **{k: data[k] for k in (
                "campaign_id", "matter_id", "draw_id", "subject_id", "kind", "due_on")},
            "officers": canonical(data.get("officers") or []),
            **_made(entry)})
    _require(conn, "tasks", entry["record_id"], "task")
    rev = f"{entry['at']} {entry['id']}"
    if entry["op"] == "start":
        sql, values = ("UPDATE tasks SET inspection_id = ?, started_rev = ? WHERE id = ? AND "
                       "(started_rev IS NULL OR started_rev < ?)", (data["inspection_id"],))
    else:
        sql, values = ("UPDATE tasks SET result = ?, result_note = ?, result_at = ?, "
                       "result_rev = ? WHERE id = ? AND (result_rev IS NULL OR result_rev < ?)",
                       (data["result"], data.get("note"), entry["at"]))
    changed = conn.execute(sql, (*values, rev, entry["record_id"], rev)).rowcount
    return UPDATED if changed else UNCHANGED


HANDLERS = {"campaign": _campaign, "campaign_matter": _matter, "officer": _officer,
            "subject_flag": _flag, "draw": _draw, "task": _task}


def attachments(entry: dict) -> list[str]:
    """The pinned registers a draw names (they travel as attachments beside it)."""
    data = entry["data"]
    if entry["entity"] != "draw" or entry["op"] != "create" or not isinstance(data, dict):
        return []
    statement = data.get("statement")
    registers = statement.get("registers") if isinstance(statement, dict) else None
    if not isinstance(registers, dict):
        return []
    return [v for v in (registers.get("subjects"), registers.get("officers"))
            if isinstance(v, str)]


def shared_with_company(entries: list[dict], subject_id: str) -> set[str]:
    """Ids of the entries a company's bundle carries in full (inspector.sync.sharing):
    its own self-check tasks, with their campaign and matter (a published plan). The
    draw, and the inspections planned, stay withheld."""
    own = [e for e in entries if e["entity"] == "task" and e["data"] is not None and
           e["op"] == "create" and e["data"].get("kind") == "self_check" and
           e["data"].get("subject_id") == subject_id]
    tasks = {e["record_id"] for e in own}
    matters = {e["data"].get("matter_id") for e in own}
    campaigns = {e["data"].get("campaign_id") for e in own}
    return {e["id"] for e in entries if e["data"] is not None and (
        (e["entity"] == "task" and e["record_id"] in tasks) or
        (e["entity"] == "campaign_matter" and e["record_id"] in matters) or
        (e["entity"] == "campaign" and e["record_id"] in campaigns))}
