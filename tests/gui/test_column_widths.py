"""A column the user drags to a width keeps it: fitting the columns to new rows or a
resized window leaves it alone, and the next start restores it (per table)."""

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from inspector.subjects import add_subject

from ..helpers.subjects import CODE_B, VALID_CODE

pytestmark = pytest.mark.gui

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton


def drag_edge(header, column: int, by: int) -> None:
    """Drag the right edge of `column`'s header section by `by` pixels, as a mouse does."""
    x = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    y = header.height() // 2
    viewport = header.viewport()
    for kind, at, button, buttons in (
            (QEvent.Type.MouseButtonPress, x, LEFT, LEFT),
            (QEvent.Type.MouseMove, x + by // 2, NONE, LEFT),
            (QEvent.Type.MouseMove, x + by, NONE, LEFT),
            (QEvent.Type.MouseButtonRelease, x + by, LEFT, NONE)):
        local = QPointF(at, y)
        event = QMouseEvent(kind, local, QPointF(viewport.mapToGlobal(QPoint(at, y))),
                            button, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)


def settle(qtbot) -> None:
    for _ in range(3):  # the fit runs once per burst of changes, from the event loop
        QApplication.processEvents()


@pytest.fixture
def two_subjects(store, mini):
    add_subject(store, name="德清县吉祥烟花爆竹零售店", code=VALID_CODE, sector="mini")
    add_subject(store, name="福州某某有限公司", code=CODE_B, sector="mini")


def subjects_page(store, qtbot):
    from inspector.ui.subjects_page import SubjectsPage

    page = SubjectsPage(store)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot)
    return page


def test_a_dragged_width_is_kept_and_restored(app, qtbot, store, two_subjects):
    from inspector.ui.settings import settings

    page = subjects_page(store, qtbot)
    header = page.table.horizontalHeader()
    fitted = header.sectionSize(1)  # the credit code, fitted to its contents
    drag_edge(header, 1, 80)
    settle(qtbot)
    assert header.sectionSize(1) == fitted + 80
    assert "uscc" in str(settings().value("columns/SubjectsModel"))
    page.refresh()  # new rows: the other columns are fitted again, this one is left alone
    page.resize(900, 500)
    settle(qtbot)
    assert header.sectionSize(1) == fitted + 80
    name_column = header.sectionSize(0)  # the stretch column takes the room left
    assert name_column + sum(header.sectionSize(c) for c in range(1, 5)) <= \
        page.table.viewport().width() + 1
    page.close()

    again = subjects_page(store, qtbot)  # the next start
    assert again.table.horizontalHeader().sectionSize(1) == fitted + 80


def test_each_table_remembers_its_own(app, qtbot, store, two_subjects, subject_inspections):
    from inspector.ui.inspections_page import InspectionsPage

    page = subjects_page(store, qtbot)
    drag_edge(page.table.horizontalHeader(), 2, 60)
    settle(qtbot)
    inspections = InspectionsPage(store)
    qtbot.addWidget(inspections)
    inspections.resize(1000, 500)
    inspections.show()
    settle(qtbot)
    header = inspections.table.horizontalHeader()
    fitted = header.sectionSize(0)
    drag_edge(header, 0, 50)
    settle(qtbot)
    assert header.sectionSize(0) == fitted + 50
    restarted = subjects_page(store, qtbot)
    assert restarted.table.horizontalHeader().sectionSize(2) == \
        page.table.horizontalHeader().sectionSize(2)


@pytest.fixture
def subject_inspections(store, mini, two_subjects):
    from inspector import inspections

    inspections.start(store, subject=VALID_CODE, checklist=mini, inspectors=["张伟", "李娜"])
