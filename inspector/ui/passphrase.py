"""The identity passphrase, asked for whenever the app signs (reports, bundles).

INSPECTOR_PASSPHRASE, when set, is used without asking (tests and scripts), as
the CLI does. The dialog checks the passphrase before it closes, so a wrong one
is said at once and the user tries again; nothing has been written by then.
"""

import os

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from .. import identity
from ..errors import InspectorError

ENVIRONMENT = "INSPECTOR_PASSPHRASE"


class PassphraseDialog(QDialog):
    def __init__(self, store, signer: str, purpose: str, parent=None):
        super().__init__(parent)
        self.store = store
        self.secret: str | None = None
        self.setWindowTitle(self.tr("Passphrase"))
        self.setMinimumWidth(420)
        prompt = QLabel(self.tr("%1\nEnter the passphrase of %2 to sign:")
                        .replace("%1", purpose).replace("%2", signer))
        prompt.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        secret = self.field.text()
        try:
            identity.signing_key(self.store, secret)
        except InspectorError as exc:  # wrong passphrase: say so, stay open
            self.error.setText(exc.message)
            self.error.show()
            self.field.selectAll()
            self.field.setFocus()
            return
        self.secret = secret
        super().accept()


def signer_name(store) -> str:
    """The store's identity name; an InspectorError when it cannot sign yet."""
    me = identity.own_identity(store, required=False)
    if me is None or me.certificate is None:
        raise InspectorError(QCoreApplication.translate(
            "PassphraseDialog", "This store has no identity to sign with yet: create one "
            "on the Identity and keys page (F8)."))
    return me.name


def ask_passphrase(store, purpose: str, parent=None) -> str | None:
    """The passphrase to sign with, or None when the user cancelled."""
    name = signer_name(store)
    value = os.environ.get(ENVIRONMENT)
    if value is not None:
        return value
    dialog = PassphraseDialog(store, name, purpose, parent)
    return dialog.secret if dialog.exec() else None
