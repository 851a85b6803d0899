"""One checklist item on screen: text, legal basis, guidance, answer, note, photos."""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout

from ... import evaluation
from ...checklists import cite, requirement_text
from ...i18n import language, pick
from .. import labels
from .note_edit import NoteEdit
from .photostrip import PhotoStrip, dropped_files
from .registry import widget_for

TYPING_PAUSE_MS = 600  # typed answers are saved once the inspector pauses


def basis_text(item: dict) -> str:
    return "；".join(map(cite, item.get("basis", [])))


class ItemPage(QFrame):
    commit = Signal(str, object, str)  # item id, value (None clears), note
    go_next = Signal()
    photo_requested = Signal(str)
    files_dropped = Signal(str, list)
    photo_remove_requested = Signal(str, str)  # item id, evidence id
    sign_requested = Signal(str)

    def __init__(self, item: dict, where: str, parent=None):
        super().__init__(parent)
        self.item = item
        self.setObjectName("itemPage")
        self.setAcceptDrops(True)
        self.timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self.timer.timeout.connect(self._commit_now)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(self._header(where))
        self.text = QLabel(pick(item["text"]))
        self.text.setObjectName("itemText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        basis = basis_text(item)
        if basis:
            self.basis = QLabel(self.tr("Legal basis: %1").replace("%1", basis))
            self.basis.setObjectName("basis")
            self.basis.setWordWrap(True)
            layout.addWidget(self.basis)
        self._guidance(layout)
        self.answer = widget_for(item, self)
        self.answer.answered.connect(self._answered)
        self.answer.edited.connect(self.timer.start)
        self.answer.submitted.connect(self._submit)
        if hasattr(self.answer, "sign_requested"):
            self.answer.sign_requested.connect(lambda: self.sign_requested.emit(item["id"]))
        layout.addSpacing(6)
        layout.addWidget(self.answer)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self._finding(layout)
        layout.addStretch(1)

    def _header(self, where: str) -> QHBoxLayout:
        row = QHBoxLayout()
        self.place = QLabel(where)
        self.place.setObjectName("muted")
        row.addWidget(self.place)
        row.addStretch(1)
        if evaluation.is_required(self.item):
            required = QLabel(self.tr("Required"))
            required.setObjectName("requiredTag")
            row.addWidget(required)
        severity = self.item.get("severity")
        if severity:
            tag = QLabel(labels.severity(severity))
            tag.setObjectName(f"severity_{severity}")
            row.addWidget(tag)
        return row

    def _guidance(self, layout: QVBoxLayout) -> None:
        text = pick(self.item.get("guidance"))
        hint = pick(self.item.get("evidence_hint"))
        if hint:
            text = (text + "\n" if text else "") + self.tr("Photo: %1").replace("%1", hint)
        self.guidance = None
        if not text:
            return
        self.guidance_button = QToolButton()
        self.guidance_button.setObjectName("guidanceToggle")
        self.guidance_button.setCheckable(True)
        self.guidance_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.guidance_button.setArrowType(Qt.ArrowType.RightArrow)
        self.guidance_button.setText(self.tr("How to check  (G)"))
        self.guidance_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.guidance_button.toggled.connect(self.show_guidance)
        self.guidance = QLabel(text)
        self.guidance.setObjectName("guidance")
        self.guidance.setWordWrap(True)
        self.guidance.hide()
        layout.addWidget(self.guidance_button)
        layout.addWidget(self.guidance)

    def show_guidance(self, shown: bool) -> None:
        if self.guidance is not None:
            self.guidance.setVisible(shown)
            self.guidance_button.setArrowType(
                Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def toggle_guidance(self) -> None:
        if self.guidance is not None:
            self.guidance_button.toggle()

    def _finding(self, layout: QVBoxLayout) -> None:
        """What a non-compliant answer asks for: a note, the requirement, photos."""
        self.requirement = QLabel()
        self.requirement.setObjectName("requirement")
        self.requirement.setWordWrap(True)
        requirement = requirement_text(self.item, language())
        if requirement:
            self.requirement.setText(self.tr("Rectification: %1").replace("%1", requirement))
        self.requirement.hide()
        layout.addWidget(self.requirement)
        self.note = NoteEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(
            self.tr("Describe what was found (saved as you type; Enter: next item)"))
        self.note.textEdited.connect(self.timer.start)
        self.note.returnPressed.connect(self._submit)
        # a label that stays once something is typed (the placeholder goes)
        self.note_label = QLabel(self.tr("What was found  (Shift+Enter: new line)"))
        self.note_label.setObjectName("muted")
        self.note_label.setBuddy(self.note)
        self.note_label.hide()
        self.note.hide()
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        self.photos = PhotoStrip(self)  # parent first: drop sites on a top-level go native
        self.photos.add_requested.connect(lambda: self.photo_requested.emit(self.item["id"]))
        self.photos.files_dropped.connect(lambda f: self.files_dropped.emit(self.item["id"], f))
        self.photos.remove_requested.connect(
            lambda e: self.photo_remove_requested.emit(self.item["id"], e))
        self.photos.setVisible(self.item["type"] == "photo")
        layout.addWidget(self.photos)

    # --- state from the runner -----------------------------------------------------

    def show_state(self, value, note: str, non_compliant: bool, has_photos: bool) -> None:
        self.answer.set_value(value)
        if self.note.text() != note and not self.note.hasFocus():
            self.note.setText(note)
        self.update_finding(non_compliant, has_photos)

    def update_finding(self, non_compliant: bool, has_photos: bool) -> None:
        for widget, shown in (
                (self.requirement, non_compliant and bool(self.requirement.text())),
                (self.note, non_compliant or bool(self.note.text())),
                (self.note_label, non_compliant or bool(self.note.text())),
                (self.photos, non_compliant or has_photos or self.item["type"] == "photo")):
            if widget.isHidden() == shown:  # showing or hiding relays the page out
                widget.setVisible(shown)

    def set_read_only(self, read_only: bool) -> None:
        self.answer.set_read_only(read_only)
        self.note.setReadOnly(read_only)
        self.photos.set_read_only(read_only)
        self.setAcceptDrops(not read_only)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def focus_answer(self) -> None:
        self.answer.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_note(self) -> None:
        self.note_label.show()
        self.note.show()
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- committing ------------------------------------------------------------------

    def _answered(self, value) -> None:
        self.timer.stop()
        self.commit.emit(self.item["id"], value, self.note.text())

    def _commit_now(self) -> None:
        self.commit.emit(self.item["id"], self.answer.value(), self.note.text())

    def flush(self) -> None:
        """Save what is still being typed (before leaving the item or closing)."""
        if self.timer.isActive():
            self.timer.stop()
            self._commit_now()

    def _submit(self) -> None:
        self.flush()
        self.go_next.emit()

    def dragEnterEvent(self, event):
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        files = dropped_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(self.item["id"], files)
