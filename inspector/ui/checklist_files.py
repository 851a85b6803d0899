"""The user's own checklists from the app: adding one, and a warning in the status bar
when a checklist file was left out (broken, or clashing with another)."""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .. import checklists
from ..errors import InspectorError
from .settings import get_str, settings

if TYPE_CHECKING:  # the window's status label is made at start; check sheets are not read
    from .. import checklist_xlsx


def tr(text: str) -> str:
    return QCoreApplication.translate("ChecklistFiles", text)


class SkippedChecklists(QLabel):
    """'N checklist files not loaded', each one's file, line and why in the tooltip."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("error")
        self.setStyleSheet("color: #c62828")
        self.hide()

    def refresh(self) -> None:
        problems = checklists.skipped()
        self.setVisible(bool(problems))
        if problems:
            self.setText(self.tr("%n checklist file(s) not loaded", "", len(problems)))
            self.setToolTip("\n".join(str(p) for p in problems))


def add_checklist(window: QWidget) -> bool:
    """Ask for a checklist file, check it, and add it to the user's checklists."""

    path, _ = QFileDialog.getOpenFileName(
        window, tr("Add a checklist"), get_str("checklists/folder"),
        tr("Checklists (*.yaml *.yml *.xlsx);;All files (*)"))
    if not path:
        return False
    settings().setValue("checklists/folder", str(Path(path).parent))
    return add_checklist_file(window, path)


def add_checklist_file(window: QWidget, path: str) -> bool:

    from .. import checklist_xlsx  # the sheets' reader: only when one is added

    try:
        if Path(path).suffix.lower() == ".xlsx":
            result = checklist_xlsx.read(Path(path), previous=checklist_xlsx.installed)
            if not ImportPreview(result, window).exec():
                return False
            checklist, target = checklist_xlsx.install(result)
        else:
            checklist, target = checklists.add_user_checklist(Path(path))
    except InspectorError as exc:
        QMessageBox.warning(window, tr("Checklist not added"), str(exc))
        return False
    QMessageBox.information(window, tr("Checklist added"), tr(
        "%1 (version %2) is added and can be chosen for new inspections.\n\nKept in %3")
        .replace("%1", checklist.title).replace("%2", checklist.version)
        .replace("%3", str(target)))
    return True


class ImportPreview(QDialog):
    """A check sheet's checklist before it is added: its items, or why it cannot be."""

    def __init__(self, result: "checklist_xlsx.SheetImport", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a checklist from a check sheet"))
        layout = QVBoxLayout(self)
        problems = result.problems
        from .. import checklist_xlsx

        summary = checklist_xlsx.preview(result) if not problems else []
        heading = QLabel(self.tr("%n problem(s) in the sheet: nothing is added. Correct them "
                                 "in Excel and add the sheet again.", "", len(problems))
                         if problems else "\n".join(
                             [self.tr("This checklist will be added:"), *summary[:2]]))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        lines = QPlainTextEdit("\n".join([str(p) for p in problems] or summary[2:]))
        lines.setReadOnly(True)
        lines.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        lines.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(lines)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close if problems else
                                   QDialogButtonBox.StandardButton.Cancel)
        if not problems:
            buttons.addButton(self.tr("Add checklist"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        room = self.screen().availableGeometry()  # 1024x600, or less when scaled up
        self.resize(min(900, room.width() - 40), min(480, room.height() - 80))
