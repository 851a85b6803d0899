"""The supervisor's ledger queries (filter, count, sorted pages, export rows) and the
per-sector overview, on a small campaign made with the services."""

import csv
import json
import sqlite3
from datetime import date, timedelta

import openpyxl
import pytest

from inspector import ids, inspections
from inspector import ledger_query as lq
from inspector.overview import COLUMN_KEYS, overview_stats, overview_total, write_overview
from inspector.reports.ledger import ledger_rows

from .helpers import campaign, ledgerdata
from .helpers.campaign import TODAY


@pytest.fixture
def world(store, checklist_dir):
    return campaign.build(store, checklist_dir)


def where(**given):
    return lq.LedgerFilter(today=TODAY, **given)


def everything(store, given, order=None):
    return lq.page(store, given, order or lq.LedgerOrder(), 0, 100)


def test_counts_and_pages_agree_for_every_filter(store, world):
    _, b, c = world["subjects"]
    cases = {
        where(): 7,
        where(sector="mini"): 6,
        where(sector="mini2"): 1,
        where(status="open"): 4,
        where(status="closed"): 1,
        where(overdue=True): 3,
        where(sector="mini", overdue=True): 2,
        where(subject="乙"): 3,
        where(subject=b["uscc"][:10]): 7,  # the codes share their first 10 characters
        where(subject=b["uscc"]): 3,
        where(subject_id=c["id"]): 1,
        where(inspector="王芳"): 3,
        where(inspector="甲店长"): 1,  # the self-check's
        where(inspector="张伟"): 3,
        where(since="2026-11-01", until="2026-11-01"): 7,
        where(since="2026-11-02"): 0,
        where(status="reopened", overdue=True): 1,
    }
    for given, expected in cases.items():
        assert lq.count(store, given) == expected, given
        assert len(everything(store, given)) == expected, given


def test_overdue_is_open_or_reopened_past_the_current_deadline(store, world):
    rows = everything(store, where(overdue=True))
    assert {(r["subject"], r["item_id"], r["status"]) for r in rows} == {
        ("乙烟花店", "m-01", "open"), ("乙烟花店", "m-06", "reopened"),
        ("丙诊所", "m-01", "open")}
    assert all(r["overdue"] for r in rows)
    reopened = next(r for r in rows if r["status"] == "reopened")
    assert reopened["deadline"] == "2026-11-15" and reopened["first_deadline"] == "2026-12-01"
    assert lq.count(store, lq.LedgerFilter(overdue=True, today="2026-11-08")) == 0


def test_overdue_by_default_means_past_the_deadline_in_beijing(store, world, machine_zone):
    machine_zone("XST+16")  # this machine's calendar day is always the day before Beijing's
    yesterday = (date.fromisoformat(ids.today()) - timedelta(days=1)).isoformat()
    assert date.today().isoformat() == yesterday
    # a reopened item due yesterday in Beijing (the machine's today) is overdue now
    campaign.add_event(store, world["submitted"], "reopened", note="未整改", deadline=yesterday)
    late = {row["id"] for row in everything(store, lq.LedgerFilter(overdue=True))}
    assert world["submitted"] in late
    assert lq.count(store, lq.LedgerFilter(overdue=True)) == len(late)
    # as the lists and exports see it
    assert late == {item["id"] for item in lq.items(store, lq.LedgerFilter(overdue=True))}
    [row] = [r for r in everything(store, lq.LedgerFilter()) if r["id"] == world["submitted"]]
    assert row["overdue"] and row["deadline"] == yesterday
    mini, _ = overview_stats(store)
    assert mini.overdue == sum(1 for item in lq.items(store, lq.LedgerFilter(overdue=True))
                               if item["sector"] == "mini")
    assert overview_stats(store) == overview_stats(store, today=ids.today())


@pytest.mark.parametrize("column", sorted(lq.SORTABLE))
def test_every_sort_is_total_and_reversible(store, world, column):
    up = everything(store, where(), lq.LedgerOrder(column))
    down = everything(store, where(), lq.LedgerOrder(column, descending=True))
    assert len(up) == 7 and [r["id"] for r in down] == [r["id"] for r in reversed(up)]
    assert [r["id"] for r in up] == [r["id"] for r in lq.items(store, where(),
                                                                  lq.LedgerOrder(column))]


