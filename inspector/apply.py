"""Applying change-log entries to the tables: the one way records are written.

Local services and bundle imports both go through `apply`, so a store that
imports another's entries ends with the same rows. Applying is idempotent and
order-independent:

- creations insert once (a second identical creation is "unchanged");
- status changes only move forward (draft -> completed -> signed);
- answers and subject edits carry the revision they replaced (`base`): an entry
  whose base is the current revision simply moves the record on; otherwise the
  edits were concurrent, the later one by (at, entry id) is kept on every store
  and the pair is recorded in `conflicts`, visible, never silently lost.
"""

import json

from . import sortkey
from .campaign import records as campaign_records
from .credit import records as credit_records
from .digest import canonical, digest
from .rectification_rules import settle
from .statistics import records as statistics_records

ADDED, UPDATED, UNCHANGED, CONFLICT = "added", "updated", "unchanged", "conflict"
STATUS_ORDER = {"draft": 0, "completed": 1, "signed": 2}

# phases make references resolve whatever order entries arrive in
PHASES = {("identity", "create"): 0, ("identity", "keys"): 1, ("checklist", "pin"): 2,
          ("subject", "create"): 3, ("subject", "update"): 4, ("inspection", "create"): 5,
          ("answer", "set"): 6, ("answer", "clear"): 6, ("inspection", "record"): 6,
          ("inspection", "authorities"): 6,
          ("evidence", "create"): 7, ("evidence", "remove"): 7,
          ("signature", "create"): 7, ("inspection", "complete"): 8,
          ("inspection", "sign"): 9, ("rectification", "create"): 10,
          ("rectification_event", "create"): 11, ("revocation", "create"): 12,
          ("certification", "create"): 1, ("number_block", "create"): 2,
          ("document", "create"): 10, ("document", "reserve"): 10,
          ("service", "create"): 11, **campaign_records.PHASES, **credit_records.PHASES,
          **statistics_records.PHASES}


class ApplyError(Exception):
    """An entry that cannot apply: unknown kind, or a reference to a missing record."""


def sort_key(entry: dict) -> tuple:
    return (PHASES.get((entry["entity"], entry["op"]), 99), entry["at"], entry["id"])


def _provenance(entry: dict) -> dict:
    return {"created_at": entry["at"], "updated_at": entry["at"], "created_by": entry["actor"],
            "device_id": entry["device_id"]}


def _insert(conn, table: str, row: dict) -> str:
    """Insert unless a row with this primary key exists; identical repeats are harmless."""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cursor = conn.execute(f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})",
                          list(row.values()))
    return ADDED if cursor.rowcount else UNCHANGED


def _settle(conn, entry: dict, rev: str | None, rev_at: str | None) -> tuple[bool, bool]:
    """Whether `entry` moves the record on, and whether it was a concurrent edit.

    An entry built on the current revision moves it on. Otherwise two machines
    edited without seeing each other: the later one by (at, entry id) wins on
    every store, and the pair is kept in `conflicts` the same way everywhere.
    """
    base = entry["data"].get("base")
    if base is not None:  # a change carried on by a later one has not been lost
        conn.execute("DELETE FROM conflicts WHERE entity = ? AND record_id = ? AND "
                     "lost_entry = ?", (entry["entity"], entry["record_id"], base))
    if base == rev:
        return True, False
    mine, theirs = (rev_at or "", rev or ""), (entry["at"], entry["id"])
    won = theirs > mine
    if rev is not None or not won:
        lost = mine if won else theirs
        _lost(conn, entry, lost[1], lost[0])
    return won, True


def _lost(conn, entry: dict, lost_entry: str, lost_at: str) -> None:
    conn.execute("INSERT OR IGNORE INTO conflicts (entity, record_id, lost_entry, lost_at) "
                 "VALUES (?, ?, ?, ?)", (entry["entity"], entry["record_id"], lost_entry, lost_at))


# --- per entity -----------------------------------------------------------------


