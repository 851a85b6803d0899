"""Background operations (progress, cancel, failure) and how the pages learn of changes."""

import threading
import time

import pytest
from PySide6.QtWidgets import QMessageBox, QProgressBar, QPushButton, QWidget

from inspector import inspections
from inspector.errors import Cancelled, ValidationError
from inspector.subjects import add_subject, list_subjects

from ..conftest import VALID_CODE
from ..helpers import campaign
from ..helpers.subjects import CODE_B

pytestmark = pytest.mark.gui


@pytest.fixture
def owner(app, qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def operations(store, owner):
    from inspector.ui.operations import Operations

    return Operations(store, owner)


@pytest.fixture
def heard(store):
    """The store's change reports, and whether each came on the UI thread."""
    reports = []
    store.on_change(lambda entities: reports.append(
        (entities, threading.current_thread() is threading.main_thread())))
    return reports


def outcomes(operations, work, **shown) -> dict:
    """Run `work`; the outcome lands in the dict returned, by kind."""
    got: dict = {}
    operations.run(work, lambda result: got.setdefault("done", result),
                   failed=lambda message: got.setdefault("failed", message),
                   cancelled=lambda results: got.setdefault("cancelled", results), **shown)
    return got


def test_a_cancelled_operation_keeps_what_was_done_before(qtbot, store, mini, operations,
                                                          heard):
    first_done, go_on = threading.Event(), threading.Event()

    def work(job):  # two subjects, each in its own transaction of the worker's store
        add_subject(job.store, name="甲", code=VALID_CODE, sector="mini")
        first_done.set()
        go_on.wait(10)
        if not job.progress(1, 2, "乙"):
            raise Cancelled(["甲"])
        add_subject(job.store, name="乙", code=CODE_B, sector="mini")
        return ["甲", "乙"]

    got = outcomes(operations, work)
    assert first_done.wait(10)
    operations.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: not operations.busy, timeout=10000)
    assert got == {"cancelled": ["甲"]}
    assert [s["name"] for s in list_subjects(store)] == ["甲"]
    # the worker's commit is reported once, on the UI thread
    assert heard == [({"subject"}, True)]


def test_progress_and_cancel_show_on_their_widgets(qtbot, operations, owner):
    bar, cancel, start = QProgressBar(owner), QPushButton(owner), QPushButton(owner)
    cancel.setEnabled(False)
    looping = threading.Event()

    def work(job):
        while True:
            job.progress(3, 10, "第三个文件")
            looping.set()
            job.check()  # raises Cancelled once asked
            time.sleep(0.005)  # not an Event wait: under libfaketime (scripts/test) it never ends

    got = outcomes(operations, work, bar=bar, cancel_button=cancel, disable=[start])
    assert looping.wait(10)
    qtbot.waitUntil(lambda: bar.maximum() == 10)
    assert bar.isVisible() and bar.value() == 3 and "第三个文件" in bar.format()
    assert cancel.isEnabled() and not start.isEnabled() and operations.busy
    operations.cancel()
    assert not cancel.isEnabled()
    qtbot.waitUntil(lambda: not operations.busy, timeout=10000)
    assert got == {"cancelled": []}  # nothing done before the cancel
    assert not bar.isVisible() and start.isEnabled() and not cancel.isEnabled()


def test_a_failure_is_shown(qtbot, operations, owner):
    def work(_job):
        raise ValidationError("登记表第3行：统一社会信用代码校验位错误")

    got = outcomes(operations, work)
    qtbot.waitUntil(lambda: not operations.busy, timeout=10000)
    assert got == {"failed": "登记表第3行：统一社会信用代码校验位错误"}

    operations.run(lambda _job: 1 / 0, lambda _: None)  # the default: a message box
    qtbot.waitUntil(lambda: not operations.busy, timeout=10000)
    box = owner.findChild(QMessageBox)
    assert box.isVisible() and "ZeroDivisionError" in box.text()


def test_a_ledger_export_that_fails_says_why(qtbot, store, checklist_dir, tmp_path):
    from inspector.ui.ledger_page import LedgerPage

    campaign.build(store, checklist_dir)
    page = LedgerPage(store)
    qtbot.addWidget(page)
    page.show()
    (tmp_path / "台账.xlsx").mkdir()  # a folder where the file should go
    page.export_to(str(tmp_path / "台账.xlsx"))
    qtbot.waitUntil(lambda: not page.operations.busy, timeout=10000)
    box = page.findChild(QMessageBox)
    assert box.isVisible() and box.text() and page.exported is None
    assert page.export_button.isEnabled() and not page.bar.isVisible()


# --- changes ----------------------------------------------------------------------------


@pytest.fixture
def window(app, qtbot, store):
    from inspector.ui.mainwindow import MainWindow

    shown = MainWindow(store)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_a_hidden_page_is_marked_dirty_and_shows_the_change_when_shown(window, store,
                                                                        inspection):
    window.show_inspections()
    page = window.inspections
    page.select(inspection)
    assert page.selected()["answered"] == 0
    window.show_subjects()
    inspections.record_answer(store, inspection, "m-01", "no", note="现场发现")
    assert page.dirty and page.selected()["answered"] == 0  # hidden: not refreshed yet
    window.show_inspections()
    assert not page.dirty
    assert page.selected()["answered"] == 1 and page.selected()["non_compliant"] == 1


def test_a_visible_page_shows_a_change_at_once(window, store, inspection):
    window.show_inspections()
    page = window.inspections
    page.select(inspection)
    inspections.record_answer(store, inspection, "m-01", "no", note="现场发现")
    assert not page.dirty and page.selected()["answered"] == 1


def test_the_ledger_learns_of_findings_recorded_elsewhere(window, qtbot, store, checklist_dir):
    from inspector.ui import supervision

    supervision.show(window, "ledger")
    ledger = window.ledger
    assert ledger.model.rowCount() == 0
    window.show_subjects()
    campaign.build(store, checklist_dir)  # seven rectification items
    assert ledger.dirty and ledger.model.rowCount() == 0
    supervision.show(window, "ledger")
    assert not ledger.dirty
    qtbot.waitUntil(lambda: ledger.model.total == 7)


def test_a_page_shown_again_sees_what_another_program_wrote(window, store, inspection):
    from inspector.store import Store

    window.show_inspections()
    page = window.inspections
    page.select(inspection)
    window.show_subjects()
    with Store(store.path) as cli:  # the CLI on the same file: no report reaches the app
        inspections.record_answer(cli, inspection, "m-01", "no", note="命令行录入")
    assert not page.dirty
    window.show_inspections()
    assert page.selected()["answered"] == 1


def test_a_page_shown_on_a_new_day_refreshes(window, store, inspection, monkeypatch):
    from inspector import ids

    window.show_inspections()
    page = window.inspections
    window.show_subjects()
    refreshed = []
    monkeypatch.setattr(page, "refresh", lambda: refreshed.append(True))
    window.show_inspections()
    assert refreshed == []  # nothing new
    window.show_subjects()
    monkeypatch.setattr(ids, "today", lambda: "2099-01-01")  # midnight in Beijing went by
    window.show_inspections()
    assert refreshed == [True]


def test_closing_the_window_stops_its_operations_and_waits_for_them(window):
    looping = threading.Event()

    def work(job):
        while True:
            looping.set()
            job.check()
            time.sleep(0.005)  # not an Event wait: under libfaketime (scripts/test) it never ends

    got = outcomes(window.sync.operations, work)
    assert looping.wait(10)
    window.close()
    assert not window.sync.operations.busy and got == {"cancelled": []}
