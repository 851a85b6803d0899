"""Answer widgets, one class per checklist item type (see registry.py).

Each widget shows one item's answer and emits `answered(value)` when the
inspector changes it (None clears the answer). Typed answers (number, date,
text) emit `edited` while typing; the item page commits them shortly after,
on Enter, or when leaving the item.
"""

import re

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ... import evaluation
from ...i18n import pick
from .registry import register


class AnswerWidget(QWidget):
    answered = Signal(object)  # the new value; None clears the answer
    edited = Signal()  # typed text changed; commit soon
    submitted = Signal()  # Enter in a typed answer: commit and go on
    typed = False  # answers typed into an editor (digits and letters are text there)

    def __init__(self, item: dict, parent=None):
        super().__init__(parent)
        self.item = item
        self.read_only = False

    def set_value(self, value) -> None:
        """Show `value` without emitting anything."""
        raise NotImplementedError

    def value(self):
        raise NotImplementedError

    def key_answer(self, number: int) -> bool:
        """Answer with digit key `number`; True if the widget took it."""
        return False

    def focus_target(self) -> QWidget:
        return self

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.setEnabled(not read_only)


class _Choices(AnswerWidget):
    """Buttons in a row, digit keys 1..9 pick them."""

    def _build(self, labels: list[tuple[str, str]], exclusive: bool, vertical=False):
        box = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # exclusivity by hand: a second click clears
        self.values = []
        for number, (value, text) in enumerate(labels, 1):
            button = self._button(f"{text}  ({number})" if number <= 9 else text)
            button.setCheckable(True)
            button.setProperty("answer", value)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.group.addButton(button, number)
            self.values.append(value)
            box.addWidget(button)
        if not vertical:
            box.addStretch(1)
        self.exclusive = exclusive
        self.group.idClicked.connect(self._clicked)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _button(self, text):
        return QPushButton(text)

    def _clicked(self, number: int) -> None:
        value = self.values[number - 1]
        if self.exclusive:
            current = self.value()
            self.set_value(None if current == value else value)
        self.answered.emit(self.value())

    def key_answer(self, number: int) -> bool:
        if self.read_only or not 1 <= number <= len(self.values):
            return False
        if self.exclusive:
            value = self.values[number - 1]
        else:
            value = evaluation.toggled(self.item, self.value() or [], self.values[number - 1])
            value = value or None
        # saved first, drawn after: restyling the buttons is what a key press waits on
        self.answered.emit(value)
        self.set_value(value)
        return True

    def set_value(self, value) -> None:
        chosen = set(value if isinstance(value, list) else [value])
        for number, item_value in enumerate(self.values, 1):
            self.group.button(number).setChecked(item_value in chosen)

    def value(self):
        chosen = [v for n, v in enumerate(self.values, 1) if self.group.button(n).isChecked()]
        if self.exclusive:
            return chosen[0] if chosen else None
        return chosen or None


@register("yes_no")
class YesNoWidget(_Choices):
    def __init__(self, item, parent=None):
        super().__init__(item, parent)
        labels = [("yes", self.tr("Compliant")), ("no", self.tr("Non-compliant"))]
        if item.get("allow_na", True):
            labels.append(("na", self.tr("Not applicable")))
        self._build(labels, exclusive=True)
        for button in self.group.buttons():
            button.setObjectName(f"answer_{button.property('answer')}")
            button.setMinimumWidth(130)


@register("single_choice")
class SingleChoiceWidget(_Choices):
    def __init__(self, item, parent=None):
        super().__init__(item, parent)
        self._build([(o["value"], pick(o["label"])) for o in item["options"]],
                    exclusive=True, vertical=True)

    def _button(self, text):
        return QRadioButton(text)


@register("multi_choice")
class MultiChoiceWidget(_Choices):
    def __init__(self, item, parent=None):
        super().__init__(item, parent)
        self._build([(o["value"], pick(o["label"])) for o in item["options"]],
                    exclusive=False, vertical=True)

    def _button(self, text):
        return QCheckBox(text)

    def _clicked(self, number: int) -> None:
        value = self.values[number - 1]  # the click has ticked or unticked it already
        before = set(self.value() or []) ^ {value}
        self.set_value(evaluation.toggled(self.item, before, value))  # "none" stands alone
        self.answered.emit(self.value())


