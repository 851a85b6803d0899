"""Recording the service of a notice (送达回证): the recipient signs on screen, or the
refusal is recorded with a witness who signs when present (inspector.service)."""

from PySide6.QtCore import QDate, QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import ids, inspections, service
from ..errors import InspectorError
from .models import fit_screen
from .signature import SignatureDialog


class ServiceDialog(QDialog):
    def __init__(self, store, inspection_id: str, parent=None):
        super().__init__(parent)
        self.store = store
        self.inspection = inspections.get(store, inspection_id)
        self.signatures: dict[str, bytes] = {}  # recipient / witness -> PNG
        self.setWindowTitle(self.tr("Proof of service"))
        self.recipient = QLineEdit(self.inspection["representative"] or "")
        self.method = QComboBox()
        for value in service.METHODS:
            self.method.addItem(self._method_text(value), value)
        today = QDate.fromString(ids.today(), "yyyy-MM-dd")
        self.served_on = QDateEdit(today)
        self.served_on.setDisplayFormat("yyyy-MM-dd")
        self.served_on.setCalendarPopup(True)
        self.served_on.setMaximumDate(today)
        self.place = QLineEdit(self.inspection["place"] or "")
        self.recipient_sign = self._sign_button("recipient")
        self.refused = QCheckBox(self.tr("The recipient refuses to sign: a witness attests"))
        self.refused.toggled.connect(self._refused_changed)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason given for the refusal"))
        self.witness = QLineEdit()
        self.witness.setPlaceholderText(self.tr("e.g. a community or building representative"))
        self.witness_sign = self._sign_button("witness")
        form = QFormLayout()
        form.addRow(self.tr("Recipient"), self.recipient)
        form.addRow(self.tr("Manner of service"), self.method)
        form.addRow(self.tr("Date of service"), self.served_on)
        form.addRow(self.tr("Place of service"), self.place)
        form.addRow(self.tr("Recipient's signature"), self.recipient_sign)
        form.addRow("", self.refused)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Witness"), self.witness)
        form.addRow(self.tr("Witness's signature"), self.witness_sign)
        self.form = form
        self.refusal_rows = (self.reason, self.witness, self.witness_sign)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._refused_changed(False)
        self.resize(fit_screen(self, QSize(520, 440)))

    def _method_text(self, value: str) -> str:
        return {service.DIRECT: self.tr("In person"),
                service.LODGED: self.tr("Left at the premises"),
                service.POST: self.tr("By post"),
                service.ELECTRONIC: self.tr("Electronically"),
                service.ENTRUSTED: self.tr("Through an agent")}[value]

    def _sign_button(self, who: str) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        button = QPushButton(self.tr("Sign…"))
        state = QLabel(self.tr("Not signed"))
        state.setObjectName(f"{who}State")
        button.clicked.connect(lambda: self.sign(who, state))
        layout.addWidget(button)
        layout.addWidget(state, 1)
        return row

    def sign(self, who: str, state: QLabel) -> None:
        name = (self.recipient if who == "recipient" else self.witness).text()
        role = self.tr("Recipient") if who == "recipient" else self.tr("Witness")
        dialog = SignatureDialog(role, name, self)
        if dialog.exec():
            self.signatures[who] = dialog.png()
            (self.recipient if who == "recipient" else self.witness).setText(dialog.name())
            state.setText(self.tr("Signed"))

    def _refused_changed(self, refused: bool) -> None:
        for field in self.refusal_rows:
            self.form.setRowVisible(field, refused)
        self.recipient_sign.setEnabled(not refused)
        if refused:
            self.method.setCurrentIndex(self.method.findData(service.LODGED))

    def save(self) -> None:
        refused = self.refused.isChecked()
        try:
            service.record_service(
                self.store, self.inspection["id"], recipient=self.recipient.text(),
                method=self.method.currentData(),
                served_on=self.served_on.date().toString("yyyy-MM-dd"),
                place=self.place.text(), refused=refused,
                signature_png=None if refused else self.signatures.get("recipient"),
                reason=self.reason.text() if refused else None,
                witness=self.witness.text() if refused else None,
                witness_png=self.signatures.get("witness") if refused else None)
        except InspectorError as exc:
            self.error.setText(exc.message)
            return
        self.accept()
