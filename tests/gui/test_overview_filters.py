"""The overview page's period and area filters: the figures the statistics report
counts (one place computes them), and the report exported from the page."""

import pytest

from inspector.statistics import compute, periods

from ..helpers import campaign
from ..helpers.campaign import TODAY
from ..helpers.pdftools import pdf_text

pytestmark = pytest.mark.gui


@pytest.fixture
def page(app, qtbot, store, checklist_dir):
    from inspector.ui.overview_page import OverviewPage

    campaign.build(store, checklist_dir)
    widget = OverviewPage(store)
    qtbot.addWidget(widget)
    widget.today = TODAY
    widget.period.clear()  # the recent months as of TODAY, whatever the clock says
    widget.fill_periods()
    widget.refresh()
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def lines(page) -> list[list[str]]:
    table = page.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def choose(page, key) -> None:
    page.period.setCurrentIndex(page.period.findData(key))


def test_a_period_shows_the_reports_figures(page, store):
    from inspector.ui.overview_page import header_texts

    everything = lines(page)
    choose(page, "2026-11")
    report = compute.report(store, compute.Scope(periods.parse("2026-11"), today=TODAY))
    shown = lines(page)
    assert page.table.horizontalHeaderItem(1).text() == "检查主体（户次）"
    assert [row[0] for row in shown] == [r.name for r in report.rows] + ["合计"]
    assert shown[-1][1:4] == [str(int(report.total[k])) for k in (
        "subjects_checked", "self_checks", "problems")]
    assert shown[-1][-3:-1] == [str(int(report.total["completed"])),
                                str(int(report.total["overdue"]))]
    choose(page, "2026-10")  # found on 1 November: nothing in October
    assert lines(page) == []
    choose(page, None)  # all periods: the overview as before
    assert lines(page) == everything
    assert page.table.horizontalHeaderItem(1).text() == header_texts()[1]


def test_the_area_narrows_and_the_report_exports(page, store, tmp_path):
    choose(page, "2026-11")
    page.area.setText("没有这个区")
    page.area.editingFinished.emit()
    assert lines(page) == []
    page.area.setText("")
    page.area.editingFinished.emit()
    assert lines(page)[-1][0] == "合计"
    assert page.report_button.isEnabled()
    page.report_to(str(tmp_path / "报表.pdf"))
    page.report_to(str(tmp_path / "报表.xlsx"))
    assert (tmp_path / "报表.xlsx").stat().st_size > 1000
    text = "".join(pdf_text((tmp_path / "报表.pdf").read_bytes(), tmp_path).split())
    assert "填报单位" in text and "测试行业" in text
    choose(page, None)
    assert not page.report_button.isEnabled()
