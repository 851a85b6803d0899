"""Applying credit change-log entries to their tables (see inspector.apply).

Creations insert once. A proposal's notice moves it to "notified"; its decision,
and a repair's, are the earliest by (time, entry id) on every store, whatever order
entries arrive in (two supervisors deciding at once: the first one holds).
"""

import json

from ..campaign.records import MissingRecord  # (inspector.apply words it)

ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"

PHASES = {("credit_penalty", "create"): 12, ("credit_proposal", "create"): 13,
          ("credit_notice", "create"): 14, ("credit_statement", "create"): 15,
          ("credit_decision", "create"): 16, ("credit_repair", "apply"): 17,
          ("credit_repair", "decide"): 18}
ENTITIES = ("credit_penalty", "credit_proposal", "credit_notice", "credit_statement",
            "credit_decision", "credit_repair")


def _insert(conn, table: str, row: dict) -> str:
    columns, marks = ", ".join(row), ", ".join("?" for _ in row)
    cursor = conn.execute(f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})",
                          list(row.values()))
    return ADDED if cursor.rowcount else UNCHANGED


def _by(entry: dict) -> dict:
    return {"at": entry["at"], "created_by": entry["actor"], "device_id": entry["device_id"]}


def _proposal_of(conn, proposal_id) -> tuple:
    row = conn.execute("SELECT subject_id, list, basis FROM credit_proposals WHERE id = ?",
                       (proposal_id,)).fetchone()
    if row is None:
        raise MissingRecord(f"credit proposal {proposal_id} does not exist")
    return row


def _penalty(conn, entry, data):
    return _insert(conn, "credit_penalties", {
        "id": entry["record_id"], "subject_id": data["subject_id"],
        "decision_no": data["decision_no"], "decided_on": data["decided_on"],
        "heavier": int(bool(data.get("heavier"))), "note": data.get("note"), **_by(entry)})


def _proposal(conn, entry, data):
    return _insert(conn, "credit_proposals", {
        "id": entry["record_id"], **{k: data[k] for k in (
            "subject_id", "list", "rule", "fact", "ground", "basis")},
        "facts": json.dumps(data.get("facts") or {}, ensure_ascii=False, sort_keys=True),
        "campaign_id": data.get("campaign_id"), "proposed_at": entry["at"],
        "proposed_by": entry["actor"], "device_id": entry["device_id"]})


def _notice(conn, entry, data):
    _proposal_of(conn, data["proposal_id"])
    added = _insert(conn, "credit_notices", {
        "id": entry["record_id"], "proposal_id": data["proposal_id"],
        "notified_on": data["notified_on"], "deadline": data["deadline"], **_by(entry)})
    conn.execute("UPDATE credit_proposals SET status = 'notified', notice_id = ?, "
                 "notified_on = ?, deadline = ? WHERE id = ? AND status = 'proposed'",
                 (entry["record_id"], data["notified_on"], data["deadline"],
                  data["proposal_id"]))
    return added


def _statement(conn, entry, data):
    _proposal_of(conn, data["proposal_id"])
    return _insert(conn, "credit_statements", {
        "id": entry["record_id"], "proposal_id": data["proposal_id"], "text": data["text"],
        **_by(entry)})


def _decision(conn, entry, data):
    """The earliest decision holds; an approval makes (or keeps) the listing, and a
    decline that turns out earlier removes one (a repair, if any, stays recorded)."""
    proposal_id = data["proposal_id"]
    subject_id, kind, basis = _proposal_of(conn, proposal_id)
    rev = f"{entry['at']} {entry['id']}"
    approved = data["decision"] == "approve"
    changed = conn.execute(
        "UPDATE credit_proposals SET status = ?, decision = ?, reason = ?, decided_at = ?, "
        "decided_by = ?, decision_rev = ? WHERE id = ? AND (decision_rev IS NULL OR "
        "decision_rev > ?)", ("approved" if approved else "declined", data["decision"],
                              data["reason"], entry["at"], entry["actor"], rev, proposal_id,
                              rev)).rowcount
    if not changed:
        return UNCHANGED
    if approved:
        conn.execute(
            "INSERT INTO credit_listings (proposal_id, subject_id, list, basis, effective_on, "
            "publish_until, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (proposal_id) "
            "DO UPDATE SET effective_on = excluded.effective_on, publish_until = "
            "excluded.publish_until, decided_at = excluded.decided_at",
            (proposal_id, subject_id, kind, data.get("basis") or basis, data["effective_on"],
             data["publish_until"], entry["at"]))
    else:
        conn.execute("DELETE FROM credit_listings WHERE proposal_id = ?", (proposal_id,))
    return UPDATED


def _repair(conn, entry, data):
    if entry["op"] == "apply":
        _proposal_of(conn, data["proposal_id"])
        return _insert(conn, "credit_repairs", {
            "id": entry["record_id"], "proposal_id": data["proposal_id"],
            "application": data["application"], "promise": data["promise"],
            "evidence": json.dumps(sorted(data.get("evidence") or [])),
            "applied_at": entry["at"], "applied_by": entry["actor"],
            "device_id": entry["device_id"]})
    row = conn.execute("SELECT proposal_id FROM credit_repairs WHERE id = ?",
                       (entry["record_id"],)).fetchone()
    if row is None:
        raise MissingRecord(f"credit repair {entry['record_id']} does not exist")
    rev = f"{entry['at']} {entry['id']}"
    approved = data["decision"] == "approve"
    changed = conn.execute(
        "UPDATE credit_repairs SET status = ?, reason = ?, decided_at = ?, decided_by = ?, "
        "decision_rev = ? WHERE id = ? AND (decision_rev IS NULL OR decision_rev > ?)",
        ("approved" if approved else "declined", data["reason"], entry["at"], entry["actor"],
         rev, entry["record_id"], rev)).rowcount
    if changed and approved:
        conn.execute("UPDATE credit_listings SET repaired_at = ? WHERE proposal_id = ? AND "
                     "(repaired_at IS NULL OR repaired_at > ?)", (entry["at"], row[0],
                                                                  entry["at"]))
    return UPDATED if changed else UNCHANGED


HANDLERS = {"credit_penalty": _penalty, "credit_proposal": _proposal,
            "credit_notice": _notice, "credit_statement": _statement,
            "credit_decision": _decision, "credit_repair": _repair}


def shared_with_company(entries: list[dict], subject_id: str) -> set[str]:
    """Ids of the credit entries a company's bundle carries in full: everything about
    it (its proposals, their notices, statements, decisions, its repairs, penalties)."""
    full = [e for e in entries if e["entity"] in ENTITIES and e["data"] is not None]
    proposals = {e["record_id"] for e in full if e["entity"] == "credit_proposal"
                 and e["data"].get("subject_id") == subject_id}
    repairs = {e["record_id"] for e in full if e["entity"] == "credit_repair"
               and e["op"] == "apply" and e["data"].get("proposal_id") in proposals}
    return {e["id"] for e in full if e["record_id"] in proposals | repairs
            or e["data"].get("proposal_id") in proposals
            or (e["entity"] == "credit_penalty" and e["data"].get("subject_id") == subject_id)}
