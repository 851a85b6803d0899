"""A new user's first inspection after `./scripts/run-demo`, end to end, by keyboard.

On the demo store: find the clinic on the subjects page, Enter, the two inspectors,
start; answer the whole clinic checklist from the keyboard with one finding, its note
and a photo; Ctrl+Enter to the summary, sign with the mouse, complete; then check in
the store what the user would expect to find there, and that the inspection reopens
read-only.
"""

import hashlib
import io
from datetime import date, timedelta

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from inspector import cli, evidence, ids, inspections, ledger_query, queries
from inspector.store import Store

pytestmark = pytest.mark.gui

CLINIC = "宁波仁和口腔诊所"  # one of the demo's three clinics
INSPECTORS = ("张伟", "李娜")
REPRESENTATIVE = "钱永康"  # the clinic's legal representative in the demo
NOTE = "门头招牌使用“仁和齿科”，与核准名称不一致"
LICENCE = "浙卫医证字第330203-2021号"
REMARKS = "现场检查发现门头名称与许可证不一致，已当场告知。"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def demo_store(tmp_path, monkeypatch):
    """The store `./scripts/run-demo` makes: `inspector demo --out DIR` on the user's store."""
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "walk-test passphrase")
    db = tmp_path / "inspector.db"
    assert cli.main(["--db", str(db), "demo", "--out", str(tmp_path / "inspector-demo")]) == 0
    with Store(db) as opened:
        yield opened


def focused():
    """Where the keyboard goes: the focus widget, else the active window."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "nothing has the keyboard"
    return target


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text):
    """Typed into the focused widget: ASCII from the keys, Chinese through the input method."""
    target = focused()
    if text.isascii():
        qtbot.keyClicks(target, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(target, event)


def on_dialog(qtbot, kind, act):
    """Run act(dialog) once a modal `kind` dialog is up and has the keyboard: exec()
    blocks whoever opened it.
    Returns a list that gets None when act ran, or the exception it raised."""
    outcome = []
    tries = 500  # polls 10 ms apart

    def poll():
        nonlocal tries
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            tries -= 1
            if tries:
                QTimer.singleShot(10, poll)
            else:
                outcome.append(AssertionError(f"no {kind.__name__} came up"))
            return
        try:
            qtbot.waitUntil(dialog.isActiveWindow)
            act(dialog)
        except BaseException as exc:  # reported by the test, not lost in the event loop
            outcome.append(exc)
            dialog.reject()
        else:
            outcome.append(None)
            if dialog.isVisible():
                outcome[-1] = AssertionError(f"{kind.__name__} still open")
                dialog.reject()

    QTimer.singleShot(0, poll)
    return outcome


def back_to(qtbot, window):
    """A closed dialog gives the keyboard back to its window: the window manager does
    that on a desktop, the offscreen platform does not."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def check(outcome):
    assert outcome, "the dialog never came up"
    if outcome[0] is not None:
        raise outcome[0]