def test_sort_orders(store, world):
    def column(key, order, field):
        return [r[field] for r in everything(store, where(), lq.LedgerOrder(key, order))]

    assert column("deadline", False, "deadline") == sorted(column("deadline", False, "deadline"))
    assert column("severity", False, "severity")[:3] == ["critical"] * 3
    assert column("subject", False, "subject")[0] == "丙诊所"  # by code point: 丙 < 乙 < 甲
    assert column("reviewed_at", True, "status")[0] in ("closed", "reopened")
    pages = [r["id"] for offset in range(0, 7, 3) for r in lq.page(
        store, where(), lq.LedgerOrder("subject"), offset, 3)]
    assert pages == [r["id"] for r in everything(store, where(), lq.LedgerOrder("subject"))]


@pytest.mark.parametrize("column", sorted(lq.SORTABLE))
def test_both_plans_give_the_same_pages(store, world, column):
    order = lq.LedgerOrder(column)
    for given in (where(), where(sector="mini", overdue=True), where(since="2026-11-01")):
        n = lq.count(store, given)
        in_order = lq.page(store, given, order, 1, 3, matches=10**6)
        sorted_matches = lq.page(store, given, order, 1, 3, matches=1)
        assert [r["id"] for r in in_order] == [r["id"] for r in sorted_matches], given
        assert len(in_order) == min(3, max(n - 1, 0))


def test_the_count_chooses_the_plan():
    # many matches: read the sort's index in order; few: find them, then sort them
    assert lq.in_index_order(400_000, 1_000_000, 0, 200)
    assert not lq.in_index_order(5_000, 1_000_000, 0, 200)
    many, _ = lq.page_sql(where(status="open"), lq.LedgerOrder("severity"), 400_000, 10**6)
    few, _ = lq.page_sql(where(status="open"), lq.LedgerOrder("severity"), 50, 10**6)
    assert "INDEXED BY rectifications_severity" in many and "INDEXED BY" not in few
    by_subject, _ = lq.page_sql(where(subject_id="x"), lq.LedgerOrder("subject"), 50, 10**6)
    assert "CROSS JOIN" not in by_subject
    dated, _ = lq.page_sql(where(since="2026-01-01"), lq.LedgerOrder("deadline"), 10**5, 10**6)
    assert "INDEXED BY" not in dated  # found-on dates and deadlines are correlated


def statements(store) -> list[str]:
    """The SQL statements the store's connection runs from now on (appended as run)."""
    run: list[str] = []
    store.conn.set_trace_callback(run.append)
    return run


def test_the_first_page_of_many_matches_needs_no_count(store):
    ledgerdata.fill(store, 5000, subjects=50, inspections=100)
    for given, column in (({}, "subject"), ({"status": "open"}, "severity"),
                          ({"inspector": "张伟"}, "deadline"), ({}, "inspected_at")):
        where = lq.LedgerFilter(today="2026-06-01", **given)
        order = lq.LedgerOrder(column)
        run = statements(store)
        first = lq.first_page(store, where, order, 200)
        assert not any("COUNT(" in sql for sql in run) and first.matches is None, given
        counted = lq.page(store, where, order, 0, 200, matches=lq.count(store, where))
        assert [lq.as_dict(first.columns, row) for row in first.rows] == counted


def test_the_first_page_of_few_matches_is_counted_and_sorted(store):
    """Read in order, few matches would take a pass over every item: the read in order
    stops once over its budget, then the count picks the other plan. A narrow filter
    (a party's name) is counted first."""
    ledgerdata.fill(store, 20_000, subjects=80, inspections=160)
    few = lq.LedgerFilter(today="2026-06-01", sector="clinic", status="reopened")
    named = lq.LedgerFilter(today="2026-06-01", subject="测试单位00007号")
    for where in (few, named):
        matches = lq.count(store, where)
        assert 0 < matches < lq.plan_cap(20_000, 200)
        run = statements(store)
        first = lq.first_page(store, where, lq.LedgerOrder("deadline"), 200)
        assert first.matches == first.total == matches  # under the cap: all of them
        assert sum("COUNT(" in sql for sql in run) == 1
        assert (where is few) == any("INDEXED BY rectifications_deadline" in sql for sql in run)
        listed = lq.items(store, where, lq.LedgerOrder("deadline"))
        assert [row[0] for row in first.rows] == [row["id"] for row in listed][:200]


def test_unknown_sort_column_is_refused(store, world):
    with pytest.raises(ValueError, match="cannot sort"):
        lq.page(store, where(), lq.LedgerOrder("id; DROP TABLE subjects"), 0, 10)


@pytest.mark.parametrize("column", ["deadline", "subject", "inspected_at", "severity",
                                    "status", "sector", "reviewed_at"])
