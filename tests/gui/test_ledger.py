"""The supervisor's pages: the lazy ledger model (small and 50k items), the filter bar,
the item dialog's loop steps by role, the overview, exports, navigation."""

import csv
import io
from pathlib import Path

import pytest
from PIL import Image

from inspector import identity, ledger_query, rectifications

from ..helpers import campaign, ledgerdata
from ..helpers.campaign import TODAY
from ..helpers.stores import FAST as FAST_KDF

pytestmark = pytest.mark.gui


@pytest.fixture
def world(store, checklist_dir):
    return campaign.build(store, checklist_dir)


def as_role(store, role, item_id=None):
    """The store becomes an inspector's, or the company's whose subject has `item_id`."""
    code = store.conn.execute("SELECT s.uscc FROM rectifications r JOIN subjects s ON "
                              "s.id = r.subject_id WHERE r.id = ?", (item_id,)).fetchone()
    identity.init_identity(store, name={"company": "乙烟花店", "inspector": "张伟"}[role],
                           role=role, org="某县", secret="test passphrase", kdf=FAST_KDF,
                           code=code and code[0])


def png_file(tmp_path):
    path = tmp_path / "photo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


# --- the model ----------------------------------------------------------------------------


def test_ledger_model_passes_the_model_tester(app, qtmodeltester, store, world):
    from PySide6.QtCore import Qt

    from inspector.ui.ledger_model import LedgerModel

    model = LedgerModel(store, where=ledger_query.LedgerFilter(today=TODAY))
    assert model.total == 7 and model.rowCount() == 0
    model.fetchMore()
    assert model.rowCount() == 7 and not model.canFetchMore()
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "被检查单位"
    status = [key for key, _ in model.COLUMNS].index("status")
    late = [model.index(r, status) for r in range(7) if model.row_at(r)["overdue"]]
    assert len(late) == 3 and all(i.data().endswith("（逾期）") for i in late)


