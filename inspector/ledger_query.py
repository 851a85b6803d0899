"""The rectification items in SQL: the one filter (LedgerFilter) and order of the
ledger page, the CLI's `rectifications list` and `ledger`; count, one sorted page
at a time, or every match in order (items) for a list or an export.

A million rectification items must open at once, so every filter is written to
run on an index of `rectifications` (subject and inspector conditions become
`IN (SELECT id ...)` sub-queries that feed the subject and inspection indexes; a
page read in the sort's order tests an inspector's name per item instead), and
the count joins nothing the filter does not need. Sorting is by a
whitelisted column; each has an index (see migrations "ledger indexes") so a
page is LIMIT rows read in order rather than a sort of the whole table.

Every plan is fixed in the SQL (CROSS JOIN, INDEXED BY), never left to the
statistics that PRAGMA optimize keeps: the same page must not take a tenth of a
second more after closing the store (see _DRIVEN_BY).
"""

import math
import re
import sqlite3
from dataclasses import dataclass

from .ids import today as beijing_today
from .rectification_rules import OUTSTANDING_SQL, OVERDUE_SQL, REVIEWED, sql_in
from .store import Store
from .supersession import CURRENT_SQL

# severity as a rank: the same expression as in the index rectifications_severity
SEVERITY_RANK = ("(CASE r.severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 "
                 "WHEN 'minor' THEN 2 ELSE 3 END)")
# The sortable columns: key -> ORDER BY terms, each list the columns of an index
# (rowid last, as every index ends in it) so that a page is read in index order
# and ties come out the same every time. Only these keys reach the SQL.
SORTABLE = {
    "subject": ("s.name", "s.rowid", "r.current_deadline", "r.rowid"),
    "uscc": ("s.uscc", "s.rowid", "r.current_deadline", "r.rowid"),
    "sector": ("r.sector", "r.status", "r.current_deadline", "r.rowid"),
    "inspected_at": ("i.started_at", "i.rowid", "r.item_id", "r.rowid"),
    "problem": ("r.problem", "r.rowid"),  # no index: free text, sorted when asked
    "severity": (SEVERITY_RANK, "r.current_deadline", "r.rowid"),
    "deadline": ("r.current_deadline", "r.rowid"),
    "status": ("r.status", "r.current_deadline", "r.rowid"),
    "reviewed_at": ("r.reviewed_at", "r.rowid"),
    "found_on": ("r.found_on", "r.rowid"),
}

# the index each r-sorted order reads (see SORTABLE); "problem" has none
SORT_INDEX = {"sector": "rectifications_sector", "severity": "rectifications_severity",
              "deadline": "rectifications_deadline", "status": "rectifications_status",
              "reviewed_at": "rectifications_reviewed", "found_on": "rectifications_found"}

_COLUMNS = f"""r.id, r.inspection_id, r.subject_id, r.item_id, r.sector, r.problem, r.basis,
    r.requirement, r.severity, r.found_on, r.deadline AS first_deadline,
    r.current_deadline AS deadline, r.responsible, r.status, r.reviewed_at, r.created_by,
    s.name AS subject, s.uscc, i.started_at AS inspected_at, i.kind, i.inspectors,
    {OVERDUE_SQL} AS overdue"""
# the latest re-inspection's verdict and note (reviewed_at is its time, kept by apply)
_REVIEW = f"""LEFT JOIN rectification_events e ON e.id = (SELECT v.id
    FROM rectification_events v WHERE v.rectification_id = r.id AND v.at = r.reviewed_at
    AND v.status IN {sql_in(REVIEWED)} ORDER BY v.id DESC LIMIT 1)"""
