"""This office's phone and address, printed on its notices (inspector.contact)."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .. import contact
from ..store import Store


class ContactDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Contact on notices"))
        office = contact.get(store)
        self.phone = QLineEdit(office.phone)
        self.phone.setMaxLength(contact.MAX_LENGTH[contact.PHONE])
        self.phone.setPlaceholderText(self.tr("e.g. 0571-88881234"))
        self.address = QLineEdit(office.address)
        self.address.setMaxLength(contact.MAX_LENGTH[contact.ADDRESS])
        self.address.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        hint = QLabel(self.tr("Printed on every rectification notice this store issues, with "
                              "the inspecting officers' names: whom the party asks and where it "
                              "sends its evidence. Left empty, the notice has a line to fill in."))
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        form = QFormLayout()
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Address"), self.address)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str]:
        return self.phone.text(), self.address.text()
