"""The rectification ledger (整改台账): rows, XLSX, CSV and PDF as supervisors open them."""

import csv
import re
from datetime import date, datetime, timedelta, timezone

import openpyxl
import pytest
from xlsxwriter.packager import Packager

from inspector import ids, ledger_query
from inspector.errors import InspectorError
from inspector.ledger_query import LedgerFilter
from inspector.reports import ledger_rows, render_ledger_pdf, write_ledger
from inspector.reports.ledger import HEADERS, display_width

from .helpers import forge, xlsx
from .helpers.hostile_text import LONG_NOTE
from .helpers.pdftools import demo_store, page_count, pdf_text
from .helpers.pdftools import fonts as pdf_fonts

EXPECTED_HEADERS = ("序号", "被检查单位", "统一社会信用代码", "行业", "检查日期",
                    "问题描述", "依据", "严重程度", "整改要求", "整改时限", "责任人",
                    "整改状态", "复查日期", "复查结论")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = demo_store(tmp_path_factory)
    yield store
    store.close()


def ledger_of(store, **given) -> list[dict]:
    """The ledger rows of the items the filter `given` selects, in the ledger's order."""
    return ledger_rows(ledger_query.items(store, LedgerFilter(**given)))


@pytest.fixture(scope="module")
def rows(demo):
    return ledger_of(demo)


def add_event(store, item_id: str, status: str, note: str | None = None) -> str:
    event_id = ids.uuid7()  # as the services record it, whose step it is aside
    forge.record_unchecked(store, "rectification_event", event_id, "create",
                           {"rectification_id": item_id, "status": status, "note": note})
    return store.conn.execute("SELECT at FROM rectification_events WHERE id = ?",
                              (event_id,)).fetchone()[0]


# --- rows -------------------------------------------------------------------------------


def test_columns_are_the_ledger_contract():
    assert HEADERS == EXPECTED_HEADERS


def test_rows_read_in_chinese_with_real_dates(demo, rows):
    items = ledger_query.items(demo, LedgerFilter())
    assert len(rows) == len(items) > 0
    assert [r["no"] for r in rows] == list(range(1, len(rows) + 1))
    opened = next(n for n, item in enumerate(items) if item["status"] == "open")
    first, item = rows[opened], items[opened]
    assert first["subject"] == item["subject"] and first["uscc"] == item["uscc"]
    assert {r["sector"] for r in rows} >= {"医疗机构", "烟花爆竹零售"}
    assert {r["severity"] for r in rows} <= {"提示", "一般", "较重", "严重"}
    assert isinstance(first["inspected_on"], date) and isinstance(first["deadline"], date)
    assert first["deadline"].isoformat() == item["deadline"]
    assert first["reviewed_on"] is None and first["review"] == ""


def test_overdue_items_are_marked(demo):
    late = date.today() + timedelta(days=400)  # every open item is past its deadline by then
    rows = ledger_of(demo, status="open", today=late.isoformat())
    assert rows and all(r["status"] == "待整改（逾期）" and r["overdue"] for r in rows)
    early = ledger_of(demo, status="open", today="2000-01-01")
    assert all(r["status"] == "待整改" and not r["overdue"] for r in early)
    assert ledger_of(demo, overdue=True, today="2000-01-01") == []


def test_filters_by_sector_and_status(demo, rows):
    clinic = ledger_of(demo, sector="clinic")
    assert clinic and {r["sector"] for r in clinic} == {"医疗机构"}
    assert len(clinic) < len(rows)
    closed = ledger_of(demo, status="closed")
    assert closed and {r["status"] for r in closed} == {"已销号"}
    assert not {r["id"] for r in closed} & {r["id"] for r in ledger_of(demo, status="open")}


def test_review_date_and_result_come_from_the_latest_review(tmp_path_factory):
    store = demo_store(tmp_path_factory)
    first, second = ledger_query.items(store, LedgerFilter(status="open"))[:2]
    add_event(store, first["id"], "submitted", "已补办许可证")
    add_event(store, first["id"], "reopened", "许可证仍未取得")
    add_event(store, first["id"], "submitted", "已取得许可证")
    closed_at = add_event(store, first["id"], "closed")
    add_event(store, second["id"], "reopened", "整改不到位")
    rows = {r["id"]: r for r in ledger_of(store)}
    assert rows[first["id"]]["status"] == "已销号"
    assert rows[first["id"]]["review"] == "合格，予以销号"
    beijing = timezone(timedelta(hours=8))
    closed_on = datetime.fromisoformat(closed_at.replace("Z", "+00:00")).astimezone(beijing)
    assert rows[first["id"]]["reviewed_on"] == closed_on.date()
    assert rows[second["id"]]["status"].startswith("重新整改")
    assert rows[second["id"]]["review"] == "不合格，重新整改：整改不到位"
    assert isinstance(rows[second["id"]]["reviewed_on"], date)
    store.close()