def test_ledger_model_on_a_large_store(app, qtmodeltester, store):
    from PySide6.QtCore import Qt

    from inspector.ui.ledger_model import LedgerModel

    ledgerdata.fill(store, 50_000, subjects=400, inspections=800)
    model = LedgerModel(store, where=ledger_query.LedgerFilter(today="2026-06-01"))
    assert model.total == 50_000 and model.rowCount() == 0
    model.fetchMore()
    assert model.rowCount() == model.PAGE == 200
    deadlines = [model.row_at(r)["deadline"] for r in range(200)]
    assert deadlines == sorted(deadlines)
    model.fetchMore()
    assert model.rowCount() == 400
    model.sort(model.sort_column(), Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 0 and model.total == 50_000  # pages dropped, count kept
    model.fetchMore()
    latest = store.conn.execute("SELECT MAX(current_deadline) FROM rectifications").fetchone()[0]
    assert model.row_at(0)["deadline"] == latest
    model.set_filter(ledger_query.LedgerFilter(overdue=True, today="2026-06-01"))
    expected = store.conn.execute(
        "SELECT COUNT(*) FROM rectifications WHERE status IN ('open', 'reopened') "
        "AND current_deadline < '2026-06-01'").fetchone()[0]
    assert model.total == expected > 1000
    model.fetchMore()
    assert all(model.row_at(r)["overdue"] for r in range(model.rowCount()))
    qtmodeltester.check(model)


def test_a_filter_and_a_sort_in_a_row_read_one_page(app, store):
    """Nothing is read until the view asks for the first page, and on a filter of many
    items that page is all that is read (no count); the count comes when asked."""
    from PySide6.QtCore import Qt

    from inspector.ui import labels
    from inspector.ui.ledger_model import LedgerModel
    from inspector.ui.models import ROW_ROLE

    ledgerdata.fill(store, 5000, subjects=50, inspections=100)
    model = LedgerModel(store)
    run: list[str] = []
    store.conn.set_trace_callback(run.append)
    model.set_filter(ledger_query.LedgerFilter(status="open", today="2026-06-01"))
    severity = [key for key, _ in model.COLUMNS].index("severity")
    model.sort(severity, Qt.SortOrder.DescendingOrder)
    assert run == [] and model.canFetchMore()
    model.fetchMore()
    [read] = [sql for sql in run if "MAX(rowid)" not in sql]  # (the size, to plan)
    assert "COUNT(" not in read and model.rowCount() == 200
    assert model.row_at(0)["severity"] == "info"  # ranked last, first when descending
    assert model.data(model.index(0, severity)) == labels.severity("info")
    assert model.data(model.index(0, 0), ROW_ROLE) == model.row_at(0)
    assert not model.counted() and model.total == store.conn.execute(
        "SELECT COUNT(*) FROM rectifications WHERE status = 'open'").fetchone()[0]
    store.conn.set_trace_callback(None)


def test_ledger_model_shows_what_the_cli_lists_and_exports(app, store, world):
    """The model pages through the same items, in the same order, as the one query the
    CLI's lists and every export read (ledger_query.items)."""
    from PySide6.QtCore import Qt

    from inspector.ui.ledger_model import LedgerModel

    model = LedgerModel(store)
    for given in ({}, {"status": "reopened"}, {"overdue": True}, {"sector": "mini"},
                  {"sector": "mini", "status": "open"}):
        where = ledger_query.LedgerFilter(today=TODAY, **given)
        for column, descending in (("deadline", False), ("subject", True)):
            model.set_filter(where)
            model.sort([key for key, _ in model.COLUMNS].index(column),
                       Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
            while model.canFetchMore():
                model.fetchMore()
            shown = [model.row_at(r)["id"] for r in range(model.rowCount())]
            listed = ledger_query.items(store, where, ledger_query.LedgerOrder(column, descending))
            assert shown == [r["id"] for r in listed] and shown, (given, column)


# --- the page -----------------------------------------------------------------------------


@pytest.fixture
def page(app, qtbot, store, world):
    from inspector.ui.ledger_page import LedgerPage

    widget = LedgerPage(store)
    qtbot.addWidget(widget)
    widget.today = TODAY
    widget.apply_filter()
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_filter_bar_changes_the_count(page, qtbot):
    assert page.model.total == 7 and "7" in page.count.text()
    page.overdue.setChecked(True)
    assert page.model.total == 3 and "3" in page.count.text()
    page.sector.setCurrentIndex(page.sector.findData("mini2"))
    assert page.model.total == 1
    page.overdue.setChecked(False)
    page.sector.setCurrentIndex(0)
    page.subject.setText("乙烟花")  # keyClicks aborts on characters without a key
    qtbot.waitUntil(lambda: page.model.total == 3)
    page.subject.clear()
    page.inspector.setText("刘洋")
    qtbot.waitUntil(lambda: page.model.total == 1)
    page.status.setCurrentIndex(page.status.findData("closed"))
    assert page.model.total == 0 and "0" in page.count.text()
    page.inspector.clear()
    qtbot.waitUntil(lambda: page.model.total == 1)  # the one closed item
    page.status.setCurrentIndex(page.status.findData("outstanding"))
    outstanding = store_count(page, "status IN ('open', 'reopened')")
    assert outstanding and page.model.total == outstanding
    assert page.status.currentText() == "等待企业整改"


def test_header_click_sorts_in_sql_and_is_remembered(page, qtbot):
    from PySide6.QtCore import Qt

    from inspector.ui.settings import get_str

    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: page.model.rowCount() == 7)
    assert page.model.order == ledger_query.LedgerOrder("subject")
    assert page.model.row_at(0)["subject"] == "丙诊所"
    assert get_str("ledger/sort") == "subject"


def test_export_writes_exactly_the_filtered_rows(page, qtbot, tmp_path):
    page.overdue.setChecked(True)
    page.sector.setCurrentIndex(page.sector.findData("mini"))
    target = tmp_path / "台账.csv"
    page.export_to(str(target))
    qtbot.waitUntil(lambda: not page.operations.busy, timeout=10000)
    assert page.exported == str(target) and "2" in page.message.text()
    with open(target, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["被检查单位"] for r in rows] == ["乙烟花店", "乙烟花店"]
    assert all("逾期" in r["整改状态"] for r in rows)
    page.export_to(str(tmp_path / "台账.xlsx"))
    qtbot.waitUntil(lambda: not page.operations.busy, timeout=10000)
    assert (tmp_path / "台账.xlsx").stat().st_size > 0


# --- the item dialog ------------------------------------------------------------------------


def open_dialog(page, qtbot, item_id):
    dialog = page.open_item(item_id)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_company_answers_with_evidence(page, qtbot, store, world, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QLabel, QPushButton

    as_role(store, "company", world["reopened"])
    dialog = open_dialog(page, qtbot, world["reopened"])
    assert dialog.respond_button.isEnabled()
    assert not dialog.accept_button.isEnabled() and not dialog.reject_button.isEnabled()
    dialog.respond()
    assert dialog.error.text()  # no measure: the core's message, shown here
    pdf = tmp_path / "证明.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% evidence\n%%EOF\n")
    dialog.measure.setPlainText("已更换有效期内的灭火器")
    dialog.set_files([png_file(tmp_path), pdf])
    with qtbot.waitSignal(dialog.changed):
        dialog.respond()
    assert dialog.error.text() == ""
    item = rectifications.get_item(store, world["reopened"])
    assert item["status"] == "submitted"
    last = rectifications.history(store, item["id"])[-1]
    assert last["note"] == "已更换有效期内的灭火器" and len(last["evidence"]) == 2
    thumbs = [w for w in dialog.findChildren(QLabel, "thumb") if w.pixmap() and
              not w.pixmap().isNull()]
    assert len(thumbs) == 1
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    (button,) = [b for b in dialog.findChildren(QPushButton) if b.objectName().startswith("pdf_")]
    button.click()
    assert opened
    assert Path(opened[0].toLocalFile()).read_bytes().startswith(b"%PDF-1.4")
    assert not dialog.respond_button.isEnabled()  # submitted: the company waits


def test_inspector_rejects_then_accepts(page, qtbot, store, world):
    from PySide6.QtCore import QDate

    as_role(store, "inspector")
    dialog = open_dialog(page, qtbot, world["submitted"])
    assert not dialog.respond_button.isEnabled() and not dialog.measure.isEnabled()
    assert dialog.accept_button.isEnabled() and dialog.reject_button.isEnabled()
    dialog.review(False)
    assert dialog.error.text()  # a rejection needs a note
    assert rectifications.get_item(store, world["submitted"])["status"] == "submitted"
    later = QDate.currentDate().addDays(20)
    dialog.note.setText("仍在店外摆摊")
    dialog.new_deadline.setDate(later)
    with qtbot.waitSignal(dialog.changed):
        dialog.reject_button.click()
    item = rectifications.get_item(store, world["submitted"])
    assert item["status"] == "reopened" and item["deadline"] == later.toString("yyyy-MM-dd")
    assert dialog.error.text() == ""
    with qtbot.waitSignal(dialog.changed):
        dialog.accept_button.click()
    assert rectifications.get_item(store, world["submitted"])["status"] == "closed"
    assert not dialog.accept_button.isEnabled() and not dialog.reject_button.isEnabled()
    steps = [e["status"] for e in rectifications.history(store, world["submitted"])]
    assert steps == ["open", "submitted", "reopened", "closed"]


def test_new_deadline_counts_from_the_beijing_day(page, qtbot, store, world, machine_zone):
    from datetime import date, timedelta

    from PySide6.QtCore import QDate

    from inspector import ids

    machine_zone("XST+16")  # this machine's calendar day is always the day before Beijing's
    today = date.fromisoformat(ids.today())
    as_role(store, "inspector")
    dialog = open_dialog(page, qtbot, world["submitted"])
    # the first period again (a minor item: 30 days), from today in Beijing, as the core does
    proposed = (today + timedelta(days=30)).isoformat()
    assert dialog.new_deadline.date().toString("yyyy-MM-dd") == proposed
    # the machine's today is yesterday in Beijing: a past deadline is not offered
    assert dialog.new_deadline.minimumDate().toString("yyyy-MM-dd") == today.isoformat()
    dialog.new_deadline.setDate(QDate.fromString(date.today().isoformat(), "yyyy-MM-dd"))
    assert dialog.new_deadline.date().toString("yyyy-MM-dd") == today.isoformat()
    dialog.note.setText("仍在店外摆摊")
    dialog.new_deadline.setDate(QDate.fromString(proposed, "yyyy-MM-dd"))
    with qtbot.waitSignal(dialog.changed):
        dialog.reject_button.click()
    assert dialog.error.text() == ""
    assert rectifications.get_item(store, world["submitted"])["deadline"] == proposed


def test_no_identity_takes_no_step(page, qtbot, world):
    dialog = open_dialog(page, qtbot, world["submitted"])
    assert not any(b.isEnabled() for b in (dialog.respond_button, dialog.accept_button,
                                           dialog.reject_button))


# --- the overview and the window ---------------------------------------------------------------


def test_overview_shows_the_numbers(app, qtbot, store, world, tmp_path):
    from inspector.ui.overview_page import OverviewPage

    page = OverviewPage(store)
    qtbot.addWidget(page)
    page.today = TODAY
    page.refresh()
    page.show()
    qtbot.waitExposed(page)
    table = page.table

    def line(row):
        return [table.item(row, c).text() for c in range(table.columnCount())]

    assert table.rowCount() == 3
    assert line(0) == ["测试行业", "2", "1", "6", "2", "0", "4", "0", "1", "2", "16.7%"]
    assert line(1) == ["第二测试行业", "1", "0", "1", "1", "0", "0", "0", "0", "1", "0.0%"]
    assert line(2) == ["合计", "3", "1", "7", "3", "0", "4", "0", "1", "3", "14.3%"]
    assert table.horizontalHeaderItem(10).text() == "整改率"
    assert [r.name for r in page.chart.rows] == ["测试行业", "第二测试行业"]
    page.export_to(str(tmp_path / "概览.csv"))
    with open(tmp_path / "概览.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "行业" and rows[3][:4] == ["合计", "3", "1", "7"]


def test_window_opens_the_pages_and_comes_back_to_them(app, qtbot, store, world):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    from inspector.ui.mainwindow import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.findChild(QAction, "show_ledger").trigger()
    assert window.stack.currentWidget() is window.ledger
    assert window.current_place() == {"page": "ledger"}
    window.findChild(QAction, "show_overview").trigger()
    assert window.stack.currentWidget() is window.overview
    window.close()
    again = MainWindow(store)
    qtbot.addWidget(again)
    assert again.stack.currentWidget() is again.overview
    again.set_language("en")
    assert again.stack.currentWidget() is again.overview
    assert again.ledger.model.headerData(0, Qt.Orientation.Horizontal) == "Inspected party"


def store_count(page, where: str) -> int:
    return page.model.store.conn.execute(
        f"SELECT COUNT(*) FROM rectifications WHERE {where}").fetchone()[0]
