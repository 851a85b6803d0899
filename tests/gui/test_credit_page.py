"""The credit page: a subject's credit record, the proposals, and the supervisor's
steps on them (notice, decision) and the lists, thin over inspector.credit; it fits
a small screen."""

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFileDialog, QInputDialog

from inspector.credit import service

from ..helpers import campaigns as camp
from ..helpers.stores import make_store
from .test_fits import SCREENS, check_window

pytestmark = pytest.mark.gui


@pytest.fixture
def bureau(tmp_path):
    store = make_store(tmp_path / "bureau.db", "某县局", "supervisor")
    subject = camp.subjects(store, 3)[1]
    service.enter_penalty(store, subject["id"], decision_no="某市监罚〔2026〕7号",
                          decided_on="2026-10-20", heavier=True)
    yield store
    store.close()


def test_the_supervisor_proposes_notifies_and_lists(app, qtbot, bureau, tmp_path, monkeypatch):
    from inspector.ui.credit_page import CreditPage

    page = CreditPage(bureau)
    qtbot.addWidget(page)
    page.show()  # a page on screen follows the store's changes at once
    page.refresh()
    assert page.proposals.rowCount() == 0 and page.choice.count() == 4
    page.propose_button.click()
    assert page.proposals.rowCount() == 1 and "1" in page.message.text()
    assert page.proposals.item(0, 1).text() == "严重违法失信名单"
    page.proposals.selectRow(0)
    assert page.notify_button.isEnabled() and not page.approve_button.isEnabled()
    notice = tmp_path / "notice.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(notice), ""))
    page.notify_button.click()
    assert notice.read_bytes().startswith(b"%PDF")
    page.proposals.selectRow(0)
    assert page.proposals.item(0, 3).text() == "已告知，待决定"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("事实清楚，证据确凿", True))
    page.approve_button.click()
    assert service.proposals(bureau)[0]["status"] == "approved"
    page.choice.setCurrentIndex(2)  # the subject penalised
    texts = [page.history.item(r, 1).text() for r in range(page.history.rowCount())]
    assert any("决定列入严重违法失信名单" in text for text in texts)


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_credit_page_fits_a_small_screen(app, qtbot, bureau, screen: QSize):
    from inspector.ui import supervision
    from inspector.ui.mainwindow import MainWindow

    service.propose(bureau)
    window = MainWindow(bureau)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(screen)
    assert supervision.show(window, "credit")
    window.credit.choice.setCurrentIndex(2)
    window.credit.refresh()
    check_window(window, window.credit, "credit", screen)
