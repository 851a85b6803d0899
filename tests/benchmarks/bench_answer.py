"""Saving one answer through the service vs a bare INSERT + COMMIT.

Both on a file database with WAL and synchronous=FULL, in the same run, on a
table of the same shape. Prints median and p99 of each and the ratios.
Goal: service p99 <= 1.5x the bare commit's p99.

    python tests/benchmarks/bench_answer.py [N]
"""

import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from inspector import checklists, i18n, ids, inspections
from inspector.store import Store
from inspector.subjects import add_subject

CODE = "91110108MA01ABCD5T"


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Bare:
    """The baseline: one upsert into a table of the answers' shape, then COMMIT."""

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute(
            "CREATE TABLE answers (id TEXT PRIMARY KEY, inspection_id TEXT NOT NULL, "
            "item_id TEXT NOT NULL, value TEXT NOT NULL, note TEXT, created_at TEXT NOT NULL, "
            "updated_at TEXT NOT NULL, created_by TEXT, device_id TEXT NOT NULL, "
            "UNIQUE (inspection_id, item_id))")

    def save(self, item: str, value) -> None:
        # a fresh timestamp, as the service writes: an update that rewrites identical
        # bytes is skipped by SQLite and would commit without touching the disk
        at = ids.now()
        self.conn.execute("BEGIN")
        self.conn.execute(
            "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
            "(inspection_id, item_id) DO UPDATE SET value = excluded.value, "
            "note = excluded.note, updated_at = excluded.updated_at",
            (ids.uuid7(), "i", item, json.dumps(value), None, at, at, None, "d"))
        self.conn.execute("COMMIT")


class Service:
    """The service: record_answer() on a real store, change log included."""

    def __init__(self, path: Path, checklist):
        self.store = Store(path)
        subject = add_subject(self.store, name="基准测试零售店", code=CODE,
                              sector=checklist.sector)
        self.inspection = inspections.start(self.store, subject=subject["id"],
                                            checklist=checklist, inspectors=["张伟", "李娜"])

    def save(self, item: str, value) -> None:
        inspections.record_answer(self.store, self.inspection, item, value)


def measure(n: int, values: list, checklist) -> dict[str, list[float]]:
    """Both run in lockstep, one save each in turn, so machine noise hits both alike."""
    with tempfile.TemporaryDirectory() as tmp:
        runners = {"bare INSERT+COMMIT": Bare(Path(tmp) / "bare.db"),
                   "record_answer()": Service(Path(tmp) / "store.db", checklist)}
        times = {name: [] for name in runners}
        for i in range(n + 50):
            item, value = values[i % len(values)]
            for name, runner in runners.items():
                start = time.perf_counter()
                runner.save(item, value)
                if i >= 50:  # the first saves warm caches and the file system
                    times[name].append(time.perf_counter() - start)
        runners["record_answer()"].store.close()
        runners["bare INSERT+COMMIT"].conn.close()
    return times


def main(n: int = 2000) -> None:
    i18n.set_language("en")
    checklist = checklists.find("fireworks_retail")
    values = [(item["id"], "yes") for item in checklist.items
              if item["type"] == "yes_no" and "condition" not in item]
    results = measure(n, values, checklist)
    base = results["bare INSERT+COMMIT"]
    print(f"{n} saves each, WAL + synchronous=FULL, same run")
    for name, times in results.items():
        med, p99 = statistics.median(times), percentile(times, 0.99)
        print(f"  {name:20} median {med * 1000:7.3f} ms  p99 {p99 * 1000:7.3f} ms  "
              f"ratio median {med / statistics.median(base):4.2f}x  "
              f"p99 {p99 / percentile(base, 0.99):4.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
