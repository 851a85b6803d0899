"""The user's own checklists from the app: adding one, and a warning in the status bar
when a checklist file was left out (broken, or clashing with another)."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from .. import checklists
from ..errors import InspectorError
from .settings import get_str, settings


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
    from PySide6.QtWidgets import QFileDialog  # the dialogs: not needed to start the app

    path, _ = QFileDialog.getOpenFileName(
        window, tr("Add a checklist"), get_str("checklists/folder"),
        tr("Checklists (*.yaml *.yml);;All files (*)"))
    if not path:
        return False
    settings().setValue("checklists/folder", str(Path(path).parent))
    return add_checklist_file(window, path)


def add_checklist_file(window: QWidget, path: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    try:
        checklist, target = checklists.add_user_checklist(Path(path))
    except InspectorError as exc:
        QMessageBox.warning(window, tr("Checklist not added"), str(exc))
        return False
    QMessageBox.information(window, tr("Checklist added"), tr(
        "%1 (version %2) is added and can be chosen for new inspections.\n\nKept in %3")
        .replace("%1", checklist.title).replace("%2", checklist.version)
        .replace("%3", str(target)))
    return True
