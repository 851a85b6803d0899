"""The report's figures, counted in one place: the overview page, the CLI and the
exports all ask `report()`.

Per sector (and in total): what the period's completed records did (a record
counts by its start, in Beijing time), what its rectification items found (by the
day found), and where those items stand on the report's day. Superseded records
and items that gave way to a correction are not counted (inspector.corrections'
CURRENT_SQL and LATEST_SQL, as the ledger and the overview). Area is part of the
subject's address; unit the inspecting authority a record names.

The items are read in one GROUP BY (sector, check item, severity, status): the
sector, severity and by-item figures are sums of its few thousand groups.
"""

from dataclasses import dataclass, field

from .. import checklists, ids
from ..corrections import CURRENT_SQL, LATEST_SQL
from ..i18n import pick, t
from ..rectification_rules import CLOSED, OVERDUE_SQL, TRANSFERRED
from ..store import Store
from . import figures as registry
from . import messages  # noqa: F401  (registers the stats.* messages)
from .figures import FIGURES, MANUAL, PROVIDED, SEVERITIES
from .periods import Period


@dataclass(frozen=True)
class Scope:
    period: Period
    area: str = ""  # part of a subject's address ("" = every area)
    unit: str = ""  # the inspecting authority, as records name it ("" = every unit)
    today: str | None = None  # overdue as of this Beijing day; default today

    def day(self) -> str:
        return self.today or ids.today()


@dataclass
class Row:
    sector: str  # slug; "" for the total
    name: str
    values: dict[str, float | None] = field(default_factory=dict)

    def __getitem__(self, figure: str) -> float | None:
        return self.values.get(figure)


@dataclass
class ItemRow:
    sector: str
    item_id: str
    title: str
    problems: int
    by_severity: dict[str, int]


@dataclass
class Report:
    scope: Scope
    rows: list[Row]  # per sector, in the bundled checklists' order
    total: Row
    items: list[ItemRow]  # problems by check item, most first
    cases: list[dict]  # typical cases: title, text, unit, sector
    pending: tuple[str, ...]  # provided figures nothing counts yet ("—")


def report(store: Store, scope: Scope, total_name: str = "") -> Report:
    names = checklists.sectors()
    rows: dict[str, Row] = {}

    def row(sector: str) -> Row:
        if sector not in rows:
            # a figure entered for no sector in particular: a row of its own
            name = names.get(sector, sector) if sector else t("stats.no_sector")
            rows[sector] = Row(sector, name, _zeros())
        return rows[sector]

    _records(store, scope, row)
    items = _items(store, scope, row)
    _manual(store, scope, row)
    _transfers(store, scope, row)
    _provided(store, scope, row)
    order = list(names)
    ordered = sorted(rows.values(), key=lambda r: (
        order.index(r.sector) if r.sector in order else len(order), r.sector))
    for r in ordered:
        _rate(r)
    total = _total(ordered, total_name)
    return Report(scope, ordered, total, items, typical_cases(store, scope),
                  registry.pending())


def _zeros() -> dict[str, float | None]:
    return {name: (None if f.source == PROVIDED and registry.provider(name) is None
                   else 0) for name, f in FIGURES.items()}


def _filters(scope: Scope, alias: str) -> tuple[list[str], dict]:
    """The area and unit conditions over records `alias` (i or r)."""
    clauses, params = [], {}
    if scope.area.strip():
        clauses.append(f"{alias}.subject_id IN (SELECT id FROM subjects "
                       "WHERE address LIKE :area)")
        params["area"] = f"%{scope.area.strip()}%"
    if scope.unit.strip():
        inspection = "i.id" if alias == "i" else "r.inspection_id"
        clauses.append(f"{inspection} IN (SELECT id FROM inspections WHERE authority = :unit)")
        params["unit"] = scope.unit.strip()
    return clauses, params


def _records(store: Store, scope: Scope, row) -> None:
    start, end = scope.period.utc_bounds()
    clauses, params = _filters(scope, "i")
    where = " AND ".join(["i.status != 'draft'", LATEST_SQL, "i.started_at >= :start",
                          "i.started_at < :end", *clauses])
    for sector, kind, n, officers in store.conn.execute(
            "SELECT i.sector, i.kind, COUNT(*), SUM(json_array_length(i.inspectors)) "
            f"FROM inspections i WHERE {where} GROUP BY i.sector, i.kind",
            {"start": start, "end": end, **params}):
        values = row(sector).values
        if kind == "inspection":
            values["subjects_checked"] += n
            values["officers"] += officers or 0
        else:
            values["self_checks"] += n


def item_query(scope: Scope) -> tuple[str, dict]:
    """The one GROUP BY over the period's current rectification items."""
    clauses, params = _filters(scope, "r")
    where = " AND ".join(["r.found_on >= :first", "r.found_on <= :last", CURRENT_SQL,
                          *clauses])
    sql = (f"SELECT r.sector, r.item_id, r.severity, r.status, COUNT(*), SUM({OVERDUE_SQL}) "
           f"FROM rectifications r WHERE {where} "
           "GROUP BY r.sector, r.item_id, r.severity, r.status")
    return sql, {"first": scope.period.first_day, "last": scope.period.last_day,
                 "today": scope.day(), **params}


