"""Where the app's output files go: default names, remembered folders, the folder opened."""

import re
from pathlib import Path

from PySide6.QtCore import QDir, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from .settings import get_str, settings

# characters Windows refuses in file names, plus control characters
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str) -> str:
    """`text` usable as (part of) a file name on every system."""
    return UNSAFE.sub("_", text).strip(" .") or "_"


def save_path(parent, key: str, title: str, name: str, filters: str) -> str | None:
    """Ask where to save `name`, starting in the folder last used for `key`."""
    folder = get_str(f"{key}/folder") or QDir.homePath()
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / name), filters)
    if not path:
        return None
    settings().setValue(f"{key}/folder", str(Path(path).parent))
    return path


def open_folder(path: str) -> None:
    """Show the folder holding `path` in the system's file manager."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))
