"""The receiving bureaus of an inspection's transfer letters (案件移送函): one name per
kind of authority its transferred findings go to, or left empty (a line to fill)."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..authorities import MAX_NAME


class TransferDialog(QDialog):
    def __init__(self, kinds: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer letter"))
        hint = QLabel(self.tr(
            "These findings are for an authority that did not take part in the inspection: "
            "they are on no notice of yours and go to it with a transfer letter, signed and "
            "numbered in the lead bureau's name. Name the receiving bureau, or leave it "
            "empty to fill in by hand."))
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        form = QFormLayout()
        self.names: dict[str, QLineEdit] = {}
        for kind in kinds:
            field = QLineEdit()
            field.setMaxLength(MAX_NAME)
            field.setPlaceholderText(self.tr("e.g. %1").replace("%1", _example(kind)))
            field.setMinimumWidth(self.fontMetrics().averageCharWidth() * 36)
            form.addRow(kind, field)
            self.names[kind] = field
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        """The names entered, by kind (empty ones left out)."""
        return {kind: field.text().strip() for kind, field in self.names.items()
                if field.text().strip()}


def _example(kind: str) -> str:
    """A bureau's name of this kind, as a hint: 通信管理局 -> 某省通信管理局."""
    from ..authorities import stem

    return f"某省{kind}" if kind.endswith("局") else f"某县{stem(kind)}局"
