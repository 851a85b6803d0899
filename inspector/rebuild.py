"""Rebuilding a store from its change log: the log is the truth, the tables follow it.

Every write goes through `Store.record()` and every import through `apply`, so
the change log (with the attachments it names by hash) holds everything the
tables hold. `rebuild` proves it, and repairs a store whose tables were damaged
while its log still verifies: a new file gets the settings, the log, the
attachments and the sync records, and every entry that carries its data is
applied again in the order an import uses.
"""

import json
from pathlib import Path

from .apply import AnswerCache, apply, sort_key
from .errors import StoreError
from .i18n import t
from .store import Store

# copied as they are, not derived from the log: the settings (the sealed key), the
# attachments, what was received from whom and which identity vouched for each
# device's history, and the signers this store trusts (a decision of its own, made
# by comparing fingerprints; the log brings the rest) with the history of those decisions
KEPT = {"settings": ("key", "1"), "blobs": ("sha256", "1"),
        "chain_heads": ("device_id, hash", "1"), "bundle_imports": ("bundle_id", "1"),
        "device_owners": ("device_id", "1"), "identities": ("id", "trusted = 1"),
        "trust_decisions": ("seq", "1")}
LOG_COLUMNS = ("id", "at", "actor", "device_id", "entity", "record_id", "op", "data",
               "data_hash", "prev_hash", "hash")


def rebuild(source: Store, path: str | Path) -> Path:
    """Write a new store at `path` with `source`'s log, its tables rebuilt from it."""
    path = Path(path)
    if path.exists():
        raise StoreError(t("rebuild.exists"), path=str(path))
    problems = source.verify_log()
    if problems:
        raise StoreError(t("rebuild.broken_log", problem=problems[0]), path=str(source.path))
    with Store(path) as target, target.transaction() as conn:
        conn.execute("DELETE FROM settings")  # the new file's own device id goes
        for table, (order, where) in KEPT.items():
            _copy(source, conn, table, order, where)
        _copy_log(source, conn)
        cache = AnswerCache(conn)
        for entry in sorted(_entries(source), key=sort_key):
            apply(conn, entry, cache)
        cache.flush()
    return path


def _copy(source: Store, conn, table: str, order: str, where: str) -> None:
    cursor = source.conn.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY {order}")
    columns = [d[0] for d in cursor.description]
    marks = ", ".join("?" for _ in columns)
    conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", cursor)


def _copy_log(source: Store, conn) -> None:
    names = ", ".join(LOG_COLUMNS)
    rows = source.conn.execute(f"SELECT {names} FROM changelog ORDER BY seq")
    marks = ", ".join("?" for _ in LOG_COLUMNS)
    conn.executemany(f"INSERT INTO changelog ({names}) VALUES ({marks})", rows)


def _entries(source: Store) -> list[dict]:
    """The entries that carry their data (a withheld one was never applied here)."""
    cursor = source.conn.execute(
        f"SELECT {', '.join(LOG_COLUMNS)} FROM changelog WHERE data IS NOT NULL")
    entries = []
    for row in cursor:
        entry = dict(zip(LOG_COLUMNS, row, strict=True))
        entry["data"] = json.loads(entry["data"])
        entries.append(entry)
    return entries
