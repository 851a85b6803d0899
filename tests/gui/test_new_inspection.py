"""The new-inspection dialog: find the subject, see the checklist version, the people,
two inspectors on site, self-checks, and the choices remembered for next time."""

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from inspector import ids, inspections, uscc
from inspector.subjects import add_subject

pytestmark = pytest.mark.gui

OTHER_CODE = uscc.complete("92330521MA2B7XK3L")  # a second, valid credit code


@pytest.fixture
def other(store, mini):
    return add_subject(store, name="湖州市南浔区明珠烟花经营部", code=OTHER_CODE, sector="mini",
                       address="南浔镇人瑞路12号", legal_rep="钱雪梅")


@pytest.fixture
def dialog(app, qtbot, store, subject, other):
    return open_dialog(qtbot, store)


def open_dialog(qtbot, store, subject_id=None):
    from inspector.ui.new_inspection import NewInspectionDialog

    opened = NewInspectionDialog(store, subject_id)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    # the list reads its rows from the store once it is laid out
    qtbot.waitUntil(lambda: opened.subjects.rowCount() == opened.subjects.total)
    return opened


def type_into(qtbot, widget, text):
    """Typed as a user would: ASCII from the keyboard, Chinese through the input method."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def listed(dialog):
    model = dialog.subjects
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def choose(qtbot, dialog, name):
    """Click the subject's line in the list."""
    row = listed(dialog).index(name)
    view = dialog.subject_list
    rect = view.visualRect(dialog.subjects.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_start(qtbot, dialog):
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def stored_inspections(store):
    return [inspections.get(store, row[0]) for row in
            store.conn.execute("SELECT id FROM inspections ORDER BY id")]


def search(qtbot, dialog, text):
    """Type into the search box and wait for the list to show what it found."""
    dialog.search.clear()
    type_into(qtbot, dialog.search, text)
    qtbot.waitUntil(lambda: not dialog.typing.isActive()
                    and dialog.subjects.filter.text == text
                    and dialog.subjects.rowCount() == dialog.subjects.total)
    return listed(dialog)


def test_search_narrows_the_list_by_name_and_by_credit_code(dialog, qtbot, subject, other):
    assert sorted(listed(dialog)) == sorted([subject["name"], other["name"]])
    assert search(qtbot, dialog, "吉祥") == [subject["name"]]
    assert search(qtbot, dialog, OTHER_CODE[8:14]) == [other["name"]]  # part of the code
    assert search(qtbot, dialog, subject["uscc"].lower()) == [subject["name"]]
    assert search(qtbot, dialog, "no such subject") == []
    assert sorted(search(qtbot, dialog, "烟花")) == sorted([subject["name"], other["name"]])


def test_choosing_a_subject_shows_it_with_its_checklist_version(dialog, qtbot, other, mini):
    assert dialog.subject is None and dialog.checklist.count() == 0
    assert search(qtbot, dialog, "明珠") == [other["name"]]
    choose(qtbot, dialog, other["name"])
    assert dialog.subject["id"] == other["id"]
    assert dialog.subject_label.isVisible()
    assert dialog.subject_label.text() == f"{other['name']} · {OTHER_CODE}"
    assert dialog.representative.text() == "钱雪梅"  # the legal representative by default
    assert dialog.place.text() == "南浔镇人瑞路12号"  # and the address as the place
    assert dialog.checklist.count() == 1 and dialog.checklist.currentData() == "mini"
    assert dialog.checklist.currentText() == "测试检查表（版本 1.0，共 8 项）"
    assert mini.version == "1.0" and len(mini.items) == 8


def test_opened_for_a_subject_starts_with_it(app, qtbot, store, subject, other):
    dialog = open_dialog(qtbot, store, other["id"])
    assert dialog.subject["id"] == other["id"]
    assert dialog.subject_label.text().startswith(other["name"])
    assert dialog.checklist.currentData() == "mini"


def test_start_without_a_subject_is_refused(dialog, qtbot, store):
    dialog.inspector1.setText("张伟")
    dialog.inspector2.setText("李娜")
    click_start(qtbot, dialog)
    assert dialog.isVisible() and dialog.inspection_id is None
    assert dialog.error.isVisible() and dialog.error.text() == "请先选择被检查对象。"
    assert stored_inspections(store) == []


def test_on_site_with_one_inspector_is_refused_and_creates_nothing(dialog, qtbot, store,
                                                                   subject):
    choose(qtbot, dialog, subject["name"])
    assert dialog.kind_value() == "inspection"
    assert dialog.first_label.text() == "检查人员一" and dialog.inspector2.isVisible()
    type_into(qtbot, dialog.inspector1, "张伟")
    click_start(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.inspection_id is None
    assert dialog.error.isVisible()
    assert "两名" in dialog.error.text() and "1" in dialog.error.text()
    assert stored_inspections(store) == []


def test_on_site_with_two_inspectors_is_created(dialog, qtbot, store, subject, mini):
    choose(qtbot, dialog, subject["name"])
    type_into(qtbot, dialog.inspector1, "张伟")
    type_into(qtbot, dialog.inspector2, "李娜")
    dialog.place.clear()
    type_into(qtbot, dialog.place, "武康街道永安街58号（仓库）")
    started = QDateTime(QDate(2026, 3, 10), QTime(9, 30))
    dialog.started.setDateTime(started)
    click_start(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    [created] = stored_inspections(store)
    assert dialog.inspection_id == created["id"]
    assert created["kind"] == "inspection" and created["status"] == "draft"
    assert created["subject_id"] == subject["id"]
    assert (created["checklist_id"], created["checklist_version"]) == ("mini", "1.0")
    assert created["checklist_hash"] == mini.hash
    assert created["inspectors"] == ["张伟", "李娜"]
    assert created["place"] == "武康街道永安街58号（仓库）"
    assert created["representative"] == "沈福根"
    assert created["started_at"] == started.toUTC().toString("yyyy-MM-ddTHH:mm:ss.zzzZ")
    listed_rows = inspections.list_inspections(store)
    assert [(r["id"], r["subject"]) for r in listed_rows] == [(created["id"], subject["name"])]


# this machine's clock: on Beijing time, on UTC, and 24 hours behind Beijing
CLOCKS = {"beijing": "CST-8", "utc": "UTC0", "a day behind": "XST+16"}


@pytest.mark.parametrize("zone", CLOCKS.values(), ids=CLOCKS.keys())
def test_the_start_is_beijing_time_as_the_tables_show_it(app, qtbot, store, subject, other,
                                                         machine_zone, zone):
    from inspector.ui.inspections_page import InspectionsPage

    machine_zone(zone)
    before = ids.local_time(ids.now())
    dialog = open_dialog(qtbot, store)
    after = ids.local_time(ids.now())
    assert dialog.started.text() in {before, after}  # now, on the Beijing clock
    choose(qtbot, dialog, subject["name"])
    type_into(qtbot, dialog.inspector1, "张伟")
    type_into(qtbot, dialog.inspector2, "李娜")
    # this year's 1 April at 07:30 (typing another year into the year section is not
    # what this is about, and Qt takes it differently from one year to the next)
    year = ids.today()[:4]
    dialog.started.setFocus()
    dialog.started.selectAll()
    qtbot.keyClicks(dialog.started, f"{year}-04-01 07:30")
    assert dialog.started.text() == f"{year}-04-01 07:30"
    click_start(qtbot, dialog)
    [created] = stored_inspections(store)
    assert created["started_at"].startswith(f"{year}-03-31T23:30:")  # stored in UTC
    page = InspectionsPage(store)
    qtbot.addWidget(page)
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert page.model.index(0, 0).data() == f"{year}-04-01 07:30"  # the time that was typed


def test_self_check_needs_one_person_and_keeps_the_representative(dialog, qtbot, store,
                                                                  subject):
    choose(qtbot, dialog, subject["name"])
    type_into(qtbot, dialog.inspector2, "李娜")  # typed before switching: hidden, not used
    self_check = next(b for b in dialog.kind.buttons() if b.property("kind") == "self_check")
    qtbot.mouseClick(self_check, Qt.MouseButton.LeftButton)
    assert dialog.kind_value() == "self_check"
    assert not dialog.inspector2.isVisible()  # one person checks for the company
    assert dialog.first_label.text() == "自查人"
    type_into(qtbot, dialog.inspector1, "王芳")
    dialog.representative.clear()
    type_into(qtbot, dialog.representative, "沈建国")
    click_start(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [created] = stored_inspections(store)
    assert dialog.inspection_id == created["id"]
    assert created["kind"] == "self_check"
    assert created["inspectors"] == ["王芳"]
    assert created["representative"] == "沈建国"
    assert created["place"] == subject["address"]


def test_a_self_check_without_the_checkers_name_is_refused(dialog, qtbot, store, subject):
    choose(qtbot, dialog, subject["name"])
    qtbot.mouseClick(dialog.kind.button(1), Qt.MouseButton.LeftButton)
    assert dialog.kind_value() == "self_check" and dialog.inspector1.text() == ""
    type_into(qtbot, dialog.inspector1, " ")
    click_start(qtbot, dialog)
    assert dialog.error.text() == "企业自查需要填写自查人姓名"
    assert dialog.inspection_id is None and stored_inspections(store) == []
    type_into(qtbot, dialog.inspector1, "王芳")
    assert dialog.error.text() == ""
    click_start(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [i["inspectors"] for i in stored_inspections(store)] == [["王芳"]]


def test_last_kind_and_inspectors_are_remembered(dialog, qtbot, store, subject, other):
    fresh = open_dialog(qtbot, store)
    assert fresh.kind_value() == "inspection"  # first time: on site, nobody filled in
    assert (fresh.inspector1.text(), fresh.inspector2.text()) == ("", "")

    choose(qtbot, dialog, subject["name"])
    type_into(qtbot, dialog.inspector1, "张伟")
    type_into(qtbot, dialog.inspector2, "李娜")
    click_start(qtbot, dialog)
    assert dialog.inspection_id is not None

    second = open_dialog(qtbot, store)
    assert second.kind_value() == "inspection"
    assert (second.inspector1.text(), second.inspector2.text()) == ("张伟", "李娜")
    choose(qtbot, second, other["name"])
    qtbot.mouseClick(second.kind.button(1), Qt.MouseButton.LeftButton)  # self-check
    second.inspector1.setText("钱雪梅")
    click_start(qtbot, second)
    assert second.inspection_id is not None

    third = open_dialog(qtbot, store)
    assert third.kind_value() == "self_check"
    assert not third.inspector2.isVisible()
    assert third.inspector1.text() == "钱雪梅"  # who checked last time, for the company
    # a self-check's person is not an inspector: the inspectors stay as they were
    qtbot.mouseClick(third.kind.button(0), Qt.MouseButton.LeftButton)
    assert (third.inspector1.text(), third.inspector2.text()) == ("张伟", "李娜")
    assert len(stored_inspections(store)) == 2


def test_a_refused_start_remembers_nothing(dialog, qtbot, store, subject):
    choose(qtbot, dialog, subject["name"])
    qtbot.mouseClick(dialog.kind.button(1), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.kind.button(0), Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.inspector1, "张伟")
    click_start(qtbot, dialog)  # one inspector on site: refused
    assert dialog.inspection_id is None
    again = open_dialog(qtbot, store)
    assert again.kind_value() == "inspection" and again.inspector1.text() == ""


def test_a_self_check_is_not_prefilled_with_an_inspector(dialog, qtbot, store, subject,
                                                          other):
    choose(qtbot, dialog, subject["name"])
    type_into(qtbot, dialog.inspector1, "张伟")
    type_into(qtbot, dialog.inspector2, "李娜")
    click_start(qtbot, dialog)  # on site: the inspectors are remembered
    assert dialog.inspection_id is not None

    second = open_dialog(qtbot, store)
    assert (second.inspector1.text(), second.inspector2.text()) == ("张伟", "李娜")
    qtbot.mouseClick(second.kind.button(1), Qt.MouseButton.LeftButton)
    # the company's own staff check themselves: no inspector's name is offered
    assert second.first_label.text() == "自查人" and second.inspector1.text() == ""
    choose(qtbot, second, other["name"])
    type_into(qtbot, second.inspector1, "钱雪梅")
    # back and forth: each kind keeps the name typed for it
    qtbot.mouseClick(second.kind.button(0), Qt.MouseButton.LeftButton)
    assert (second.inspector1.text(), second.inspector2.text()) == ("张伟", "李娜")
    qtbot.mouseClick(second.kind.button(1), Qt.MouseButton.LeftButton)
    assert second.inspector1.text() == "钱雪梅"
    click_start(qtbot, second)
    assert inspections.get(store, second.inspection_id)["inspectors"] == ["钱雪梅"]

    # remembered apart: the self-checker for self-checks, the pair for inspections
    third = open_dialog(qtbot, store)
    assert third.kind_value() == "self_check" and third.inspector1.text() == "钱雪梅"
    qtbot.mouseClick(third.kind.button(0), Qt.MouseButton.LeftButton)
    assert (third.inspector1.text(), third.inspector2.text()) == ("张伟", "李娜")
    choose(qtbot, third, subject["name"])
    click_start(qtbot, third)
    assert inspections.get(store, third.inspection_id)["inspectors"] == ["张伟", "李娜"]
    fourth = open_dialog(qtbot, store)
    assert fourth.kind_value() == "inspection"
    assert (fourth.inspector1.text(), fourth.inspector2.text()) == ("张伟", "李娜")
    qtbot.mouseClick(fourth.kind.button(1), Qt.MouseButton.LeftButton)
    assert fourth.inspector1.text() == "钱雪梅"


def test_a_refused_self_check_remembers_no_checker(dialog, qtbot, store, subject):
    qtbot.mouseClick(dialog.kind.button(1), Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.inspector1, "钱雪梅")
    click_start(qtbot, dialog)  # no subject: refused
    assert dialog.inspection_id is None
    again = open_dialog(qtbot, store)
    qtbot.mouseClick(again.kind.button(1), Qt.MouseButton.LeftButton)
    assert again.inspector1.text() == ""


def test_choosing_a_subject_clears_the_error(dialog, qtbot, subject):
    click_start(qtbot, dialog)
    assert dialog.error.text() == "请先选择被检查对象。"
    choose(qtbot, dialog, subject["name"])
    assert dialog.error.text() == ""


def test_changing_the_inspectors_or_the_kind_clears_the_error(dialog, qtbot, store, subject):
    choose(qtbot, dialog, subject["name"])
    type_into(qtbot, dialog.inspector1, "张伟")
    click_start(qtbot, dialog)  # one inspector on site
    assert "两名" in dialog.error.text()
    type_into(qtbot, dialog.inspector2, "李")
    assert dialog.error.text() == ""  # the second inspector is being written

    dialog.inspector2.clear()
    click_start(qtbot, dialog)
    assert "两名" in dialog.error.text()
    dialog.inspector1.setFocus()
    qtbot.keyClick(dialog.inspector1, Qt.Key.Key_Backspace)
    assert dialog.error.text() == ""  # the first one changed

    click_start(qtbot, dialog)
    assert "两名" in dialog.error.text()
    qtbot.mouseClick(dialog.kind.button(1), Qt.MouseButton.LeftButton)
    assert dialog.error.text() == ""  # a self-check needs one person
    assert stored_inspections(store) == []


def test_a_subject_without_checklist_keeps_its_error_until_another_is_chosen(
        app, qtbot, store, subject, checklist_dir):
    from inspector.subjects import add_subject

    from ..helpers import campaign

    campaign.second_sector(checklist_dir)
    clinic = add_subject(store, name="丙诊所", code=uscc.complete("91330100MA2CCCC30"),
                         sector="mini2")
    (checklist_dir / "mini2.yaml").unlink()  # its sector's checklist is gone
    dialog = open_dialog(qtbot, store)
    click_start(qtbot, dialog)
    assert dialog.error.text() == "请先选择被检查对象。"
    choose(qtbot, dialog, clinic["name"])
    assert dialog.error.text() == "该被检查对象所属行业没有检查表。"
    type_into(qtbot, dialog.inspector1, "张伟")
    assert dialog.error.text() == "该被检查对象所属行业没有检查表。"  # still true
    choose(qtbot, dialog, subject["name"])
    assert dialog.error.text() == ""
