"""The supervisor's ledger (整改台账): every rectification item, filtered and sorted in
SQL, opened to its history, and exported exactly as filtered."""

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import checklists, ids, ledger_query
from . import labels
from .changes import RECTIFICATIONS, Follows
from .ledger_model import LedgerModel
from .models import ROW_ROLE, fit_columns
from .operations import Operations, progress_bar
from .settings import get_str, settings

SUFFIXES = (".xlsx", ".csv", ".pdf")


OUTSTANDING = "outstanding"  # the status filter's choice of rectification_rules.OUTSTANDING

class LedgerPage(Follows, QWidget):
    SHOWS = RECTIFICATIONS

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.follow(store)
        self.store = store
        self.operations = Operations(store, self)
        self.today: str | None = None  # overdue as of this day; None: the real today
        self.exporting = ""
        self.exported: str | None = None  # the last file written
        self.model = LedgerModel(store, self, order=_stored_order())
        title = QLabel(self.tr("Rectification ledger"))
        title.setObjectName("pageTitle")
        self.typing = QTimer(self, singleShot=True, interval=250)
        self.typing.timeout.connect(self.apply_filter)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(self._filters())
        layout.addWidget(self._table(), 1)
        layout.addLayout(self._buttons())
        self.apply_filter()

    # --- building ---------------------------------------------------------------------

    def _filters(self) -> QHBoxLayout:
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(self.tr("Subject name or credit code"))
        self.inspector = QLineEdit()
        self.inspector.setPlaceholderText(self.tr("Inspector"))
        for edit in (self.subject, self.inspector):
            edit.setClearButtonEnabled(True)
            edit.textChanged.connect(self.typing.start)
        self.sector = QComboBox()
        self.sector.addItem(self.tr("All sectors"), None)
        for slug, name in checklists.sectors().items():
            self.sector.addItem(name, slug)
        self.status = QComboBox()
        self.status.addItem(self.tr("Any status"), None)
        # what the company still owes an answer to: open and reopened together
        self.status.addItem(self.tr("Awaiting the company"), OUTSTANDING)
        for value in labels.RECT_STATUS:
            self.status.addItem(labels.rect_status(value), value)
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.by_date = QCheckBox(self.tr("Found from"))
        today = labels.today()
        self.since, self.until = QDateEdit(today.addMonths(-3)), QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(self._date_changed)
        for box in (self.sector, self.status):
            box.currentIndexChanged.connect(self.apply_filter)
        for check in (self.overdue, self.by_date):
            check.toggled.connect(self.apply_filter)
        for edit in (self.since, self.until):  # greyed while the range is off
            edit.setEnabled(False)
            self.by_date.toggled.connect(edit.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.subject, 2)
        row.addWidget(self.inspector, 1)
        for widget in (self.sector, self.status, self.overdue, self.by_date, self.since,
                       QLabel(self.tr("to")), self.until):
            row.addWidget(widget)
        return row

    def _table(self) -> QTableView:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # sized to the loaded page only (never every row of a million)
        fit_columns(self.table, stretch=4)  # the problem takes the room left
        header = self.table.horizontalHeader()
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.DescendingOrder
                                if self.model.order.descending else Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sorted)
        self.table.activated.connect(self._open)
        return self.table

    def _buttons(self) -> QHBoxLayout:
        open_button = QPushButton(self.tr("Open item  (Enter)"))
        open_button.setObjectName("primary")
        open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(self.choose_export)
        self.bar = progress_bar()
        self.bar.setMaximumWidth(160)
        self.message = QLabel()
        self.message.setObjectName("muted")
        self.count = QLabel()
        self.count.setObjectName("muted")
        row = QHBoxLayout()
        for widget in (open_button, self.export_button, self.bar, self.message):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.count)
        return row

    # --- filtering and sorting ---------------------------------------------------------

    def current_filter(self) -> ledger_query.LedgerFilter:
        dated = self.by_date.isChecked()
        return ledger_query.LedgerFilter(
            sector=self.sector.currentData(), outstanding=self.status.currentData() == OUTSTANDING,
            status=None if self.status.currentData() == OUTSTANDING
            else self.status.currentData(),
            subject=self.subject.text(), inspector=self.inspector.text(),
            overdue=self.overdue.isChecked(), today=self.today,
            since=self.since.date().toString("yyyy-MM-dd") if dated else None,
            until=self.until.date().toString("yyyy-MM-dd") if dated else None)

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._first_page()

    def _first_page(self) -> None:
        self.model.fetchMore()  # now, not when the view lays out: it may tell the count
        if self.model.counted():
            self._show_count()
        else:  # counting a million matches must not hold up the first page
            self.count.setText("…")
            QTimer.singleShot(0, self._show_count)

    def _show_count(self) -> None:
        self.count.setText(self.tr("%n item(s)", "", self.model.total))

    def _date_changed(self) -> None:
        if self.by_date.isChecked():
            self.apply_filter()

    def _sorted(self, column: int, order) -> None:
        stored = settings()
        stored.setValue("ledger/sort", self.model.COLUMNS[column][0])
        stored.setValue("ledger/descending", order == Qt.SortOrder.DescendingOrder)

    def refresh(self) -> None:
        self.model.refresh()
        self._first_page()

    def focus(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    # --- the item ----------------------------------------------------------------------

    def _open(self, index) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row:
            self.open_item(row["id"])

    def open_item(self, item_id: str):
        from .rectification_dialog import RectificationDialog

        dialog = RectificationDialog(self.store, item_id, self)
        dialog.open()
        return dialog

    # --- export ------------------------------------------------------------------------

    def choose_export(self) -> None:
        folder = get_str("ledger/export_folder") or str(Path.home())
        name = self.tr("Rectification ledger %1").replace("%1", ids.today())
        filters = [self.tr("Excel workbook (*.xlsx)"), self.tr("CSV, UTF-8 (*.csv)"),
                   self.tr("PDF (*.pdf)")]
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the ledger"), str(Path(folder) / f"{name}.xlsx"),
            ";;".join(filters))
        if not path:
            return
        suffix = SUFFIXES[filters.index(chosen)] if chosen in filters else ".xlsx"
        if Path(path).suffix.lower() not in SUFFIXES:
            path += suffix
        settings().setValue("ledger/export_folder", str(Path(path).parent))
        self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the rows as filtered and sorted now, off the UI thread."""
        from ..reports.ledger import ledger_rows, write_ledger

        where, order = self.current_filter(), self.model.order

        def work(job):
            rows = ledger_rows(ledger_query.items(job.store, where, order))
            write_ledger(rows, path)
            return len(rows)

        self.exporting = path
        self.message.setText(self.tr("Exporting…"))
        self.operations.run(work, self._exported, failed=self._export_failed, bar=self.bar,
                            disable=[self.export_button])

    def _exported(self, n: int) -> None:
        self.exported = path = self.exporting
        self.message.setText(self.tr("%1 row(s) written to %2").replace("%1", str(n))
                             .replace("%2", path))

    def _export_failed(self, message: str) -> None:
        self.message.setText("")
        self.operations.show_error(message)


def _stored_order() -> ledger_query.LedgerOrder:
    column = get_str("ledger/sort", "deadline")
    if column not in [key for key, _ in LedgerModel.COLUMNS]:
        column = "deadline"
    descending = settings().value("ledger/descending", False)
    return ledger_query.LedgerOrder(column, descending in (True, "true"))
