"""The inspections page: every inspection of the store, filtered by sector, status and
date; a completed one opens read-only."""

import io

import pytest
from PIL import Image
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from inspector import checklists, evidence, ids, inspections, uscc
from inspector.subjects import add_subject

pytestmark = pytest.mark.gui

SHOP_CODE = uscc.complete("92330521MA2B7XK3L")


def answer_all(store, inspection_id):
    for item, value in (("m-01", "yes"), ("m-02", "2099-01-01"), ("m-03", "shop"),
                        ("m-05", 50), ("m-06", ["extinguisher"])):
        inspections.record_answer(store, inspection_id, item, value)
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(picture, "JPEG")
    evidence.add_evidence(store, inspection_id, "m-07", picture.getvalue(), mime="image/jpeg")


@pytest.fixture
def three(store, mini, subject):
    """Three inspections: a completed and a draft one in the test sector (March, May),
    and a fireworks-shop self-check (April)."""
    shop = add_subject(store, name="湖州市南浔区明珠烟花经营部", code=SHOP_CODE,
                       sector="fireworks_retail", address="南浔镇人瑞路12号", legal_rep="钱雪梅")
    done = inspections.start(store, subject=subject["id"], checklist=mini,
                             inspectors=["张伟", "李娜"], started_at="2026-03-10T02:00:00.000Z")
    answer_all(store, done)
    inspections.complete(store, done, finished_at="2026-03-10T04:00:00.000Z")
    draft = inspections.start(store, subject=subject["id"], checklist=mini,
                              inspectors=["张伟", "李娜"], started_at="2026-05-20T03:00:00.000Z")
    self_check = inspections.start(store, subject=shop["id"],
                                   checklist=checklists.find("fireworks_retail"),
                                   kind="self_check", inspectors=["钱雪梅"],
                                   started_at="2026-04-15T06:00:00.000Z")
    return {"done": done, "draft": draft, "self_check": self_check}


@pytest.fixture
def page(app, qtbot, store, three):
    from inspector.ui.inspections_page import InspectionsPage

    shown = InspectionsPage(store)
    qtbot.addWidget(shown)
    shown.resize(1200, 600)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def rows(page):
    model = page.model
    while model.canFetchMore():
        model.fetchMore()
    return [model.row_at(row)["id"] for row in range(model.rowCount())]


def cell(page, row, column):
    return page.model.index(row, column).data()


def pick(box, value):
    """Choose the combo box entry whose data is `value`, as a user picking it would."""
    index = box.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    box.setCurrentIndex(index)


def test_lists_every_inspection_newest_first(page, three):
    assert rows(page) == [three["draft"], three["self_check"], three["done"]]
    assert page.count.text() == "共 3 次检查"
    subjects = [cell(page, row, 2) for row in range(3)]
    assert subjects == ["德清县吉祥烟花爆竹零售店", "湖州市南浔区明珠烟花经营部",
                        "德清县吉祥烟花爆竹零售店"]
    statuses = [cell(page, row, 4) for row in range(3)]
    assert statuses == ["草稿", "草稿", "已完成"]
    assert [cell(page, row, 1) for row in range(3)] == ["现场检查", "企业自查", "现场检查"]
    assert cell(page, 2, 5) == "6/7"  # m-04 hidden (m-03 = shop), optional m-08 open


def test_filters_by_sector_status_and_date(page, three):
    pick(page.sector, "mini")
    assert rows(page) == [three["draft"], three["done"]]
    pick(page.sector, "fireworks_retail")
    assert rows(page) == [three["self_check"]]
    assert page.count.text() == "共 1 次检查"
    pick(page.sector, "clinic")
    assert rows(page) == []
    pick(page.sector, None)
    assert len(rows(page)) == 3

    pick(page.status, "completed")
    assert rows(page) == [three["done"]]
    pick(page.status, "draft")
    assert rows(page) == [three["draft"], three["self_check"]]
    pick(page.sector, "mini")
    assert rows(page) == [three["draft"]]  # both filters at once
    pick(page.status, None)
    pick(page.sector, None)

    page.since.setDate(QDate(2026, 4, 1))
    page.until.setDate(QDate(2026, 4, 30))
    assert len(rows(page)) == 3  # dates apply only once ticked
    page.by_date.click()
    assert rows(page) == [three["self_check"]]
    page.since.setDate(QDate(2026, 3, 10))  # both ends inclusive
    page.until.setDate(QDate(2026, 4, 15))
    assert rows(page) == [three["self_check"], three["done"]]
    pick(page.status, "completed")
    assert rows(page) == [three["done"]]
    page.by_date.click()
    pick(page.status, None)
    assert len(rows(page)) == 3
    assert page.count.text() == "共 3 次检查"


