"""更正…: on a signed inspection, the inspections page asks why, starts the correction
and opens it; the list marks the superseded record and the correction."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from inspector import corrections, identity, inspections

from ..helpers.stores import FAST, SECRET
from .test_inspections_page import answer_all, cell, rows

pytestmark = pytest.mark.gui


@pytest.fixture
def signed(store, mini, subject):
    identity.init_identity(store, name="张伟", role="inspector", org="某县市场监督管理局",
                           secret=SECRET, kdf=FAST)
    done = inspections.start(store, subject=subject["id"], checklist=mini,
                             inspectors=["张伟", "李娜"], started_at="2026-03-10T02:00:00.000Z")
    answer_all(store, done)
    inspections.complete(store, done)
    inspections.mark_signed(store, done)
    draft = inspections.start(store, subject=subject["id"], checklist=mini,
                              inspectors=["张伟", "李娜"], started_at="2026-03-01T02:00:00.000Z")
    return {"signed": done, "draft": draft}


@pytest.fixture
def page(app, qtbot, store, signed):
    from inspector.ui.inspections_page import InspectionsPage

    shown = InspectionsPage(store)
    qtbot.addWidget(shown)
    shown.resize(1024, 600)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def answer_dialog(reason: str | None, seen: list) -> None:
    """Fill in the reason dialog once it is up (None: cancel it)."""
    def act():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, act)
            return
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen.append(ok.isEnabled())  # nothing given yet: OK waits for a reason
        if reason is None:
            dialog.reject()
            return
        dialog.reason.setPlainText(reason)
        seen.append(ok.isEnabled())
        ok.click()
    QTimer.singleShot(0, act)


def test_correct_is_offered_on_a_signed_record_only(page, signed):
    assert rows(page) == [signed["signed"], signed["draft"]]
    page.table.selectRow(1)
    assert not page.correct_button.isEnabled()
    page.table.selectRow(0)
    assert page.correct_button.isEnabled()
    assert page.correct_button.text() == "更正…"


def test_correct_asks_why_starts_the_correction_and_opens_it(page, signed, store, qtbot):
    page.select(signed["signed"])
    seen = []
    answer_dialog("营业面积误记", seen)
    with qtbot.waitSignal(page.open_inspection) as opened:
        page.correct_button.click()
    assert seen == [False, True]
    correction = inspections.get(store, opened.args[0])
    assert (correction["corrects"], correction["correction_reason"], correction["status"]) == (
        signed["signed"], "营业面积误记", "draft")
    inspections.complete(store, correction["id"])
    page.refresh()
    assert rows(page)[1] == signed["signed"]
    assert cell(page, 0, 4) == "已完成 · 更正记录"
    assert cell(page, 1, 4) == "已签名 · 已被更正"
    assert corrections.superseded_by(store, signed["signed"]) == correction["id"]
    page.select(signed["signed"])
    assert not page.correct_button.isEnabled()  # the latest record is the one to correct


def test_cancelling_the_dialog_starts_nothing(page, signed, store, qtbot):
    page.select(signed["signed"])
    seen = []
    answer_dialog(None, seen)
    page.correct_button.click()
    qtbot.waitUntil(lambda: seen == [False])
    assert store.conn.execute("SELECT COUNT(*) FROM inspections").fetchone()[0] == 2


def test_the_page_and_the_dialog_fit_a_small_screen(page, signed, store, tmp_path):
    from inspector.ui.correction_dialog import CorrectionDialog

    page.select(signed["signed"])
    assert page.correct_button.geometry().right() <= page.width()
    dialog = CorrectionDialog(inspections.get(store, signed["signed"]), page)
    assert dialog.sizeHint().width() <= 1024 and dialog.sizeHint().height() <= 600
    page.grab().save(str(tmp_path / "page.png"))


def test_the_summary_says_what_corrects_what(app, qtbot, store, signed):
    from inspector.ui.summary import SummaryPage

    correction = corrections.start(store, signed["signed"], "营业面积误记")
    inspections.complete(store, correction)
    notes = {}
    for record in (signed["signed"], correction):
        summary = SummaryPage(store, record)
        qtbot.addWidget(summary)
        notes[record] = summary._correction_note().text()
    assert notes[signed["signed"]].startswith("已被更正") and correction[:8] in \
        notes[signed["signed"]]
    assert "理由：营业面积误记" in notes[correction] and signed["signed"][:8] in notes[correction]
