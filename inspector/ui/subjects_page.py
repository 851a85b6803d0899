"""Home: the searchable list of subjects, with add, edit, import and start inspection."""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import checklists
from .changes import Follows
from .models import ROW_ROLE, SubjectsModel, fit_columns
from .settings import get_str, settings


class SubjectsPage(Follows, QWidget):
    SHOWS = frozenset({"subject", "inspection", "identity"})
    new_inspection = Signal(str)  # subject id
    show_identity = Signal()
    add_subject = Signal()
    edit_subject = Signal(str)
    import_subjects = Signal()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.follow(store)
        title = QLabel(self.tr("Subjects"))
        title.setObjectName("pageTitle")
        self.search = QLineEdit(get_str("subjects/search"))
        self.search.setPlaceholderText(
            self.tr("Search name, credit code, address or legal representative  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.sector = QComboBox()
        self.sector.addItem(self.tr("All sectors"), None)
        for slug, name in checklists.sectors().items():
            self.sector.addItem(name, slug)
        index = self.sector.findData(get_str("subjects/sector") or None)
        self.sector.setCurrentIndex(max(index, 0))
        self.model = SubjectsModel(store, self, self.search.text(), self.sector.currentData())
        self.typing = QTimer(self, singleShot=True, interval=200)
        self.typing.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self.typing.start)
        self.sector.currentIndexChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(self._focus_table)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.activated.connect(lambda _: self._start())
        self.count = QLabel()
        self.count.setObjectName("muted")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.sector, 1)
        buttons = QHBoxLayout()
        for text, slot, name in (
                (self.tr("New inspection…  (Enter)"), self._start, "primary"),
                (self.tr("Add subject…  (Ctrl+Shift+A)"), self.add_subject.emit, ""),
                (self.tr("Edit…  (F2)"), self._edit, ""),
                (self.tr("Import register…  (Ctrl+I)"), self.import_subjects.emit, "")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        from . import first_run

        self.guide = None  # a fresh store's first steps; a store in use builds none
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        if first_run.wanted(store):
            self.guide = first_run.FirstRunGuide(store)
            self.guide.make_identity.connect(self.show_identity.emit)
            self.guide.import_register.connect(self.import_subjects.emit)
            self.guide.add_subject.connect(self.add_subject.emit)
            self.guide.new_inspection.connect(self._start)
            layout.addWidget(self.guide)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        for keys, slot in ((QKeySequence.StandardKey.Find, self.search.setFocus),
                           ("F2", self._edit), ("Ctrl+Shift+A", self.add_subject.emit)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self._filtered()
        # once the first rows are in: fitted to them at once, not first to none
        fit_columns(self.table, stretch=0)  # the name takes the room left
        self.built_current()

    def apply_filter(self) -> None:
        sector = self.sector.currentData()
        self.model.set_filter(self.search.text(), sector)
        store = settings()
        store.setValue("subjects/search", self.search.text())
        store.setValue("subjects/sector", sector or "")
        self._filtered()

    def _filtered(self) -> None:
        self.count.setText(self.tr("%n subject(s)", "", self.model.total))
        if self.model.rowCount() == 0 and self.model.canFetchMore():
            self.model.fetchMore()
        if self.model.rowCount():
            self.table.selectRow(0)

    def refresh(self) -> None:
        selected = self.selected()
        if self.guide is not None:
            self.guide.refresh()
        self.apply_filter()
        if selected:
            self.select(selected["id"])

    def select(self, subject_id: str) -> None:
        while True:
            for row in range(self.model.rowCount()):
                if self.model.row_at(row)["id"] == subject_id:
                    self.table.selectRow(row)
                    return
            if not self.model.canFetchMore():
                return
            self.model.fetchMore()

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _focus_table(self) -> None:
        if self.typing.isActive():  # Enter before the typing pause: filter by what was typed
            self.typing.stop()
            self.apply_filter()
        self.table.setFocus()
        if self.model.rowCount() and not self.selected():
            self.table.selectRow(0)

    def _start(self) -> None:
        subject = self.selected()
        self.new_inspection.emit(subject["id"] if subject else "")

    def _edit(self) -> None:
        subject = self.selected()
        if subject:
            self.edit_subject.emit(subject["id"])

    def focus(self) -> None:
        self.search.setFocus()
