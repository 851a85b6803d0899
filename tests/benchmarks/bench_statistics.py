"""The monthly report on a million rectification items against the bare SQL.

Builds a store (real schema from Store(), rows written with executemany by
tests/helpers/ledgerdata.py; 125 check items per sector, as checklists have tens),
then per period, median of RUNS each, run in lockstep:

- report: inspector.statistics.compute.report() — every figure per sector, by
  check item, the manual figures and typical cases — as the CLI, the exports and
  the overview page ask it;
- bare: the same figures from plain sqlite3: one GROUP BY over the period's current
  items (sector, check item, severity, status, with the overdue sum: the smallest
  grouping that yields every item figure) and one over its inspections.

Goal: report <= 1.5x bare. A per-sector GROUP BY alone (no by-item figures) is
printed too, for scale.

    python tests/benchmarks/bench_statistics.py [ITEMS] [RUNS]

Set BENCH_STATS_DB=/some/file.db to keep the generated store between runs.
"""

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

TODAY = "2026-06-01"
PERIODS = ("2026-06", "2026-Q2", "2026-Q1")
INSPECTIONS = 8000


def build(path: Path, items: int) -> None:
    from inspector.store import Store
    from tests.helpers.ledgerdata import fill

    started = time.perf_counter()
    with Store(path) as store:
        fill(store, items, subjects=4000, inspections=INSPECTIONS)
        with store.transaction():  # item n is the (n // INSPECTIONS)-th of its inspection
            store.conn.execute("UPDATE rectifications SET item_id = 'x-' || "
                               f"((CAST(substr(id, 2) AS INTEGER) / {INSPECTIONS}) % 125)")
    print(f"  built {items:,} items in {time.perf_counter() - started:.1f} s "
          f"({path.stat().st_size / 2**20:.0f} MB)")


def bare_queries(scope) -> list[tuple[str, dict]]:
    from inspector.corrections import LATEST_SQL
    from inspector.statistics.compute import item_query

    start, end = scope.period.utc_bounds()
    return [item_query(scope), (
        "SELECT i.sector, i.kind, COUNT(*), SUM(json_array_length(i.inspectors)) "
        f"FROM inspections i WHERE i.status != 'draft' AND {LATEST_SQL} AND "
        "i.started_at >= :start AND i.started_at < :end GROUP BY i.sector, i.kind",
        {"start": start, "end": end})]


def per_sector_query(scope) -> tuple[str, dict]:
    from inspector.corrections import CURRENT_SQL
    from inspector.rectification_rules import OVERDUE_SQL

    return (f"SELECT r.sector, r.severity, r.status, COUNT(*), SUM({OVERDUE_SQL}) "
            f"FROM rectifications r WHERE r.found_on >= :first AND r.found_on <= :last "
            f"AND {CURRENT_SQL} GROUP BY r.sector, r.severity, r.status",
            {"first": scope.period.first_day, "last": scope.period.last_day, "today": TODAY})


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def measure(path: Path, runs: int) -> None:
    from inspector.statistics.compute import Scope, report
    from inspector.statistics.periods import parse
    from inspector.store import Store

    store = Store(path, readonly=True)
    bare = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    for key in PERIODS:
        scope = Scope(parse(key), today=TODAY)
        queries = bare_queries(scope)
        sector_sql = per_sector_query(scope)
        ours, theirs, sectors = [], [], []
        result = report(store, scope)  # warm the page cache and the checklists once
        for _ in range(runs):
            ours.append(timed(lambda s=scope: report(store, s)))
            theirs.append(timed(lambda qs=queries: [bare.execute(*q).fetchall() for q in qs]))
            sectors.append(timed(lambda q=sector_sql: bare.execute(*q).fetchall()))
        a, b, c = (statistics.median(x) for x in (ours, theirs, sectors))
        print(f"  {key}: {result.total['problems']:,} items, {len(result.items)} check items; "
              f"report {a * 1000:.0f} ms, bare {b * 1000:.0f} ms: ratio {a / b:.2f}x "
              f"(goal <= 1.5x); per-sector GROUP BY alone {c * 1000:.0f} ms")
    store.close()


def main() -> None:
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    kept = os.environ.get("BENCH_STATS_DB")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(kept) if kept else Path(folder) / "stats.db"
        if not path.exists():
            build(path, items)
        print(f"monthly report over {items:,} rectification items, median of {runs}")
        measure(path, runs)


if __name__ == "__main__":
    main()