# CROSS JOIN fixes the loop order: the table sorted on drives the join through its
# index, so the first page is found without visiting every item. The filter is then
# tested as one condition that names the driving table too (its link, always true):
# given conditions on the items alone, SQLite may first build a Bloom filter from
# every item (a tenth of a second on a million) -- it does once ANALYZE has measured
# the items but not the driving table, which it then takes for a million rows.
_DRIVEN_BY = {
    "s": ("subjects s CROSS JOIN rectifications r INDEXED BY rectifications_subject "
          "ON r.subject_id = s.id JOIN inspections i ON i.id = r.inspection_id",
          "s.id = r.subject_id"),
    # the index of UNIQUE (inspection_id, item_id)
    "i": ("inspections i CROSS JOIN rectifications r INDEXED BY sqlite_autoindex_rectifications_2 "
          "ON r.inspection_id = i.id JOIN subjects s ON s.id = r.subject_id",
          "i.id = r.inspection_id"),
}
_JOINS = ("JOIN subjects s ON s.id = r.subject_id "
          "JOIN inspections i ON i.id = r.inspection_id")


@dataclass(frozen=True)
class LedgerFilter:
    sector: str | None = None
    subject: str = ""  # part of the name or credit code
    subject_id: str | None = None
    inspection_id: str | None = None
    id_prefix: str | None = None  # an item id or its start
    status: str | None = None  # one of rectification_rules.STATUSES
    outstanding: bool = False  # only items awaiting the company (rectification_rules.OUTSTANDING)
    overdue: bool = False  # only outstanding items past their deadline
    inspector: str = ""  # part of an inspector's name
    since: str | None = None  # found-on dates (ISO), inclusive
    until: str | None = None
    today: str | None = None  # for tests; default today in Beijing (the deadlines' days)

    def day(self) -> str:
        return self.today or beijing_today()

    def narrow(self) -> bool:
        """Whether the filter selects few items by its nature: one subject, record or
        item, a party's name, a range of dates (a sector, a status, overdue items or an
        officer's share of the inspections are many)."""
        return bool(self.subject.strip() or self.subject_id or self.inspection_id
                    or self.id_prefix or self.since or self.until)

    def where(self, per_row: bool = False) -> tuple[str, dict]:
        """The WHERE clause over `rectifications r` alone, and its parameters; `per_row`
        where it is tested on each item read in another index's order."""
        clauses, params = [], {"today": self.day()}
        for column, value in (("sector", self.sector), ("status", self.status),
                              ("subject_id", self.subject_id),
                              ("inspection_id", self.inspection_id)):
            if value:
                clauses.append(f"r.{column} = :{column}")
                params[column] = value
        if self.subject.strip():
            clauses.append("r.subject_id IN (SELECT id FROM subjects WHERE name LIKE :subject "
                           "OR uscc LIKE :subject)")
            params["subject"] = f"%{self.subject.strip()}%"
        if self.inspector.strip():
            # part of one officer's name, looked up in the names table (one row a name):
            # listing the inspections first reads every name (3 ms on 8,000 inspections),
            # more than looking up the few hundred items a page in order reads
            named = "inspection_inspectors n WHERE n.name LIKE :inspector"
            clauses.append(f"EXISTS (SELECT 1 FROM {named} AND n.inspection_id = "
                           "r.inspection_id)" if per_row else
                           f"r.inspection_id IN (SELECT n.inspection_id FROM {named})")
            params["inspector"] = f"%{self.inspector.strip()}%"
        if self.id_prefix:
            # GLOB is case-sensitive like the primary key's index: a range read, not a scan
            clauses.append("r.id GLOB :id_glob")
            params["id_glob"] = re.sub(r"([*?\[])", r"[\1]", self.id_prefix) + "*"
        if self.outstanding:
            clauses.append(OUTSTANDING_SQL)
        if self.overdue:
            clauses.append(OVERDUE_SQL)
        # the ledger follows the latest record (inspector.corrections); a filter that
        # names one record or one item sees its own, even once superseded
        if not (self.inspection_id or self.id_prefix):
            clauses.append(CURRENT_SQL)
        if self.since:
            clauses.append("r.found_on >= :since")
            params["since"] = self.since
        if self.until:
            clauses.append("r.found_on <= :until")
            params["until"] = self.until
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


