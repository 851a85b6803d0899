"""The rectification ledger as a lazy table model: COUNT for the row count, pages of
PAGE rows as the view scrolls, sorting by a new SQL ORDER BY (never in Python)."""

from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor

from .. import checklists, ledger_query, rectification_rules
from . import labels
from .models import ROOT, PagedModel

RED, ORANGE, GREEN = QColor("#c62828"), QColor("#e65100"), QColor("#2e7d32")


@lru_cache(maxsize=4096)
def local_day(timestamp: str | None) -> str:
    """The local date of a stored UTC timestamp (many items share one inspection's)."""
    return labels.when(timestamp)[:10]


class LedgerModel(PagedModel):
    PAGE = 200
    # keys are ledger_query.SORTABLE keys: a header click sorts by that column in SQL
    COLUMNS = (("subject", QT_TRANSLATE_NOOP("Columns", "Inspected party")),
               ("uscc", QT_TRANSLATE_NOOP("Columns", "Credit code")),
               ("sector", QT_TRANSLATE_NOOP("Columns", "Sector")),
               ("inspected_at", QT_TRANSLATE_NOOP("Columns", "Inspected on")),
               ("problem", QT_TRANSLATE_NOOP("Columns", "Problem")),
               ("severity", QT_TRANSLATE_NOOP("Columns", "Severity")),
               ("deadline", QT_TRANSLATE_NOOP("Columns", "Deadline")),
               ("status", QT_TRANSLATE_NOOP("Columns", "Rectification status")),
               ("reviewed_at", QT_TRANSLATE_NOOP("Columns", "Reviewed on")))

    def __init__(self, store, parent=None, where: ledger_query.LedgerFilter | None = None,
                 order: ledger_query.LedgerOrder | None = None):
        super().__init__(store, parent)
        self.where = where or ledger_query.LedgerFilter()
        self.order = order or ledger_query.LedgerOrder()
        self.refresh()

    def set_filter(self, where: ledger_query.LedgerFilter) -> None:
        self.where = where
        self.refresh()

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        if not 0 <= column < len(self.COLUMNS):
            return
        self.order = ledger_query.LedgerOrder(self.COLUMNS[column][0],
                                              order == Qt.SortOrder.DescendingOrder)
        # the count is unchanged: drop the loaded pages, the view fetches the first again
        self.beginResetModel()
        self.rows = []
        self.endResetModel()

    def sort_column(self) -> int:
        return [key for key, _ in self.COLUMNS].index(self.order.column)

    # The first page needs only to know whether there are "many" matches (a count
    # capped where the plan no longer changes); the exact total, which can mean
    # counting a million rows, is taken when first asked for (the page's label asks
    # after the first page is shown) or when scrolling past the first page.

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = []
        self._exhausted = False
        cap = ledger_query.plan_cap(ledger_query.total_items(self.store), self.PAGE)
        self._hint = ledger_query.count(self.store, self.where, cap=cap)
        self._total = self._hint if self._hint < cap else None
        self.sectors = checklists.sectors()
        self.endResetModel()

    @property
    def total(self) -> int:
        if self._total is None:
            self._total = ledger_query.count(self.store, self.where)
        return self._total

    @total.setter
    def total(self, value: int) -> None:
        self._total = value

    def counted(self) -> bool:
        return self._total is not None

    def canFetchMore(self, parent=ROOT):
        if parent.isValid():
            return False
        if self._total is not None:
            return len(self.rows) < self._total
        return not self._exhausted

    def fetchMore(self, parent=ROOT):
        if parent.isValid():
            return
        more = self.page(len(self.rows), self.PAGE)
        if self._total is not None:
            more = more[: self._total - len(self.rows)]
        if len(more) < self.PAGE:
            self._exhausted = True
            self._total = len(self.rows) + len(more)
        if more:
            self.beginInsertRows(ROOT, len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def page(self, offset, limit):
        # past the first page the plan depends on the exact count
        matches = self._hint if offset == 0 and self._total is None else self.total
        rows = ledger_query.page(self.store, self.where, self.order, offset, limit,
                                 matches=matches)
        for row in rows:  # formatted once here, not on every paint
            row["inspected_on"] = local_day(row["inspected_at"])
            row["reviewed_on"] = local_day(row["reviewed_at"])
        return rows

    def display(self, row, key):
        if key == "sector":
            return self.sector_name(row["sector"])
        if key in ("inspected_at", "reviewed_at"):
            return row[key.replace("_at", "_on")]
        if key == "severity":
            return labels.severity(row["severity"])
        if key == "status":
            return labels.rect_status(row["status"], row["overdue"])
        if key == "problem":
            return row["problem"].replace("\n", " ")
        return super().display(row, key)

    def colour(self, row, key):
        if key == "status":
            closed = row["status"] == rectification_rules.CLOSED
            return RED if row["overdue"] else GREEN if closed else None
        if key == "deadline" and row["overdue"]:
            return RED
        if key == "severity" and row["severity"] in ("critical", "major"):
            return RED if row["severity"] == "critical" else ORANGE
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and \
                self.COLUMNS[index.column()][0] == "problem" and index.row() < len(self.rows):
            return self.rows[index.row()]["problem"]
        return super().data(index, role)
