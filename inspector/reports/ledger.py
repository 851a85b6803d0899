"""The rectification ledger (整改台账) as XLSX, CSV or PDF.

Columns are the usual 台账 columns, in Chinese, in a fixed order (contract).
XLSX (XlsxWriter, streamed) has a frozen header, filters and real date cells, because
supervisors sort and filter it in Excel; CSV is UTF-8 with BOM so Excel opens the Chinese
correctly; PDF is landscape with the header repeated on every page.
"""

import csv
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from operator import itemgetter
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from .. import checklists, ids
from ..errors import InspectorError
from ..files import atomic_path, write_atomically
from ..i18n import language, pick
from ..rectification_rules import TRANSFERRED
from ..spreadsheet_safe import XlsxFormats, csv_cell, quoted_text, xlsx_book
from ..xlsx_rows import RowStream
from .layout import FAIL_BG, build_pdf, flowing_table, grid_style, local_date, make_styles
from .messages import label

# (key, header) in the contract's order
COLUMNS = (
    ("no", "序号"), ("subject", "被检查单位"), ("uscc", "统一社会信用代码"), ("sector", "行业"),
    ("inspected_on", "检查日期"), ("problem", "问题描述"), ("basis", "依据"),
    ("severity", "严重程度"), ("requirement", "整改要求"), ("deadline", "整改时限"),
    ("responsible", "责任人"), ("status", "整改状态"), ("reviewed_on", "复查日期"),
    ("review", "复查结论"),
)
HEADERS = tuple(header for _, header in COLUMNS)
DATE_KEYS = ("inspected_on", "deadline", "reviewed_on")
WRAPPED_KEYS = ("subject", "problem", "basis", "requirement", "review")
MAX_WIDTH = 48  # Excel column width in characters for the long, wrapped columns


def ledger_rows(items: Iterable[dict]) -> list[dict]:
    """The ledger's rows (keys as in COLUMNS, dates as datetime.date, numbered from 1)
    plus id, status_code and overdue, of `items` as ledger_query.items reads them."""
    bundled = checklists.load_bundled()
    sectors = {c.sector: pick(c.content.get("sector_name"), "zh") or c.sector for c in bundled}
    receivers = {i["id"]: c.competent_kind(i) for c in bundled for i in c.items}
    rows = []
    for number, item in enumerate(items, 1):
        state = label(f"rect_status.{item['status']}", "zh")
        rows.append({
            "no": number, "subject": item["subject"], "uscc": item["uscc"],
            "sector": sectors.get(item["sector"], item["sector"]),
            "inspected_on": local_date(item["inspected_at"]), "problem": item["problem"],
            "basis": item["basis"], "severity": label(f"severity.{item['severity']}", "zh"),
            "requirement": item["requirement"], "deadline": date.fromisoformat(item["deadline"]),
            "responsible": item["responsible"] or "",
            "status": label("ledger.overdue", "zh", status=state) if item["overdue"] else state,
            "reviewed_on": local_date(item["reviewed_at"]) if item["reviewed_at"] else None,
            "review": _review_text(item["review_status"], item["review_note"])
            if item["status"] != TRANSFERRED else label(
                "ledger.review.transferred", "zh", receiver=receivers.get(item["item_id"], "")),
            "id": item["id"], "status_code": item["status"], "overdue": item["overdue"],
        })
    return rows


def _review_text(verdict: str | None, note: str | None) -> str:
    if not verdict:
        return ""
    text = label(f"ledger.review.{verdict}", "zh")
    return f"{text}：{note}" if note else text


