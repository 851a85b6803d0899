"""The add/edit subject dialog: a refused save shows why, and the message goes away once
the user changes what they typed."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from inspector import uscc
from inspector.subjects import list_subjects

from ..conftest import VALID_CODE

pytestmark = pytest.mark.gui

OTHER_CODE = uscc.complete("92330521MA2B7XK3L")
TAKEN = f"统一社会信用代码 {VALID_CODE} 已存在（德清县吉祥烟花爆竹零售店）"


def open_dialog(qtbot, store):
    from inspector.ui.subject_dialog import SubjectDialog

    dialog = SubjectDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_into(qtbot, widget, text):
    """Typed as a user would: ASCII from the keyboard, Chinese through the input method."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def save_taken_code(qtbot, dialog):
    """Fill in a subject whose credit code is already stored and press Save."""
    if not dialog.name.text():
        type_into(qtbot, dialog.name, "德清县另一家烟花店")
    if not dialog.code.text():
        type_into(qtbot, dialog.code, VALID_CODE)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == TAKEN
    assert dialog.isVisible() and dialog.saved_id is None


def test_editing_the_code_clears_the_error(app, qtbot, store, subject):
    dialog = open_dialog(qtbot, store)
    save_taken_code(qtbot, dialog)
    dialog.code.setFocus()
    qtbot.keyClick(dialog.code, Qt.Key.Key_Backspace)  # the code it was about
    assert dialog.error.text() == ""
    assert [s["name"] for s in list_subjects(store)] == [subject["name"]]


@pytest.mark.parametrize("field", ["name", "address", "legal_rep", "phone"])
def test_editing_any_other_field_clears_the_error(app, qtbot, store, subject, field):
    dialog = open_dialog(qtbot, store)
    save_taken_code(qtbot, dialog)
    type_into(qtbot, getattr(dialog, field), "号" if field != "phone" else "5")
    assert dialog.error.text() == ""


def test_choosing_another_sector_clears_the_error(app, qtbot, store, subject):
    dialog = open_dialog(qtbot, store)
    save_taken_code(qtbot, dialog)
    before = dialog.sector.currentIndex()
    dialog.sector.setFocus()
    qtbot.keyClick(dialog.sector, Qt.Key.Key_Down if before == 0 else Qt.Key.Key_Up)
    assert dialog.sector.currentIndex() != before
    assert dialog.error.text() == ""


def test_a_corrected_code_saves_after_the_error(app, qtbot, store, subject):
    dialog = open_dialog(qtbot, store)
    save_taken_code(qtbot, dialog)
    dialog.code.selectAll()
    type_into(qtbot, dialog.code, OTHER_CODE)
    assert dialog.error.text() == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "" and dialog.saved_id is not None
    assert {s["uscc"] for s in list_subjects(store)} == {VALID_CODE, OTHER_CODE}