# this machine's clock: on Beijing time as an inspector's laptop is, on UTC, and 24 hours
# behind Beijing (its calendar day is always the day before Beijing's)
CLOCKS = {"beijing": "CST-8", "utc": "UTC0", "a day behind": "XST+16"}


@pytest.mark.parametrize("zone", CLOCKS.values(), ids=CLOCKS.keys())
def test_date_filter_uses_the_day_shown(app, qtbot, store, mini, subject, machine_zone, zone):
    from inspector.ui.inspections_page import InspectionsPage

    machine_zone(zone)
    starts = {"early": "2026-03-31T23:30:00.000Z", "late": "2026-04-01T15:59:00.000Z",
              "next": "2026-04-01T16:00:00.000Z"}
    made = {name: inspections.start(store, subject=subject["id"], checklist=mini,
                                    inspectors=["张伟", "李娜"], started_at=started)
            for name, started in starts.items()}
    page = InspectionsPage(store)
    qtbot.addWidget(page)
    assert rows(page) == [made["next"], made["late"], made["early"]]
    # the starts as the table shows them: Beijing time, whatever the machine's zone
    assert [cell(page, row, 0) for row in range(3)] == [
        "2026-04-02 00:00", "2026-04-01 23:59", "2026-04-01 07:30"]
    # the range offered at first ends today, in Beijing
    assert page.until.date().toString("yyyy-MM-dd") == ids.today()
    page.since.setDate(QDate(2026, 4, 1))
    page.until.setDate(QDate(2026, 4, 1))
    page.by_date.click()
    assert rows(page) == [made["late"], made["early"]]
    assert page.count.text() == "共 2 次检查"
    page.since.setDate(QDate(2026, 4, 2))
    page.until.setDate(QDate(2026, 4, 2))
    assert rows(page) == [made["next"]]
    page.since.setDate(QDate(2026, 3, 31))
    page.until.setDate(QDate(2026, 3, 31))
    assert rows(page) == []
    assert page.count.text() == "共 0 次检查"


def open_from_page(qtbot, window, inspection_id):
    """Select the inspection's line on the inspections page (F6) and press Enter."""
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.stack.currentWidget() is window.inspections
    page = window.inspections
    page.select(inspection_id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.runner is not None and window.runner.id == inspection_id
    assert window.stack.currentWidget() is window.runner
    focus = QApplication.focusWidget()
    assert focus is not None and window.runner.isAncestorOf(focus), "the keys go elsewhere"
    return window.runner


def press_answer_keys(qtbot, runner, item_id):
    runner.go_to(item_id)
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):
        qtbot.keyClick(QApplication.focusWidget(), key)
        runner.go_to(item_id)


def test_a_completed_inspection_opens_read_only(app, qtbot, store, three):
    from inspector.ui.mainwindow import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    done = three["done"]
    before = inspections.answers(store, done)
    log_size = store.conn.execute("SELECT COUNT(*) FROM changelog").fetchone()[0]
    runner = open_from_page(qtbot, window, done)
    assert runner.read_only
    assert "只读" in window.statusBar().currentMessage()
    for item_id in ("m-01", "m-03", "m-06"):
        press_answer_keys(qtbot, runner, item_id)
        assert not runner.page().answer.isEnabled()
    runner.flush()
    assert inspections.answers(store, done) == before
    assert inspections.get(store, done)["status"] == "completed"
    assert store.conn.execute("SELECT COUNT(*) FROM changelog").fetchone()[0] == log_size

    # the same keys on a draft opened the same way do answer: the keys reached the form
    draft = three["draft"]
    runner = open_from_page(qtbot, window, draft)
    assert not runner.read_only
    assert runner.current == "m-01"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    assert inspections.answers(store, draft)["m-01"]["value"] == "no"