def test_sorted_pages_read_an_index_without_sorting_everything(store, world, column):
    sql, params = lq.page_sql(where(), lq.LedgerOrder(column))
    plan = " / ".join(r[3] for r in store.conn.execute(
        "EXPLAIN QUERY PLAN " + sql, {**params, "limit": 200, "offset": 0}))
    assert "INDEX" in plan.split(" / ")[0 if column in ("subject", "inspected_at") else 1]
    first_steps = plan.split("SCAN page")[0]
    assert "TEMP B-TREE" not in first_steps, plan


# sqlite_stat1 as PRAGMA optimize (run on closing a store) left it on the benchmark's
# store of a million items (tests/benchmarks/bench_ledger.py): the items and the
# inspections measured, the subjects not (SQLite then takes them for a million rows)
MILLION_ITEMS_STATS = (
    ("rectifications", "rectifications_reviewed", "1000000 2825"),
    ("rectifications", "rectifications_sector_severity", "1000000 250000 62500"),
    ("rectifications", "rectifications_found", "1000000 3334 834"),
    ("rectifications", "rectifications_severity", "1000000 250000 709"),
    ("rectifications", "rectifications_deadline", "1000000 2833"),
    ("rectifications", "rectifications_sector", "1000000 250000 62500 178"),
    ("rectifications", "rectifications_status", "1000000 250000 709"),
    ("rectifications", "rectifications_subject", "1000000 250 2"),
    ("rectifications", "sqlite_autoindex_rectifications_2", "1000000 125 1"),
    ("rectifications", "sqlite_autoindex_rectifications_1", "1000000 1"),
    ("inspections", "inspections_started", "8000 27"),
    ("inspections", "inspections_status", "8000 8000 2000 7"),
    ("inspections", "inspections_subject", "8000 2 1"),
    ("inspections", "sqlite_autoindex_inspections_1", "8000 1"),
)
# the benchmark's filters and orders (many matches: each page is read in the order of
# an index), and the first step of each page's plan
BENCHMARKED = (
    ({"sector": "mini", "overdue": True}, "deadline", False,
     "SEARCH r USING INDEX rectifications_deadline"),
    ({}, "subject", False, "SCAN s USING INDEX subjects_name"),
    ({"status": "open"}, "severity", True, "SCAN r USING INDEX rectifications_severity"),
    ({}, "inspected_at", True, "SCAN i USING INDEX inspections_started"),
    ({"inspector": "张伟"}, "deadline", False, "SCAN r USING INDEX rectifications_deadline"),
)


def plan_of(conn, sql: str, params: dict) -> list[str]:
    return [row[3] for row in conn.execute(
        "EXPLAIN QUERY PLAN " + sql, {**params, "limit": 200, "offset": 0})]


@pytest.mark.parametrize("stats", [(), MILLION_ITEMS_STATS], ids=["unmeasured", "a million"])
def test_pages_keep_their_plans_whatever_the_statistics(store, world, db_path, stats):
    """A page's plan is fixed in its SQL: with the statistics PRAGMA optimize leaves on a
    million items, too, the first page of each benchmarked filter reads its sort's index
    and never builds a Bloom filter over every item first (that took the page on the
    subjects' order from 14 ms to over 200 ms)."""
    store.conn.execute("ANALYZE rectifications")  # makes sqlite_stat1; then the given rows
    store.conn.execute("DELETE FROM sqlite_stat1")
    store.conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", stats)
    if store.conn.in_transaction:
        store.conn.commit()
    # as a store opened after closing reads them (a connection keeps the sizes it read)
    reopened = sqlite3.connect(db_path)
    millions = 10**6
    for given, column, descending, first_step in BENCHMARKED:
        sql, params = lq.page_sql(where(**given), lq.LedgerOrder(column, descending),
                                  millions, millions)
        plan = plan_of(reopened, sql, params)
        steps = [step for step in plan if step.startswith(("SCAN", "SEARCH"))]
        assert steps[0].startswith(first_step), (column, plan)
        # (the 200 rows of a page read by rowid are sorted again: no matter)
        reading = plan[:plan.index("SCAN page")] if "SCAN page" in plan else plan
        assert not any("BLOOM" in step or "TEMP B-TREE" in step for step in reading), plan
        # an inspector's name is looked up for each item read, not every name read first
        assert not any(step.startswith("SCAN n") for step in plan), plan
    # and no other filter or order builds one either, whichever plan the count picks
    for given in ({}, {"sector": "mini", "overdue": True}, {"inspector": "张伟"},
                  {"subject": "乙"}, {"since": "2026-11-01"}):
        for column in lq.SORTABLE:
            for matches in (1, millions):
                sql, params = lq.page_sql(where(**given), lq.LedgerOrder(column), matches,
                                          millions)
                plan = plan_of(reopened, sql, params)
                assert not any("BLOOM" in step for step in plan), (given, column, plan)
    reopened.close()


