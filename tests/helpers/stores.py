"""Stores with identities that trust each other, and ways to compare stores."""

import hashlib
import json
from pathlib import Path

from inspector import identity, sync
from inspector.store import Store

from .subjects import CODE_B, VALID_CODE  # noqa: F401  (the tests that use these stores use it too)

FAST = {"n": 2**10, "r": 8, "p": 1}  # scrypt parameters for tests: quick, not safe
SECRET = "long enough secret"


def dump_hash(store: Store) -> str:
    """The whole database as SQL, less the query planner's statistics (which closing
    a store refreshes: they hold no records)."""
    lines = (line for line in store.conn.iterdump()
             if "sqlite_stat" not in line and line != "ANALYZE sqlite_schema;"
             and line != "ANALYZE sqlite_master;")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def make_store(path: Path, name: str, role: str, code: str | None = None) -> Store:
    """A store with keys; a company's is bound to `code` (VALID_CODE unless given)."""
    store = Store(path)
    if role == "company":
        code = code or VALID_CODE
    identity.init_identity(store, name=name, role=role, org="某县市场监督管理局", secret=SECRET,
                           kdf=FAST, code=code)
    return store


def befriend(*stores: Store) -> None:
    for a in stores:
        for b in stores:
            if a is not b:
                identity.trust(a, identity.export_public(b))


def export(store: Store, path: Path, since=None) -> Path:
    me, key = identity.signing_key(store, SECRET)
    sync.export(store, path, me, key, since=since)
    return path


def records(store: Store, *others: Store) -> list[str]:
    """Everything that travels, in a store-independent order, leaving out the
    history of `others` (the receivers' own identities)."""
    tables = {"subjects": "uscc", "inspections": "id", "answers": "inspection_id, item_id",
              "answer_clears": "inspection_id, item_id",
              "evidence": "id", "signatures": "id", "rectifications": "id",
              "rectification_events": "id", "checklist_versions": "hash", "blobs": "sha256",
              "conflicts": "entity, record_id, lost_entry"}
    out = []
    for table, order in tables.items():
        for row in store.db.query(f"SELECT * FROM {table} ORDER BY {order}"):
            out.append(f"{table}: {json.dumps(row, default=repr, sort_keys=True)}")
    skip = {other.device_id for other in others}
    out += [json.dumps(r, sort_keys=True) for r in store.db.query(
        "SELECT id, at, actor, device_id, entity, record_id, op, data, prev_hash, hash "
        "FROM changelog ORDER BY device_id, at, id") if r["device_id"] not in skip]
    return out
