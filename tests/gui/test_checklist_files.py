"""The app with a broken checklist file: it opens, says so in the status bar (which
file, which line, why), and a user adds a checklist of their own from the File menu."""

import shutil
from pathlib import Path

import openpyxl
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


def test_a_check_sheet_is_added_after_its_preview(app, qtbot, checklist_dir, tmp_path,
                                                  monkeypatch):
    from PySide6.QtWidgets import QDialog, QPlainTextEdit, QWidget

    from inspector.ui import checklist_files

    sheet = Path(__file__).parent.parent.parent / "docs" / "examples" / "gold_retail.xlsx"
    shown, previews = [], []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))

    def answer(accept):
        def exec_(dialog):
            qtbot.addWidget(dialog)
            previews.append(dialog.findChild(QPlainTextEdit).toPlainText())
            return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected
        return exec_

    window = QWidget()
    qtbot.addWidget(window)
    monkeypatch.setattr(checklist_files.ImportPreview, "exec", answer(False))
    assert not checklist_files.add_checklist_file(window, str(sheet))
    assert "gold-01[新]  主体资格 | 依法办理登记" in previews[-1]
    assert "gold_retail" not in checklists.sectors()
    monkeypatch.setattr(checklist_files.ImportPreview, "exec", answer(True))
    assert checklist_files.add_checklist_file(window, str(sheet))
    assert "gold_retail" in checklists.sectors() and "黄金饰品" in shown[-1]
    broken = tmp_path / "broken.xlsx"
    shutil.copy(sheet, broken)
    book = openpyxl.load_workbook(broken)
    book["检查表"]["D4"] = "价格法第十三条"
    book.save(broken)
    assert not checklist_files.add_checklist_file(window, str(broken))
    assert previews[-1].startswith("broken.xlsx:检查表:4: 检查依据无法识别")


def test_the_preview_fits_a_small_screen(app, qtbot, checklist_dir):
    from inspector import checklist_xlsx
    from inspector.ui.checklist_files import ImportPreview

    sheet = Path(__file__).parent.parent.parent / "docs" / "examples" / "gold_retail.xlsx"
    dialog = ImportPreview(checklist_xlsx.read(sheet))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.frameGeometry().width() <= 1024 and dialog.frameGeometry().height() <= 600
