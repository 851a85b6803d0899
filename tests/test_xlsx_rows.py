"""Rows streamed into an XlsxWriter sheet (inspector.xlsx_rows): the file XlsxWriter writes.

RowStream writes the XML XlsxWriter would write for the same cells, through its private
parts: these tests compare whole files with XlsxWriter's own (tests/helpers/xlsx.py), so
a new XlsxWriter that writes its cells, escapes, formats or dimensions otherwise fails here.
"""

import openpyxl
import pytest
import xlsxwriter

from inspector.spreadsheet_safe import xlsx_book
from inspector.xlsx_rows import RowStream

from .helpers.xlsx import XlsxWriterRows, cells, parts

TEXTS = ["plain", "被检查单位名称", " leading space", "trailing space ", "a & b < c > d \"q\"",
         "line\nbreak\ttab", "\x00\x07 bell\x1f", "_x0041_ looks escaped", "\ufffe\uffff",
         "😀" * 20000, "长" * 40000, "", "=1+1"]  # the last two: an empty text, a formula's
NUMBERS = [0, 1, -2.5, 1e20, 123456789012345678, 0.1, 46000]


def fill(path, rows_class, rows: int = 150) -> None:
    """A sheet with a header and a row after the streamed `rows`, written by XlsxWriter,
    and between them rows of every kind of cell, gaps, and an empty row."""
    with xlsx_book(path) as book:
        book.set_properties({"title": "rows"})
        sheet = book.add_worksheet("数据")
        bold = book.add_format({"bold": True})
        quoted = book.add_format({"quote_prefix": True})
        dated = book.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write_row(0, 0, ["序号", "文本", "数", "日期"], bold)
        with rows_class(sheet, 1) as stream:
            for n in range(rows):
                text = TEXTS[n % len(TEXTS)]
                stream.row([
                    stream.number(n + 1) if n % 7 else "",
                    stream.text(text, (None, bold, quoted)[n % 3]),
                    stream.number(NUMBERS[n % len(NUMBERS)]) if n % 5 else "",
                    stream.number(46000 + n, dated),
                    *([stream.text("wide row")] if n % 11 == 0 else []),
                ] if n != 20 else ["", "", ""])
        sheet.write_string(rows + 1, 0, "合计", bold)
        sheet.set_column(0, 4, 12)
        sheet.autofilter(0, 0, rows, 4)
        sheet.freeze_panes(1, 0)


def test_streamed_rows_make_the_file_xlsxwriter_writes_cell_by_cell(tmp_path):
    streamed, reference = tmp_path / "streamed.xlsx", tmp_path / "reference.xlsx"
    fill(streamed, RowStream)
    fill(reference, XlsxWriterRows)
    assert parts(streamed) == parts(reference)  # every part, byte for byte
    read = cells(streamed)
    assert read == cells(reference)
    values = {value for _, value, *_ in read}
    assert {"plain", "a & b < c > d \"q\"", "line\nbreak\ttab", "合计"} <= values
    assert "长" * 32767 in values  # cut to what a cell holds, as XlsxWriter cuts it


def test_the_sheet_reads_back_typed(tmp_path):
    path = tmp_path / "rows.xlsx"
    fill(path, RowStream)
    sheet = openpyxl.load_workbook(path).active
    assert sheet.dimensions == "A1:E152"
    assert [sheet.cell(r, 1).value for r in (2, 3, 9, 10)] == [None, 2, None, 9]  # gaps
    assert sheet.cell(2, 4).is_date and sheet.cell(2, 4).number_format == "yyyy-mm-dd"
    assert [c.value for c in sheet[22]] == [None] * 5  # the empty row
    assert sheet.cell(14, 2).value == "=1+1" and sheet.cell(14, 2).data_type == "s"
    assert sheet.cell(152, 1).value == "合计"


def test_the_sheet_s_dimension_is_where_the_streamed_cells_are(tmp_path):
    files = {rows_class: tmp_path / f"{rows_class.__name__}.xlsx"
             for rows_class in (RowStream, XlsxWriterRows)}
    for rows_class, path in files.items():
        with xlsx_book(path) as book, rows_class(book.add_worksheet(), 3) as stream:
            stream.row(["", stream.text("b")])
            stream.row(["", "", stream.number(1), ""])
            stream.row(["", ""])
    assert parts(files[RowStream]) == parts(files[XlsxWriterRows])
    assert openpyxl.load_workbook(files[RowStream]).active.dimensions == "B4:C5"


def test_a_text_that_looks_like_rich_text_stays_text(tmp_path):
    # XlsxWriter writes such a text unescaped, as rich text's XML: typed by anyone, it
    # could break the file or add cells; streamed, it is text like any other
    path = tmp_path / "rows.xlsx"
    hostile = '<r><t>x</t></r></is></c><c r="Z9"><v>1</v></c><c><is><r>'
    with xlsx_book(path) as book, RowStream(book.add_worksheet(), 0) as stream:
        stream.row([stream.text(hostile), stream.text("<r>plain</r>")])
    parts(path)  # well-formed
    assert [c.value for c in openpyxl.load_workbook(path).active[1]] == [
        hostile, "<r>plain</r>"]


def test_rows_above_the_stream_are_refused_after_it(tmp_path):
    with xlsx_book(tmp_path / "rows.xlsx") as book:
        sheet = book.add_worksheet()
        with RowStream(sheet, 0) as stream:
            stream.row([stream.text("a")])
            stream.row([stream.text("b")])
        assert sheet.write_string(1, 1, "again") != 0  # a second row 2 would break the file
        assert sheet.write_string(2, 0, "c") == 0
    assert [c.value for c in openpyxl.load_workbook(tmp_path / "rows.xlsx").active["A"]] == [
        "a", "b", "c"]


@pytest.mark.parametrize("prepare", [
    lambda sheet, fmt: sheet.write_string(3, 0, "below"),
    lambda sheet, fmt: sheet.set_column(0, 0, 10, fmt),
    lambda sheet, fmt: sheet.set_row(4, 30),
    lambda sheet, fmt: sheet.set_default_row(30),
])
def test_what_it_would_not_write_as_xlsxwriter_is_refused(tmp_path, prepare):
    with xlsx_book(tmp_path / "rows.xlsx") as book:
        sheet = book.add_worksheet()
        prepare(sheet, book.add_format({"bold": True}))
        with pytest.raises(ValueError):
            RowStream(sheet, 2)


def test_a_sheet_kept_in_memory_is_refused(tmp_path):
    book = xlsxwriter.Workbook(tmp_path / "rows.xlsx")  # not constant memory
    with pytest.raises(ValueError, match="constant-memory"):
        RowStream(book.add_worksheet(), 0)
    book.close()


def test_a_number_a_cell_cannot_hold_is_refused(tmp_path):
    with xlsx_book(tmp_path / "rows.xlsx") as book:
        stream = RowStream(book.add_worksheet(), 0)
        with pytest.raises(ValueError, match="nan"):
            stream.number(float("nan"))
