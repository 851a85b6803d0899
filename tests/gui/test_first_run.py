"""A fresh store's home page says what to do first, one click each, and ticks each
step as it is done; once an inspection exists the guide is gone."""

import pytest
from PySide6.QtCore import Qt

from inspector import checklists, identity, inspections
from inspector.subjects import add_subject

from ..helpers.stores import FAST, SECRET, VALID_CODE

pytestmark = pytest.mark.gui


def test_the_first_steps_are_guided_and_ticked(app, qtbot, tmp_path, checklist_dir):
    from inspector.store import Store
    from inspector.ui.subjects_page import SubjectsPage

    with Store(tmp_path / "fresh.db") as store:
        page = SubjectsPage(store)
        qtbot.addWidget(page)
        guide = page.guide
        assert not guide.isHidden() and [m.text() for m in guide.marks] == ["○", "○", "○"]
        assert guide.buttons[0].text() == "身份与密钥…"
        with qtbot.waitSignal(page.show_identity):
            qtbot.mouseClick(guide.buttons[0], Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(page.import_subjects):
            qtbot.mouseClick(guide.buttons[1], Qt.MouseButton.LeftButton)
        identity.init_identity(store, name="张伟", role="inspector", org="某县市场监督管理局",
                               secret=SECRET, kdf=FAST)
        add_subject(store, name="某店", code=VALID_CODE, sector="mini")
        page.refresh()
        assert [m.text() for m in guide.marks] == ["✓", "✓", "○"]
        with qtbot.waitSignal(page.new_inspection) as started:
            qtbot.mouseClick(guide.buttons[3], Qt.MouseButton.LeftButton)
        assert started.args == [page.selected()["id"]]
        inspections.start(store, subject=VALID_CODE, checklist=checklists.find("mini"),
                          inspectors=["张伟", "李娜"])
        page.refresh()
        assert guide.isHidden()


def test_a_store_in_use_builds_no_guide(app, qtbot, store, inspection):
    """The guide never comes back once an inspection exists: the home page of a store
    in use does not build it (nor pay for it at start-up), and refreshes without it."""
    from inspector.ui.subjects_page import SubjectsPage

    page = SubjectsPage(store)
    qtbot.addWidget(page)
    assert page.guide is None
    page.refresh()
    assert page.model.rowCount() == 1