def _identity(conn, entry, data):
    row = {"id": entry["record_id"], "name": data["name"], "role": data["role"],
           "org": data.get("org"), "uscc": data.get("uscc"), "badge": data.get("badge"),
           "certificate": data.get("certificate"),
           "fingerprint": data.get("fingerprint"), "trusted": 0, **_provenance(entry)}
    outcome = _insert(conn, "identities", row)
    if data.get("rotation"):
        _rotated(conn, entry, data)
    if outcome == UNCHANGED and entry["op"] == "keys":
        # a key moves on only by a rotation from the key held; an older entry never
        # takes the identity back to a key it rotated away from
        held = data["rotation"]["statement"]["from"] if data.get("rotation") else \
            data.get("fingerprint")
        changed = conn.execute(
            "UPDATE identities SET name = ?, role = ?, org = ?, uscc = ?, certificate = ?, "
            "fingerprint = ?, updated_at = ?, badge = COALESCE(?, badge) WHERE id = ? AND "
            "certificate IS NOT ? AND (fingerprint IS NULL OR fingerprint = ?)",
            (data["name"], data["role"], data.get("org"), data.get("uscc"),
             data.get("certificate"),
             data.get("fingerprint"), entry["at"], data.get("badge"), entry["record_id"],
             data.get("certificate"), held)).rowcount
        return UPDATED if changed else UNCHANGED
    return outcome


def _rotated(conn, entry, data):
    """The old key ends at the rotation statement's time; the new one starts then."""
    at = data["rotation"]["statement"]["at"]
    old_fp = data["rotation"]["statement"]["from"]
    conn.execute("INSERT OR IGNORE INTO identity_keys (fingerprint, identity_id) VALUES (?, ?)",
                 (old_fp, entry["record_id"]))
    conn.execute("UPDATE identity_keys SET certificate = ?, valid_until = ? WHERE "
                 "fingerprint = ? AND (valid_until IS NULL OR valid_until > ?)",
                 (data["rotation"]["previous_certificate"], at, old_fp, at))
    conn.execute("INSERT OR IGNORE INTO identity_keys (fingerprint, identity_id) VALUES (?, ?)",
                 (data["fingerprint"], entry["record_id"]))
    conn.execute("UPDATE identity_keys SET certificate = ?, valid_from = ? WHERE fingerprint = ?",
                 (data["certificate"], at, data["fingerprint"]))


def _revocation(conn, entry, data):
    """A key revoked from `revoked_at` (when not given: the entry's time) on; of two
    revocations the earlier counts."""
    at = data.get("revoked_at") or entry["at"]
    outcome = _insert(conn, "identity_keys", {"fingerprint": data["fingerprint"],
                                              "identity_id": data["identity_id"]})
    changed = conn.execute(
        "UPDATE identity_keys SET revoked_at = ?, revoked_by = ?, reason = ? WHERE "
        "fingerprint = ? AND (revoked_at IS NULL OR revoked_at > ?)",
        (at, entry["actor"], data.get("reason"), data["fingerprint"], at)).rowcount
    return ADDED if outcome == ADDED or changed else UNCHANGED


def _checklist(conn, entry, data):
    if digest(data["content"]) != data["hash"]:
        raise ApplyError(f"checklist {data['checklist_id']} content does not match its hash")
    pinned = conn.execute("SELECT pinned_at FROM checklist_versions WHERE hash = ?",
                          (data["hash"],)).fetchone()
    if pinned:  # pinned on several machines: the first pin counts, wherever it arrives
        if entry["at"] < pinned[0]:
            conn.execute("UPDATE checklist_versions SET pinned_at = ? WHERE hash = ?",
                         (entry["at"], data["hash"]))
        return UNCHANGED
    return _insert(conn, "checklist_versions", {
        "hash": data["hash"], "checklist_id": data["checklist_id"], "version": data["version"],
        "sector": data["sector"],
        "title": json.dumps(data["title"], ensure_ascii=False, sort_keys=True),
        "content": json.dumps(data["content"], ensure_ascii=False, sort_keys=True,
                              separators=(",", ":")), "pinned_at": entry["at"]})


