"""The bureaus an inspection's notices go out in the name of: the lead, and for a joint
inspection (联合检查) one more bureau per competent kind (inspector.authorities)."""

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .settings import get_list, settings

REMEMBERED = 12  # bureaus offered again next time


class AuthorityFields(QWidget):
    """Editable lists: the lead (the identity's organisation unless changed) and the
    joint authorities added; each offers the bureaus named before."""

    def __init__(self, org: str | None, parent=None):
        super().__init__(parent)
        self.org = org or ""
        self.known = list(dict.fromkeys(n for n in [self.org, *get_list("new/authorities")]
                                        if n))
        self.lead = self._combo(self.org)
        self.lead.lineEdit().setPlaceholderText(self.tr("Full name of the inspecting bureau"))
        self.add_button = QPushButton(self.tr("Add joint authority"))
        self.add_button.setToolTip(self.tr(
            "A joint inspection: each authority issues its own notice for the items "
            "it is competent for"))
        self.add_button.clicked.connect(lambda: self.add_joint().setFocus())
        self.joint: list[QComboBox] = []
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.lead, 1)
        top.addWidget(self.add_button)
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(4)
        self.rows.addLayout(top)

    def _combo(self, text: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(self.known)
        combo.setCurrentText(text)
        combo.setMinimumContentsLength(12)
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    def add_joint(self, text: str = "") -> QComboBox:
        """Another row for a joint authority (name, or KIND=NAME), with its remove button."""
        combo = self._combo(text)
        combo.lineEdit().setPlaceholderText(self.tr("e.g. 某区卫生健康局"))
        remove = QToolButton()
        remove.setText("×")
        remove.setToolTip(self.tr("Remove this authority"))
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(combo, 1)
        line.addWidget(remove)
        remove.clicked.connect(lambda: self._remove(row, combo))
        self.rows.addWidget(row)
        self.joint.append(combo)
        return combo

    def _remove(self, row: QWidget, combo: QComboBox) -> None:
        self.joint.remove(combo)
        row.deleteLater()
        self.add_button.setFocus()

    def names(self) -> list[str]:
        """The lead first (the organisation when left empty), then the joint ones given."""
        lead = self.lead.currentText().strip() or self.org
        joint = [combo.currentText().strip() for combo in self.joint]
        return [name for name in (lead, *joint) if name]

    def remember(self) -> None:
        named = [name for name in self.names() if name != self.org]
        others = [name for name in self.known if name != self.org]
        settings().setValue("new/authorities",
                            list(dict.fromkeys([*named, *others]))[:REMEMBERED])