def test_export_rows_are_exactly_the_filtered_rows_in_order(store, world):
    order = lq.LedgerOrder("subject")
    rows = ledger_rows(lq.items(store, where(sector="mini", inspector="李娜"), order))
    assert [r["no"] for r in rows] == [1, 2, 3, 4, 5]
    assert [r["subject"] for r in rows] == ["乙烟花店"] * 3 + ["甲烟花店"] * 2
    paged = everything(store, where(sector="mini", inspector="李娜"), order)
    assert [r["id"] for r in rows] == [r["id"] for r in paged]
    late = ledger_rows(lq.items(store, where(overdue=True), lq.LedgerOrder("deadline")))
    assert len(late) == 3 and all("逾期" in r["status"] for r in late)


def test_overview_per_sector(store, world):
    mini, mini2 = overview_stats(store, today=TODAY)
    assert (mini.sector, mini.name, mini2.sector) == ("mini", "Test sector", "mini2")
    assert (mini.subjects_inspected, mini.self_checks, mini.problems) == (2, 1, 6)
    assert mini.by_severity == {"critical": 2, "major": 0, "minor": 4, "info": 0}
    assert (mini.rectified, mini.overdue, mini.rate) == (1, 2, 1 / 6)
    # the draft inspection of 丙 does not count yet
    assert (mini2.subjects_inspected, mini2.self_checks, mini2.problems) == (1, 0, 1)
    assert (mini2.rectified, mini2.overdue, mini2.rate) == (0, 1, 0.0)
    total = overview_total([mini, mini2], "合计")
    assert (total.subjects_inspected, total.problems, total.rectified, total.overdue) == \
        (3, 7, 1, 3)
    assert total.by_severity["critical"] == 3 and total.rate == 1 / 7


def test_overview_of_an_empty_store(store):
    assert overview_stats(store) == []
    assert overview_total([]).rate is None


