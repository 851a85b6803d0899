"""Table models over the store that fetch one page at a time as the view scrolls."""

import json

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QHeaderView, QTableView

from .. import checklists, queries
from . import labels
from .settings import settings

ROW_ROLE = Qt.ItemDataRole.UserRole  # the whole row dict
ROOT = QModelIndex()  # the invalid index: tables have no children


class ColumnFit(QObject):
    """The one rule for table columns: each as wide as its loaded contents (capped at
    CAP characters; the cell's tooltip has the rest) and never narrower than its header;
    the stretch column takes the room left, but never less than STRETCH_MIN characters.
    Applied again whenever rows load and when the table is resized.

    A column the user dragged to a width keeps it, now and in later runs: the widths
    are remembered per table (QSettings "columns/<name>", by column key) and the fit
    leaves those columns alone."""

    CAP, STRETCH_MIN, PRECISION = 18, 12, 200  # widths in CJK characters; rows read

    def __init__(self, view: QTableView, stretch: int | None = None, name: str | None = None):
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        # one table's widths: by default its model's class names it (one per table)
        self.name = name or type(view.model()).__name__
        self.chosen = self._remembered()  # column key -> the width the user gave it
        self.fitting = False
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(self.PRECISION)
        self.timer = QTimer(self, singleShot=True, interval=0)  # once per burst of changes
        self.timer.timeout.connect(self.fit)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged,
                       model.layoutChanged):
            signal.connect(self.timer.start)
        view.viewport().installEventFilter(self)
        self.fit()
        header.sectionResized.connect(self._resized)

    def _key(self, column: int) -> str:
        columns = getattr(self.view.model(), "COLUMNS", ())
        return columns[column][0] if column < len(columns) else str(column)

    def _remembered(self) -> dict[str, int]:
        try:
            widths = json.loads(str(settings().value(f"columns/{self.name}", "{}")))
        except ValueError:
            return {}
        return {str(k): int(v) for k, v in widths.items() if isinstance(v, int) and v > 0} \
            if isinstance(widths, dict) else {}

    def _resized(self, column: int, old: int, new: int) -> None:
        """A width not set by fit() is the user's (a drag, a double click on the edge)."""
        if self.fitting or new <= 0:
            return
        self.chosen[self._key(column)] = new
        settings().setValue(f"columns/{self.name}", json.dumps(self.chosen, sort_keys=True))
        self.timer.start()  # the stretch column takes the room left

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Resize:
            self.timer.start()
        return False

    def em(self) -> int:
        return self.view.fontMetrics().horizontalAdvance("中")

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        columns = self.view.model().columnCount()
        stretch = columns - 1 if self.stretch is None else self.stretch
        chosen = [self.chosen.get(self._key(c)) for c in range(columns)]
        widths = [chosen[c] or max(header.sectionSizeHint(c),
                                   min(self.view.sizeHintForColumn(c), self.CAP * self.em()))
                  for c in range(columns)]
        if 0 <= stretch < columns and not chosen[stretch]:
            others = sum(w for c, w in enumerate(widths) if c != stretch)
            room = self.view.viewport().width() - others
            widths[stretch] = max(header.sectionSizeHint(stretch),
                                  self.STRETCH_MIN * self.em(), room)
        self.fitting = True
        try:
            for column, width in enumerate(widths):
                header.resizeSection(column, width)
        finally:
            self.fitting = False


def fit_columns(view: QTableView, stretch: int | None = None,
                name: str | None = None) -> ColumnFit:
    return ColumnFit(view, stretch, name)


