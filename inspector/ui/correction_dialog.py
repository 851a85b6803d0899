"""Asking why a signed record is corrected, before its correction is started."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from . import labels


class CorrectionDialog(QDialog):
    """The reason ("what changed and why") a correction states; OK once one is given."""

    def __init__(self, inspection: dict, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct a signed record"))
        subject = inspection["subject_snapshot"].get("name", "")
        intro = QLabel(self.tr(
            "The signed record of %1 (%2) stays as it is. The correction starts as a copy "
            "of it: change what was wrong, then complete and sign it. From its completion "
            "on it supersedes the record.").replace("%1", subject).replace(
                "%2", labels.when(inspection["started_at"])))
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("What is corrected, and why (required)"))
        self.reason.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Start the correction"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Reason:")))
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 300)
        self._enable()

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _enable(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text()))
