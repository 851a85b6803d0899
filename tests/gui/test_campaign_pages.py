"""The campaign in the app: the inspector's tasks (due, overdue, started from the task)
and the supervisor's campaign page (plan, draw, verification, coverage), on the demo
data, fitting a small screen."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QMessageBox

from inspector.campaign import tasks
from inspector.store import Store

from ..helpers.pdftools import demo_store
from .test_fits import SCREENS, check_window

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = demo_store(tmp_path_factory)
    yield store
    store.close()


@pytest.fixture
def window(app, qtbot, demo):
    from inspector.ui.mainwindow import MainWindow

    widget = MainWindow(demo)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_inspectors_tasks_start_an_inspection_filled_in(window, demo, qtbot):
    from inspector.ui import supervision

    nav = window.navigation
    row = next(r for r in range(nav.count()) if nav.item(r).data(256) == "tasks")
    qtbot.waitUntil(lambda: "\n" in nav.item(row).text())
    assert nav.item(row).text().startswith("任务\n待完成 3")
    assert supervision.show(window, "tasks")
    page = window.tasks
    assert page.mine.isChecked() and page.table.rowCount() == 4
    states = [page.table.item(r, 4).text() for r in range(4)]
    assert "通过登记的住所或经营场所无法联系" in states and states.count("待检查") == 3
    todo = states.index("待检查")
    task = page.rows[todo]
    page.table.selectRow(todo)
    assert page.start_button.isEnabled()
    page.start_button.click()
    assert window.stack.currentWidget() is window.runner
    started = demo.query("SELECT * FROM inspections WHERE id = ?", (window.runner.id,))[0]
    assert started["subject_id"] == task["subject_id"]
    assert json.loads(started["inspectors"]) == ["张伟", "李娜"]
    assert tasks.get_task(demo, task["id"])["inspection_id"] == window.runner.id


def test_the_campaign_page_shows_the_plan_the_draw_and_coverage(app, qtbot, demo, monkeypatch):
    from inspector.ui.campaign_pages import CampaignPage

    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: said.append(args[2]))
    with Store(Path(demo.path).parent / "out" / "supervisor.db") as bureau:
        page = CampaignPage(bureau)
        qtbot.addWidget(page)
        page.refresh()
        assert page.choice.count() == 1 and page.matters.rowCount() == 2
        assert page.coverage.rowCount() == 2
        assert [page.coverage.item(r, 3).text() for r in range(2)].count("1") == 1
        assert not page.draw_button.isEnabled() and page.verify_button.isEnabled()
        assert "抽取" in page.record.text()
        page.verify_button.click()
        assert said and said[-1].startswith("抽取可复现")


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_campaign_pages_fit_a_small_screen(window, screen: QSize):
    from inspector.ui import supervision

    window.resize(screen)
    for name in ("tasks", "campaigns"):
        assert supervision.show(window, name)
        page = getattr(window, name)
        page.refresh()
        check_window(window, page, name, screen)
