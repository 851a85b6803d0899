"""Evidence photos of one item: thumbnails, an add button, files dropped onto it."""

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

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

    def add_thumbnail(self, data: bytes, tooltip: str = "") -> None:
        label = QLabel()
        label.setObjectName("thumb")
        label.setPixmap(thumbnail_pixmap(data))
        label.setToolTip(tooltip)
        self.row.insertWidget(self.count, label)
        self.count += 1

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setVisible(not read_only)
        self.hint.setVisible(not read_only)
        self.setAcceptDrops(not read_only)

    def dragEnterEvent(self, event):
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        files = dropped_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
