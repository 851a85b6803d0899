"""Start an inspection or a self-check: subject, checklist (version shown), people, the
inspecting authorities, place, time."""

from PySide6.QtCore import QDateTime, QSize, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QRadioButton,
    QVBoxLayout,
)

from .. import checklists, inspections
from ..errors import InspectorError
from ..subjects import get_subject
from . import labels
from .authority_fields import AuthorityFields
from .models import ROW_ROLE, SubjectsModel, fit_screen
from .settings import get_list, get_str, settings


class NewInspectionDialog(QDialog):
    def __init__(self, store, subject_id: str | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.inspection_id: str | None = None
        self.setWindowTitle(self.tr("New inspection"))
        self.setMinimumWidth(560)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find the subject by name or credit code"))
        self.subjects = SubjectsModel(store, self)
        self.subject_list = QListView()
        self.subject_list.setModel(self.subjects)
        self.subject_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.subject_list.setMaximumHeight(150)
        # two lines at least: the room a small screen lacks goes to the fields below
        self.subject_list.setMinimumHeight(2 * self.fontMetrics().height() + 16)
        self.typing = QTimer(self, singleShot=True, interval=200)
        self.typing.timeout.connect(self._search)
        self.search.textChanged.connect(self.typing.start)
        self.subject_list.selectionModel().currentChanged.connect(self._subject_chosen)
        self.subject_label = QLabel()
        self.subject_label.setObjectName("muted")

        self.kind = QButtonGroup(self)
        kinds = QHBoxLayout()
        for number, (value, text) in enumerate((("inspection", self.tr("On-site inspection")),
                                                ("self_check", self.tr("Self-check")))):
            button = QRadioButton(text)
            button.setProperty("kind", value)
            self.kind.addButton(button, number)
            kinds.addWidget(button)
        kinds.addStretch(1)
        last_kind = get_str("new/kind", "inspection")
        self.kind.button(1 if last_kind == "self_check" else 0).setChecked(True)
        self.kind.idToggled.connect(lambda *_: self._kind_changed())

        self.checklist = QComboBox()
        people = [*get_list("new/inspectors"), "", ""]
        # the first name is the first inspector on site, but in a self-check the company's
        # own staff member who checked: each kind keeps (and remembers) its own name there
        self.first_names = {"inspection": people[0],
                            "self_check": get_str("new/self_checker")}
        self.first_kind: str | None = None  # whose name the first field holds
        self.inspector1 = QLineEdit()
        self.inspector2 = QLineEdit(people[1])
        self.representative = QLineEdit()
        self.place = QLineEdit()
        self.started = QDateTimeEdit(QDateTime.currentDateTime(labels.BEIJING))
        self.started.setTimeZone(labels.BEIJING)  # as the tables show the start
        self.started.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.started.setCalendarPopup(True)
        self.authorities = AuthorityFields(inspections.identity_org(store))
        self.authority_label = QLabel(self.tr("Inspecting authority"))
        form = QFormLayout()
        form.addRow(self.tr("Kind"), kinds)
        form.addRow(self.tr("Checklist"), self.checklist)
        self.first_label = QLabel()
        self.second_label = QLabel(self.tr("Inspector 2"))
        form.addRow(self.first_label, self.inspector1)
        form.addRow(self.second_label, self.inspector2)
        form.addRow(self.authority_label, self.authorities)
        form.addRow(self.tr("Representative"), self.representative)
        form.addRow(self.tr("Place"), self.place)
        # 补录: the start time is then the paper record's (inspector.paper); beside it, so
        # the dialog keeps its height on a small screen
        self.from_paper = QCheckBox(self.tr("Transcribed from a paper record of that time"))
        when = QHBoxLayout()
        when.addWidget(self.started)
        when.addWidget(self.from_paper)
        when.addStretch(1)
        form.addRow(self.tr("Start time"), when)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Subject")))
        layout.addWidget(self.search)
        layout.addWidget(self.subject_list)
        layout.addWidget(self.subject_label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.subject: dict | None = None
        self.subject_problem = ""  # shown while this subject is chosen (no checklist)
        self._kind_changed()
        # an error answers the last try: a change to what it was about takes it away
        for field in (self.inspector1, self.inspector2):
            field.textEdited.connect(self._clear_error)
        if subject_id:
            self.set_subject(get_subject(store, subject_id))
            self.inspector1.setFocus()
        else:
            self.search.setFocus()
        self.resize(fit_screen(self, QSize(640, 600)))

    def _search(self) -> None:
        self.subjects.set_filter(self.search.text(), None)

    def _subject_chosen(self, current, _previous) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row:
            self.set_subject(get_subject(self.store, row["id"]))

    def _clear_error(self, *_args) -> None:
        self.error.setText(self.subject_problem)

    def set_subject(self, subject: dict) -> None:
        self.subject = subject
        self.subject_problem = ""
        self.subject_label.setText(f"{subject['name']} · {subject['uscc']}")
        self.representative.setText(subject.get("legal_rep") or "")
        self.place.setText(subject.get("address") or "")
        self.checklist.clear()
        for checklist in checklists.load_bundled():
            if checklist.sector == subject["sector"]:
                text = self.tr("%1 (version %2, %3 items)").replace(
                    "%1", checklist.title).replace("%2", checklist.version).replace(
                    "%3", str(len(checklist.items)))
                self.checklist.addItem(text, checklist.id)
        if not self.checklist.count():
            self.subject_problem = self.tr("No checklist for this subject's sector.")
        self._clear_error()

    def kind_value(self) -> str:
        return self.kind.checkedButton().property("kind")

    def _kind_changed(self) -> None:
        kind = self.kind_value()
        if kind != self.first_kind:  # (called for the button unchecked and the one checked)
            if self.first_kind is not None:
                self.first_names[self.first_kind] = self.inspector1.text()
            self.inspector1.setText(self.first_names[kind])
            self.first_kind = kind
            self._clear_error()
        on_site = kind == "inspection"
        self.first_label.setText(self.tr("Inspector 1") if on_site else self.tr("Checked by"))
        self.second_label.setVisible(on_site)
        self.inspector2.setVisible(on_site)
        self.authority_label.setVisible(on_site)
        self.authorities.setVisible(on_site)
        self.from_paper.setVisible(on_site)

    def paper_day(self) -> str | None:
        """The paper record's day (the start's, in Beijing) when transcribing one."""
        if self.kind_value() != "inspection" or not self.from_paper.isChecked():
            return None
        return self.started.dateTime().toTimeZone(labels.BEIJING).date().toString("yyyy-MM-dd")

    def start(self) -> None:
        if self.subject is None:
            self.error.setText(self.tr("Choose the subject first."))
            self.search.setFocus()
            return
        kind = self.kind_value()
        people = [self.inspector1.text()] + ([self.inspector2.text()]
                                             if kind == "inspection" else [])
        started = self.started.dateTime().toUTC().toString("yyyy-MM-ddTHH:mm:ss.zzzZ")
        try:
            checklist = checklists.find(self.checklist.currentData() or "")
            self.inspection_id = inspections.start(
                self.store, subject=self.subject["id"], checklist=checklist, kind=kind,
                inspectors=people, place=self.place.text().strip() or None,
                representative=self.representative.text().strip() or None,
                started_at=started, from_paper=self.paper_day(),
                authorities=self.authorities.names() if kind == "inspection" else [])
        except InspectorError as exc:
            self.error.setText(exc.message)
            return
        stored = settings()
        stored.setValue("new/kind", kind)
        if kind == "inspection":
            stored.setValue("new/inspectors", [p.strip() for p in people])
            self.authorities.remember()
        else:  # the company's checker, never one of the inspectors
            stored.setValue("new/self_checker", people[0].strip())
        self.accept()
