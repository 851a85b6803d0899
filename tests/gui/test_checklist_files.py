"""The app with a broken checklist file: it opens, says so in the status bar (which
file, which line, why), and a user adds a checklist of their own from the File menu."""

import shutil

import pytest
from PySide6.QtWidgets import QMessageBox

from inspector import checklists

from ..conftest import BUNDLED, DATA

pytestmark = pytest.mark.gui


def test_a_broken_file_is_named_in_the_status_bar_and_a_checklist_added(
        app, qtbot, store, tmp_path, monkeypatch):
    from inspector.ui.checklist_files import add_checklist_file
    from inspector.ui.mainwindow import MainWindow

    folder = tmp_path / "installed"
    folder.mkdir()
    for path in BUNDLED.glob("*.yaml"):
        shutil.copy(path, folder)
    (folder / "broken.yaml").write_text("id: broken\nsector: x\n\tbad: 1\n", "utf-8")
    monkeypatch.setenv("INSPECTOR_CHECKLISTS", str(folder))
    window = MainWindow(store)
    qtbot.addWidget(window)
    label = window.skipped_checklists
    qtbot.waitUntil(lambda: not label.isHidden())
    assert label.text() == "1 个检查表文件未载入（悬停查看原因）"
    assert "broken.yaml:3" in label.toolTip()
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    assert not add_checklist_file(window, str(folder / "broken.yaml"))
    assert "broken.yaml:3" in shown[-1]
    assert add_checklist_file(window, str(DATA / "mini.yaml"))
    assert "测试检查表" in shown[-1] and "mini" in checklists.sectors()