class _Typed(AnswerWidget):
    typed = True

    def _editor(self, editor: QLineEdit, suffix: str = "") -> None:
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.editor = editor
        editor.textEdited.connect(self.edited)
        editor.returnPressed.connect(self.submitted)
        box.addWidget(editor, 1)
        if suffix:
            box.addWidget(QLabel(suffix))
        self.setFocusProxy(editor)

    def focus_target(self) -> QWidget:
        return self.editor

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.editor.setReadOnly(read_only)


@register("number")
class NumberWidget(_Typed):
    def __init__(self, item, parent=None):
        super().__init__(item, parent)
        editor = QLineEdit()
        editor.setValidator(QDoubleValidator(editor))
        low, high = item.get("min"), item.get("max")
        if low is not None or high is not None:
            editor.setPlaceholderText(f"{'' if low is None else low} – "
                                      f"{'' if high is None else high}")
        editor.setMaximumWidth(220)
        self._editor(editor, item.get("unit", ""))
        self.layout().addStretch(1)

    def set_value(self, value) -> None:
        self.editor.setText("" if value is None else str(value))

    def value(self):
        text = self.editor.text().strip().replace(",", ".")
        return text or None


@register("text")
class TextWidget(_Typed):
    def __init__(self, item, parent=None):
        super().__init__(item, parent)
        editor = QLineEdit()
        editor.setPlaceholderText(self.tr("Type the answer; Enter goes to the next item"))
        self._editor(editor)

    def set_value(self, value) -> None:
        self.editor.setText(value or "")

    def value(self):
        return self.editor.text().strip() or None


@register("date")
class DateWidget(_Typed):
    """A date typed as 2030-01-31, 2030/1/31 or 20300131; shown as YYYY-MM-DD."""

    def __init__(self, item, parent=None):
        super().__init__(item, parent)
        editor = QLineEdit()
        editor.setPlaceholderText(self.tr("YYYY-MM-DD"))
        editor.setMaximumWidth(220)
        self._editor(editor)
        self.layout().addStretch(1)

    def set_value(self, value) -> None:
        self.editor.setText(value or "")

    def value(self):
        text = self.editor.text().strip()
        if not text:
            return None
        digits = re.sub(r"\D+", "-", text).strip("-")
        if re.fullmatch(r"\d{8}", digits):
            digits = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
        parts = digits.split("-")
        if len(parts) == 3 and all(parts):
            date = QDate(int(parts[0]), int(parts[1]), int(parts[2]))
            if date.isValid():
                return date.toString("yyyy-MM-dd")
        return text  # the service names what is wrong with it


@register("photo")
class PhotoWidget(AnswerWidget):
    """The answer is the photos themselves: the item page's photo strip holds them."""

    def __init__(self, item, parent=None):
        super().__init__(item, parent)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        hint = pick(item.get("evidence_hint")) or self.tr("Attach at least one photo.")
        label = QLabel(self.tr("Photo: %1 (Ctrl+P adds one, or drop files here)")
                       .replace("%1", hint))
        label.setWordWrap(True)
        box.addWidget(label)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_value(self, value) -> None:
        pass

    def value(self):
        return None


@register("signature")
class SignatureWidget(AnswerWidget):
    """A signature item: signed on a pad; the answer is the image's SHA-256."""

    sign_requested = Signal()

    def __init__(self, item, parent=None):
        super().__init__(item, parent)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel()
        self.button = QPushButton(self.tr("Sign…  (1)"))
        self.button.clicked.connect(self.sign_requested)
        box.addWidget(self.button)
        box.addWidget(self.status, 1)
        self._value = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def key_answer(self, number: int) -> bool:
        if number == 1 and not self.read_only:
            self.sign_requested.emit()
            return True
        return False

    def set_value(self, value) -> None:
        self._value = value
        self.status.setText(self.tr("Signed") if value else self.tr("Not signed yet"))

    def value(self):
        return self._value