def test_display_width_counts_chinese_as_two():
    assert display_width("ab中文，") == 8


# --- XLSX -------------------------------------------------------------------------------


def test_xlsx_has_frozen_header_filter_and_real_dates(rows, tmp_path):
    path = tmp_path / "台账.xlsx"
    write_ledger(rows, path)
    sheet = openpyxl.load_workbook(path).active
    assert tuple(c.value for c in sheet[1]) == EXPECTED_HEADERS
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:N{len(rows) + 1}"
    for column in ("E", "J"):  # 检查日期, 整改时限
        cell = sheet[f"{column}2"]
        assert isinstance(cell.value, datetime) and cell.number_format == "yyyy-mm-dd"
    assert sheet["E2"].value.date() == rows[0]["inspected_on"]
    longest = max(display_width(r["subject"]) for r in rows)
    assert sheet.column_dimensions["B"].width >= longest  # Chinese names fit
    assert sheet["F2"].alignment.wrap_text  # 问题描述 wraps


def test_xlsx_title_row_keeps_the_header_frozen_below_it(rows, tmp_path):
    path = tmp_path / "ledger.xlsx"
    write_ledger(rows, path, title="2026年专项整治整改台账")
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "2026年专项整治整改台账"
    assert tuple(c.value for c in sheet[2]) == EXPECTED_HEADERS
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref.startswith("A2:N")


def test_xlsx_with_a_review_date_stores_it_as_a_date(tmp_path_factory, tmp_path):
    store = demo_store(tmp_path_factory)
    item = ledger_query.items(store, LedgerFilter())[0]
    add_event(store, item["id"], "closed", "复查合格")
    path = tmp_path / "ledger.xlsx"
    write_ledger(ledger_of(store), path)
    sheet = openpyxl.load_workbook(path).active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[13].value)
    assert isinstance(row[12].value, datetime) and row[12].number_format == "yyyy-mm-dd"
    assert row[13].value == "合格，予以销号：复查合格"
    store.close()


# texts a ledger may hold, each in every text column of some rows
ODD_TEXTS = ["=HYPERLINK(\"http://evil.example\")", "＋1", "#N/A", "-2",
             "某公司\x1b[31m\x00红\x7f", "第一行\n第二行\t完", " 前后有空格 ",
             "_x0041_ & <b>", LONG_NOTE, "长" * 40000, "", None]


