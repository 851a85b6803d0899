"""Finishing an inspection: the summary, missing required items, signatures, completion."""

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import (
    corrections,
    evidence,
    inspections,
    ledger_query,
    onsite,
    paper,
    queries,
    rectification_rules,
)
from ..checklists import SEVERITIES
from ..errors import InspectorError
from ..i18n import pick
from ..ledger_query import LedgerFilter, LedgerOrder
from ..subjects import get_subject
from . import labels
from .changes import Follows
from .signature import SignatureDialog


class SummaryPage(Follows, QWidget):
    SHOWS = frozenset({"inspection", "answer", "evidence", "signature", "rectification",
                       "service"})
    back = Signal()
    jump = Signal(str)  # item id
    completed = Signal(str)
    report = Signal(str)  # inspection id: issue its signed report
    notice = Signal(str)  # inspection id: write its rectification notice
    transfer = Signal(str)  # inspection id: sign its transfer letters (移送函)

    def __init__(self, store, inspection_id: str, parent=None):
        super().__init__(parent)
        self.follow(store)
        self.store = store
        self.id = inspection_id
        self.body = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.back_button = QPushButton(self.tr("◀ Back to the checklist  (Esc)"))
        self.back_button.clicked.connect(self.back)
        self.complete_button = QPushButton(self.tr("Complete and lock  (Ctrl+Enter)"))
        self.complete_button.setObjectName("primary")
        self.complete_button.clicked.connect(self.complete)
        self.report_button = QPushButton(self.tr("Signed report…  (Ctrl+R)"))
        self.report_button.clicked.connect(lambda: self.report.emit(self.id))
        self.notice_button = QPushButton(self.tr("Rectification notice…  (Ctrl+Shift+R)"))
        self.notice_button.clicked.connect(lambda: self.notice.emit(self.id))
        self.transfer_button = QPushButton(self.tr("Transfer letter…"))
        self.transfer_button.setToolTip(self.tr(
            "Findings for an authority not on this inspection: sent to it, not ordered here"))
        self.transfer_button.clicked.connect(lambda: self.transfer.emit(self.id))
        self.service_button = QPushButton(self.tr("Proof of service…"))
        self.service_button.clicked.connect(self.record_service)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.notice_button)
        buttons.addWidget(self.transfer_button)
        buttons.addWidget(self.service_button)
        buttons.addWidget(self.complete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        for keys, slot in (("Escape", self.back.emit), ("Ctrl+Return", self.complete),
                           ("Ctrl+Enter", self.complete), ("Ctrl+R", self.report_button.click),
                           ("Ctrl+Shift+R", self.notice_button.click)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.refresh()

    def refresh(self) -> None:
        self.inspection = inspections.get(self.store, self.id)
        self.progress = inspections.progress(self.store, self.id)
        old = self.body.layout()
        if old is not None:
            QWidget().setLayout(old)  # drop the old layout and its widgets
        layout = QVBoxLayout(self.body)
        layout.setSpacing(14)
        subject = get_subject(self.store, self.inspection["subject_id"])
        checklist = inspections.checklist_of(self.store, self.inspection)
        title = QLabel(self.tr("Summary: %1").replace("%1", subject["name"]))
        title.setObjectName("pageTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        meta = QLabel(f"{labels.kind(self.inspection['kind'])} · {checklist.title} "
                      f"v{checklist.version} · {labels.status(self.inspection['status'])}")
        meta.setObjectName("muted")
        layout.addWidget(meta)
        correction = self._correction_note()
        if correction:
            layout.addWidget(correction)
        if paper.details(self.inspection):
            layout.addWidget(self._paper())
        layout.addWidget(self._numbers())
        layout.addWidget(self._findings(checklist))
        if self.progress.missing_required:
            layout.addWidget(self._missing())
        if self.inspection["kind"] == "inspection":
            layout.addWidget(self._record())
        layout.addWidget(self._signatures())
        layout.addStretch(1)
        draft = self.inspection["status"] == "draft"
        self.complete_button.setVisible(draft)
        self.complete_button.setEnabled(draft and self.progress.complete)
        # a draft's report is allowed (marked 草稿); a notice lists the items made at completion
        noticed = not draft and bool(self.progress.non_compliant)
        sent = noticed and bool(inspections.transferred_items(self.store, self.id))
        ordered = noticed and len(inspections.transferred_items(self.store, self.id)) < \
            len(self.progress.non_compliant)
        self.notice_button.setVisible(ordered)
        self.transfer_button.setVisible(sent)
        self.service_button.setVisible(ordered and self.inspection["kind"] == "inspection")

    def _correction_note(self) -> QLabel | None:
        """What this record corrects and why, or by what it was superseded."""
        newer = corrections.supersession(self.store, self.id)
        if newer:
            text = self.tr("Superseded by the correction of %1 (%2).").replace(
                "%1", labels.when(newer["started_at"])).replace("%2", newer["id"][:8])
        elif self.inspection["corrects"]:
            original = inspections.get(self.store, self.inspection["corrects"])
            text = self.tr("Corrects the record of %1 (%2). Reason: %3").replace(
                "%1", labels.when(original["started_at"])).replace(
                "%2", original["id"][:8]).replace("%3", self.inspection["correction_reason"])
        else:
            return None
        note = QLabel(text)
        note.setWordWrap(True)
        note.setStyleSheet("color: #8d4004")
        return note

    def _box(self, heading: str) -> tuple[QFrame, QVBoxLayout]:
        frame = QFrame()
        frame.setObjectName("summaryBox")
        box = QVBoxLayout(frame)
        label = QLabel(heading)
        label.setStyleSheet("font-weight: 600; font-size: 12pt;")
        box.addWidget(label)
        return frame, box

    def _paper(self) -> QWidget:
        """补录: the paper record it transcribes, and the photos of its signed sheet."""
        details = paper.details(self.inspection)
        frame, box = self._box(self.tr("Transcribed from a paper record"))
        text = self.tr("Paper record of %1, transcribed by %2.").replace(
            "%1", details["date"]).replace("%2", details.get("transcriber") or "—")
        if details.get("number"):
            text += " " + self.tr("Form number: %1").replace("%1", details["number"])
        box.addWidget(QLabel(text))
        count = paper.sheet_photos(self.store, self.id)
        state = QLabel(self.tr("Photos of the signed sheet: %n", "", count))
        state.setStyleSheet(f"color: {'#2e7d32' if count else '#ef6c00'}")
        box.addWidget(state)
        if self.inspection["status"] == "draft":
            if not count:
                hint = QLabel(self.tr("Completing needs a photo of the paper record "
                                      "signed by the party."))
                hint.setWordWrap(True)
                box.addWidget(hint)
            self.sheet_button = QPushButton(self.tr("Add a photo of the signed sheet…"))
            self.sheet_button.clicked.connect(self.add_sheet_photo)
            box.addWidget(self.sheet_button, 0, Qt.AlignmentFlag.AlignLeft)
        return frame

    def add_sheet_photo(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Photos of the signed sheet"), "",
            self.tr("Images (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff)"))
        self.store_sheet_photos([Path(f) for f in files])

    def store_sheet_photos(self, paths: list[Path]) -> None:
        from ..files import read_input

        for path in paths:
            try:
                paper.add_sheet_photo(self.store, self.id, read_input(path, 20 * 2**20),
                                      file_name=path.name)
            except InspectorError as exc:
                QMessageBox.warning(self, self.tr("Photo not added"),
                                    f"{path.name}: {exc.message}")
        self.refresh()

    def record_service(self) -> None:
        from .service_dialog import ServiceDialog

        ServiceDialog(self.store, self.id, self).exec()
        self.refresh()

    def _numbers(self) -> QWidget:
        state = self.progress
        frame, box = self._box(self.tr("Progress"))
        grid = QGridLayout()
        figures = [(f"{state.answered}/{state.shown}", self.tr("answered")),
                   (str(len(state.non_compliant)), self.tr("non-compliant")),
                   (str(len(state.missing_required)), self.tr("required unanswered"))]
        for column, (number, text) in enumerate(figures):
            figure = QLabel(number)
            figure.setObjectName("bigNumber")
            if column == 1 and state.non_compliant:
                figure.setStyleSheet("color: #c62828")
            if column == 2:
                figure.setStyleSheet(f"color: {'#ef6c00' if state.missing_required else '#2e7d32'}")
            grid.addWidget(figure, 0, column)
            grid.addWidget(QLabel(text), 1, column)
        box.addLayout(grid)
        severities = " · ".join(f"{labels.severity(s)} {state.by_severity.get(s, 0)}"
                                for s in reversed(SEVERITIES))
        by_severity = QLabel(self.tr("Non-compliant by severity: %1").replace("%1", severities))
        box.addWidget(by_severity)
        return frame

    def _findings(self, checklist) -> QWidget:
        draft = self.inspection["status"] == "draft"
        heading = (self.tr("Rectification items that will be created: %n", "",
                           len(self.progress.non_compliant)) if draft else
                   self.tr("Rectification items created: %n", "",
                           len(self.progress.non_compliant)))
        frame, box = self._box(heading)
        if draft:
            answered = inspections.answers(self.store, self.id)
            rows = [(item.get("severity", "minor"), pick(item["text"]),
                     answered.get(item["id"], {}).get("note"), pick(item.get("requirement")),
                     self.tr("%n day(s)", "", checklist.deadline_days(item)))
                    for item in self.progress.non_compliant]
        else:
            rows = [(r["severity"], r["problem"], None, r["requirement"],
                     self._deadline_or_transfer(r))
                    for r in ledger_query.items(self.store, LedgerFilter(inspection_id=self.id),
                                                LedgerOrder("found_on"))]
        if not rows:
            box.addWidget(QLabel(self.tr("None: every answered item is compliant.")))
        deadline_word = self.tr("deadline")
        for severity, problem, note, requirement, deadline in rows:
            due = deadline[1] if isinstance(deadline, tuple) else f"{deadline_word} {deadline}"
            text = (f"<b>[{html.escape(labels.severity(severity))}]</b> {html.escape(problem)}"
                    + (f"<br><i>{html.escape(note)}</i>" if note else "")
                    + f"<br><span style='color:#8d4004'>{html.escape(requirement or '')}"
                    f" · {html.escape(due)}</span>")
            label = QLabel(text)
            label.setWordWrap(True)
            box.addWidget(label)
        return frame

    def _deadline_or_transfer(self, item: dict) -> str | tuple[None, str]:
        """An item's deadline, or for one transferred (移送), that it went elsewhere
        (a tuple: said instead of the deadline)."""
        if item["status"] == rectification_rules.TRANSFERRED:
            return None, self.tr("%1: not ordered here, for the transfer letter").replace(
                "%1", labels.rect_status(item["status"]))
        return item["deadline"]

    def _missing(self) -> QWidget:
        frame, box = self._box(self.tr("Required items not answered yet (click to go there)"))
        for item in self.progress.missing_required:
            link = QLabel(f"<a href='{item['id']}'>{html.escape(pick(item['text']))}</a>")
            link.setWordWrap(True)
            link.linkActivated.connect(self.jump)
            box.addWidget(link)
        return frame

    def _record(self) -> QWidget:
        """What the on-site record states besides the answers (inspector.onsite): the
        officers' badge numbers, the party's representative and statement, the
        recorder, and whether the party refuses to sign."""
        frame, box = self._box(self.tr("On-site record"))
        reminder = QLabel(self.tr("Show your credentials and tell the party that it may ask "
                                  "for an officer's withdrawal; the record states that you "
                                  "did, and that it was read back to the party."))
        reminder.setObjectName("muted")
        reminder.setWordWrap(True)
        box.addWidget(reminder)
        details = onsite.details(self.inspection)
        form = QFormLayout()
        self.badge_edits: dict[str, QLineEdit] = {}
        for name in self.inspection["inspectors"]:
            edit = QLineEdit(details["badges"].get(name, ""))
            edit.setPlaceholderText(self.tr("enforcement badge number"))
            form.addRow(self.tr("Badge no. of %1").replace("%1", name), edit)
            self.badge_edits[name] = edit
        self.representative_edit = QLineEdit(details["representative"] or "")
        form.addRow(self.tr("Party's representative"), self.representative_edit)
        self.recorder_box = QComboBox()
        self.recorder_box.addItem(self.tr("(not named)"), "")
        for name in self.inspection["inspectors"]:
            self.recorder_box.addItem(name, name)
        self.recorder_box.setCurrentIndex(max(0, self.recorder_box.findData(
            details["recorder"] or "")))
        form.addRow(self.tr("Recorder"), self.recorder_box)
        self.statement_edit = QPlainTextEdit(details["statement"] or "")
        self.statement_edit.setPlaceholderText(self.tr("What the party says about the record"))
        self.statement_edit.setFixedHeight(80)
        form.addRow(self.tr("Party's statement"), self.statement_edit)
        self._withdrawal(form, details.get("withdrawal"))
        box.addLayout(form)
        self.refused_box = QCheckBox(self.tr("The party refuses to sign: a witness signs "
                                             "instead"))
        self.refused_box.setChecked(details["refused"])
        box.addWidget(self.refused_box)
        self.save_record_button = QPushButton(self.tr("Save the record details"))
        self.save_record_button.clicked.connect(self.save_record)
        box.addWidget(self.save_record_button, 0, Qt.AlignmentFlag.AlignLeft)
        draft = self.inspection["status"] == "draft"
        for widget in (*self.badge_edits.values(), self.representative_edit,
                       self.recorder_box, self.statement_edit, self.refused_box,
                       self.withdrawal_box, self.withdrawal_edit, self.save_record_button):
            widget.setEnabled(draft)
        return frame

    def _withdrawal(self, form: QFormLayout, withdrawal: dict | None) -> None:
        """Whether the party asked for an officer's withdrawal (回避), and what it asked."""
        self.withdrawal_box = QComboBox()
        for text, value in ((self.tr("(not recorded)"), None), (self.tr("No"), False),
                            (self.tr("Yes"), True)):
            self.withdrawal_box.addItem(text, value)
        asked = None if withdrawal is None else withdrawal["asked"]
        self.withdrawal_box.setCurrentIndex({None: 0, False: 1, True: 2}[asked])
        form.addRow(self.tr("Withdrawal asked"), self.withdrawal_box)
        self.withdrawal_edit = QLineEdit((withdrawal or {}).get("request") or "")
        self.withdrawal_edit.setPlaceholderText(self.tr("Which officer, and why"))
        form.addRow(self.tr("Withdrawal request"), self.withdrawal_edit)

    def save_record(self) -> None:
        asked = self.withdrawal_box.currentData()
        try:
            onsite.set_details(
                self.store, self.id,
                badges={name: edit.text() for name, edit in self.badge_edits.items()},
                representative=self.representative_edit.text(),
                statement=self.statement_edit.toPlainText(),
                recorder=self.recorder_box.currentData(),
                refused=self.refused_box.isChecked(), withdrawal=asked,
                withdrawal_request=self.withdrawal_edit.text() if asked else None)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("Record details not saved"), exc.message)
            return
        self.refresh()

    def _signers(self) -> list[tuple[str, str]]:
        if self.inspection["kind"] == "self_check":
            return [("company", name) for name in self.inspection["inspectors"]]
        party = (("witness", "") if self.inspection.get("party_refused")
                 else ("representative", self.inspection["representative"] or ""))
        return [("inspector", name) for name in self.inspection["inspectors"]] + [party]

    def _signatures(self) -> QWidget:
        frame, box = self._box(self.tr("Signatures"))
        signed = queries.signatures_of(self.store, self.id)
        grid = QGridLayout()
        for row, (role, name) in enumerate(self._signers()):
            done = [s for s in signed if s["role"] == role and (s["signer_name"] == name
                                                                 or not name)]
            grid.addWidget(QLabel(labels.role(role)), row, 0)
            grid.addWidget(QLabel(done[-1]["signer_name"] if done else name), row, 1)
            status = (self.tr("Signed %1").replace("%1", labels.when(done[-1]["signed_at"]))
                      if done else self.tr("Not signed"))
            state = QLabel(status)
            state.setStyleSheet(f"color: {'#2e7d32' if done else '#ef6c00'}")
            grid.addWidget(state, row, 2)
            if self.inspection["status"] != "signed":
                button = QPushButton(self.tr("Sign again…") if done else self.tr("Sign…"))
                button.clicked.connect(lambda _=False, r=role, n=name: self.sign(r, n))
                grid.addWidget(button, row, 3)
        grid.setColumnStretch(2, 1)
        box.addLayout(grid)
        if self.inspection["kind"] == "inspection" and self.inspection.get("party_refused"):
            box.addWidget(QLabel(self.tr("The party refused to sign; the report says so.")))
        if self.inspection["status"] == "draft" and not onsite.party_acknowledged(
                self.store, self.id):
            hint = QLabel(self.tr("Completing needs the party's signature, or its refusal "
                                  "and a witness's signature."))
            hint.setStyleSheet("color: #ef6c00")
            hint.setWordWrap(True)
            box.addWidget(hint)
        return frame

    def sign(self, role: str, name: str) -> None:
        dialog = SignatureDialog(labels.role(role), name, self)
        if dialog.exec():
            self.store_signature(role, dialog.name(), dialog.png())

    def confirm_complete(self) -> bool:
        """Locking cannot be undone: ask, with No as the default (Enter keeps the draft)."""
        failed = len(self.progress.non_compliant)
        text = self.tr("Complete and lock this inspection?\n\nNo answer, photo or signature "
                       "can be changed afterwards.")
        if failed:
            text += "\n\n" + self.tr("%n finding(s) become rectification items.", "", failed)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Complete and lock"), text,
                          QMessageBox.StandardButton.Cancel, self)
        lock = box.addButton(self.tr("Complete and lock"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is lock

    def store_signature(self, role: str, name: str, png: bytes) -> None:
        try:
            evidence.add_signature(self.store, self.id, role=role, signer_name=name,
                                   image_png=png)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("Signature not saved"), exc.message)
        self.refresh()

    def complete(self) -> None:
        if self.inspection["status"] != "draft" or not self.progress.complete:
            return
        try:
            onsite.require_party(self.store, self.id)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("Not completed"), exc.message)
            return
        if not self.confirm_complete():
            return
        try:
            inspections.complete(self.store, self.id)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("Not completed"), exc.message)
            return
        self.refresh()
        self.completed.emit(self.id)