def write_ledger(rows: list[dict], path: str | Path, *, title: str | None = None,
                 today: date | None = None) -> None:
    """Write `rows` to `path` as .xlsx, .csv or .pdf (chosen by the suffix), atomically.

    `title` goes above the table in XLSX and PDF; `today` dates the PDF's caption.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    writers = {".xlsx": _write_xlsx, ".csv": _write_csv, ".pdf": _write_pdf}
    if suffix not in writers:
        raise InspectorError(label("ledger.format", language(), suffix=target.suffix),
                             path=str(target))
    writers[suffix](rows, target, title, today or date.fromisoformat(ids.today()))


# --- XLSX ---------------------------------------------------------------------

# XlsxWriter formats by name (spreadsheet_safe.XlsxFormats); plain cells have none:
# styling every cell costs more than writing it, so text wraps only where it would not fit
XLSX_FORMATS = {
    "heading": {"bold": True, "font_size": 14},
    "header": {"bold": True, "bg_color": "#ECEFF1", "align": "center", "valign": "vcenter",
               "text_wrap": True},
    "wrapped": {"valign": "top", "text_wrap": True},
    "date": {"valign": "top", "num_format": "yyyy-mm-dd"},
    "overdue": {"valign": "top", "bg_color": "#FDE7E7"},
}
EXCEL_EPOCH = date(1899, 12, 30).toordinal()  # a date cell holds its days since then


def _write_xlsx(rows: list[dict], path: Path, title: str | None, today: date) -> None:
    """Streamed (XlsxWriter, constant memory): a supervisor's ledger can have 100k rows.
    The output path is claimed first, so an unwritable one fails before any row."""
    with xlsx_book(path) as book:
        _fill_xlsx(book, rows, title)


def _fill_xlsx(book, rows: list[dict], title: str | None) -> None:
    sheet = book.add_worksheet(label("ledger.title", "zh"))
    formats = XlsxFormats(book, **XLSX_FORMATS)
    header_row = 1 if title else 0
    if title:
        formats.put(sheet, 0, 0, title, "heading")
    for col, header in enumerate(HEADERS):
        formats.put(sheet, header_row, col, header, "header")
    with RowStream(sheet, header_row + 1) as stream:
        widths = _xlsx_rows(stream, formats, rows)
    for col, (key, header) in enumerate(COLUMNS):  # columns may follow the rows
        cap = MAX_WIDTH if key in WRAPPED_KEYS else 60
        sheet.set_column(col, col, min(max(widths[key], display_width(header)) + 2, cap))
    sheet.freeze_panes(header_row + 1, 0)
    sheet.autofilter(header_row, 0, header_row + len(rows), len(COLUMNS) - 1)
    sheet.repeat_rows(header_row)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4


def _xlsx_rows(stream: RowStream, formats: XlsxFormats, rows: list[dict]) -> dict[str, int]:
    """The rows, and the widest text of each column (by key).

    The hot loop of a 100k-row export: a ledger's texts and dates repeat (names, bases,
    requirements, states, deadlines), so each column makes each distinct value's cell
    once (_Cells) and looks it up after; only the row number is made every row."""
    keys = [key for key, _ in COLUMNS]
    state_at = keys.index("status")
    columns = [_Cells(_cell_maker(stream, formats, key)) for key in keys]
    cell_of = [column.__getitem__ for column in columns]
    cell_of[keys.index("no")] = stream.number
    values_of = itemgetter(*keys)
    for row in rows:
        values = list(values_of(row))
        values[state_at] = (values[state_at], row["overdue"])  # overdue: in red
        stream.row([cell(value) for cell, value in zip(cell_of, values, strict=True)])
    widest = {key: column.width for key, column in zip(keys, columns, strict=True)}
    return widest | {"no": len(str(max((row["no"] for row in rows), default=0)))}


class _Cells(dict):
    """One column's cells by value, each made when first asked for by make(value),
    which gives the cell (RowStream's XML) and its display width; `width` is the widest."""

    def __init__(self, make: Callable[[object], tuple[str, int]]):
        super().__init__()
        self.make, self.width = make, 0

    def __missing__(self, value) -> str:
        cell, width = self.make(value)
        self.width = max(self.width, width)
        self[value] = cell
        return cell


def _cell_maker(stream: RowStream, formats: XlsxFormats, key: str):
    """make(value) for _Cells of column `key`: empty values make empty cells."""
    def make(value) -> tuple[str, int]:
        if key == "status":
            value, overdue = value
            return _text_cell(stream, formats, "overdue" if overdue else key, value)
        if value is None or value == "":
            return "", 0
        if key in DATE_KEYS:
            return stream.number(value.toordinal() - EXCEL_EPOCH, formats.plain["date"]), 10
        return _text_cell(stream, formats, key, value)
    return make


def _text_cell(stream: RowStream, formats: XlsxFormats, key: str, value: str) -> tuple[str, int]:
    """A text cell of column `key` (or "overdue": an overdue item's state) and its
    display width: its text as spreadsheet_safe.quoted_text holds it, its format
    quote-prefixed where the text could run, wrapped where too wide for the column."""
    width = display_width(value)
    text, quoted = quoted_text(value)
    name = ("wrapped" if key in WRAPPED_KEYS and width > MAX_WIDTH else
            "overdue" if key == "overdue" else None)
    return stream.text(text, (formats.quoted if quoted else formats.plain)[name]), width


class _CharWidths(dict):
    """Each character's display width, looked up once."""

    def __missing__(self, char: str) -> int:
        width = self[char] = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        return width


_CHAR_WIDTHS = _CharWidths()


def display_width(text: str) -> int:
    """Columns `text` takes in a fixed-width view: East Asian wide characters count 2."""
    if text.isascii():
        return len(text)
    return sum(map(_CHAR_WIDTHS.__getitem__, text))  # in C, but for a character first seen


def _as_text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


# --- CSV -----------------------------------------------------------------------


def _write_csv(rows: list[dict], path: Path, title: str | None, today: date) -> None:
    # no title row: a CSV is read by programs, whose header must be the first line
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow([_as_text(csv_cell(row[key])) for key, _ in COLUMNS])


# --- PDF -----------------------------------------------------------------------

# column widths in mm on landscape A4 (277 mm between the margins): a credit code,
# a date and "待整改（逾期）" each fit on one line at 7 pt
PDF_WIDTHS = (8, 25, 30, 14, 15.5, 38, 26, 13, 32, 15.5, 11, 20, 15.5, 13.5)


def _write_pdf(rows: list[dict], path: Path, title: str | None, today: date) -> None:
    write_atomically(path, render_ledger_pdf(rows, title=title, today=today))


def render_ledger_pdf(rows: list[dict], *, title: str | None = None,
                      today: date | None = None) -> bytes:
    """The ledger as landscape A4 PDF bytes: header row on every page, page numbers."""
    styles = make_styles(8)
    heading = title or label("ledger.title", "zh")
    day = today.isoformat() if today else ids.today()  # Beijing's day, as the deadlines'
    caption = label("ledger.generated", "zh", date=day, n=len(rows))
    pagesize = landscape(A4)
    data = [[styles.p(h, styles.cell_bold) for h in HEADERS]]
    overdue = []
    for row in rows:
        if row["overdue"]:
            overdue.append(len(data))
        data.append([styles.p(_as_text(row[key]), styles.cell) for key, _ in COLUMNS])
    table = flowing_table(data, colWidths=[w * mm for w in PDF_WIDTHS], repeatRows=1)
    table.setStyle(grid_style(*[("BACKGROUND", (11, r), (11, r), FAIL_BG) for r in overdue]))
    story = [styles.p(heading, styles.title), styles.p(caption, styles.subtitle), table]
    return build_pdf(story, pagesize=pagesize, lang="zh", title=heading, subject=caption,
                     footer_left=heading, margins=(10 * mm, 12 * mm, 10 * mm, 16 * mm))
