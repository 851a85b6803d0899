"""The finding's note: several lines (a finding is often two or three sentences), Enter
moves on as in every other field, Shift+Enter starts a new line. Speaks QLineEdit's
few words the item page uses (text, setText, textEdited, returnPressed)."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextOption
from PySide6.QtWidgets import QPlainTextEdit

LINES = 3  # tall enough to read what was written, short enough for a 600-pixel screen


class NoteEdit(QPlainTextEdit):
    textEdited = Signal(str)  # by the user (not by setText)
    returnPressed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._setting = False
        self.textChanged.connect(self._changed)
        lines = self.fontMetrics().lineSpacing() * LINES
        self.setFixedHeight(lines + 2 * self.frameWidth() + 8)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self._setting = True
        try:
            self.setPlainText(text)
        finally:
            self._setting = False

    def _changed(self) -> None:
        if not self._setting:
            self.textEdited.emit(self.toPlainText())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                event.ignore()  # Ctrl+Enter belongs to the runner (the summary)
                return
            self.returnPressed.emit()
            return
        super().keyPressEvent(event)
