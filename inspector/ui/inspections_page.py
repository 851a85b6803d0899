"""All inspections and self-checks, filtered by sector, status and date; open one."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import checklists, corrections, inspections, queries
from ..errors import InspectorError
from . import labels
from .changes import Follows
from .models import ROW_ROLE, InspectionsModel, fit_columns


class InspectionsPage(Follows, QWidget):
    SHOWS = frozenset({"subject", "inspection", "answer", "evidence", "signature",
                        "rectification", "rectification_event"})
    open_inspection = Signal(str)
    report = Signal(str)  # inspection id: issue its signed report
    notice = Signal(str)  # inspection id: write its rectification notice

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.follow(store)
        self.model = InspectionsModel(store, self)
        title = QLabel(self.tr("Inspections"))
        title.setObjectName("pageTitle")
        self.sector = QComboBox()
        self.sector.addItem(self.tr("All sectors"), None)
        for slug, name in checklists.sectors().items():
            self.sector.addItem(name, slug)
        self.status = QComboBox()
        self.status.addItem(self.tr("Any status"), None)
        for value in labels.STATUS:
            self.status.addItem(labels.status(value), value)
        self.by_date = QCheckBox(self.tr("From"))
        today = labels.today()
        self.since = QDateEdit(today.addMonths(-3))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(self.apply_filter)
        for box in (self.sector, self.status):
            box.currentIndexChanged.connect(self.apply_filter)
        self.by_date.toggled.connect(self.apply_filter)
        filters = QHBoxLayout()
        filters.addWidget(self.sector)
        filters.addWidget(self.status)
        filters.addWidget(self.by_date)
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.until)
        filters.addStretch(1)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        fit_columns(self.table, stretch=2)  # the subject takes the room left
        self.table.activated.connect(self._open)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        open_button = QPushButton(self.tr("Open  (Enter)"))
        open_button.setObjectName("primary")
        open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        self.report_button = QPushButton(self.tr("Signed report…  (Ctrl+R)"))
        self.report_button.clicked.connect(lambda: self._emit(self.report))
        self.notice_button = QPushButton(self.tr("Rectification notice…  (Ctrl+Shift+R)"))
        self.notice_button.clicked.connect(lambda: self._emit(self.notice))
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.correct_button.setToolTip(self.tr(
            "A signed record is never changed: start a correction that supersedes it"))
        self.correct_button.clicked.connect(self.correct)
        for keys, button in (("Ctrl+R", self.report_button),
                             ("Ctrl+Shift+R", self.notice_button)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(button.click)
            self.addAction(action)
        self.count = QLabel()
        self.count.setObjectName("muted")
        buttons = QHBoxLayout()
        buttons.addWidget(open_button)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.notice_button)
        buttons.addWidget(self.correct_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.apply_filter()

    def apply_filter(self) -> None:
        dated = self.by_date.isChecked()
        self.model.set_filter(queries.InspectionFilter(
            sector=self.sector.currentData(), status=self.status.currentData(),
            since=self.since.date().toString("yyyy-MM-dd") if dated else None,
            until=self.until.date().toString("yyyy-MM-dd") if dated else None))
        self.count.setText(self.tr("%n inspection(s)", "", self.model.total))
        self._enable()

    def refresh(self) -> None:
        selected = self.selected()
        self.apply_filter()
        if selected:
            self.select(selected["id"])

    def _open(self, index) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row:
            self.open_inspection.emit(row["id"])

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select(self, inspection_id: str) -> None:
        while True:
            for row in range(self.model.rowCount()):
                if self.model.row_at(row)["id"] == inspection_id:
                    self.table.selectRow(row)
                    return
            if not self.model.canFetchMore():
                return
            self.model.fetchMore()

    def _enable(self, *_args) -> None:
        """A report for any inspection (a draft's is marked 草稿); a notice needs findings
        of a finished one."""
        row = self.selected()
        self.report_button.setEnabled(row is not None)
        self.notice_button.setEnabled(bool(row and row["status"] != "draft"
                                           and row["non_compliant"]))
        self.correct_button.setEnabled(bool(row and row["status"] == "signed" and
                                            corrections.may_correct(
                                                self.model.store,
                                                inspections.get(self.model.store, row["id"]))))

    def correct(self) -> None:
        """Ask why, start the correction of the selected signed record, open it."""
        from .correction_dialog import CorrectionDialog

        row = self.selected()
        if row is None or not self.correct_button.isEnabled():
            return
        store = self.model.store
        dialog = CorrectionDialog(inspections.get(store, row["id"]), self)
        if not dialog.exec():
            return
        try:
            correction = corrections.start(store, row["id"], dialog.text())
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("Not corrected"), exc.message)
            return
        self.open_inspection.emit(correction)

    def _emit(self, signal) -> None:
        row = self.selected()
        if row is not None:
            signal.emit(row["id"])

    def focus(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
