"""Add or edit a subject; the credit code is checked as it is typed."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from .. import checklists, uscc
from ..errors import InspectorError
from ..subjects import add_subject, get_subject, update_subject


class SubjectDialog(QDialog):
    def __init__(self, store, subject_id: str | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.subject = get_subject(store, subject_id) if subject_id else None
        self.setWindowTitle(self.tr("Edit subject") if self.subject else self.tr("Add subject"))
        self.setMinimumWidth(560)
        current = self.subject or {}
        self.name = QLineEdit(current.get("name") or "")
        self.code = QLineEdit(current.get("uscc") or "")
        self.code.setPlaceholderText(self.tr("18 characters, e.g. 91330105MA2AXXXX0X"))
        # the credit code identifies a subject across machines: fixed once saved
        self.code.setReadOnly(bool(current.get("uscc")))
        self.code_status = QLabel()
        self.code_status.setWordWrap(True)
        self.sector = QComboBox()
        for slug, name in checklists.sectors().items():
            self.sector.addItem(name, slug)
        if current.get("sector"):
            self.sector.setCurrentIndex(max(self.sector.findData(current["sector"]), 0))
        self.address = QLineEdit(current.get("address") or "")
        self.legal_rep = QLineEdit(current.get("legal_rep") or "")
        self.phone = QLineEdit(current.get("phone") or "")
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Credit code"), self.code)
        form.addRow("", self.code_status)
        form.addRow(self.tr("Sector"), self.sector)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Legal representative"), self.legal_rep)
        form.addRow(self.tr("Phone"), self.phone)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.code.textChanged.connect(self.check_code)
        self.name.textChanged.connect(self.check_code)
        # an error answers the last save: once the user changes any field it is out of date
        for field in (self.name, self.code, self.address, self.legal_rep, self.phone):
            field.textEdited.connect(self._clear_error)
        self.sector.currentIndexChanged.connect(self._clear_error)
        self.check_code()
        self.saved_id: str | None = None

    def _clear_error(self, *_args) -> None:
        self.error.clear()
        self.fit_messages()

    def check_code(self) -> None:
        code = uscc.normalise(self.code.text())
        problem = uscc.problem(code) if code else None
        if not code:
            self.code_status.setText("")
        elif problem:
            self.code_status.setText(problem)
            self.code_status.setObjectName("error")
        else:
            self.code_status.setText(self.tr("✓ Check character correct"))
            self.code_status.setObjectName("ok")
        self.code_status.setStyleSheet("color: #c62828" if problem else "color: #2e7d32")
        self.save_button.setEnabled(bool(code) and problem is None
                                    and bool(self.name.text().strip()))
        self.fit_messages()

    def fit_messages(self) -> None:
        """Grow to show a message in full: a wrapped label's extra lines are not part of
        the form's minimum size, so an open dialog would clip them top and bottom."""
        for label in (self.code_status, self.error):
            shown = self.isVisible() and bool(label.text())
            height = max(label.heightForWidth(label.width()), 0) if shown else 0
            if label.minimumHeight() != height:
                label.setMinimumHeight(height)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fit_messages()  # narrower: more lines

    def save(self) -> None:
        values = {"name": self.name.text(), "code": self.code.text(),
                  "sector": self.sector.currentData(), "address": self.address.text(),
                  "legal_rep": self.legal_rep.text(), "phone": self.phone.text()}
        try:
            if self.subject:
                saved = update_subject(self.store, self.subject["id"], **values)
            else:
                saved = add_subject(self.store, **values)
        except InspectorError as exc:
            self.error.setText(exc.message)
            self.fit_messages()
            return
        self.saved_id = saved["id"]
        self.accept()