def _items(store: Store, scope: Scope, row) -> list[ItemRow]:
    by_item: dict[tuple[str, str], ItemRow] = {}
    titles = None
    for sector, item_id, severity, status, n, late in store.conn.execute(*item_query(scope)):
        values = row(sector).values
        values["problems"] += n
        values[f"problems_{severity}"] += n
        values["ordered"] += 0 if status == TRANSFERRED else n  # sent on, not ordered here
        values["completed"] += n if status == CLOSED else 0
        values["overdue"] += late
        if (sector, item_id) not in by_item:
            titles = titles if titles is not None else _item_titles()
            by_item[sector, item_id] = ItemRow(sector, item_id, titles.get(item_id, item_id),
                                               0, dict.fromkeys(SEVERITIES, 0))
        item = by_item[sector, item_id]
        item.problems += n
        item.by_severity[severity] += n
    return sorted(by_item.values(), key=lambda i: (-i.problems, i.sector, i.item_id))


def _item_titles() -> dict[str, str]:
    return {item["id"]: pick(item.get("text")) for c in checklists.load_bundled()
            for item in c.items}


def _manual(store: Store, scope: Scope, row) -> None:
    periods = scope.period.filed_under()
    marks = ", ".join("?" for _ in periods)
    sql = (f"SELECT sector, figure, SUM(value) FROM manual_figures WHERE period IN ({marks})")
    params: list = list(periods)
    sql, params = _manual_filters(scope, sql, params)
    for sector, figure, value in store.conn.execute(sql + " GROUP BY sector, figure", params):
        if FIGURES.get(figure) and FIGURES[figure].source == MANUAL:
            row(sector).values[figure] += value


def _transfers(store: Store, scope: Scope, row) -> None:
    """Cases transferred (移送): the period's current records' findings sent to another
    authority, one case per inspection and receiving kind (one 案件移送函 each), added
    to the figure entered by hand, which counts only the transfers made outside this
    tool (so none is counted twice)."""
    clauses, params = _filters(scope, "r")
    where = " AND ".join(["e.status = :sent", "r.found_on >= :first", "r.found_on <= :last",
                          CURRENT_SQL, *clauses])
    for sector, n in store.conn.execute(
            "SELECT r.sector, COUNT(DISTINCT r.inspection_id || '/' || COALESCE(e.note, '')) "
            "FROM rectifications r JOIN rectification_events e ON e.id = r.status_event "
            f"WHERE {where} GROUP BY r.sector",
            {"sent": TRANSFERRED, "first": scope.period.first_day,
             "last": scope.period.last_day, **params}):
        row(sector).values["cases_transferred"] += n


def _manual_filters(scope: Scope, sql: str, params: list) -> tuple[str, list]:
    if scope.area.strip():
        sql += " AND area LIKE ?"
        params.append(f"%{scope.area.strip()}%")
    if scope.unit.strip():
        sql += " AND unit = ?"
        params.append(scope.unit.strip())
    return sql, params


def _provided(store: Store, scope: Scope, row) -> None:
    for name, f in FIGURES.items():
        counted = registry.provider(name) if f.source == PROVIDED else None
        if counted is not None:
            for sector, value in counted(store, scope).items():
                row(sector).values[name] = value


def typical_cases(store: Store, scope: Scope) -> list[dict]:
    periods = scope.period.filed_under()
    marks = ", ".join("?" for _ in periods)
    sql, params = _manual_filters(scope, "SELECT title, text, unit, sector, period FROM "
                                  f"typical_cases WHERE period IN ({marks})", list(periods))
    return [dict(zip(("title", "text", "unit", "sector", "period"), r, strict=True))
            for r in store.conn.execute(sql + " ORDER BY created_at, id", params)]


def _rate(r: Row) -> None:
    ordered = r.values["ordered"]
    r.values["rate"] = r.values["completed"] / ordered if ordered else None


def _total(rows: list[Row], name: str) -> Row:
    total = Row("", name, _zeros())
    for r in rows:
        for figure, value in r.values.items():
            if figure != "rate" and value is not None:
                total.values[figure] = (total.values[figure] or 0) + value
    _rate(total)
    return total


@dataclass(frozen=True)
class Cover:
    """The cover block of an export: who files the report (填报单位、填报人、联系电话、填报日期)."""

    unit: str = ""
    filer: str = ""
    phone: str = ""
    filed_on: str = ""  # a Beijing day; default today


def sector_stats(row: Row):
    """A report row in the overview's shape (inspector.overview.SectorStats), so the
    overview page shows a period's figures in its own table and chart."""
    from ..overview import SectorStats

    return SectorStats(row.sector, row.name, subjects_inspected=int(row["subjects_checked"]),
                       self_checks=int(row["self_checks"]), problems=int(row["problems"]),
                       by_severity={s: int(row[f"problems_{s}"]) for s in SEVERITIES},
                       rectified=int(row["completed"]), overdue=int(row["overdue"]))