def varied_rows(rows: list[dict], count: int = 150) -> list[dict]:
    """`count` ledger rows from `rows`, with ODD_TEXTS in their text columns, review
    dates or none, overdue or not."""
    varied = []
    for n in range(count):
        row = {**rows[n % len(rows)], "no": n + 1, "overdue": n % 3 == 0}
        state = row["status"].removesuffix("（逾期）")
        row["status"] = f"{state}（逾期）" if row["overdue"] else state
        for offset, key in enumerate(("subject", "problem", "basis", "requirement",
                                      "responsible", "review")):
            if (n + offset) % 4 == 0:
                row[key] = ODD_TEXTS[n // 4 % len(ODD_TEXTS)] or ""
        if n % 5 == 0:
            row["reviewed_on"] = row["deadline"] + timedelta(days=n)
        varied.append(row)
    return varied


def test_xlsx_is_the_file_xlsxwriter_wrote_cell_by_cell(rows, tmp_path, monkeypatch):
    # the rows are streamed (inspector.xlsx_rows) where XlsxWriter wrote every cell
    varied = varied_rows(rows)
    streamed, reference = tmp_path / "streamed.xlsx", tmp_path / "reference.xlsx"
    write_ledger(varied, streamed, title="=1+1 整改台账")
    monkeypatch.setattr("inspector.reports.ledger.RowStream", xlsx.XlsxWriterRows)
    write_ledger(varied, reference, title="=1+1 整改台账")
    assert xlsx.parts(streamed) == xlsx.parts(reference)
    cells = xlsx.cells(streamed)
    assert cells == xlsx.cells(reference)
    sheet = openpyxl.load_workbook(streamed).active
    assert sheet.max_row == len(varied) + 2
    assert sheet.auto_filter.ref == f"A2:N{len(varied) + 2}" and sheet.freeze_panes == "A3"
    reviewed = sheet.cell(3, 13)  # the first row's 复查日期
    assert reviewed.is_date and reviewed.value.date() == varied[0]["reviewed_on"]
    texts = {value: quoted for _, value, kind, _, quoted, *_ in cells if kind == "s"}
    assert texts["=HYPERLINK(\"http://evil.example\")"] and texts["＋1"] and texts["#N/A"]
    assert "某公司\\u001b[31m\\u0000红\\u007f" in texts and "第一行\n第二行\t完" in texts
    assert {LONG_NOTE, "长" * 32767, " 前后有空格 "} <= texts.keys()  # cut as XlsxWriter cuts
    assert "_x005F_x0041_ & <b>" in texts  # Excel reads "_x0041_", openpyxl keeps the escape
    fills = {where: fill for where, _, _, _, _, fill, *_ in cells}  # 整改状态: red if overdue
    assert [fills[f"L{n + 3}"] == "FFFDE7E7" for n in range(len(varied))] == [
        row["overdue"] for row in varied]


# --- CSV --------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_for_excel(rows, tmp_path):
    path = tmp_path / "ledger.csv"
    write_ledger(rows, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert tuple(table[0]) == EXPECTED_HEADERS
    assert len(table) == len(rows) + 1
    assert table[1][1] == rows[0]["subject"] and table[1][9] == rows[0]["deadline"].isoformat()


# --- PDF --------------------------------------------------------------------------------


def test_pdf_repeats_the_header_on_every_page(rows, tmp_path):
    pdf = render_ledger_pdf(rows, today=date(2026, 11, 23))
    pages = page_count(pdf, tmp_path)
    assert pages >= 2
    for page in range(1, pages + 1):
        text = re.sub(r"\s+", "", pdf_text(pdf, tmp_path, first=page, last=page))
        assert "问题描述" in text and "整改时限" in text and "复查结论" in text
        assert f"第{page}页/共{pages}页" in text
    text = re.sub(r"\s+", "", pdf_text(pdf, tmp_path))
    assert rows[0]["uscc"] in text and "生成日期：2026-11-23" in text
    assert all(row["emb"] == "yes" for row in pdf_fonts(pdf, tmp_path))


def test_pdf_is_dated_on_the_beijing_day(rows, tmp_path, machine_zone):
    machine_zone("XST+16")  # this machine's calendar day is always the day before Beijing's
    assert date.today().isoformat() != ids.today()
    text = re.sub(r"\s+", "", pdf_text(render_ledger_pdf(rows[:3]), tmp_path))
    assert f"生成日期：{ids.today()}" in text


def test_pdf_is_written_by_suffix(rows, tmp_path):
    path = tmp_path / "ledger.PDF"
    write_ledger(rows, path, today=date(2026, 11, 23))
    assert path.read_bytes() == render_ledger_pdf(rows, today=date(2026, 11, 23))


# --- failures ---------------------------------------------------------------------------


def test_unknown_format_is_refused(rows, tmp_path):
    with pytest.raises(InspectorError, match=r'unsupported ledger format "\.ods"'):
        write_ledger(rows, tmp_path / "ledger.ods")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".pdf"])
def test_unwritable_path_raises_and_leaves_nothing(rows, tmp_path, suffix):
    target = tmp_path / "missing" / f"ledger{suffix}"
    with pytest.raises(InspectorError) as caught:
        write_ledger(rows, target)
    assert str(target) in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_failing_writer_keeps_the_previous_ledger(rows, tmp_path, monkeypatch):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(b"previous ledger")

    def broken_write(self):  # the disk fills while the workbook's parts are written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Packager, "_write_styles_file", broken_write)
    with pytest.raises(InspectorError, match="No space left on device"):
        write_ledger(rows, path)
    assert path.read_bytes() == b"previous ledger"
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.xlsx"]
