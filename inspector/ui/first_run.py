"""The first steps on a fresh store, each one click from the home page: make this
store's identity, bring in the subjects (a register, or one by one), start the first
inspection. Shown until an inspection exists; each step says when it is done."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton

TICKED, OPEN = "✓", "○"  # a step done, a step still to do


def wanted(store) -> bool:
    """Whether the guide has a step to show: no inspection yet. Once one exists it is
    gone for good (inspections stay), so the home page of a store in use builds none."""
    return not store.conn.execute("SELECT EXISTS (SELECT 1 FROM inspections)").fetchone()[0]


class FirstRunGuide(QFrame):
    make_identity = Signal()
    import_register = Signal()
    add_subject = Signal()
    new_inspection = Signal()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("summaryBox")
        grid = QGridLayout(self)
        heading = QLabel(self.tr("Getting started"))
        heading.setStyleSheet("font-weight: 600; font-size: 12pt;")
        grid.addWidget(heading, 0, 0, 1, 4)
        steps = (
            (self.tr("Make this store's identity: it signs your reports and data bundles."),
             [(self.tr("Identity and keys…"), self.make_identity)]),
            (self.tr("Bring in the subjects to inspect: a register (Excel or CSV), or one "
                     "by one."),
             [(self.tr("Import register…"), self.import_register),
              (self.tr("Add subject…"), self.add_subject)]),
            (self.tr("Start the first inspection: pick a subject, then the checklist."),
             [(self.tr("New inspection…"), self.new_inspection)]))
        self.marks, self.buttons = [], []
        for row, (text, actions) in enumerate(steps, 1):
            mark = QLabel()
            label = QLabel(f"{row}. {text}")
            label.setWordWrap(True)
            grid.addWidget(mark, row, 0)
            grid.addWidget(label, row, 1)
            for column, (caption, signal) in enumerate(actions, 2):
                button = QPushButton(caption)
                button.clicked.connect(signal.emit)
                grid.addWidget(button, row, column)
                self.buttons.append(button)
            self.marks.append(mark)
        grid.setColumnStretch(1, 1)
        self.refresh()

    def steps_done(self) -> list[bool]:
        """Plain SQL: the home page is the first screen, and this must not cost it the
        identity module's imports (cryptography) at start-up."""
        return [bool(x) for x in self.store.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM identities i JOIN settings s ON s.key = "
            "'identity_id' AND i.id = s.value WHERE i.certificate IS NOT NULL), "
            "EXISTS (SELECT 1 FROM subjects), EXISTS (SELECT 1 FROM inspections)").fetchone()]

    def refresh(self) -> None:
        done = self.steps_done()
        for mark, finished in zip(self.marks, done, strict=True):
            mark.setText(TICKED if finished else OPEN)
            mark.setStyleSheet("color: #2e7d32; font-weight: 600" if finished else "")
        self.setVisible(not done[-1])
