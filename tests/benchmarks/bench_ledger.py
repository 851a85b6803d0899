"""The ledger on a million rectification items: the model against the bare SQL.

Builds a store (real schema from Store(), rows written with executemany) with
1,000,000 items over 4 sectors, then, in a fresh process (the UI process):

- per scenario, the time to set the filter, sort, fetch the first page through
  LedgerModel (resets, then the page of 200, its plan chosen without a count where
  the page can tell) and show the first row (data() of each of its cells: the model
  formats cells as they are painted, not when fetched) against the bare query — the
  same SELECT ... WHERE ... ORDER BY ... LIMIT 200 on the same indexes, through
  plain sqlite3 — median of RUNS each, run in lockstep. Goal: ratio <= 1.3x. The
  bare COUNT + page is printed too: what a page planned by counting first would
  take (where the page is read straight from an index in ~2 ms, counting up to a
  million matches costs more than the page).
- the time to open the ledger page (built, shown, first page painted) and the
  process's resident memory (VmRSS) with it open after scrolling 10 pages.
  Goal: < 200 MB.
- the time to export what a filter selects (about 100,000 of a million items): the
  one query (ledger_query.items) with the rows formatted, then the XLSX written,
  against a bare openpyxl write-only workbook of the same values (goal <= 0.6x) and
  a bare XlsxWriter constant-memory one.

    python tests/benchmarks/bench_ledger.py [ITEMS] [RUNS]

Set BENCH_LEDGER_DB=/some/file.db to keep the generated store between runs.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = "2026-06-01"  # half of the generated deadlines lie before it
SCENARIOS = (  # name, filter fields, sort column, descending
    ("clinic, overdue, by deadline", {"sector": "clinic", "overdue": True}, "deadline", False),
    ("everything, by subject", {}, "subject", False),
    ("open, by severity (desc)", {"status": "open"}, "severity", True),
    ("everything, by inspection date (desc)", {}, "inspected_at", True),
    ("inspector 张伟, by deadline", {"inspector": "张伟"}, "deadline", False),
)
XLSX_RUNS = 3


def build(path: Path, items: int) -> None:
    from inspector.store import Store
    from tests.helpers.ledgerdata import fill

    started = time.perf_counter()
    with Store(path) as store:
        fill(store, items, subjects=4000, inspections=8000)
    print(f"  built {items:,} items in {time.perf_counter() - started:.1f} s "
          f"({path.stat().st_size / 2**20:.0f} MB)")


def rss_mb() -> tuple[float, float]:
    """Resident and peak resident memory of this process (MB), from /proc."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text()
                  .splitlines() if ":" in line)
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def measure(path: str, runs: int) -> None:
    """Runs in the fresh process: timings, then the page and its memory."""
    import sqlite3

    from PySide6.QtCore import Qt

    from inspector import ledger_query
    from inspector.store import Store
    from inspector.ui.app import make_app
    from inspector.ui.ledger_model import LedgerModel

    app = make_app()
    print(f"  RSS with QApplication only: {rss_mb()[0]:.0f} MB")
    store = Store(path)
    bare = sqlite3.connect(path)
    for name, fields, column, descending in SCENARIOS:
        where = ledger_query.LedgerFilter(today=TODAY, **fields)
        order = ledger_query.LedgerOrder(column, descending)
        # the very query the model runs for its first page (the count picks the plan)
        matches = ledger_query.count(store, where)
        sql, params = ledger_query.page_sql(where, order, matches,
                                            ledger_query.total_items(store))
        params = {**params, "limit": 200, "offset": 0}
        count_sql, count_params = where.where()
        count_sql = f"SELECT COUNT(*) FROM rectifications r{count_sql}"
        model = LedgerModel(store)
        keys = [key for key, _ in LedgerModel.COLUMNS]
        qt_order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        base, counted, through = [], [], []
        for _ in range(runs):
            started = time.perf_counter()
            rows = bare.execute(sql, params).fetchall()
            base.append(time.perf_counter() - started)
            started = time.perf_counter()
            bare.execute(count_sql, count_params).fetchone()
            counted.append(time.perf_counter() - started + base[-1])
            model.set_filter(ledger_query.LedgerFilter())  # start from elsewhere
            model.sort(0)
            started = time.perf_counter()
            model.set_filter(where)
            model.sort(keys.index(column), qt_order)
            model.fetchMore()
            for cell in range(len(keys)):  # the first row as the view shows it
                model.data(model.index(0, cell))
            through.append(time.perf_counter() - started)
            assert model.rowCount() == len(rows) and model.row_at(0)["id"] == rows[0][0]
        b, c, m = (statistics.median(v) for v in (base, counted, through))
        print(f"  {name:38} {model.total:>9,} rows  bare page {b * 1000:6.1f} ms  "
              f"bare count+page {c * 1000:6.1f} ms  model {m * 1000:6.1f} ms  "
              f"ratio {m / b:4.2f}x (vs count+page {m / c:4.2f}x)")
    bare.close()
    store.close()
    page_memory(path, app)
    with Store(path) as store:  # after the page's memory: an export's rows would count
        export_time(store)


