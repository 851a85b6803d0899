"""GUI tests: offscreen Qt, settings in a temporary folder, a store with one subject."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings

from inspector import inspections


@pytest.fixture(autouse=True)
def qt_settings(tmp_path, monkeypatch):
    """QSettings in a fresh folder per test, so no test sees another's choices."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    # QSettings(organisation, application), as the app makes it, uses the native format,
    # which setDefaultFormat does not change: redirect both
    for kind in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    yield


@pytest.fixture
def app(qapp, qt_settings):
    from inspector.ui.app import make_app

    return make_app()


@pytest.fixture
def inspection(store, mini, subject):
    return inspections.start(store, subject=subject["id"], checklist=mini,
                             inspectors=["张伟", "李娜"])


@pytest.fixture
def runner(app, qtbot, store, inspection):
    from inspector.ui.forms.runner import FormRunner

    widget = FormRunner(store, inspection)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.page().focus_answer()
    return widget