SUBJECT_FIELDS = ("name", "uscc", "sector", "address", "legal_rep", "phone")


def _subject_columns(data: dict) -> dict:
    """The subject's fields, and the key its name sorts by (not in the log: derived)."""
    return {k: data.get(k) for k in SUBJECT_FIELDS} | {
        "sort_key": sortkey.sort_key(data.get("name"))}


def _subject(conn, entry, data):
    if entry["op"] == "create":
        row = {"id": entry["record_id"], **_subject_columns(data),
               "licences": json.dumps(data.get("licences", []), ensure_ascii=False),
               "rev": entry["id"], "rev_at": entry["at"], **_provenance(entry)}
        if _insert(conn, "subjects", row) == ADDED:
            return ADDED
        return _created_twice(conn, entry, row)
    return _revise(conn, "subjects", "id = ?", [entry["record_id"]], entry,
                   _subject_columns(data) | {"licences": data.get("licences", [])})


def _created_twice(conn, entry: dict, row: dict) -> str:
    """The same subject (same credit code) created on two machines: every store keeps
    the first creation's provenance, and settles the details like concurrent edits,
    except that a company's own account of itself yields to the register's (an
    inspector's or a supervisor's), whichever arrives first."""
    created_at, device, rev, rev_at = conn.execute(
        "SELECT created_at, device_id, rev, rev_at FROM subjects WHERE id = ?",
        (entry["record_id"],)).fetchone()
    if rev == entry["id"]:
        return UNCHANGED
    if (entry["at"], entry["device_id"]) < (created_at, device):
        conn.execute("UPDATE subjects SET created_at = ?, created_by = ?, device_id = ? "
                     "WHERE id = ?", (entry["at"], entry["actor"], entry["device_id"],
                                      entry["record_id"]))
    changes = _subject_columns(row) | {"licences": entry["data"].get("licences", [])}
    theirs, mine = _register(conn, entry["actor"]), _register(conn, _author_of(conn, rev))
    if theirs == mine:
        return _revise(conn, "subjects", "id = ?", [entry["record_id"]], entry, changes)
    if mine:  # the register's version stands; the company's is kept as the one lost
        _lost(conn, entry, entry["id"], entry["at"])
        return CONFLICT
    _lost(conn, entry, rev, rev_at)
    _overwrite(conn, "subjects", "id = ?", [entry["record_id"]], entry, changes)
    return CONFLICT


def _register(conn, actor: str | None) -> bool:
    """Whether a subject written by `actor` is the register's version: anyone's but a
    company's (a store without keys keeps its own register)."""
    row = conn.execute("SELECT role FROM identities WHERE id = ?", (actor,)).fetchone()
    return row is None or row[0] != "company"


def _author_of(conn, entry_id: str | None) -> str | None:
    row = conn.execute("SELECT actor FROM changelog WHERE id = ?", (entry_id,)).fetchone()
    return row[0] if row else None


def _revise(conn, table, where, params, entry, changes: dict):
    """Move a record to a new revision, or settle a concurrent edit the same way everywhere."""
    current = conn.execute(f"SELECT rev, rev_at FROM {table} WHERE {where}", params).fetchone()
    if current is None:
        raise ApplyError(f"{entry['entity']} {entry['record_id']} does not exist")
    won, concurrent = _settle(conn, entry, *current)
    if not won:
        return CONFLICT
    _overwrite(conn, table, where, params, entry, changes)
    return CONFLICT if concurrent else UPDATED


def _overwrite(conn, table, where, params, entry, changes: dict) -> None:
    """Make `entry` the record's revision, with its changes."""
    if "licences" in changes:
        changes = {**changes, "licences": json.dumps(changes["licences"], ensure_ascii=False)}
    assignments = ", ".join(f"{k} = ?" for k in changes)
    sets = f"{assignments}, " if changes else ""
    conn.execute(f"UPDATE {table} SET {sets}rev = ?, rev_at = ?, updated_at = ? WHERE {where}",
                 [*changes.values(), entry["id"], entry["at"], entry["at"], *params])


