"""Campaigns (双随机) in the app: the inspector's tasks, and the supervisor's campaign page
(plan, draw and its verification, tasks, coverage, publication). Thin over
inspector.campaign: every step here is one call the CLI makes too."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .. import checklists
from ..campaign import draws, plans, registers, results, tasks
from ..errors import InspectorError
from .changes import Follows
from .list_tables import fill_rows as _fill
from .list_tables import read_only_table as _table

RESULT = {
    "no_problem": QT_TRANSLATE_NOOP("Campaigns", "No problem found"),
    "not_disclosed": QT_TRANSLATE_NOOP("Campaigns", "Required information not published"),
    "false_disclosure": QT_TRANSLATE_NOOP("Campaigns", "Published information false"),
    "unreachable": QT_TRANSLATE_NOOP("Campaigns", "Not reachable at the registered address"),
    "ordered_to_correct": QT_TRANSLATE_NOOP("Campaigns", "Problems found, ordered to correct"),
    "pending_followup": QT_TRANSLATE_NOOP("Campaigns", "Problems found, follow-up pending"),
    "no_activity": QT_TRANSLATE_NOOP("Campaigns", "No business activity of this check"),
    "refused": QT_TRANSLATE_NOOP("Campaigns", "Seriously refused to cooperate"),
}
FLAG = {"abnormal": QT_TRANSLATE_NOOP("Campaigns", "Listed as abnormal (经营异常)"),
        "complaint": QT_TRANSLATE_NOOP("Campaigns", "Complaints received"),
        "serious_finding": QT_TRANSLATE_NOOP("Campaigns", "Serious earlier findings")}
CHECK = {"signature": QT_TRANSLATE_NOOP("Campaigns", "The record's signature holds"),
         "seed": QT_TRANSLATE_NOOP("Campaigns", "The seed matches the hash committed before"),
         "register_subjects": QT_TRANSLATE_NOOP("Campaigns", "Subjects register as pinned"),
         "register_officers": QT_TRANSLATE_NOOP("Campaigns", "Officers register as pinned"),
         "one_commitment": QT_TRANSLATE_NOOP("Campaigns", "One seed committed to, once"),
         "result": QT_TRANSLATE_NOOP("Campaigns", "The draw run again gives the same result")}


def tr(text: str) -> str:
    return QCoreApplication.translate("Campaigns", text)


def task_state(task: dict) -> str:
    if task["done"]:
        return tr(RESULT[task["result"]])
    if task["overdue"]:
        return tr("Overdue")
    return tr("In progress") if task["inspection_id"] else tr("To do")


def _say(parent, exc: InspectorError) -> None:
    QMessageBox.warning(parent, tr("Campaigns"), exc.message)


class TasksPage(Follows, QWidget):
    """The tasks of a campaign's draw: an inspector's own (due, overdue), started as an
    inspection from here with subject, checklist and officers filled in."""

    SHOWS = frozenset({"task", "draw", "inspection", "rectification", "identity"})
    open_inspection = Signal(str)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.follow(store)
        self.store = store
        self.rows: list[dict] = []
        title = QLabel(self.tr("Tasks"))
        title.setObjectName("pageTitle")
        role = store.conn.execute("SELECT role FROM identities WHERE id = ?",
                                  (store.actor,)).fetchone()
        self.mine = QCheckBox(self.tr("Only my tasks"))
        self.mine.setChecked(role is not None and role[0] != "supervisor")
        self.mine.toggled.connect(self.refresh)
        self.table = _table([self.tr("Subject"), self.tr("Check matter"), self.tr("Officers"),
                             self.tr("Due"), self.tr("State")])
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.doubleClicked.connect(self.start)
        self.start_button = QPushButton(self.tr("Start inspection from task"))
        self.start_button.clicked.connect(self.start)
        self.result = QComboBox()
        for key, text in RESULT.items():
            self.result.addItem(tr(text), key)
        self.record_button = QPushButton(self.tr("Record result"))
        self.record_button.clicked.connect(self.record)
        self.message = QLabel()
        self.message.setObjectName("muted")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.mine)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        buttons.addWidget(self.result)
        buttons.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._enable()

    def attach(self, window) -> None:
        self.open_inspection.connect(window.open_inspection)

    def focus(self) -> None:
        self.table.setFocus()

    def refresh(self) -> None:
        self.rows = tasks.tasks(self.store, mine=self.mine.isChecked())
        _fill(self.table, [[r["subject"], r["matter"], r["officer_names"] or
                            self.tr("Self-check by the company"), r["due_on"], task_state(r)]
                           for r in self.rows],
              ["#c62828" if r["overdue"] else None for r in self.rows])
        due = sum(not r["done"] for r in self.rows)
        late = sum(r["overdue"] for r in self.rows)
        self.message.setText(self.tr("%1 to do, %2 overdue").replace("%1", str(due))
                             .replace("%2", str(late)) if self.rows else
                             self.tr("No tasks. Tasks come in data bundles from the bureau "
                                     "that drew them."))
        self._enable()

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        task = self.selected()
        self.start_button.setEnabled(task is not None and not task["done"])
        self.start_button.setText(self.tr("Open inspection") if task and task["inspection_id"]
                                  else self.tr("Start inspection from task"))
        self.record_button.setEnabled(task is not None)

    def start(self) -> None:
        task = self.selected()
        if task is None:
            return
        try:
            inspection_id = task["inspection_id"] or tasks.start_from_task(self.store, task["id"])
        except InspectorError as exc:
            _say(self, exc)
            return
        self.open_inspection.emit(inspection_id)

    def record(self) -> None:
        task = self.selected()
        if task is None:
            return
        try:
            tasks.record_result(self.store, task["id"], self.result.currentData())
        except InspectorError as exc:
            _say(self, exc)


class CampaignPage(Follows, QWidget):
    """The supervisor's campaign: its matters, the draw (its record and verification),
    tasks, coverage per matter and the publication table."""

    SHOWS = frozenset({"campaign", "campaign_matter", "draw", "task", "officer",
                       "subject_flag", "inspection", "rectification"})

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.follow(store)
        self.store = store
        title = QLabel(self.tr("Campaigns"))
        title.setObjectName("pageTitle")
        self.choice = QComboBox()
        self.choice.setMinimumContentsLength(16)
        self.choice.currentIndexChanged.connect(self._show_campaign)
        new = QPushButton(self.tr("New campaign…"))
        new.clicked.connect(self.new_campaign)
        self.add_button = QPushButton(self.tr("Add matter…"))
        self.add_button.clicked.connect(self.add_matter)
        officers = QPushButton(self.tr("Import officers…"))
        officers.clicked.connect(self.import_officers)
        self.matters = _table([self.tr("Check matter"), self.tr("Sector"), self.tr("Ratio"),
                               self.tr("Period"), self.tr("Legal basis")])
        self.record = QLabel()
        self.record.setObjectName("muted")
        self.record.setWordWrap(True)
        self.record.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.draw_button = QPushButton(self.tr("Draw…"))
        self.draw_button.clicked.connect(self.draw)
        self.verify_button = QPushButton(self.tr("Verify draw"))
        self.verify_button.clicked.connect(self.verify)
        self.tasks_button = QPushButton(self.tr("Make tasks"))
        self.tasks_button.clicked.connect(self.make_tasks)
        self.publish_button = QPushButton(self.tr("Publish results…"))
        self.publish_button.clicked.connect(self.publish)
        self.coverage = _table([self.tr("Check matter"), self.tr("Drawn"), self.tr("Inspected"),
                                self.tr("Not reachable"), self.tr("Findings"), self.tr("Open"),
                                self.tr("Overdue")])
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.choice, 1)
        top.addWidget(new)
        top.addWidget(self.add_button)
        top.addWidget(officers)
        steps = QHBoxLayout()
        for button in (self.draw_button, self.verify_button, self.tasks_button,
                       self.publish_button):
            steps.addWidget(button)
        steps.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.matters, 2)
        layout.addWidget(self.record)
        layout.addLayout(steps)
        layout.addWidget(QLabel(self.tr("Coverage and results")))
        layout.addWidget(self.coverage, 2)

    def attach(self, window) -> None:
        """(Nothing to wire: the page's steps are its own.)"""

    def focus(self) -> None:
        self.choice.setFocus()

    def campaign_id(self) -> str | None:
        return self.choice.currentData()

    def refresh(self) -> None:
        chosen = self.campaign_id()
        self.choice.blockSignals(True)
        self.choice.clear()
        for row in plans.campaigns(self.store):
            self.choice.addItem(f"{row['name']}（{row['authority']}）", row["id"])
        found = self.choice.findData(chosen)
        self.choice.setCurrentIndex(max(found, 0))
        self.choice.blockSignals(False)
        self._show_campaign()

    def _show_campaign(self) -> None:
        campaign = self.campaign_id()
        matters = plans.matters(self.store, campaign) if campaign else []
        _fill(self.matters, [[m["title"], checklists.sectors().get(m["sector"], m["sector"]),
                              f"{float(m['ratio']) * 100:g}%",
                              f"{m['starts_on']} – {m['ends_on']}", m["basis"]]
                             for m in matters])
        drawn = None
        if campaign:
            try:
                drawn = draws.statement_of(self.store, campaign)[1]
            except InspectorError:
                drawn = None
        made = bool(campaign and tasks.tasks(self.store, campaign))
        self.add_button.setEnabled(bool(campaign) and drawn is None)
        self.draw_button.setEnabled(bool(matters) and drawn is None)
        self.verify_button.setEnabled(drawn is not None)
        self.tasks_button.setEnabled(drawn is not None and not made)
        self.publish_button.setEnabled(made)
        self.record.setText(self._record_text(drawn) if campaign else
                            self.tr("No campaign yet: plan one with “New campaign…”."))
        rows = results.coverage(self.store, campaign) if campaign else []
        _fill(self.coverage, [[r["matter"], r["drawn"], r["inspected"], r["unreachable"],
                               r["findings"], r["open"], r["overdue"]] for r in rows],
              ["#c62828" if r["overdue"] else None for r in rows])

    def _record_text(self, statement: dict | None) -> str:
        if statement is None:
            return self.tr("Not drawn yet. The draw fixes its seed first (its hash is "
                           "recorded), then draws and signs the record.")
        drawn = sum(len(m["subjects"]) for m in statement["result"])
        return self.tr("Drawn by %1: %2 subjects. Seed %3 (hash %4…); registers pinned: "
                       "subjects %5…, officers %6…").replace("%1", statement["drawer"]) \
            .replace("%2", str(drawn)).replace("%3", statement["seed"]) \
            .replace("%4", statement["seed_hash"][:16]) \
            .replace("%5", statement["registers"]["subjects"][:12]) \
            .replace("%6", statement["registers"]["officers"][:12])

    # --- steps ----------------------------------------------------------------------------

    def new_campaign(self) -> None:
        dialog = CampaignDialog(self)
        if not dialog.exec():
            return
        try:
            made = plans.new_campaign(self.store, **dialog.values())
        except InspectorError as exc:
            _say(self, exc)
            return
        self.refresh()
        self.choice.setCurrentIndex(self.choice.findData(made["id"]))

    def add_matter(self) -> None:
        campaign = self.campaign_id()
        if campaign is None:
            return
        dialog = MatterDialog(self)
        if not dialog.exec():
            return
        try:
            plans.add_matter(self.store, campaign, **dialog.values())
        except InspectorError as exc:
            _say(self, exc)

    def import_officers(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import officers"), "",
                                              self.tr("Registers (*.xlsx *.csv)"))
        if not path:
            return
        try:
            found = registers.import_officers(self.store, path)
        except InspectorError as exc:
            _say(self, exc)
            return
        lines = [self.tr("%1 officer(s) imported.").replace("%1", str(found.added))]
        lines += [self.tr("Row %1: %2").replace("%1", str(n)).replace("%2", m)
                  for n, m in found.errors[:10]]
        QMessageBox.information(self, self.tr("Import officers"), "\n".join(lines))

    def draw(self) -> None:
        from .passphrase import ask_passphrase

        campaign = self.campaign_id()
        try:
            secret = ask_passphrase(self.store, self.tr("Sign the draw of this campaign."), self)
            if secret is None:
                return
            statement = draws.draw(self.store, campaign, secret=secret)
        except InspectorError as exc:
            _say(self, exc)
            return
        drawn = sum(len(m["subjects"]) for m in statement["result"])
        QMessageBox.information(self, self.tr("Draw"), self.tr(
            "%1 subjects drawn, two officers each. Publish the seed's hash with the plan; "
            "anyone can re-run the draw from its record.").replace("%1", str(drawn)))

    def verify(self) -> None:
        try:
            found = draws.verify(self.store, self.campaign_id())
        except InspectorError as exc:
            _say(self, exc)
            return
        lines = [("✓ " if c.ok else "✗ ") + tr(CHECK[c.key]) for c in found.checks]
        if found.registers_changed:
            lines.append(self.tr("The registers here have changed since the draw; the draw "
                                 "used the pinned ones."))
        verdict = self.tr("The draw reproduces.") if found.ok else \
            self.tr("The draw does NOT verify.")
        QMessageBox.information(self, self.tr("Verify draw"), "\n".join([verdict, *lines]))

    def make_tasks(self) -> None:
        try:
            made = tasks.make_tasks(self.store, self.campaign_id())
        except InspectorError as exc:
            _say(self, exc)
            return
        QMessageBox.information(self, self.tr("Make tasks"), self.tr(
            "%1 task(s) made. Export a data bundle (Ctrl+E) to send them to the "
            "inspectors.").replace("%1", str(made)))

    def publish(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Publish results"),
                                              "抽查结果公示.xlsx",
                                              self.tr("Spreadsheets (*.xlsx *.csv)"))
        if not path:
            return
        try:
            rows = results.publication(self.store, self.campaign_id())
            results.write_publication(rows, path)
        except (InspectorError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Publish results"), getattr(exc, "message",
                                                                          str(exc)))