@dataclass(frozen=True)
class LedgerOrder:
    column: str = "deadline"
    descending: bool = False

    def sql(self) -> str:
        if self.column not in SORTABLE:
            raise ValueError(f"cannot sort the ledger by {self.column!r}")
        way = " DESC" if self.descending else ""  # every term: one index, read backwards
        return " ORDER BY " + ", ".join(term + way for term in SORTABLE[self.column])

    def driver(self) -> str:
        """The table the order is on: r (rectifications), s (subjects), i (inspections)."""
        first = SORTABLE[self.column][0]
        return first[0] if first.startswith(("s.", "i.")) else "r"


def count(store: Store, where: LedgerFilter, cap: int | None = None) -> int:
    """How many items match; with `cap`, counting stops there (enough to plan a page,
    and cheap where a full count of a million matches is not)."""
    sql, params = where.where()  # sqlite3 ignores the parameters a query does not use
    if cap is None:
        return store.conn.execute(f"SELECT COUNT(*) FROM rectifications r{sql}",
                                  params).fetchone()[0]
    return store.conn.execute(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM rectifications r{sql} LIMIT :cap)",
        {**params, "cap": cap}).fetchone()[0]


def plan_cap(total: int, limit: int) -> int:
    """The count above which the first page reads the sort's index in order
    (see in_index_order): counting further would not change the plan."""
    return math.isqrt(limit * max(total, 1)) + 1


def in_index_order(matches: int | None, total: int, offset: int, limit: int) -> bool:
    """Whether to read the sort's index in order and test the filter on each row (about
    (offset + limit) * total / matches rows read) rather than find the matches through
    the filter's index and sort them (about `matches` rows): the count decides."""
    if matches is None:
        return True
    return matches * matches >= (offset + limit) * max(total, 1)


def page_sql(where: LedgerFilter, order: LedgerOrder, matches: int | None = None,
             total: int = 0, offset: int = 0, limit: int = 200) -> tuple[str, dict]:
    """The SQL of one page (parameters :limit and :offset still to add); `matches` (the
    filter's count) and `total` (all items) choose the plan, see in_index_order."""
    ordered = in_index_order(matches, total, offset, limit)
    if matches is not None and (where.since or where.until) and order.column != "found_on":
        # dates and deadlines rise together: items of a date range are not spread evenly
        # along the other orders, so reading one in order may pass most items first
        ordered = False
    return _page_sql(where, order, ordered, forced=ordered and matches is not None)


def _page_sql(where: LedgerFilter, order: LedgerOrder, ordered: bool,
              forced: bool) -> tuple[str, dict]:
    """The page read in the sort's order (`ordered`; through its index when `forced`)
    or found through the filter and sorted."""
    order_by = order.sql()
    sql, params = where.where(per_row=ordered)
    driver = order.driver()
    if driver != "r":
        if not ordered:
            return (f"SELECT {_COLUMNS} FROM rectifications r {_JOINS}{sql}{order_by} "
                    "LIMIT :limit OFFSET :offset"), params
        source, link = _DRIVEN_BY[driver]
        tested = f" WHERE CASE WHEN {link} THEN ({sql.removeprefix(' WHERE ')}) END" if sql else ""
        return (f"SELECT {_COLUMNS} FROM {source}{tested}{order_by} "
                "LIMIT :limit OFFSET :offset"), params
    index = SORT_INDEX.get(order.column)
    hint = f" INDEXED BY {index}" if forced and index else ""
    # sorted on the items alone: pick the page's rowids first, join only those rows
    return (f"SELECT {_COLUMNS} FROM (SELECT r.rowid AS rid FROM rectifications r{hint}"
            f"{sql}{order_by} LIMIT :limit OFFSET :offset) page CROSS JOIN rectifications r "
            f"ON r.rowid = page.rid {_JOINS}{order_by}"), params


def total_items(store: Store) -> int:
    """About how many items there are (the largest rowid): instant, for planning."""
    return store.conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM rectifications").fetchone()[0]


@dataclass(frozen=True)
class Page:
    """Rows of the page's columns as tuples (what a table keeps: no dict per row)."""
    columns: tuple[str, ...]
    rows: list[tuple]
    matches: int | None = None  # the count taken to plan it (capped), if one was
    total: int | None = None  # every match's count, when that count is known