def test_overview_export(store, world, tmp_path):
    rows = overview_stats(store, today=TODAY)
    headers = [f"h{n}" for n in range(len(COLUMN_KEYS))]
    write_overview(rows, headers, tmp_path / "o.csv")
    with open(tmp_path / "o.csv", encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0] == headers and lines[1][:4] == ["Test sector", "2", "1", "6"]
    write_overview(rows, headers, tmp_path / "o.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "o.xlsx").active
    assert sheet["B2"].value == 2 and sheet["K2"].value == pytest.approx(0.1667)
    assert sheet["K2"].number_format == "0.0%"
    with pytest.raises(Exception, match="unsupported"):
        write_overview(rows, headers, tmp_path / "o.txt")


def test_the_campaigns_licences_run_from_the_beijing_day(store, checklist_dir, machine_zone):
    machine_zone("XST+16")  # this machine's calendar day is always the day before Beijing's
    campaign.build(store, checklist_dir)
    answered = [inspections.answers(store, row["id"])
                for row in inspections.list_inspections(store)]
    # (where the licence is not in order, m-01 = no, the date is not asked)
    valid_until = {answers["m-02"]["value"] for answers in answered if "m-02" in answers}
    later = date.fromisoformat(ids.today()) + timedelta(days=300)
    assert valid_until == {later.isoformat()}


# --- one filter, one order: the CLI's list and ledger and the ledger page agree -----------


def test_cli_lists_ledgers_and_the_page_give_the_same_items(store, world, db_path, tmp_path,
                                                            capsys):
    from inspector.cli import main
    from inspector.queries import SubjectFilter, subjects_page

    # on the real (Beijing) today, as the CLI sees it: one reopened item overdue, one not
    today = date.fromisoformat(ids.today())
    campaign.add_event(store, world["reopened"], "reopened", note="仍未更换",
                       deadline=(today - timedelta(days=1)).isoformat())
    [clinic] = lq.items(store, lq.LedgerFilter(sector="mini2"))
    campaign.add_event(store, clinic["id"], "reopened", note="仍未整改",
                       deadline=(today + timedelta(days=5)).isoformat())

    def cli(*args) -> str:
        assert main(["--db", str(db_path), *args]) == 0
        return capsys.readouterr().out

    filters = [{}, {"status": "reopened"}, {"overdue": True}, {"sector": "mini"},
               {"sector": "mini", "status": "open"}, {"sector": "mini2", "overdue": True}]
    seen = set()
    for given in filters:
        options = [f"--{key}" if value is True else f"--{key}={value}"
                   for key, value in given.items()]
        listed = json.loads(cli("rectifications", "list", "--json", *options))
        cli("ledger", "-o", str(tmp_path / "x.csv"), *options)
        with open(tmp_path / "x.csv", encoding="utf-8-sig", newline="") as fh:
            ledger = list(csv.DictReader(fh))
        where = lq.LedgerFilter(**given)  # what the ledger page's model asks
        shown = lq.page(store, where, lq.LedgerOrder(), 0, 100, matches=lq.count(store, where))
        assert [r["id"] for r in listed] == [r["id"] for r in shown], given
        assert [(r["subject"], r["problem"], r["deadline"]) for r in listed] == [
            (r["被检查单位"], r["问题描述"], r["整改时限"]) for r in ledger], given
        assert [r["overdue"] for r in listed] == [r["overdue"] for r in shown] == [
            "逾期" in r["整改状态"] for r in ledger], given
        seen |= {(r["status"], r["overdue"]) for r in listed}
    assert {("reopened", True), ("reopened", False), ("closed", False),
            ("submitted", False)} <= seen
    # the subjects page's open items are the ledger's outstanding ones (not the submitted)
    rows = subjects_page(store, SubjectFilter(), 0, 10)
    open_items = {r["id"]: r["open_items"] for r in rows}
    assert open_items == {r["id"]: lq.count(store, lq.LedgerFilter(subject_id=r["id"],
                                                                   outstanding=True))
                          for r in rows}
    assert sum(open_items.values()) == lq.count(store, lq.LedgerFilter(outstanding=True)) > 0


def test_an_item_is_found_by_its_id_or_a_unique_start(store, world):
    from inspector.errors import NotFound
    from inspector.rectifications import get_item

    item = world["reopened"]
    assert get_item(store, item)["status"] == "reopened"
    unique = next(n for n in range(8, len(item))
                  if lq.count(store, lq.LedgerFilter(id_prefix=item[:n])) == 1)
    assert get_item(store, item[:unique])["id"] == item
    for wrong in (item[:7], item[:unique] + "*", item[:unique - 1] + "?"):  # short; wildcards
        with pytest.raises(NotFound):
            get_item(store, wrong)


# --- the inspector filter's names table ------------------------------------------


def names_table(store) -> set[tuple[str, str]]:
    return set(store.conn.execute("SELECT inspection_id, name FROM inspection_inspectors"))


def names_listed(store) -> set[tuple[str, str]]:
    return {(inspection, name) for inspection, names in store.conn.execute(
        "SELECT id, inspectors FROM inspections") for name in json.loads(names)}


def test_the_names_table_holds_each_inspections_officers(store, world):
    assert names_table(store) == names_listed(store) and len(names_table(store)) > 3
    # part of one name, not of the list as text: "芳\", \"张" was a match of the JSON
    assert lq.count(store, where(inspector="王")) == lq.count(store, where(inspector="王芳"))
    assert lq.count(store, where(inspector='芳", "张')) == 0


def test_a_store_from_before_the_names_table_gets_it_filled(tmp_path, monkeypatch,
                                                               checklist_dir, mini):
    from inspector import store as store_module
    from inspector.migrations import MIGRATIONS
    from inspector.store import Store
    from inspector.subjects import add_subject

    from .conftest import VALID_CODE
    from .helpers.campaign import inspect

    # a store with every other table today's code writes, the names table's migration
    # then run last on it: its fill reads what inspections already hold
    names = next(m for m in MIGRATIONS if m[0] == "inspector names")
    others = [m for m in MIGRATIONS if m is not names]
    path = tmp_path / "old.db"
    with monkeypatch.context() as old:
        old.setattr(store_module, "MIGRATIONS", others)
        old.setattr(store_module, "SCHEMA_VERSION", len(others))
        with Store(path) as before:
            shop = add_subject(before, name="某店", code=VALID_CODE, sector="mini")
            inspect(before, shop, "mini", ["赵六", "钱七"], [("m-01", "no")])
    monkeypatch.setattr(store_module, "MIGRATIONS", [*others, names])
    with Store(path) as after:
        assert after.schema_version() == len(MIGRATIONS)
        assert {name for _, name in names_table(after)} == {"赵六", "钱七"}
        assert lq.count(after, where(inspector="钱")) == 1
        assert names_table(after) == names_listed(after)