class CampaignDialog(QDialog):
    """A new campaign: name, issuing authority, period, and the draw's rule per flag."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New campaign"))
        self.setMinimumWidth(420)
        self.name = QLineEdit()
        self.authority = QLineEdit()
        today = QDate.currentDate()
        self.starts = QDateEdit(today)
        self.ends = QDateEdit(today.addMonths(2))
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Issuing authority"), self.authority)
        form.addRow(self.tr("From"), self.starts)
        form.addRow(self.tr("To"), self.ends)
        self.weights = {}
        for flag, text in FLAG.items():
            box = QComboBox()
            box.addItem(self.tr("Always drawn"), "all")
            for weight in (1, 2, 3, 5, 10):
                box.addItem(self.tr("Weight %1").replace("%1", str(weight)), weight)
            box.setCurrentIndex(box.findData(plans.DEFAULT_RULE.get(flag, 1)))
            self.weights[flag] = box
            form.addRow(tr(text), box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return {"name": self.name.text(), "authority": self.authority.text(),
                "starts_on": self.starts.date().toString("yyyy-MM-dd"),
                "ends_on": self.ends.date().toString("yyyy-MM-dd"),
                "rule": {flag: box.currentData() for flag, box in self.weights.items()}}


class MatterDialog(QDialog):
    """A check matter: title, sector checklist, legal basis, ratio, days to finish."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add check matter"))
        self.setMinimumWidth(420)
        self.title = QLineEdit()
        self.checklist = QComboBox()
        names = checklists.sectors()
        for checklist in checklists.load_bundled():
            self.checklist.addItem(names.get(checklist.sector, checklist.sector), checklist.id)
        self.basis = QLineEdit()
        self.ratio = QDoubleSpinBox()
        self.ratio.setRange(0.1, 100)
        self.ratio.setValue(5)
        self.ratio.setSuffix(" %")
        self.days = QSpinBox()
        self.days.setRange(1, 366)
        self.days.setValue(plans.DEFAULT_DUE_DAYS)
        self.self_check = QCheckBox(self.tr("Ask the company for a self-check first"))
        form = QFormLayout(self)
        form.addRow(self.tr("Check matter"), self.title)
        form.addRow(self.tr("Checklist"), self.checklist)
        form.addRow(self.tr("Legal basis"), self.basis)
        form.addRow(self.tr("Sampling ratio"), self.ratio)
        form.addRow(self.tr("Days to finish"), self.days)
        form.addRow(self.self_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return {"title": self.title.text(), "checklist": self.checklist.currentData(),
                "ratio": f"{self.ratio.value():g}%", "basis": self.basis.text(),
                "due_days": self.days.value(), "self_check": self.self_check.isChecked()}
