"""Rows streamed straight into an XlsxWriter worksheet: the hot loop of big XLSX exports.

XlsxWriter's constant-memory mode takes each cell through Python (bounds, escaping, a
format lookup, a tag built from attribute lists): on a 100,000-row ledger that is most
of the export. A big export's texts repeat (names, bases, requirements, states), so a
RowStream makes each distinct cell's XML once -- `text` and `number` give what follows
`<c r="B12"` -- for the caller to keep, and `row` writes a row in one string into the
worksheet's row file, where XlsxWriter would have written the very same XML.

One difference, on purpose: XlsxWriter writes a text that starts with "<r>" and ends
with "</r>" unescaped, as rich text's XML; here every text is escaped, so such a text
(typed by anyone) stays text instead of breaking the file.

This is the one place that touches XlsxWriter's private parts, checked against
XlsxWriter 3.3.1: the constant-memory row file (Worksheet.fh while rows are written),
previous_row, table, row_info, col_info, _write_single_row and _check_dimensions,
Format._get_xf_index, XMLwriter's escaping and utility's _preserve_whitespace and
UTF-16 length helpers. tests/test_xlsx_rows.py compares the XML with XlsxWriter's own
for the same cells, and fails if XlsxWriter changes any of it.
"""

from collections.abc import Sequence
from math import isfinite

from xlsxwriter.utility import (
    _preserve_whitespace,
    _utf16_len,
    _utf16_truncate,
    xl_col_to_name,
)
from xlsxwriter.xmlwriter import XMLwriter

_BATCH = 500  # rows a write takes: fewer, longer writes to the row file


class RowStream:
    """Rows from row `first` (0-based) down of a constant-memory XlsxWriter `sheet`.

    Cells above `first` are written with XlsxWriter's own methods before it; cells
    below the last streamed row after it (with the block: `with RowStream(...) as
    rows`). The streamed rows take no row or column format (set_row, set_column's
    format) and no formula or rich text; column widths may be set at any time.
    Rows past the sheet's last one (1,048,576) are not written, as XlsxWriter does.
    """

    def __init__(self, sheet, first: int):
        _check_plain(sheet, first)
        sheet._write_single_row(first)  # the row XlsxWriter holds, out before ours
        self._sheet = sheet
        self._write = sheet.fh.write
        self._next = first
        self._last_row = sheet.xls_rowmax - 1
        self._string_max = sheet.xls_strmax
        self._names: list[str] = []  # column letters, for the widest row yet
        self._rows: tuple[int, int] | None = None  # first and last row with a cell
        self._left = sheet.xls_colmax if sheet.dim_colmin is None else sheet.dim_colmin
        self._right = -1 if sheet.dim_colmax is None else sheet.dim_colmax
        self._held: list[str] = []  # rows not yet written: the file takes them in batches

    def __enter__(self) -> "RowStream":
        return self

    def __exit__(self, failed, *exc) -> None:
        if failed is None:  # a failed export is thrown away: nothing more to write
            self.close()

    def text(self, text: str, cell_format=None) -> str:
        """A text cell's XML after `<c r="..."`: escaped as XlsxWriter escapes it (control
        characters as _xHHHH_), cut to Excel's 32,767 UTF-16 units as XlsxWriter cuts it."""
        if len(text) > self._string_max // 2 and _utf16_len(text) > self._string_max:
            text = _utf16_truncate(text, self._string_max)
        if "_x" in text or not text.isprintable():  # else it would change nothing
            text = XMLwriter._escape_control_characters(text)
        space = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'{_style(cell_format)} t="inlineStr"><is><t{space}>{text}</t></is></c>'

    def number(self, number: float, cell_format=None) -> str:
        """A number cell's XML after `<c r="..."` (a date: its days since 1899-12-30,
        with a date format)."""
        if not isfinite(number):
            raise ValueError(f"not a number a cell can hold: {number!r}")
        return f"{_style(cell_format)}><v>{number:.16G}</v></c>"

    def row(self, cells: Sequence[str]) -> None:
        """The next row: one cell per column from column A, each `text` or `number`'s
        XML, or "" for an empty cell. A row of empty cells is not written."""
        number = self._next
        self._next += 1
        if number > self._last_row:
            return
        names = self._names
        if len(cells) > len(names):
            names.extend(xl_col_to_name(col) for col in range(len(names), len(cells)))
        r = str(number + 1)
        xml = "".join([f'<c r="{name}{r}"{cell}'
                       for name, cell in zip(names, cells, strict=False) if cell])
        if not xml:
            return
        held = self._held
        held.append(f'<row r="{r}">{xml}</row>')
        if len(held) == _BATCH:
            self._write_held()
        self._rows = (self._rows[0] if self._rows else number, number)
        if self._left > 0 or self._right < len(cells) - 1:  # the sheet's columns grow
            self._widen(cells)

    def _widen(self, cells: Sequence[str]) -> None:
        self._left = next((col for col in range(self._left) if cells[col]), self._left)
        self._right = next((col for col in range(len(cells) - 1, self._right, -1)
                            if cells[col]), self._right)

    def _write_held(self) -> None:
        self._write("".join(self._held))
        self._held.clear()

    def close(self) -> None:
        """Give the sheet its dimensions (its <dimension>) and go on below the rows."""
        self._write_held()
        sheet = self._sheet
        if self._rows:
            sheet._check_dimensions(self._rows[0], self._left)
            sheet._check_dimensions(self._rows[1], self._right)
        sheet.previous_row = self._next  # XlsxWriter refuses the rows above from now on


def _style(cell_format) -> str:
    return f' s="{cell_format._get_xf_index()}"' if cell_format else ""


def _check_plain(sheet, first: int) -> None:
    """Refuse what a RowStream does not write as XlsxWriter would: a sheet not in
    constant memory, rows above the ones it already wrote, row or column formats,
    Excel 2010 extensions or another default row height."""
    if not sheet.constant_memory or sheet.fh is not sheet.row_data_fh:
        raise ValueError("a RowStream needs a constant-memory worksheet being filled")
    if first < sheet.previous_row or sheet.table.get(first):
        raise ValueError(f"row {first} is already written")
    if any(row >= first for row in sheet.row_info):
        raise ValueError("the streamed rows cannot have set_row() formats")
    if any(info.column_format is not None for info in sheet.col_info.values()):
        raise ValueError("the streamed rows cannot have column formats")
    if sheet.excel_version != 2007 or sheet.default_row_height != sheet.original_row_height:
        raise ValueError("the streamed rows are written as plain Excel 2007 rows")