def page(store: Store, where: LedgerFilter, order: LedgerOrder, offset: int,
         limit: int, matches: int | None = None) -> list[dict]:
    """One page; pass `matches` (count(where)) when known, to pick the faster plan."""
    found = page_rows(store, where, order, offset, limit, matches)
    return _rows(found.columns, found.rows)


def page_rows(store: Store, where: LedgerFilter, order: LedgerOrder, offset: int,
              limit: int, matches: int | None = None) -> Page:
    """page() as tuples."""
    sql, params = page_sql(where, order, matches, total_items(store) if matches else 0,
                           offset, limit)
    cursor = store.conn.execute(sql, {**params, "limit": limit, "offset": offset})
    return Page(_columns(cursor), cursor.fetchall(), matches)


# How long a first page read in the sort's order may take before counting takes over,
# in steps of SQLite's virtual machine: the page's own rows (up to 150 steps each,
# joined and sorted again) and a cap's worth of rows read in order (3 steps each, up to
# 12 for an inspector's name, on the benchmark's store). A filter of more matches than
# the cap finds its page within that, so only a filter of few matches runs out.
STEPS_PER_PAGE_ROW, STEPS_PER_CAPPED_ROW = 150, 4
_TICK = 1000  # steps between two looks at the budget


def first_page(store: Store, where: LedgerFilter, order: LedgerOrder,
               limit: int) -> Page:
    """The first page of a filter, with its plan chosen by the page itself where it can
    tell: a filter of many items (not narrow()) is read in the sort's order, which
    finds the page in a few thousand rows; only if that runs out of its budget (few
    matches after all) are the matches counted (up to the cap) to plan the page. A
    narrow filter is counted first: few matches count at once."""
    cap = plan_cap(total_items(store), limit)
    if not where.narrow():
        sql, params = _page_sql(where, order, ordered=True, forced=True)
        budget = STEPS_PER_PAGE_ROW * limit + STEPS_PER_CAPPED_ROW * cap
        rows = _within(store.conn, budget, sql, {**params, "limit": limit, "offset": 0})
        if rows is not None:
            return rows
    matches = count(store, where, cap=cap)
    found = page_rows(store, where, order, 0, limit, matches)
    return Page(found.columns, found.rows, matches, matches if matches < cap else None)


def _within(conn: sqlite3.Connection, steps: int, sql: str, params: dict) -> Page | None:
    """The rows of `sql`, or None once it has run about `steps` steps of SQLite's
    virtual machine (it is interrupted there)."""
    spent = 0

    def tick() -> bool:
        nonlocal spent
        spent += _TICK
        return spent > steps

    conn.set_progress_handler(tick, _TICK)
    try:
        cursor = conn.execute(sql, params)
        return Page(_columns(cursor), cursor.fetchall())
    except sqlite3.OperationalError:
        if spent > steps:  # interrupted by tick(), not a failure
            return None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def items(store: Store, where: LedgerFilter, order: LedgerOrder | None = None
          ) -> list[dict]:
    """Every matching item in `order`, read in one query: the page's columns plus the
    latest review (review_status, review_note; its time is reviewed_at). What the CLI
    lists and an export writes; the default order is the ledger page's."""
    sql, params = where.where()
    # every match is read: find them through the filter and sort them
    query = (f"SELECT {_COLUMNS}, e.status AS review_status, e.note AS review_note "
             f"FROM rectifications r {_JOINS} {_REVIEW}{sql}{(order or LedgerOrder()).sql()}")
    cursor = store.conn.execute(query, params)
    return _rows(_columns(cursor), cursor)


def as_dict(columns: tuple[str, ...], values: tuple) -> dict:
    """One row of a Page by column name."""
    row = dict(zip(columns, values, strict=True))
    row["overdue"] = bool(row["overdue"])
    return row


def _columns(cursor: sqlite3.Cursor) -> tuple[str, ...]:
    return tuple(d[0] for d in cursor.description)


def _rows(columns: tuple[str, ...], values) -> list[dict]:
    return [as_dict(columns, row) for row in values]
