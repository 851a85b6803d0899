"""The supervisor's overview: per sector, what was inspected, found and rectified.

Counts come from a few GROUP BY queries on indexed columns, so the overview of
a million items is a scan of indexes, not of records. Written as XLSX or CSV.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from . import checklists, ids
from .errors import InspectorError
from .files import atomic_path
from .i18n import t
from .rectification_rules import CLOSED, OVERDUE_SQL
from .spreadsheet_safe import csv_cell, save_xlsx, xlsx_cell
from .store import Store
from .supersession import CURRENT_SQL, LATEST_SQL

SEVERITIES = ("critical", "major", "minor", "info")


@dataclass
class SectorStats:
    sector: str  # slug; "" for the total row
    name: str
    subjects_inspected: int = 0  # distinct subjects with a completed on-site inspection
    self_checks: int = 0  # completed self-checks received
    problems: int = 0  # rectification items, all kinds
    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    rectified: int = 0  # closed
    overdue: int = 0  # outstanding past the current deadline (rectification_rules.OVERDUE_SQL)

    @property
    def rate(self) -> float | None:
        """Rectified / problems; None when nothing was found."""
        return self.rectified / self.problems if self.problems else None


def overview_stats(store: Store, today: str | None = None) -> list[SectorStats]:
    """One row per sector with inspections or items, in the bundled checklists' order.

    A draft inspection is still under way: it counts once it is completed.
    """
    today = today or ids.today()  # deadlines are Beijing days
    names = checklists.sectors()
    rows: dict[str, SectorStats] = {}

    def row(sector: str) -> SectorStats:
        return rows.setdefault(sector, SectorStats(sector, names.get(sector, sector)))

    for sector, kind, subjects, done in store.conn.execute(
            "SELECT sector, kind, COUNT(DISTINCT subject_id), COUNT(*) FROM inspections i "
            f"WHERE status != 'draft' AND {LATEST_SQL} GROUP BY sector, kind"):
        if kind == "inspection":
            row(sector).subjects_inspected = subjects
        else:
            row(sector).self_checks = done
    # two GROUP BYs that each read one covering index in its own order (no sorting)
    for sector, status, n, late in store.conn.execute(
            f"SELECT r.sector, r.status, COUNT(*), SUM({OVERDUE_SQL}) FROM rectifications r "
            f"WHERE {CURRENT_SQL} GROUP BY r.sector, r.status", {"today": today}):
        stats = row(sector)
        stats.problems += n
        stats.rectified += n if status == CLOSED else 0
        stats.overdue += late
    for sector, severity, n in store.conn.execute(
            f"SELECT r.sector, r.severity, COUNT(*) FROM rectifications r WHERE {CURRENT_SQL} "
            "GROUP BY r.sector, r.severity"):
        row(sector).by_severity[severity] = n
    order = list(names)
    return sorted(rows.values(), key=lambda r: (order.index(r.sector) if r.sector in order
                                                else len(order), r.sector))


def overview_total(rows: list[SectorStats], name: str = "") -> SectorStats:
    """The sum over the sectors (subjects are per sector: a subject is in one sector)."""
    total = SectorStats("", name)
    for r in rows:
        total.subjects_inspected += r.subjects_inspected
        total.self_checks += r.self_checks
        total.problems += r.problems
        total.rectified += r.rectified
        total.overdue += r.overdue
        for severity, n in r.by_severity.items():
            total.by_severity[severity] = total.by_severity.get(severity, 0) + n
    return total


# --- export ---------------------------------------------------------------------------


def table(rows: list[SectorStats], headers: list[str]) -> list[list]:
    """Header + one list per row, in the column order of `headers` (COLUMN_KEYS)."""
    out = [list(headers)]
    for r in rows:
        out.append([r.name, r.subjects_inspected, r.self_checks, r.problems,
                    *(r.by_severity.get(s, 0) for s in SEVERITIES), r.rectified, r.overdue,
                    None if r.rate is None else round(r.rate, 4)])
    return out


COLUMN_KEYS = ("sector", "subjects_inspected", "self_checks", "problems", *SEVERITIES,
               "rectified", "overdue", "rate")


def write_overview(rows: list[SectorStats], headers: list[str], path: str | Path) -> None:
    """The overview as .xlsx (rate as a percentage cell) or .csv (UTF-8 with BOM)."""
    target = Path(path)
    data = table(rows, headers)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows([csv_cell(v) for v in values] for values in data)
    elif suffix == ".xlsx":
        _write_xlsx(data, target)
    else:
        raise InspectorError(t("overview.format", suffix=target.suffix),
                             path=str(target))


def _write_xlsx(data: list[list], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    for values in data:
        sheet.append([xlsx_cell(sheet, v) for v in values])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=len(data[0]), max_col=len(data[0])):
        cell.number_format = "0.0%"
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 36
    save_xlsx(path, book)
