"""The rectification ledger as a lazy table model: pages of PAGE rows as the view
scrolls, kept as tuples and formatted per cell as painted; sorting by a new SQL ORDER BY
(never in Python); the row count counted in SQL when asked for."""

from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor

from .. import checklists, ledger_query, rectification_rules
from . import labels
from .models import ROOT, ROW_ROLE, PagedModel

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
        self.columns: tuple[str, ...] = ()  # of each row (a tuple)
        self.at: dict[str, int] = {}  # column name -> its place in a row
        self.refresh()

    # Nothing is read when the filter or the order changes: the view asks for the first
    # page (fetchMore) once it shows the model, so a filter and a sort in a row read one
    # page. The first page needs no count where the page itself can tell the plan
    # (ledger_query.first_page); the exact total, which can mean counting a million
    # rows, is taken when first asked for (the page's label asks after the first page
    # is shown) or when scrolling past the first page.

    def set_filter(self, where: ledger_query.LedgerFilter) -> None:
        self.where = where
        self._drop_rows(counts=True)

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        if not 0 <= column < len(self.COLUMNS):
            return
        self.order = ledger_query.LedgerOrder(self.COLUMNS[column][0],
                                              order == Qt.SortOrder.DescendingOrder)
        self._drop_rows(counts=False)  # the same items: their count still holds

    def sort_column(self) -> int:
        return [key for key, _ in self.COLUMNS].index(self.order.column)

    def refresh(self) -> None:
        """The items changed: read them again, with the sectors' names (a new sector's
        items come with a change; filtering and sorting keep the names)."""
        self.sectors = checklists.sectors()
        self._drop_rows(counts=True)

    def _drop_rows(self, counts: bool) -> None:
        self.beginResetModel()
        self.rows = []
        self._exhausted = False
        if counts:
            self._hint = self._total = None  # _hint: a count capped at plan_cap, if taken
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
        if offset == 0 and self._total is None and self._hint is None:
            found = ledger_query.first_page(self.store, self.where, self.order, limit)
            self._hint, self._total = found.matches, found.total
        else:  # past the first page the plan depends on the exact count
            matches = self._hint if offset == 0 and self._total is None else self.total
            found = ledger_query.page_rows(self.store, self.where, self.order, offset, limit,
                                           matches=matches)
        if not self.columns:
            self.columns = found.columns
            self.at = {name: place for place, name in enumerate(found.columns)}
        return found.rows  # tuples, formatted per cell as the view paints them

    def value(self, row: tuple, key: str):
        return row[self.at[key]]

    def display(self, row, key):
        value = row[self.at[key]]
        if key == "sector":
            return self.sector_name(value)
        if key in ("inspected_at", "reviewed_at"):
            return local_day(value)
        if key == "severity":
            return labels.severity(value)
        if key == "status":
            return labels.rect_status(value, bool(self.value(row, "overdue")))
        if key == "problem":
            return value.replace("\n", " ")
        return "" if value is None else str(value)

    def colour(self, row, key):
        overdue = self.value(row, "overdue")
        if key == "status":
            closed = self.value(row, "status") == rectification_rules.CLOSED
            return RED if overdue else GREEN if closed else None
        if key == "deadline" and overdue:
            return RED
        severity = self.value(row, "severity")
        if key == "severity" and severity in ("critical", "major"):
            return RED if severity == "critical" else ORANGE
        return None

    def row_at(self, row: int) -> dict | None:
        """The row by column name (as ledger_query.page gives it)."""
        if not 0 <= row < len(self.rows):
            return None
        return ledger_query.as_dict(self.columns, self.rows[row])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # PagedModel.data for rows kept as tuples; called for every cell painted
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colour(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell the column may cut
            return self.value(row, key) if key == "problem" else self.display(row, key) or None
        if role == ROW_ROLE:
            return self.row_at(index.row())
        return None
