"""The window's navigation: every page one click away, with the counts that say where
work waits (subjects, drafts, items awaiting the company, overdue)."""

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from .. import ids
from ..rectification_rules import OUTSTANDING_SQL, OVERDUE_SQL
from ..supersession import CURRENT_SQL
from .changes import Follows

PAGES = ("subjects", "inspections", "ledger", "overview", "sync", "identity", "tasks",
         "campaigns", "credit")


def counts(store) -> dict[str, int]:
    """The figures the navigation shows, in one query (and the tasks' in another)."""
    from ..campaign.tasks import open_counts

    row = store.conn.execute(
        "SELECT (SELECT COUNT(*) FROM subjects), "
        "(SELECT COUNT(*) FROM inspections WHERE status = 'draft'), "
        f"(SELECT COUNT(*) FROM rectifications r WHERE {OUTSTANDING_SQL} AND {CURRENT_SQL}), "
        f"(SELECT COUNT(*) FROM rectifications r WHERE {OVERDUE_SQL} AND {CURRENT_SQL})",
        {"today": ids.today()}).fetchone()
    found = dict(zip(("subjects", "drafts", "outstanding", "overdue"), row, strict=True))
    return found | open_counts(store)


class Navigation(Follows, QListWidget):
    SHOWS = frozenset({"subject", "inspection", "rectification", "rectification_event",
                       "task"})
    page_chosen = Signal(str)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.follow(store)
        self.store = store
        self.setObjectName("navigation")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # clicked, never focused: the page keeps the keyboard and its shortcuts (F5–F10
        # reach every page from the keyboard)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.titles = {"subjects": self.tr("Subjects"), "tasks": self.tr("Tasks"),
                       "campaigns": self.tr("Campaigns"), "credit": self.tr("Credit"),
                       "inspections": self.tr("Inspections"),
                       "ledger": self.tr("Rectification ledger"),
                       "overview": self.tr("Overview by sector"),
                       "sync": self.tr("Data exchange"), "identity": self.tr("Identity and keys")}
        for name in PAGES:
            item = QListWidgetItem(self.titles[name])
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.addItem(item)
        self.itemClicked.connect(lambda item: self.page_chosen.emit(
            item.data(Qt.ItemDataRole.UserRole)))
        self.itemActivated.connect(lambda item: self.page_chosen.emit(
            item.data(Qt.ItemDataRole.UserRole)))
        fits = max(self.fontMetrics().horizontalAdvance(t) for t in self.titles.values())
        self.setFixedWidth(fits + 36)
        # counted once the first page is up (the window asks), not as it first shows
        self._seen = self._outside()

    def sizeHint(self) -> QSize:
        return QSize(self.width(), super().sizeHint().height())

    def refresh(self) -> None:
        found = counts(self.store)
        lines = {"subjects": self.tr("%n subject(s)", "", found["subjects"]),
                 "tasks": self.tr("%n to do", "", found["tasks_due"]) + (
                     "\n" + self.tr("%n overdue", "", found["tasks_overdue"])
                     if found["tasks_overdue"] else ""),
                 "inspections": self.tr("%n draft(s)", "", found["drafts"]),
                 "ledger": self.tr("%n awaiting", "", found["outstanding"]) + "\n"
                 + self.tr("%n overdue", "", found["overdue"])}
        for row in range(self.count()):
            item = self.item(row)
            name = item.data(Qt.ItemDataRole.UserRole)
            item.setText(self.titles[name] + (f"\n{lines[name]}" if name in lines else ""))
            item.setForeground(self.palette().text())
        if found["overdue"]:
            self.item(PAGES.index("ledger")).setForeground(Qt.GlobalColor.darkRed)
        if found["tasks_overdue"]:
            self.item(PAGES.index("tasks")).setForeground(Qt.GlobalColor.darkRed)

    def mark(self, page: str | None) -> None:
        """Select the entry of the page on screen (none for the runner or summary)."""
        self.blockSignals(True)
        self.clearSelection()
        if page in PAGES:
            self.setCurrentRow(PAGES.index(page))
        self.blockSignals(False)
