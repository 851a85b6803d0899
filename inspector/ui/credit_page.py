"""Credit (信用) in the app: a subject's credit record, and the proposals to list it
with the supervisor's steps (notice, decision) and the lists for publication. Thin
over inspector.credit: every step here is one call the CLI makes too."""

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import authorization, i18n, ids
from ..credit import exports, notice_pdf, service
from ..errors import InspectorError
from ..subjects import list_subjects
from .changes import Follows
from .list_tables import fill_rows as _fill
from .list_tables import read_only_table as _table


class RepairDialog(QDialog):
    """The company's application for repair: the application (申请书) and the promise
    (守信承诺书); its closed rectification items go with them."""

    def __init__(self, evidence: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Apply for credit repair"))
        self.application = QPlainTextEdit()
        self.promise = QPlainTextEdit()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Application (申请书)")))
        layout.addWidget(self.application)
        layout.addWidget(QLabel(self.tr("Promise to keep faith (守信承诺书)")))
        layout.addWidget(self.promise)
        layout.addWidget(QLabel(self.tr("%1 closed rectification item(s) go with it as "
                                        "the proof").replace("%1", str(evidence))))
        layout.addWidget(buttons)

    def texts(self) -> tuple[str, str]:
        return self.application.toPlainText(), self.promise.toPlainText()


class CreditPage(Follows, QWidget):
    """A subject's credit record above; the proposals (all subjects', or the chosen
    one's) below, with the steps the supervisor takes on the one selected."""

    SHOWS = frozenset({"subject", "inspection", "rectification", "rectification_event",
                       "task", "credit_penalty", "credit_proposal", "credit_notice",
                       "credit_statement", "credit_decision", "credit_repair"})

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.follow(store)
        self.store = store
        self.rows: list[dict] = []
        title = QLabel(self.tr("Credit"))
        title.setObjectName("pageTitle")
        self.choice = QComboBox()
        self.choice.setMinimumContentsLength(16)
        self.choice.currentIndexChanged.connect(self.refresh)
        self.history = _table([self.tr("When"), self.tr("Event")], stretch=1)
        self.proposals = _table([self.tr("Subject"), self.tr("List"), self.tr("Ground"),
                                 self.tr("State"), self.tr("Statement by")], stretch=2)
        self.proposals.itemSelectionChanged.connect(self._enable)
        self.propose_button = QPushButton(self.tr("Propose from rules"))
        self.propose_button.clicked.connect(self.propose)
        self.notify_button = QPushButton(self.tr("Notify…"))
        self.notify_button.clicked.connect(self.notify)
        self.approve_button = QPushButton(self.tr("List…"))
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.decline_button = QPushButton(self.tr("Decline…"))
        self.decline_button.clicked.connect(lambda: self.decide(False))
        self.state_button = QPushButton(self.tr("State its case…"))
        self.state_button.clicked.connect(self.state_case)
        self.apply_button = QPushButton(self.tr("Apply for credit repair…"))
        self.apply_button.clicked.connect(self.apply_repair)
        self.publish_button = QPushButton(self.tr("Publish lists…"))
        self.publish_button.clicked.connect(self.publish)
        self.repairs = _table([self.tr("Subject"), self.tr("List"), self.tr("State"),
                               self.tr("Applied"), self.tr("Proof")], stretch=0)
        self.repairs.itemSelectionChanged.connect(self._enable)
        self.repair_rows: list[dict] = []
        self.grant_button = QPushButton(self.tr("Grant repair…"))
        self.grant_button.clicked.connect(lambda: self.decide_repair(True))
        self.refuse_button = QPushButton(self.tr("Refuse repair…"))
        self.refuse_button.clicked.connect(lambda: self.decide_repair(False))
        self.message = QLabel()
        self.message.setObjectName("muted")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.choice, 1)
        buttons = QHBoxLayout()
        for button in (self.propose_button, self.notify_button, self.approve_button,
                       self.decline_button, self.state_button, self.apply_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.publish_button)
        repair_buttons = QHBoxLayout()
        repair_buttons.addWidget(QLabel(self.tr("Repair applications")))
        repair_buttons.addStretch(1)
        repair_buttons.addWidget(self.grant_button)
        repair_buttons.addWidget(self.refuse_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.history, 2)
        layout.addWidget(QLabel(self.tr("Listing proposals")))
        layout.addWidget(self.proposals, 2)
        layout.addLayout(buttons)
        layout.addLayout(repair_buttons)
        layout.addWidget(self.repairs, 1)
        layout.addWidget(self.message)
        self._show_role()
        self._fill_subjects()
        self._enable()

    def _show_role(self) -> None:
        """A company sees its own steps (statement, repair application); the others
        the supervisor's. Which ones are enabled, the authorization table says."""
        author = authorization.local_author(self.store.conn, self.store.actor)
        company = author is not None and author.role == "company"
        for button in (self.propose_button, self.notify_button, self.approve_button,
                       self.decline_button, self.publish_button, self.grant_button,
                       self.refuse_button):
            button.setVisible(not company)
        for button in (self.state_button, self.apply_button):
            button.setVisible(company)

    def attach(self, window) -> None:
        """(Nothing to wire: the page's steps are its own.)"""

    def focus(self) -> None:
        self.choice.setFocus()

    def _fill_subjects(self) -> None:
        chosen = self.choice.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.addItem(self.tr("All subjects"), None)
        for subject in list_subjects(self.store):
            self.choice.addItem(f"{subject['name']}（{subject['uscc']}）", subject["id"])
        self.choice.setCurrentIndex(max(self.choice.findData(chosen), 0))
        self.choice.blockSignals(False)

    def refresh(self) -> None:
        if self.sender() is not self.choice:
            self._fill_subjects()
        subject = self.choice.currentData()
        events = service.credit_record(self.store, subject) if subject else []
        _fill(self.history, [[e["at"][:10], e["text"]] for e in events])
        self.rows = service.proposals(self.store, subject=subject)
        repairs = service.repairs(self.store)
        repaired = {r["proposal_id"] for r in repairs if r["status"] == "approved"}
        states = ["repaired" if r["id"] in repaired else r["status"] for r in self.rows]
        _fill(self.proposals, [[r["subject_name"], i18n.t(f"credit.list.{r['list']}"),
                                r["ground"], i18n.t(f"credit.status.{state}"),
                                r["deadline"]] for r, state in zip(self.rows, states,
                                                                   strict=True)],
              ["#c62828" if state == "approved" else None for state in states])
        self.repair_rows = sorted(
            (r for r in repairs if subject in (None, r["subject_id"])),
            key=lambda r: (r["status"] != "applied", r["applied_at"]))
        _fill(self.repairs, [[r["subject_name"], i18n.t(f"credit.list.{r['list']}"),
                              i18n.t(f"credit.repair_status.{r['status']}"),
                              r["applied_at"][:10], len(r["evidence"])]
                             for r in self.repair_rows])
        waiting = sum(r["status"] in ("proposed", "notified") for r in self.rows)
        self.message.setText(self.tr("%1 proposal(s) waiting for a step").replace(
            "%1", str(waiting)) if self.rows else self.tr(
            "No proposals. Propose from rules reads the facts: heavier penalties, "
            "companies not reachable, critical items overdue after a rejected review."))
        self._enable()

    def selected(self) -> dict | None:
        rows = self.proposals.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def selected_repair(self) -> dict | None:
        rows = self.repairs.selectionModel().selectedRows()
        return self.repair_rows[rows[0].row()] if rows else None

    def _may(self, entity: str, op: str, record_id: str, data: dict) -> bool:
        """Whether the authorization table lets this store write such a record."""
        return authorization.may_write(self.store.conn, self.store.actor, {
            "entity": entity, "op": op, "record_id": record_id, "actor": None,
            "at": ids.now(), "data": data})

    def _enable(self) -> None:
        chosen = self.selected()
        status = chosen["status"] if chosen else None
        self.notify_button.setEnabled(status == "proposed")
        may_list = status == "notified" and self._may_list(chosen)
        self.approve_button.setEnabled(may_list)
        self.approve_button.setToolTip("" if may_list or status != "notified" else self.tr(
            "Listing waits until the party has stated its case or its deadline has passed"))
        self.decline_button.setEnabled(status == "notified")
        self.state_button.setEnabled(status == "notified" and self._may(  # (its deadline too)
            "credit_statement", "create", "", {"proposal_id": chosen["id"], "text": "-"}))
        self.apply_button.setEnabled(status == "approved" and self._may(
            "credit_repair", "apply", "", {"proposal_id": chosen["id"], "application": "-",
                                           "promise": "-", "evidence": []}))
        repair = self.selected_repair()
        may_decide = repair is not None and repair["status"] == "applied" and self._may(
            "credit_repair", "decide", repair["id"], {"decision": "approve", "reason": "-"})
        self.grant_button.setEnabled(may_decide)
        self.refuse_button.setEnabled(may_decide)

    def _may_list(self, proposal: dict) -> bool:
        """Whether a listing may be approved now: the party was heard, or its time to
        state its case ran out (the rule in inspector.credit.rules)."""
        effective = (date.fromisoformat(proposal["deadline"]) + timedelta(days=1)).isoformat()
        return self._may("credit_decision", "create", "", {
            "proposal_id": proposal["id"], "decision": "approve", "reason": "-",
            "effective_on": effective, "publish_until": effective})

    def _try(self, step) -> bool:
        try:
            step()
        except (InspectorError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Credit"), getattr(exc, "message", str(exc)))
            return False
        return True

    def propose(self) -> None:
        made = []
        if self._try(lambda: made.extend(service.propose(self.store))):
            self.message.setText(self.tr("%1 proposal(s) made").replace("%1", str(len(made))))

    def notify(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the notice"),
                                              f"拟列入告知书-{chosen['uscc']}.pdf", "PDF (*.pdf)")
        if path:
            self._try(lambda: notice_pdf.write_notice(
                self.store, service.notify(self.store, chosen["id"]), path))

    def decide(self, approve: bool) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Decision"), self.tr("Reasons (the party's statement considered):"))
        if ok:
            self._try(lambda: service.decide(self.store, chosen["id"], approve=approve,
                                             reason=reason))

    def state_case(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("State its case"),
            self.tr("The company's statement (陈述申辩) on the intended listing:"))
        if ok and self._try(lambda: service.state_case(self.store, chosen["id"], text)):
            self.message.setText(self.tr("Statement recorded"))

    def apply_repair(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        dialog = RepairDialog(len(service.closed_items(self.store, chosen["subject_id"])), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        application, promise = dialog.texts()
        if self._try(lambda: service.apply_repair(self.store, chosen["id"],
                                                  application=application, promise=promise)):
            self.message.setText(self.tr("Repair applied for"))

    def decide_repair(self, approve: bool) -> None:
        repair = self.selected_repair()
        if repair is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Repair decision"),
                                          self.tr("Reasons:"))
        if ok:
            self._try(lambda: service.decide_repair(self.store, repair["id"], approve=approve,
                                                    reason=reason))

    def publish(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Publish lists"),
                                              "信用名单.xlsx", "Excel (*.xlsx)")
        if not path:
            return
        row = self.store.conn.execute("SELECT org FROM identities WHERE id = ?",
                                      (self.store.actor,)).fetchone()

        def write():
            black = exports.public_rows(service.listings(self.store, published=True),
                                        (row and row[0]) or "")
            exports.write_publication(path, black, service.red_list(self.store))

        if self._try(write):
            self.message.setText(self.tr("Written: %1").replace("%1", path))


