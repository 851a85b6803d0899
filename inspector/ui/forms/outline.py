"""The checklist as a navigable outline: sections with progress, items with a state mark."""

from functools import cache

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from ...i18n import pick

ITEM_ROLE = Qt.ItemDataRole.UserRole
MARKS = {  # state -> (fill, ring)
    "ok": ("#2e7d32", "#2e7d32"),
    "finding": ("#c62828", "#c62828"),
    "missing": (None, "#ef6c00"),  # required, unanswered
    "open": (None, "#9e9e9e"),  # optional, unanswered
}


@cache
def mark_icon(state: str) -> QIcon:
    fill, ring = MARKS[state]
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(ring), 2))
    painter.setBrush(QBrush(QColor(fill)) if fill else Qt.BrushStyle.NoBrush)
    painter.drawEllipse(2, 2, 10, 10)
    painter.end()
    return QIcon(pixmap)


class Outline(QTreeWidget):
    item_chosen = Signal(str)  # item id
    section_chosen = Signal(str)  # section id

    def __init__(self, checklist, parent=None):
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the item
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setIconSize(QSize(14, 14))
        self.setUniformRowHeights(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # fixed, wide enough for "999/999": sized to contents, every progress change
        # would measure all the rows again
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.header().resizeSection(1, self.fontMetrics().horizontalAdvance(" 999/999 ") + 8)
        self.sections: dict[str, QTreeWidgetItem] = {}
        self.items: dict[str, QTreeWidgetItem] = {}
        self.progress: dict[str, tuple[int, int]] = {}  # what each section shows now
        for number, section in enumerate(checklist.sections, 1):
            top = QTreeWidgetItem([f"{number}. {pick(section['title'])}", ""])
            top.setData(0, ITEM_ROLE, ("section", section["id"]))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.sections[section["id"]] = top
            for item in section["items"]:
                row = QTreeWidgetItem(top, [pick(item["text"]), ""])
                row.setData(0, ITEM_ROLE, ("item", item["id"]))
                row.setToolTip(0, pick(item["text"]))
                self.items[item["id"]] = row
        self.addTopLevelItems(list(self.sections.values()))
        self.expandAll()
        self.itemClicked.connect(self._clicked)

    def _clicked(self, row: QTreeWidgetItem) -> None:
        kind, key = row.data(0, ITEM_ROLE)
        (self.item_chosen if kind == "item" else self.section_chosen).emit(key)

    def set_visible_items(self, visible: set[str]) -> None:
        for item_id, row in self.items.items():
            row.setHidden(item_id not in visible)

    def set_mark(self, item_id: str, state: str) -> None:
        self.items[item_id].setIcon(0, mark_icon(state))

    def set_progress(self, section_id: str, done: int, shown: int) -> None:
        if self.progress.get(section_id) == (done, shown):
            return  # an answer changes one section: the others are not redrawn
        self.progress[section_id] = (done, shown)
        top = self.sections[section_id]
        top.setText(1, f"{done}/{shown}")
        top.setForeground(1, QColor("#2e7d32" if shown and done == shown else "#666666"))

    def select(self, item_id: str) -> None:
        row = self.items[item_id]
        self.setCurrentItem(row)
        self.scrollToItem(row)
