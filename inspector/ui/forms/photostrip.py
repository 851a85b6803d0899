"""Evidence photos of one item: thumbnails (each with its remove button and context
action), an add button, files dropped onto it."""

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

THUMB = 96
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".heic", ".webp", ".bmp", ".tif", ".tiff"}


def thumbnail_pixmap(data: bytes, side: int = THUMB) -> QPixmap:
    image = QImage.fromData(data)
    if image.isNull():  # an attachment that is no picture (a damaged file): a blank tile
        blank = QPixmap(side, side)
        blank.fill(Qt.GlobalColor.lightGray)
        return blank
    return QPixmap.fromImage(image.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))


def dropped_files(mime) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls()
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES]


class PhotoStrip(QWidget):
    add_requested = Signal()
    files_dropped = Signal(list)  # of Path
    remove_requested = Signal(str)  # evidence id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self.tr("Add photo…  (Ctrl+P)"))
        self.add_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.add_button.clicked.connect(self.add_requested)
        self.hint = QLabel(self.tr("or drop image files here"))
        self.hint.setObjectName("muted")
        self.row.addWidget(self.add_button)
        self.row.addWidget(self.hint)
        self.row.addStretch(1)
        self.count = 0
        self.tiles: dict[str, QWidget] = {}  # evidence id -> its thumbnail and button
        self.read_only = False

    def add_thumbnail(self, data: bytes, tooltip: str = "", evidence_id: str = "") -> None:
        tile = QWidget()
        column = QVBoxLayout(tile)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        label = QLabel()
        label.setObjectName("thumb")
        label.setPixmap(thumbnail_pixmap(data))
        label.setToolTip(tooltip)
        column.addWidget(label)
        if evidence_id:
            remove = QToolButton()
            remove.setObjectName("photoRemove")
            remove.setText(self.tr("Remove…"))
            remove.setToolTip(self.tr("Remove this photo from the inspection"))
            remove.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            remove.clicked.connect(lambda: self.remove_requested.emit(evidence_id))
            column.addWidget(remove, 0, Qt.AlignmentFlag.AlignHCenter)
            action = QAction(self.tr("Remove photo…"), label)
            action.triggered.connect(lambda: self.remove_requested.emit(evidence_id))
            label.addAction(action)
            self.tiles[evidence_id] = tile
        self.row.insertWidget(self.count, tile)
        self.count += 1
        self._show_removers(tile)

    def remove_thumbnail(self, evidence_id: str) -> None:
        tile = self.tiles.pop(evidence_id, None)
        if tile is not None:
            self.row.removeWidget(tile)
            tile.deleteLater()
            self.count -= 1

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.add_button.setVisible(not read_only)
        self.hint.setVisible(not read_only)
        self.setAcceptDrops(not read_only)
        for tile in self.tiles.values():
            self._show_removers(tile)

    def _show_removers(self, tile: QWidget) -> None:
        """A photo of a draft can be removed (button, right click); of a finished one not."""
        for button in tile.findChildren(QToolButton):
            button.setVisible(not self.read_only)
        label = tile.findChild(QLabel)
        label.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu if self.read_only or
                                   not label.actions() else
                                   Qt.ContextMenuPolicy.ActionsContextMenu)

    def dragEnterEvent(self, event):
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        files = dropped_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
