"""A signature pad (mouse, pen or touch) and the dialog that stores a signature."""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

INK = QColor(20, 30, 90)


class SignaturePad(QWidget):
    """Draws strokes from mouse, tablet and touch events; exports a cropped PNG."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setMinimumSize(480, 180)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.strokes: list[QPainterPath] = []
        self._drawing = False

    # --- input ---------------------------------------------------------------

    def _begin(self, point: QPointF) -> None:
        path = QPainterPath(point)
        path.lineTo(point + QPointF(0.1, 0.1))  # a dot is a stroke too
        self.strokes.append(path)
        self._drawing = True
        self.update()

    def _extend(self, point: QPointF) -> None:
        if self._drawing:
            self.strokes[-1].lineTo(point)
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event):
        self._begin(event.position())

    def mouseMoveEvent(self, event):
        self._extend(event.position())

    def mouseReleaseEvent(self, event):
        self._end()

    def tabletEvent(self, event):
        kind = event.type()
        if kind == event.Type.TabletPress:
            self._begin(event.position())
        elif kind == event.Type.TabletMove:
            self._extend(event.position())
        else:
            self._end()
        event.accept()

    def event(self, event):
        kind = event.type()
        if kind in (event.Type.TouchBegin, event.Type.TouchUpdate):
            points = event.points()
            if points:
                if kind == event.Type.TouchBegin:
                    self._begin(points[0].position())
                else:
                    self._extend(points[0].position())
            event.accept()
            return True
        if kind in (event.Type.TouchEnd, event.Type.TouchCancel):
            self._end()  # a touch the system cancels keeps what it drew
            event.accept()
            return True
        return super().event(event)

    # --- drawing and export ------------------------------------------------------

    def clear(self) -> None:
        self.strokes.clear()
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return not self.strokes

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(INK, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for path in self.strokes:
            painter.drawPath(path)

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(QColor(200, 200, 200), 1, Qt.PenStyle.DashLine))
        baseline = int(self.height() * 0.75)
        painter.drawLine(20, baseline, self.width() - 20, baseline)
        self._paint(painter)

    def png(self) -> bytes:
        """The strokes on a transparent background, cropped with a small margin."""
        image = QImage(self.size(), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self._paint(painter)
        painter.end()
        bounds = QRect()
        for path in self.strokes:
            bounds = bounds.united(path.boundingRect().toAlignedRect())
        crop = bounds.adjusted(-8, -8, 8, 8).intersected(image.rect())
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.copy(crop).save(buffer, "PNG")
        return bytes(data.data())


class SignatureDialog(QDialog):
    """Who signs and their signature; accept() leaves name() and png() to store."""

    def __init__(self, role_label: str, name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Signature: %1").replace("%1", role_label))
        self.name_edit = QLineEdit(name)
        self.pad = SignaturePad()
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(self.pad.clear)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(clear, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Save signature"))
        self.ok.setEnabled(False)
        self.pad.changed.connect(self._update)
        self.name_edit.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Sign in the box with the mouse, a pen or a finger:")))
        layout.addWidget(self.pad, 1)
        layout.addWidget(buttons)

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.name_edit.text().strip()) and not self.pad.is_empty())

    def name(self) -> str:
        return self.name_edit.text().strip()

    def png(self) -> bytes:
        return self.pad.png()