def test_first_inspection_on_the_demo_data(app, qtbot, demo_store, tmp_path, monkeypatch):
    from inspector.ui.forms.runner import FormRunner
    from inspector.ui.mainwindow import MainWindow
    from inspector.ui.new_inspection import NewInspectionDialog
    from inspector.ui.signature import SignatureDialog
    from inspector.ui.summary import SummaryPage

    store = demo_store
    before = {row[0] for row in store.conn.execute("SELECT id FROM inspections")}
    photo = tmp_path / "IMG_0815.jpg"
    Image.new("RGB", (800, 600), (180, 40, 40)).save(photo, "JPEG")
    chosen_files = []  # what the file dialog is asked for: the user picks the photo

    def pick_photo(parent, caption, folder, filters):
        chosen_files.append(caption)
        return [str(photo)], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", pick_photo)

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    subjects = window.subjects
    assert window.stack.currentWidget() is subjects

    # --- the subjects page: Ctrl+F, type, Enter, Enter ---------------------------------
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is subjects.search
    type_text(qtbot, "仁和口腔")
    press(qtbot, Qt.Key.Key_Return)  # at once, not waiting for the list to settle
    assert focused() is subjects.table
    assert subjects.selected()["name"] == CLINIC

    def start_inspection(dialog):
        assert dialog.subject["name"] == CLINIC
        assert dialog.representative.text() == REPRESENTATIVE
        assert focused() is dialog.inspector1
        type_text(qtbot, INSPECTORS[0])
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.inspector2
        type_text(qtbot, INSPECTORS[1])
        # with the health bureau (联合检查): the market regulator alone could not order
        # the clinic's postings, it would transfer them (移送)
        dialog.authorities.add_joint("某某县卫生健康局")
        press(qtbot, Qt.Key.Key_Return)  # the default button: 开始

    started = on_dialog(qtbot, NewInspectionDialog, start_inspection)
    press(qtbot, Qt.Key.Key_Return)
    check(started)
    back_to(qtbot, window)
    runner = window.runner
    assert isinstance(runner, FormRunner) and window.stack.currentWidget() is runner
    inspection = runner.id
    assert inspection not in before
    assert inspections.get(store, inspection)["inspectors"] == list(INSPECTORS)

    # --- the clinic checklist, item by item ----------------------------------------------
    def at(item_id):
        assert runner.current == item_id
        assert runner.page().isAncestorOf(focused()), f"focus left {item_id}"

    def answer(item_id, key):
        at(item_id)
        press(qtbot, getattr(Qt.Key, f"Key_{key}"))

    def typed(item_id, text):
        at(item_id)
        type_text(qtbot, text)
        press(qtbot, Qt.Key.Key_Return)

    def add_photo():
        with qtbot.waitSignal(runner.photos_stored, timeout=10000):
            press(qtbot, Qt.Key.Key_P, CTRL)  # the file dialog: the photo is picked

    typed("cli-01", LICENCE)
    answer("cli-02", 1)  # 医疗机构执业许可证 -> its expiry date is asked next
    typed("cli-03", "20300131")
    for item_id in ("cli-04", "cli-05", "cli-06"):
        answer(item_id, 1)
    at("cli-07")  # the photo of the licence on the wall
    add_photo()
    press(qtbot, Qt.Key.Key_Return)
    answer("cli-08", 2)  # 不合格: the note is asked for
    assert focused() is runner.page().note
    type_text(qtbot, NOTE)
    add_photo()
    assert runner.page().photos.count == 1
    press(qtbot, Qt.Key.Key_Return)
    typed("cli-09", "0")
    for number in range(10, 20):
        answer(f"cli-{number}", 1)
    answer("cli-20", 1)  # 开展静脉输液: three more items appear
    for item_id in ("cli-21", "cli-22", "cli-23", "cli-24"):
        answer(item_id, 1)
    typed("cli-25", "1")
    answer("cli-26", 1)
    answer("cli-27", 1)
    answer("cli-28", 1)  # 未发现 (a multiple choice stays for more)
    at("cli-28")
    press(qtbot, Qt.Key.Key_Return)
    typed("cli-29", REMARKS)  # Enter on the last item saves it too
    at("cli-29")  # the last item
    assert len(chosen_files) == 2
    assert window.statusBar().currentMessage() == "已答 29/29 · 不合格 1 · 必填未答 0"

    # --- the summary: Ctrl+Enter, three signatures, complete ---------------------------------
    press(qtbot, Qt.Key.Key_Return, CTRL)
    summary = window.summary
    assert isinstance(summary, SummaryPage) and window.stack.currentWidget() is summary
    assert [item["id"] for item in summary.progress.non_compliant] == ["cli-08"]
    assert summary.complete_button.isEnabled()

    def sign(dialog):
        pad = dialog.pad
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 100))
        for x in range(40, 300, 20):
            qtbot.mouseMove(pad, QPoint(x, 80 + (x % 40)))
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 90))
        assert dialog.ok.isEnabled()
        assert focused() is dialog.name_edit
        press(qtbot, Qt.Key.Key_Return)  # 保存签名

    asked = []
    while True:
        buttons = [b for b in summary.body.findChildren(QPushButton) if b.text() == "签名…"]
        if not buttons:
            break
        assert len(asked) < 5, "the summary keeps asking for signatures"
        signed = on_dialog(qtbot, SignatureDialog, lambda d: (asked.append(d.name()), sign(d)))
        qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
        check(signed)
        back_to(qtbot, window)
    assert asked == [*INSPECTORS, REPRESENTATIVE]
    # 完成并锁定 asks first; Enter alone keeps the draft (Cancel is the default)
    kept = on_dialog(qtbot, QMessageBox, lambda box: press(qtbot, Qt.Key.Key_Return))
    press(qtbot, Qt.Key.Key_Return, CTRL)
    check(kept)
    back_to(qtbot, window)
    assert inspections.get(store, inspection)["status"] == "draft"
    locked = on_dialog(qtbot, QMessageBox, lambda box: next(
        b for b in box.buttons() if b.text() == "完成并锁定").click())
    press(qtbot, Qt.Key.Key_Return, CTRL)
    check(locked)
    back_to(qtbot, window)
    assert inspections.get(store, inspection)["status"] == "completed"
    assert window.statusBar().currentMessage() == "检查已完成并锁定。"
    assert not summary.complete_button.isVisible()

    # --- what the store holds ---------------------------------------------------------------
    record = inspections.get(store, inspection)
    assert record["finished_at"] and record["representative"] == REPRESENTATIVE
    stored = inspections.answers(store, inspection)
    values = {item_id: answer["value"] for item_id, answer in stored.items()}
    expected = {f"cli-{n:02d}": "yes" for n in range(4, 28) if n not in (7, 9, 20, 25)}
    expected.update({"cli-01": LICENCE, "cli-02": "licence", "cli-03": "2030-01-31",
                     "cli-08": "no", "cli-09": 0, "cli-20": "yes", "cli-25": 1,
                     "cli-28": ["none"], "cli-29": REMARKS})
    assert values == expected  # every visible item (cli-07 is answered by its photo)
    assert stored["cli-08"]["note"] == NOTE
    assert [a["note"] for k, a in stored.items() if k != "cli-08"] == [None] * (len(stored) - 1)

    original = hashlib.sha256(photo.read_bytes()).hexdigest()
    photos = queries.evidence_of(store, inspection)
    assert [(p["item_id"], p["file_name"], p["original_sha256"]) for p in photos] == [
        ("cli-07", photo.name, original), ("cli-08", photo.name, original)]
    assert Image.open(io.BytesIO(evidence.blob(store, photos[1]["sha256"]))).size == (800, 600)

    signatures = queries.signatures_of(store, inspection)
    assert [(s["role"], s["signer_name"]) for s in signatures] == [
        ("inspector", INSPECTORS[0]), ("inspector", INSPECTORS[1]),
        ("representative", REPRESENTATIVE)]
    for row in signatures:
        assert Image.open(io.BytesIO(evidence.blob(store, row["image_sha256"]))).format == "PNG"

    checklist = inspections.checklist_of(store, record)
    item = checklist.item("cli-08")
    items = ledger_query.items(store, ledger_query.LedgerFilter(inspection_id=inspection))
    assert len(items) == 1
    finding = items[0]
    found_on = ids.local_date(record["finished_at"])
    assert finding["item_id"] == "cli-08" and finding["status"] == "open"
    assert finding["problem"] == f"{item['text']['zh']}：{NOTE}"
    assert finding["basis"] == "《医疗机构管理条例实施细则》第四十条至第四十七条"
    assert finding["requirement"] == item["requirement"]["zh"]
    assert finding["severity"] == "minor" and checklist.deadline_days(item) == 30
    assert finding["found_on"] == found_on.isoformat()
    assert finding["deadline"] == (found_on + timedelta(days=30)).isoformat()
    assert date.fromisoformat(finding["deadline"]) > date.today()
    assert finding["responsible"] == REPRESENTATIVE and not finding["overdue"]

    # --- reopened: the same place, read-only -----------------------------------------------
    window.close()
    again = MainWindow(store)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    assert again.stack.currentWidget() is again.summary and again.summary.id == inspection
    assert not again.summary.complete_button.isVisible()
    assert again.runner.read_only
    press(qtbot, Qt.Key.Key_Escape)  # back to the checklist
    runner = again.runner
    assert again.stack.currentWidget() is runner and runner.read_only
    assert "只读" in again.statusBar().currentMessage()
    assert runner.current == "cli-29"  # where the inspector left it
    press(qtbot, Qt.Key.Key_1, CTRL)  # the first section
    press(qtbot, Qt.Key.Key_J)
    assert runner.current == "cli-02"  # the keys still move through the items
    assert runner.isAncestorOf(focused())
    press(qtbot, Qt.Key.Key_3)  # 无: would hide cli-03 and cli-07 in a draft; here nothing
    assert runner.current == "cli-02" and runner.state.visible_ids == {
        item["id"] for item in checklist.items}
    assert runner.page().answer.value() == "licence" and not runner.page().answer.isEnabled()
    runner.go_to("cli-08")
    assert runner.page().note.text() == NOTE and runner.page().note.isReadOnly()
    assert runner.page().photos.count == 1
    assert inspections.answers(store, inspection) == stored
    assert inspections.get(store, inspection)["status"] == "completed"
