"""One rectification item: the finding, its history with evidence, and the next step.

The company answers (measure + evidence files); the inspection side re-inspects
(accept and close, or reject with a note and a new deadline). Who may take which
step is the authorization table's decision, which step follows which is
rectification_rules.can_follow's: the other buttons stay disabled.
"""

import tempfile
from pathlib import Path

from PySide6.QtCore import QDate, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import authorization, rectification_rules, rectifications
from ..errors import InspectorError
from ..evidence import blob
from . import labels
from .models import fit_screen, sector_name

THUMB = 96


class RectificationDialog(QDialog):
    changed = Signal()

    def __init__(self, store, item_id: str, parent=None):
        super().__init__(parent)
        self.store = store
        self.item_id = item_id
        self.files: list[Path] = []  # evidence chosen for the answer
        self.temp = tempfile.TemporaryDirectory(prefix="inspector-")  # PDFs opened
        self.setWindowTitle(self.tr("Rectification item"))
        self.facts = QFormLayout()
        self.timeline = QVBoxLayout()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self._record(), 1)
        layout.addLayout(self._actions())
        layout.addWidget(self.error)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.finished.connect(lambda _: self.temp.cleanup())
        self.load()
        self.resize(fit_screen(self, QSize(900, 760)))

    # --- content ------------------------------------------------------------------------

    def load(self) -> None:
        self.item = rectifications.get_item(self.store, self.item_id)
        self._fill_facts()
        self._fill_history()
        self._enable()

    def _fill_facts(self) -> None:
        item = self.item
        while self.facts.rowCount():
            self.facts.removeRow(0)
        deadline = item["deadline"]
        if deadline != item["first_deadline"]:
            deadline = self.tr("%1 (first %2)").replace("%1", deadline).replace(
                "%2", item["first_deadline"])
        status = QLabel(labels.rect_status(item["status"], item["overdue"]))
        if item["overdue"]:
            status.setObjectName("error")
        rows = ((self.tr("Subject"), f"{item['subject']}  {item['uscc']}"),
                (self.tr("Sector"), sector_name(item["sector"])),
                (self.tr("Problem"), item["problem"]),
                (self.tr("Severity"), labels.severity(item["severity"])),
                (self.tr("Legal basis"), item["basis"]),
                (self.tr("Requirement"), item["requirement"]),
                (self.tr("Found on"), item["found_on"]),
                (self.tr("Deadline"), deadline))
        for name, text in rows:
            value = QLabel(text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(name, value)
        self.facts.addRow(self.tr("Status"), status)

    def _record(self) -> QScrollArea:
        """The facts and the history scroll together: the steps below stay in view on
        a small screen."""
        history = QGroupBox(self.tr("History"))
        history.setLayout(self.timeline)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addLayout(self.facts)
        column.addWidget(history, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        return scroll

    def _fill_history(self) -> None:
        while self.timeline.count():
            widget = self.timeline.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for event in rectifications.history(self.store, self.item["id"]):
            self.timeline.addWidget(self._event(event))
        self.timeline.addStretch(1)

    def _event(self, event: dict) -> QFrame:
        frame = QFrame()
        frame.setObjectName("summaryBox")
        layout = QVBoxLayout(frame)
        head = QLabel("<b>{}</b>  ·  {}  ·  {}".format(
            labels.rect_status(event["status"]), labels.when(event["at"]),
            self._who(event["created_by"])))
        layout.addWidget(head)
        if event["note"]:
            note = QLabel(event["note"])
            note.setWordWrap(True)
            layout.addWidget(note)
        if event["deadline"]:
            layout.addWidget(QLabel(self.tr("Deadline: %1").replace("%1", event["deadline"])))
        if event["evidence"]:
            layout.addLayout(self._evidence(event["evidence"]))
        return frame

    def _who(self, identity_id: str | None) -> str:
        row = self.store.conn.execute("SELECT name, role FROM identities WHERE id = ?",
                                      (identity_id,)).fetchone() if identity_id else None
        return f"{row[0]}（{labels.role(row[1])}）" if row else self.tr("unknown")

    def _evidence(self, digests: list[str]) -> QHBoxLayout:
        row = QHBoxLayout()
        for number, digest in enumerate(digests, 1):
            data = blob(self.store, digest)
            if data.startswith(b"%PDF-"):
                button = QPushButton(self.tr("Open PDF %1").replace("%1", str(number)))
                button.setObjectName(f"pdf_{digest[:12]}")
                button.clicked.connect(lambda _=False, d=digest: self.open_pdf(d))
                row.addWidget(button)
                continue
            picture = QPixmap()
            picture.loadFromData(data)
            thumb = QLabel()
            thumb.setObjectName("thumb")
            thumb.setFixedSize(THUMB, THUMB)
            thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
            thumb.setPixmap(picture.scaled(THUMB - 4, THUMB - 4,
                                           Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))
            thumb.setToolTip(digest[:12])
            row.addWidget(thumb)
        row.addStretch(1)
        return row

    def open_pdf(self, digest: str) -> Path:
        """Write the PDF to a temporary file and hand it to the system's viewer."""
        path = Path(self.temp.name) / f"{digest[:16]}.pdf"
        path.write_bytes(blob(self.store, digest))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    # --- the next step ------------------------------------------------------------------

    def _actions(self) -> QHBoxLayout:
        answer = QGroupBox(self.tr("Company: answer the item"))
        self.measure = QPlainTextEdit()
        self.measure.setPlaceholderText(self.tr("The measure taken"))
        self.measure.setFixedHeight(70)
        self.add_files = QPushButton(self.tr("Add evidence files…"))
        self.add_files.clicked.connect(self.choose_files)
        self.files_label = QLabel()
        self.files_label.setObjectName("muted")
        self.files_label.setWordWrap(True)
        self.respond_button = QPushButton(self.tr("Submit rectification"))
        self.respond_button.setObjectName("primary")
        self.respond_button.clicked.connect(self.respond)
        form = QVBoxLayout(answer)
        form.addWidget(self.measure)
        files = QHBoxLayout()
        files.addWidget(self.add_files)
        files.addWidget(self.files_label, 1)
        form.addLayout(files)
        form.addWidget(self.respond_button, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout()
        row.addWidget(answer, 1)
        row.addWidget(self._review_box(), 1)
        return row

    def _review_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Re-inspection"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (required to reject)"))
        self.new_deadline = QDateEdit()
        self.new_deadline.setDisplayFormat("yyyy-MM-dd")
        self.new_deadline.setCalendarPopup(True)
        self.new_deadline.setMinimumDate(labels.today())
        self.accept_button = QPushButton(self.tr("Passed: close the item"))
        self.accept_button.setObjectName("primary")
        self.accept_button.clicked.connect(lambda: self.review(True))
        self.reject_button = QPushButton(self.tr("Not passed"))
        self.reject_button.clicked.connect(lambda: self.review(False))
        form = QFormLayout(box)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("New deadline"), self.new_deadline)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.accept_button)
        form.addRow(buttons)
        return box

    def _may(self, status: str) -> bool:
        entry = rectifications.step(self.item["id"], status)
        return authorization.may_write(self.store.conn, self.store.actor, entry)

    def _enable(self) -> None:
        status = self.item["status"]

        def can(step: str) -> bool:
            return self._may(step) and rectification_rules.can_follow(status, step)

        can_answer = can(rectification_rules.SUBMITTED)
        for widget in (self.measure, self.add_files, self.respond_button):
            widget.setEnabled(can_answer)
        can_accept, can_reject = can(rectification_rules.CLOSED), can(rectification_rules.REOPENED)
        self.accept_button.setEnabled(can_accept)
        for widget in (self.reject_button, self.note, self.new_deadline):
            widget.setEnabled(can_reject)
        self.new_deadline.setDate(QDate.fromString(rectification_rules.reopened_deadline(self.item),
                                                   "yyyy-MM-dd"))

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Evidence files"), "",
            self.tr("Photos and PDFs (*.jpg *.jpeg *.png *.webp *.pdf)"))
        self.set_files([Path(p) for p in paths])

    def set_files(self, paths: list[Path]) -> None:
        self.files = list(paths)
        self.files_label.setText("、".join(p.name for p in self.files))

    def respond(self) -> None:
        try:
            evidence = [(p.name, p.read_bytes()) for p in self.files]
            rectifications.respond(self.store, self.item["id"],
                                   measure=self.measure.toPlainText(), evidence=evidence)
        except (InspectorError, OSError) as exc:
            self.error.setText(str(exc))
            return
        self.measure.clear()
        self.set_files([])
        self._done()

    def review(self, accept: bool) -> None:
        note = self.note.text().strip()
        if not accept and not note:
            self.error.setText(self.tr("Write why the item is not closed."))
            self.note.setFocus()
            return
        deadline = None if accept else self.new_deadline.date().toString("yyyy-MM-dd")
        try:
            rectifications.review(self.store, self.item["id"], accept=accept, note=note,
                                  deadline=deadline)
        except InspectorError as exc:
            self.error.setText(str(exc))
            return
        self.note.clear()
        self._done()

    def _done(self) -> None:
        self.error.clear()
        self.load()
        self.changed.emit()

