"""Every page one click away, with the counts that say where work waits."""

import pytest
from PySide6.QtCore import Qt

from inspector import rectification_rules

from ..helpers.pdftools import demo_store as make_demo_store

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    store = make_demo_store(tmp_path_factory)
    yield store
    store.close()


def test_the_navigation_shows_counts_and_opens_pages(app, qtbot, demo_store):
    from inspector.ui.mainwindow import MainWindow

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    nav = window.navigation
    qtbot.waitUntil(lambda: "\n" in nav.item(0).text())
    conn = demo_store.conn
    subjects = conn.execute("SELECT COUNT(*) FROM subjects").fetchone()[0]
    drafts = conn.execute("SELECT COUNT(*) FROM inspections WHERE status = 'draft'").fetchone()[0]
    waiting = conn.execute("SELECT COUNT(*) FROM rectifications WHERE status IN "
                           f"{rectification_rules.sql_in(rectification_rules.OUTSTANDING)}"
                           ).fetchone()[0]
    assert nav.item(0).text() == f"被检查对象\n{subjects} 个"
    assert nav.item(1).text() == f"检查记录\n草稿 {drafts}"
    assert nav.item(2).text().startswith(f"整改台账\n待整改 {waiting}\n逾期 ")
    for row, page in ((2, "ledger"), (1, "inspections"), (5, "identity"), (0, "subjects")):
        rect = nav.visualItemRect(nav.item(row))
        qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.stack.currentWidget() is getattr(window, page)
        assert nav.currentRow() == row
    window.show_page("sync")  # by the menu or F7: the navigation follows
    assert nav.currentRow() == 4


def test_every_entity_a_bundle_carries_has_a_name():
    """The import preview names what a bundle holds: no raw entity names."""
    from inspector import apply
    from inspector.ui import labels

    assert {entity for entity, _ in apply.PHASES} <= set(labels.ENTITY)