def _inspection(conn, entry, data, cache: "AnswerCache | None" = None):
    if entry["op"] == "create":
        row = {"id": entry["record_id"], "status": "draft", **{k: data.get(k) for k in (
            "kind", "subject_id", "checklist_hash", "checklist_id", "checklist_version",
            "sector", "place", "representative", "started_at", "corrects", "authority")},
            **_correction(data),
            "inspectors": json.dumps(data.get("inspectors", []), ensure_ascii=False),
            "subject_snapshot": json.dumps(data.get("subject_snapshot", {}),
                                           ensure_ascii=False, sort_keys=True),
            **_badges(data), **_authorities(data), **_paper(data), **_provenance(entry)}
        return _insert(conn, "inspections", row)
    if entry["op"] == "record":
        return _record_details(conn, entry, data)
    if entry["op"] == "authorities":
        return _set_authorities(conn, entry, data)
    status = {"complete": "completed", "sign": "signed"}[entry["op"]]
    current = conn.execute("SELECT status FROM inspections WHERE id = ?",
                           (entry["record_id"],)).fetchone()
    if current is None:
        raise ApplyError(f"inspection {entry['record_id']} does not exist")
    if STATUS_ORDER[current[0]] >= STATUS_ORDER[status]:
        return UNCHANGED
    if cache is not None:
        cache.moved(entry["record_id"], status)
    if status == "completed":
        conn.execute("UPDATE inspections SET status = 'completed', finished_at = ?, "
                     "updated_at = ? WHERE id = ?",
                     (data["finished_at"], entry["at"], entry["record_id"]))
    else:
        conn.execute("UPDATE inspections SET status = 'signed', updated_at = ? WHERE id = ?",
                     (entry["at"], entry["record_id"]))
    return UPDATED


def _correction(data: dict) -> dict:
    """The reason column of a correction's creation (inspector.corrections)."""
    return {"correction_reason": data.get("correction_reason")} if data.get("corrects") else {}


def _badges(data: dict) -> dict:
    """The badges column of a creation that names them (older ones leave it NULL)."""
    if not data.get("badges"):
        return {}
    if not isinstance(data["badges"], dict):
        raise ApplyError("badge numbers are not a table of names")
    return {"badges": json.dumps(data["badges"], ensure_ascii=False, sort_keys=True)}


def _authorities(data: dict) -> dict:
    """The authorities column of a creation that names them (older ones leave it NULL)."""
    if "authorities" not in data:
        return {}
    from .authorities import valid

    if not valid(data["authorities"]) or data.get("authority") != \
            data["authorities"][0]["name"]:
        raise ApplyError("the authorities are not a list of bureaus, the lead first")
    return {"authorities": json.dumps(data["authorities"], ensure_ascii=False)}


def _set_authorities(conn, entry, data):
    """The bureaus named again while a draft: the whole list moves on, or a concurrent
    edit settles like the record's details; a signed inspection keeps its own."""
    from .authorities import valid

    if not valid(data.get("authorities")):
        raise ApplyError("the authorities are not a list of bureaus, the lead first")
    return _revise_unsigned(conn, entry, {
        "authorities": json.dumps(data["authorities"], ensure_ascii=False),
        "authority": data["authorities"][0]["name"]})


def _revise_unsigned(conn, entry, columns: dict):
    """An inspection's columns moved on (or a concurrent edit settled, inspector.apply's
    rule) unless it is signed: then frozen, and a late edit stays a visible conflict."""
    row = conn.execute("SELECT status FROM inspections WHERE id = ?",
                       (entry["record_id"],)).fetchone()
    if row is None:
        raise ApplyError(f"inspection {entry['record_id']} does not exist")
    if row[0] == "signed":
        _lost(conn, entry, entry["id"], entry["at"])
        return CONFLICT
    return _revise(conn, "inspections", "id = ?", [entry["record_id"]], entry, columns)


