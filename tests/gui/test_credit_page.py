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
    # the party may still speak: declining is open, listing waits for its statement
    assert not page.approve_button.isEnabled() and page.decline_button.isEnabled()
    assert "陈述申辩期限届满" in page.approve_button.toolTip()
    [proposal] = service.proposals(bureau)
    _heard(bureau, _company_of(bureau, tmp_path), proposal, tmp_path).close()
    page.refresh()
    page.proposals.selectRow(0)
    assert page.approve_button.isEnabled()
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


def _company_with_a_notice(bureau, tmp_path):
    """The penalised company's store, holding the bureau's notified proposal about it."""
    [proposal] = service.propose(bureau)
    service.notify(bureau, proposal["id"])  # today, with the rules' days to state its case
    return _company_of(bureau, tmp_path), proposal


def _company_of(bureau, tmp_path):
    """The penalised company's store, holding what the bureau has about it."""
    from inspector import sync

    from ..helpers.stores import befriend, export

    company = make_store(tmp_path / "company.db", "某诊所", "company", code=camp.code(1))
    befriend(bureau, company)
    sync.import_bundle(company, export(bureau, tmp_path / "b1.zip"))
    return company


def _heard(bureau, company, proposal, tmp_path, text="我们已经改正"):
    """The company states its case on `proposal` and the bureau receives it; returns
    the company's store."""
    from inspector import sync

    from ..helpers.stores import export

    if not service.statements(company, proposal["id"]):
        service.state_case(company, proposal["id"], text)
    sync.import_bundle(bureau, export(company, tmp_path / "statement.zip"))
    return company


def _page(qtbot, store):
    from inspector.ui.credit_page import CreditPage

    page = CreditPage(store)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def test_the_company_states_its_case_and_applies_for_repair(app, qtbot, bureau, tmp_path,
                                                            monkeypatch):
    from inspector import sync
    from inspector.ui.credit_page import RepairDialog

    from ..helpers.stores import export

    company, proposal = _company_with_a_notice(bureau, tmp_path)
    page = _page(qtbot, company)
    assert not page.notify_button.isVisibleTo(page) and page.state_button.isVisibleTo(page)
    page.proposals.selectRow(0)
    assert page.state_button.isEnabled() and not page.apply_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("我们已经改正，\n请求不予列入", True))
    page.state_button.click()
    assert [s["text"] for s in service.statements(company, proposal["id"])] == [
        "我们已经改正，\n请求不予列入"]
    _heard(bureau, company, proposal, tmp_path)
    service.decide(bureau, proposal["id"], approve=True, reason="事实清楚")
    sync.import_bundle(company, export(bureau, tmp_path / "b2.zip"))
    page.refresh()
    page.proposals.selectRow(0)
    assert page.apply_button.isEnabled() and not page.state_button.isEnabled()

    def filled(dialog):
        dialog.application.setPlainText("已整改完毕，申请信用修复")
        dialog.promise.setPlainText("守信承诺")
        return RepairDialog.DialogCode.Accepted

    monkeypatch.setattr(RepairDialog, "exec", filled)
    page.apply_button.click()
    [repair] = service.repairs(company)
    assert repair["status"] == "applied" and repair["promise"] == "守信承诺"
    assert page.repairs.rowCount() == 1
    company.close()


def test_the_supervisor_grants_a_repair_pending_first(app, qtbot, bureau, tmp_path,
                                                      monkeypatch):
    from inspector import sync

    from ..helpers.stores import export

    company, proposal = _company_with_a_notice(bureau, tmp_path)
    _heard(bureau, company, proposal, tmp_path)
    service.decide(bureau, proposal["id"], approve=True, reason="事实清楚")
    sync.import_bundle(company, export(bureau, tmp_path / "b2.zip"))
    service.apply_repair(company, proposal["id"], application="申请", promise="承诺")
    sync.import_bundle(bureau, export(company, tmp_path / "c1.zip"))
    company_page = _page(qtbot, company)
    company_page.repairs.selectRow(0)
    assert not company_page.grant_button.isVisibleTo(company_page)
    assert not company_page.grant_button.isEnabled()  # not a company's to decide
    page = _page(qtbot, bureau)
    assert page.repairs.rowCount() == 1 and page.repairs.item(0, 2).text() == "待决定"
    assert not page.state_button.isVisibleTo(page) and not page.grant_button.isEnabled()
    page.repairs.selectRow(0)
    assert page.grant_button.isEnabled() and page.refuse_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("已履行义务", True))
    page.grant_button.click()
    assert service.repairs(bureau)[0]["status"] == "approved"
    assert page.repairs.item(0, 2).text() == "准予修复"
    assert page.proposals.item(0, 3).text() == "已修复，停止公示"  # its listing, repaired
    page.repairs.selectRow(0)
    assert not page.grant_button.isEnabled()  # decided once
    company.close()


def test_the_supervisor_declines_one_and_publishes_the_lists(app, qtbot, bureau, tmp_path,
                                                             monkeypatch):
    """From the page: a second proposal declined with its reasons, and the lists for
    publication written; a listing is published from its first day only (the one
    notified weeks ago is, the one notified today is not yet)."""
    from datetime import date, timedelta

    from openpyxl import load_workbook

    from inspector import ids

    earlier = camp.subjects(bureau, 1, start=5)[0]
    service.enter_penalty(bureau, earlier["id"], decision_no="某市监罚〔2026〕3号",
                          decided_on="2026-10-01", heavier=True)
    page = _page(qtbot, bureau)
    page.propose_button.click()
    assert page.proposals.rowCount() == 2
    weeks_ago = (date.fromisoformat(ids.today()) - timedelta(days=30)).isoformat()
    first, second = service.proposals(bureau)
    old = first if first["subject_id"] == earlier["id"] else second
    new = second if old is first else first
    service.notify(bureau, old["id"], on=weeks_ago)  # served on paper then
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "notice.pdf"), ""))
    row = [r["id"] for r in page.rows].index(new["id"])
    page.proposals.selectRow(row)
    page.notify_button.click()
    assert (tmp_path / "notice.pdf").read_bytes().startswith(b"%PDF")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("情节轻微，已改正", True))
    page.proposals.selectRow(row)
    page.decline_button.click()
    assert service.get_proposal(bureau, new["id"])["status"] == "declined"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("事实清楚", True))
    page.proposals.selectRow([r["id"] for r in page.rows].index(old["id"]))
    page.approve_button.click()
    assert service.get_proposal(bureau, old["id"])["status"] == "approved"
    published = tmp_path / "lists.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(published), ""))
    page.publish_button.click()
    black = load_workbook(published).worksheets[0]
    assert [r[1] for r in black.iter_rows(min_row=2, values_only=True)] == [earlier["uscc"]]
    assert str(published) in page.message.text()
