"""The bureaus an inspection's notices go out in the name of: the lead, and for a joint
inspection (联合检查) one more bureau per competent kind (inspector.authorities)."""

from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QToolButton, QWidget

from .settings import get_list, settings

REMEMBERED = 12  # bureaus offered again next time
COLUMNS = 2  # bureaus side by side: a joint inspection adds no height until its third


class AuthorityFields(QWidget):
    """Editable lists: the lead (the identity's organisation unless changed) and the
    joint authorities added, two to a line; each offers the bureaus named before."""

    def __init__(self, org: str | None, parent=None):
        super().__init__(parent)
        self.org = org or ""
        self.known = list(dict.fromkeys(n for n in [self.org, *get_list("new/authorities")]
                                        if n))
        self.lead = self._combo(self.org)
        self.lead.lineEdit().setPlaceholderText(self.tr("Full name of the inspecting bureau"))
        self.add_button = QToolButton()
        self.add_button.setText(self.tr("+ Joint"))
        self.add_button.setToolTip(self.tr(
            "A joint inspection: each authority issues its own notice for the items "
            "it is competent for"))
        self.add_button.clicked.connect(lambda: self.add_joint().setFocus())
        self.joint: list[QComboBox] = []
        self.cells: list[QWidget] = [self._cell(self.lead, self.add_button)]
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(4)
        self._place()

    @staticmethod
    def _cell(combo: QComboBox, button: QToolButton) -> QWidget:
        cell = QWidget()
        line = QHBoxLayout(cell)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(2)
        line.addWidget(combo, 1)
        line.addWidget(button)
        return cell

    def _place(self) -> None:
        for n, cell in enumerate(self.cells):
            self.grid.addWidget(cell, n // COLUMNS, n % COLUMNS)

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
        """Another joint authority (name, or KIND=NAME), with its remove button."""
        combo = self._combo(text)
        combo.lineEdit().setPlaceholderText(self.tr("e.g. 某区卫生健康局"))
        remove = QToolButton()
        remove.setText("×")
        remove.setToolTip(self.tr("Remove this authority"))
        cell = self._cell(combo, remove)
        remove.clicked.connect(lambda: self._remove(cell, combo))
        self.joint.append(combo)
        self.cells.append(cell)
        self._place()
        return combo

    def _remove(self, cell: QWidget, combo: QComboBox) -> None:
        self.joint.remove(combo)
        self.cells.remove(cell)
        self.grid.removeWidget(cell)
        cell.deleteLater()
        self._place()
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