def fit_screen(widget, wanted: QSize) -> QSize:
    """`wanted`, but no larger than the screen the widget is on leaves free (less the
    title bar and borders its parent window has, as this one will)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size()
    parent = widget.parentWidget().window() if widget.parentWidget() else None
    if parent is not None and parent.isVisible():
        room -= parent.frameGeometry().size() - parent.size()
    return wanted.boundedTo(room).expandedTo(widget.minimumSizeHint())


class RowsModel(QAbstractTableModel):
    """A table of `rows` with translated column headers: what every model here shares."""

    COLUMNS: tuple[tuple[str, str], ...] = ()  # (key, header source text in context "Columns")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=ROOT):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT):
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return QCoreApplication.translate("Columns", self.COLUMNS[section][1])
        return None


class PagedModel(RowsModel):
    """Counts the rows in SQL, then loads PAGE rows whenever the view wants more."""

    PAGE = 100

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.total = 0
        self.sectors: dict[str, str] = {}

    def count(self) -> int:
        raise NotImplementedError

    def page(self, offset: int, limit: int) -> list[dict]:
        raise NotImplementedError

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = []
        self.total = self.count()
        # sector names once per refresh, not per cell: each lookup checks the files
        self.sectors = checklists.sectors()
        self.endResetModel()

    def sector_name(self, slug: str) -> str:
        return self.sectors.get(slug, slug)

    def canFetchMore(self, parent=ROOT):
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=ROOT):
        if parent.isValid():
            return
        more = self.page(len(self.rows), self.PAGE)[: self.total - len(self.rows)]
        if not more:
            self.total = len(self.rows)  # rows went away since counting
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell the column may cut
            return self.display(row, key) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colour(row, key)
        return None

    def display(self, row: dict, key: str):
        value = row.get(key)
        return "" if value is None else str(value)

    def colour(self, row: dict, key: str):
        return None

    def row_at(self, row: int) -> dict | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


def sector_name(slug: str) -> str:
    return checklists.sectors().get(slug, slug)


class SubjectsModel(PagedModel):
    COLUMNS = (("name", QT_TRANSLATE_NOOP("Columns", "Name")),
               ("uscc", QT_TRANSLATE_NOOP("Columns", "Credit code")),
               ("sector", QT_TRANSLATE_NOOP("Columns", "Sector")),
               ("last_inspection", QT_TRANSLATE_NOOP("Columns", "Last inspection")),
               ("open_items", QT_TRANSLATE_NOOP("Columns", "Open rectifications")))

    def __init__(self, store, parent=None, text: str = "", sector: str | None = None):
        super().__init__(store, parent)
        self.filter = queries.SubjectFilter(text, sector)
        self.refresh()

    def set_filter(self, text: str, sector: str | None) -> None:
        self.filter = queries.SubjectFilter(text, sector)
        self.refresh()

    def count(self):
        return queries.count_subjects(self.store, self.filter)

    def page(self, offset, limit):
        return queries.subjects_page(self.store, self.filter, offset, limit)

    def display(self, row, key):
        if key == "sector":
            return self.sector_name(row["sector"])
        if key == "last_inspection":
            return labels.when(row["last_inspection"])[:10]
        if key == "open_items":
            return str(row["open_items"] or "")
        return super().display(row, key)

    def colour(self, row, key):
        if key == "open_items" and row["open_items"]:
            return QColor("#c62828")
        return None


class InspectionsModel(PagedModel):
    COLUMNS = (("started_at", QT_TRANSLATE_NOOP("Columns", "Started")),
               ("kind", QT_TRANSLATE_NOOP("Columns", "Kind")),
               ("subject", QT_TRANSLATE_NOOP("Columns", "Subject")),
               ("sector", QT_TRANSLATE_NOOP("Columns", "Sector")),
               ("status", QT_TRANSLATE_NOOP("Columns", "Status")),
               ("answered", QT_TRANSLATE_NOOP("Columns", "Answered")),
               ("non_compliant", QT_TRANSLATE_NOOP("Columns", "Non-compliant")))

    def __init__(self, store, parent=None):
        super().__init__(store, parent)
        self.filter = queries.InspectionFilter()
        self.refresh()

    def set_filter(self, where: queries.InspectionFilter) -> None:
        self.filter = where
        self.refresh()

    def count(self):
        return queries.count_inspections(self.store, self.filter)

    def page(self, offset, limit):
        return queries.inspections_page(self.store, self.filter, offset, limit)

    def display(self, row, key):
        if key == "started_at":
            return labels.when(row["started_at"])
        if key == "kind":
            return labels.kind(row["kind"])
        if key == "sector":
            return self.sector_name(row["sector"])
        if key == "status":
            return labels.record_status(row)
        if key == "answered":
            return f"{row['answered']}/{row['items']}"
        if key == "non_compliant":
            return str(row["non_compliant"] or "")
        return super().display(row, key)

    def colour(self, row, key):
        if key == "non_compliant" and row["non_compliant"]:
            return QColor("#c62828")
        if key == "status" and row["status"] == "draft":
            return QColor("#ef6c00")
        if key == "status" and row.get("superseded"):
            return QColor("#757575")
        return None