def _paper(data: dict) -> dict:
    """The paper column of a creation transcribed from a paper record (补录)."""
    if data.get("paper") is None:
        return {}
    if not isinstance(data["paper"], dict):
        raise ApplyError("a paper record's details are not a table")
    return {"paper": json.dumps(data["paper"], ensure_ascii=False, sort_keys=True)}


def _record_details(conn, entry, data):
    """The on-site record's details (inspector.onsite): the whole set moves on, or a
    concurrent edit settles like an answer's; a signed inspection keeps its own."""
    if not isinstance(data.get("badges", {}), dict):
        raise ApplyError("badge numbers are not a table of names")
    return _revise_unsigned(conn, entry, {
        "badges": json.dumps(data.get("badges") or {}, ensure_ascii=False, sort_keys=True),
        "representative": data.get("representative"),
        "party_statement": data.get("statement"), "recorder": data.get("recorder"),
        "party_refused": 1 if data.get("refused") else 0, **_withdrawal(data)})


def _withdrawal(data: dict) -> dict:
    """Whether the party asked for an officer's withdrawal (回避), NULL when not recorded."""
    withdrawal = data.get("withdrawal")
    if withdrawal is None:
        return {"withdrawal_asked": None, "withdrawal_request": None}
    if not isinstance(withdrawal, dict):
        raise ApplyError("a withdrawal request is not a table")
    return {"withdrawal_asked": 1 if withdrawal.get("asked") else 0,
            "withdrawal_request": withdrawal.get("request")}


# an answer's state: its inspection's status, its revision (the answer's or, once
# cleared, its tombstone's) and whether it is there
ANSWER_STATE = (
    "SELECT i.status, COALESCE(a.rev, c.rev), COALESCE(a.rev_at, c.rev_at), "
    "a.rev IS NOT NULL FROM inspections i "
    "LEFT JOIN answers a ON a.inspection_id = i.id AND a.item_id = ? "
    "LEFT JOIN answer_clears c ON c.inspection_id = i.id AND c.item_id = ? WHERE i.id = ?")
ANSWER_UPSERT = (
    "INSERT INTO answers (inspection_id, item_id, id, value, note, rev, rev_at, created_at, "
    "updated_at, created_by, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (inspection_id, item_id) DO UPDATE SET value = excluded.value, "
    "note = excluded.note, rev = excluded.rev, rev_at = excluded.rev_at, "
    "updated_at = excluded.updated_at")


class AnswerCache:
    """The answers' current revisions, read once per inspection while a bundle is
    applied (instead of one lookup per answer), and kept current as entries apply.

    Answer rows wait in `pending` and are written with one executemany: `apply`
    flushes them before any other kind of entry, and `_answer` before any other
    statement on the answers table, so the tables change in the entries' order."""

    def __init__(self, conn):
        self.conn = conn
        self.status: dict[str, str] = {}
        self.revs: dict[str, dict[str, tuple]] = {}
        self.pending: list[tuple] = []

    def flush(self) -> None:
        if self.pending:
            self.conn.executemany(ANSWER_UPSERT, self.pending)
            self.pending.clear()

    def lookup(self, inspection_id: str, item_id: str) -> tuple | None:
        if inspection_id not in self.status:
            row = self.conn.execute("SELECT status FROM inspections WHERE id = ?",
                                    (inspection_id,)).fetchone()
            if row is None:
                return None
            self.status[inspection_id] = row[0]
            self.revs[inspection_id] = {r[0]: (r[1], r[2], bool(r[3])) for r in self.conn.execute(
                "SELECT item_id, rev, rev_at, 0 FROM answer_clears WHERE inspection_id = ? "
                "UNION ALL SELECT item_id, rev, rev_at, 1 FROM answers WHERE inspection_id = ? "
                "ORDER BY 4", (inspection_id, inspection_id))}  # an answer over its tombstone
        return (self.status[inspection_id],
                *self.revs[inspection_id].get(item_id, (None, None, False)))

    def answered(self, inspection_id: str, item_id: str, rev, rev_at, present: bool) -> None:
        if inspection_id in self.revs:
            self.revs[inspection_id][item_id] = (rev, rev_at, present)

    def moved(self, inspection_id: str, status: str) -> None:
        if inspection_id in self.status:
            self.status[inspection_id] = status


