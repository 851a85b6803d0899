"""`inspector --lang en` opens the app in English for that run, without changing the
language chosen in the app."""

import pytest
from PySide6.QtGui import QAction

pytestmark = pytest.mark.gui


def test_lang_on_the_command_line_holds_for_this_run_only(app, qtbot, store):
    from inspector.ui import settings, translations
    from inspector.ui.app import make_app
    from inspector.ui.mainwindow import MainWindow

    make_app(language=translations.from_cli("en"))
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.findChild(QAction, "language_en").isChecked()
    assert settings.get_str("language", "unset") == "unset"  # the saved choice is untouched
    make_app()  # the next run without --lang: the saved choice (Chinese by default)
    chinese = MainWindow(store)
    qtbot.addWidget(chinese)
    assert chinese.menuBar().actions()[0].text() == "文件(&F)"
    assert chinese.findChild(QAction, "language_zh_CN").isChecked()
