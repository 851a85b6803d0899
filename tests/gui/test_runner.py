"""The form runner: keyboard only, skip logic, autosave and resume."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel

from inspector import inspections

pytestmark = pytest.mark.gui


def press(qtbot, key, text=None):
    """A key (or typed text) to whatever has the focus, as the inspector's keyboard would."""
    target = QApplication.focusWidget()
    assert target is not None, "focus was lost"
    if text is not None and not text.isascii():
        event = QInputMethodEvent()  # Chinese arrives through the input method
        event.setCommitString(text)
        QApplication.sendEvent(target, event)
    elif text is not None:
        qtbot.keyClicks(target, text)
    else:
        qtbot.keyClick(target, key)


def stored(store, inspection):
    return {k: v["value"] for k, v in inspections.answers(store, inspection).items()}


def test_a_whole_section_by_keyboard_only(runner, qtbot, store, inspection):
    assert runner.current == "m-01"
    press(qtbot, Qt.Key.Key_1)  # 合格 -> m-02 (shown because m-01 = yes)
    assert runner.current == "m-02"
    press(qtbot, None, "20300131")  # the date editor takes digits, not the shortcuts
    press(qtbot, Qt.Key.Key_Return)
    assert runner.current == "m-03"
    press(qtbot, Qt.Key.Key_2)  # 专柜 -> m-04 appears and comes next
    assert runner.current == "m-04"
    press(qtbot, Qt.Key.Key_2)  # 不合格: stays, asks for a note
    assert runner.current == "m-04"
    assert QApplication.focusWidget() is runner.page().note
    assert runner.page().note_label.isVisible()  # the note keeps a label once typed into
    press(qtbot, None, "与日用品混放")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ShiftModifier)  # a second line, not the next item
    assert runner.current == "m-04"
    press(qtbot, None, "货架相邻")
    press(qtbot, Qt.Key.Key_Return)
    assert runner.current == "m-05"  # next section
    assert stored(store, inspection) == {"m-01": "yes", "m-02": "2030-01-31",
                                         "m-03": "counter", "m-04": "no"}
    assert inspections.answers(store, inspection)["m-04"]["note"] == "与日用品混放\n货架相邻"
    press(qtbot, Qt.Key.Key_Up)  # letters are text in the number field; arrows still move
    assert runner.current == "m-04"
    press(qtbot, Qt.Key.Key_K)
    assert runner.current == "m-03"
    press(qtbot, Qt.Key.Key_J)
    press(qtbot, Qt.Key.Key_N)  # next unanswered
    assert runner.current == "m-05"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert runner.current == "m-01"  # Ctrl+1: first section
    assert runner.status_text.count("4") >= 1  # 4 answered


def test_skip_logic_hides_and_clears(runner, qtbot, store, inspection):
    press(qtbot, Qt.Key.Key_1)
    press(qtbot, None, "20300131")
    press(qtbot, Qt.Key.Key_Return)
    assert "m-02" in stored(store, inspection)
    runner.go_to("m-01")
    press(qtbot, Qt.Key.Key_2)  # m-01 = no hides m-02
    assert "m-02" not in stored(store, inspection)
    assert runner.outline.items["m-02"].isHidden()
    assert runner.pages["m-02"].answer.value() is None
    assert "m-02" not in runner.state.visible_ids
    press(qtbot, Qt.Key.Key_Return)
    assert runner.current == "m-03"  # the hidden item is skipped


def test_autosave_survives_closing_and_reopening(app, qtbot, store, inspection):
    from inspector.ui.mainwindow import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.open_inspection(inspection)
    window.runner.go_to("m-03")
    window.runner.page().answer.key_answer(1)
    window.runner.go_to("m-05")
    qtbot.keyClicks(window.runner.page().answer.editor, "42")  # typed, not yet committed
    window.close()
    assert stored(store, inspection) == {"m-03": "shop", "m-05": 42}

    again = MainWindow(store)
    qtbot.addWidget(again)
    again.show()
    assert again.runner is not None and again.runner.id == inspection
    assert again.runner.current == "m-05"
    assert again.runner.page().answer.editor.text() == "42"


def test_app_window_shows_first_then_opens_where_the_inspector_left(app, qtbot, store,
                                                                    inspection):
    """As `inspector` starts it: the window paints as a shell, then resumes the
    inspection in progress at its item."""
    from inspector.ui.mainwindow import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.open_inspection(inspection)
    window.runner.go_to("m-03")
    window.close()

    again = MainWindow(store, open_later=True)
    qtbot.addWidget(again)
    assert again.stack.count() == 0 and again.runner is None  # nothing built yet
    assert again.statusBar().currentMessage() == "正在打开…"
    again.show()
    qtbot.waitUntil(lambda: again.runner is not None)
    assert again.stack.currentWidget() is again.runner
    assert again.runner.id == inspection and again.runner.current == "m-03"


def test_next_item_is_ready_before_the_inspector_moves_on(runner, qtbot):
    """While an item is read, the next one's page is built, so answering and moving
    on shows it at once; that page is the one then shown."""
    assert runner.current == "m-01"
    qtbot.waitUntil(lambda: "m-03" in runner.pages)  # m-02 is hidden until m-01 is "yes"
    prepared = runner.pages["m-03"]
    press(qtbot, Qt.Key.Key_3)  # 不适用 on m-01: moves on
    assert runner.current == "m-03" and runner.page() is prepared
    assert runner.stack.currentWidget() is prepared


@pytest.mark.qt_log_ignore("Corrupt JPEG data.*", "JPEG datastream contains no image")
def test_a_damaged_picture_shows_as_a_blank_tile(app, qtbot, store, inspection):
    """Qt's JPEG reader may say what is wrong with the file; the page still opens."""
    from inspector import evidence
    from inspector.ui.forms.photostrip import THUMB
    from inspector.ui.forms.runner import FormRunner

    evidence.add_evidence(store, inspection, "m-07", b"\xff\xd8 not a picture",
                          mime="image/jpeg")
    runner = FormRunner(store, inspection)
    qtbot.addWidget(runner)
    runner.go_to("m-07")
    tiles = [w for w in runner.page().photos.findChildren(QLabel) if w.objectName() == "thumb"]
    assert len(tiles) == 1 and tiles[0].pixmap().width() == THUMB