def _answer(conn, entry, data, cache: AnswerCache | None = None):
    inspection_id, item_id = entry["record_id"].split("/", 1)
    if cache is not None:
        state = cache.lookup(inspection_id, item_id)
    else:
        state = conn.execute(ANSWER_STATE, (item_id, item_id, inspection_id)).fetchone()
    if state is None:
        raise ApplyError(f"inspection {inspection_id} does not exist")
    status, rev, rev_at, present = state
    outcome = UPDATED if present else ADDED
    if rev is not None and data.get("base") is None:  # answered on two machines: the first
        if cache is not None:                          # founds it (kept by its tombstone too)
            cache.flush()
        conn.execute(f"UPDATE {'answers' if present else 'answer_clears'} SET id = ?, "
                     "created_at = ?, created_by = ?, device_id = ? WHERE inspection_id = ? "
                     "AND item_id = ? AND (created_at, id) > (?, ?)",
                     (entry["id"], entry["at"], entry["actor"], entry["device_id"],
                      inspection_id, item_id, entry["at"], entry["id"]))
    won, concurrent = _settle(conn, entry, rev, rev_at)
    if not won:
        return CONFLICT
    if concurrent:
        outcome = CONFLICT
    if status == "signed":  # frozen: an edit that arrives late stays a visible conflict
        _lost(conn, entry, entry["id"], entry["at"])
        return CONFLICT
    if cache is not None and (entry["op"] == "clear" or (rev is not None and not present)):
        cache.flush()
        cache.answered(inspection_id, item_id, entry["id"], entry["at"], entry["op"] != "clear")
    if entry["op"] == "clear":
        _bury(conn, entry, inspection_id, item_id, present)
        return outcome if present else UNCHANGED
    if rev is not None and not present:  # answered again after a clear
        _revive(conn, entry, data, inspection_id, item_id)
        return outcome
    row = (inspection_id, item_id, entry["id"], canonical(data["value"]), data.get("note"),
           entry["id"], entry["at"], entry["at"], entry["at"], entry["actor"], entry["device_id"])
    if cache is None:
        conn.execute(ANSWER_UPSERT, row)
    else:
        cache.pending.append(row)
        cache.answered(inspection_id, item_id, entry["id"], entry["at"], True)
    return outcome


def _bury(conn, entry, inspection_id: str, item_id: str, present: bool) -> None:
    """A cleared answer's tombstone: the clear's revision, and the founder the answer had."""
    where = (inspection_id, item_id)
    if present:
        conn.execute(
            "INSERT OR REPLACE INTO answer_clears (inspection_id, item_id, id, rev, rev_at, "
            "created_at, updated_at, created_by, device_id) SELECT inspection_id, item_id, id, "
            "?, ?, created_at, ?, created_by, device_id FROM answers "
            "WHERE inspection_id = ? AND item_id = ?",
            (entry["id"], entry["at"], entry["at"], *where))
        conn.execute("DELETE FROM answers WHERE inspection_id = ? AND item_id = ?", where)
    elif conn.execute("UPDATE answer_clears SET rev = ?, rev_at = ?, updated_at = ? "
                      "WHERE inspection_id = ? AND item_id = ?",
                      (entry["id"], entry["at"], entry["at"], *where)).rowcount == 0:
        # a clear ahead of the answer it clears (relayed out of order): its own tombstone
        conn.execute(
            "INSERT INTO answer_clears (inspection_id, item_id, id, rev, rev_at, created_at, "
            "updated_at, created_by, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*where, entry["id"], entry["id"], entry["at"], entry["at"], entry["at"],
             entry["actor"], entry["device_id"]))