def export_time(store) -> None:
    """The export of what a filter selects, then its XLSX against a bare openpyxl
    write-only workbook of the same values (goal <= 0.6x, issue #17) and a bare
    XlsxWriter constant-memory one, in lockstep, median of XLSX_RUNS."""
    from inspector import ledger_query
    from inspector.reports.ledger import ledger_rows, write_ledger

    where = ledger_query.LedgerFilter(sector="clinic", status="open", today=TODAY)
    started = time.perf_counter()
    rows = ledger_rows(ledger_query.items(store, where, ledger_query.LedgerOrder()))
    read = time.perf_counter() - started
    print(f"  export clinic, open, by deadline: {len(rows):,} rows read in {read:.2f} s")
    writers = {"bare openpyxl write-only": bare_openpyxl, "bare XlsxWriter constant-memory":
               bare_xlsxwriter, "write_ledger": write_ledger}
    times = {name: [] for name in writers}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(XLSX_RUNS):
            for name, write in writers.items():
                started = time.perf_counter()
                write(rows, Path(tmp) / "ledger.xlsx")
                times[name].append(time.perf_counter() - started)
    bare = statistics.median(times["bare openpyxl write-only"])
    for name, taken in times.items():
        took = statistics.median(taken)
        print(f"  XLSX {name:32} {took:6.2f} s  ratio {took / bare:4.2f}x"
              + ("  (goal <= 0.6x)" if name == "write_ledger" else ""))


def _values(rows: list[dict]):
    from inspector.reports.ledger import COLUMNS

    keys = [key for key, _ in COLUMNS]
    return [[row[key] for key in keys] for row in rows]


def bare_openpyxl(rows: list[dict], path: Path) -> None:
    from openpyxl import Workbook

    from inspector.reports.ledger import HEADERS

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    for values in _values(rows):
        sheet.append(values)
    book.save(path)


def bare_xlsxwriter(rows: list[dict], path: Path) -> None:
    import xlsxwriter

    from inspector.reports.ledger import HEADERS

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    dated = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADERS)
    for number, values in enumerate(_values(rows), 1):
        for col, value in enumerate(values):
            if isinstance(value, str):
                sheet.write_string(number, col, value)
            elif isinstance(value, date):
                sheet.write_datetime(number, col, value, dated)
            elif value is not None:
                sheet.write_number(number, col, value)
    book.close()


def page_memory(path: str, app) -> None:
    from PySide6.QtWidgets import QMainWindow

    from inspector.store import Store
    from inspector.ui.ledger_page import LedgerPage

    store = Store(path)
    started = time.perf_counter()
    window = QMainWindow()
    page = LedgerPage(store)
    window.setCentralWidget(page)
    window.resize(1400, 880)
    window.show()
    while page.model.rowCount() == 0:
        app.processEvents()
    window.repaint()
    opened = time.perf_counter() - started
    for _ in range(9):  # scroll to the end of what is loaded, nine times
        page.table.scrollToBottom()
        app.processEvents()
    rss, peak = rss_mb()
    print(f"  ledger page opened on {page.model.total:,} items in {opened * 1000:.0f} ms; "
          f"{page.model.rowCount()} rows loaded")
    print(f"  RSS with the page open: {rss:.0f} MB (peak {peak:.0f} MB; goal < 200 MB)")
    window.close()
    store.close()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        measure(sys.argv[2], int(sys.argv[3]))
        return
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    runs = sys.argv[2] if len(sys.argv) > 2 else "7"
    kept = os.environ.get("BENCH_LEDGER_DB")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(kept) if kept else Path(tmp) / "ledger.db"
        if not path.exists():
            build(path, items)
        settings = Path(tmp) / "settings"
        env = {**os.environ, "XDG_CONFIG_HOME": str(settings), "XDG_CACHE_HOME": str(settings)}
        # a fresh process: its memory is the UI's, not the generator's
        subprocess.run([sys.executable, __file__, "--measure", str(path), runs], check=True,
                       env=env)


if __name__ == "__main__":
    main()