def _revive(conn, entry, data, inspection_id: str, item_id: str) -> None:
    """An answer given again after a clear: its tombstone's founder comes back with it."""
    where = (inspection_id, item_id)
    conn.execute(
        "INSERT INTO answers (inspection_id, item_id, id, value, note, rev, rev_at, "
        "created_at, updated_at, created_by, device_id) SELECT inspection_id, item_id, id, "
        "?, ?, ?, ?, created_at, ?, created_by, device_id FROM answer_clears "
        "WHERE inspection_id = ? AND item_id = ?",
        (canonical(data["value"]), data.get("note"), entry["id"], entry["at"], entry["at"],
         *where))
    conn.execute("DELETE FROM answer_clears WHERE inspection_id = ? AND item_id = ?", where)


def _evidence(conn, entry, data):
    if entry["op"] == "remove":
        return _evidence_removal(conn, entry, data)
    _require_blob(conn, data["sha256"])
    return _insert(conn, "evidence", {"id": entry["record_id"], **{k: data.get(k) for k in (
        "inspection_id", "item_id", "sha256", "original_sha256", "file_name", "caption")},
        **_provenance(entry)})


def _evidence_removal(conn, entry, data):
    """A photo's tombstone, kept before or after the photo arrives (the same state either
    way); of two removals of one photo, the earlier by (at, entry id) is the one kept."""
    row = {"evidence_id": entry["record_id"], "inspection_id": data["inspection_id"],
           "removed_at": entry["at"], "entry_id": entry["id"], "created_by": entry["actor"],
           "device_id": entry["device_id"]}
    if _insert(conn, "evidence_removals", row) == ADDED:
        return ADDED
    changed = conn.execute(
        "UPDATE evidence_removals SET removed_at = ?, entry_id = ?, created_by = ?, "
        "device_id = ? WHERE evidence_id = ? AND inspection_id = ? AND "
        "(removed_at, entry_id) > (?, ?)",
        (entry["at"], entry["id"], entry["actor"], entry["device_id"], entry["record_id"],
         data["inspection_id"], entry["at"], entry["id"])).rowcount
    return UPDATED if changed else UNCHANGED


def _signature(conn, entry, data):
    _require_blob(conn, data["image_sha256"])
    return _insert(conn, "signatures", {"id": entry["record_id"], **{k: data[k] for k in (
        "inspection_id", "role", "signer_name", "image_sha256", "signed_at")},
        **_provenance(entry)})


RECTIFICATION_FIELDS = ("inspection_id", "subject_id", "item_id", "sector", "problem", "basis",
                        "requirement", "severity", "found_on", "deadline", "responsible")


def _rectification(conn, entry, data):
    return _insert(conn, "rectifications", {"id": entry["record_id"], **{
        k: data.get(k) for k in RECTIFICATION_FIELDS},
        "current_deadline": data.get("deadline"), **_provenance(entry)})


def _rectification_event(conn, entry, data):
    outcome = _insert(conn, "rectification_events", {
        "id": entry["record_id"], "rectification_id": data["rectification_id"],
        "status": data["status"], "note": data.get("note"), "deadline": data.get("deadline"),
        "evidence": json.dumps(data.get("evidence", [])), "at": entry["at"],
        "created_by": entry["actor"], "device_id": entry["device_id"]})
    if outcome == ADDED:  # the state follows from all the item's events, in any arrival order
        _settle_item(conn, data["rectification_id"])
    return outcome


def _settle_item(conn, item_id: str) -> None:
    events = [{"id": r[0], "at": r[1], "status": r[2], "deadline": r[3]} for r in conn.execute(
        "SELECT id, at, status, deadline FROM rectification_events WHERE rectification_id = ? "
        "ORDER BY at, id", (item_id,))]
    first = conn.execute("SELECT deadline FROM rectifications WHERE id = ?",
                         (item_id,)).fetchone()[0]
    state = settle(events, first)
    conn.execute(f"UPDATE rectifications SET {', '.join(f'{k} = ?' for k in state)} "
                 "WHERE id = ?", (*state.values(), item_id))


def _certification(conn, entry, data):
    statement = data["statement"]
    return _insert(conn, "certifications", {
        "id": entry["record_id"], **{k: statement[k] for k in (
            "identity_id", "role", "fingerprint", "issuer_id", "issuer_fingerprint",
            "issued_at")},
        "statement": canonical(statement), "signature": data["signature"],
        "certificate": data["certificate"], "created_at": entry["at"],
        "created_by": entry["actor"], "device_id": entry["device_id"]})


BLOCK_FIELDS = ("prefix", "year", "first", "last", "kind", "assignee_id", "assignee_name")
DOCUMENT_FIELDS = ("number", "prefix", "year", "seq", "block_id", "kind", "inspection_id",
                   "subject_id", "issued_on", "content_hash")


def _number_block(conn, entry, data):
    return _insert(conn, "number_blocks", {"id": entry["record_id"], **{
        k: data[k] for k in BLOCK_FIELDS}, "created_at": entry["at"],
        "created_by": entry["actor"], "device_id": entry["device_id"]})


def _document(conn, entry, data):
    """A numbered document, or (reserve) a number printed on a blank paper form, which
    belongs to no inspection yet."""
    if any(not isinstance(data.get(k), str | None) for k in ("authority", "receiver",
                                                             "receiver_name")):
        raise ApplyError("a document's authority or receiver is not a name")
    return _insert(conn, "documents", {"id": entry["record_id"], **{
        k: data.get(k) for k in DOCUMENT_FIELDS}, "authority": data.get("authority"),
        "receiver": data.get("receiver"), "receiver_name": data.get("receiver_name"),
        "created_at": entry["at"],
        "created_by": entry["actor"], "device_id": entry["device_id"]})


SERVICE_FIELDS = ("inspection_id", "document", "number", "recipient", "method", "served_on",
                  "place", "recipient_sha256", "reason", "witness", "witness_sha256", "server")


def _service(conn, entry, data):
    for sha in (data.get("recipient_sha256"), data.get("witness_sha256")):
        if sha is not None:
            _require_blob(conn, sha)
    if not conn.execute("SELECT 1 FROM inspections WHERE id = ?",
                        (data["inspection_id"],)).fetchone():
        raise ApplyError(f"inspection {data['inspection_id']} does not exist")
    return _insert(conn, "services", {"id": entry["record_id"], **{
        k: data.get(k) for k in SERVICE_FIELDS}, "refused": 1 if data.get("refused") else 0,
        "created_at": entry["at"], "created_by": entry["actor"],
        "device_id": entry["device_id"]})


def _require_blob(conn, sha: str) -> None:
    if not conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (sha,)).fetchone():
        raise ApplyError(f"attachment {sha[:12]} is missing")


HANDLERS = {"identity": _identity, "checklist": _checklist, "subject": _subject,
            "inspection": _inspection, "answer": _answer, "evidence": _evidence,
            "signature": _signature, "rectification": _rectification,
            "rectification_event": _rectification_event, "revocation": _revocation,
            "certification": _certification, "number_block": _number_block,
            "document": _document, "service": _service, **campaign_records.HANDLERS,
            **credit_records.HANDLERS, **statistics_records.HANDLERS}


def apply(conn, entry: dict, cache: AnswerCache | None = None) -> str:
    """Apply one entry; returns added / updated / unchanged / conflict. Imports pass
    an AnswerCache (one per transaction) so answers need no lookup each."""
    handler = HANDLERS.get(entry["entity"])
    if handler is None or (entry["entity"], entry["op"]) not in PHASES:
        raise ApplyError(f"unknown change {entry['entity']}/{entry['op']}")
    if cache is not None:
        if entry["entity"] == "answer":
            return handler(conn, entry, entry["data"], cache)
        cache.flush()
        if entry["entity"] == "inspection":
            return handler(conn, entry, entry["data"], cache)
    try:
        return handler(conn, entry, entry["data"])
    except campaign_records.MissingRecord as exc:
        raise ApplyError(str(exc)) from None
