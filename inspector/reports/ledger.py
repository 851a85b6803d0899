"""The rectification ledger (整改台账) as XLSX, CSV or PDF.

Columns are the usual 台账 columns, in Chinese, in a fixed order (contract).
XLSX has a frozen header, filters and real date cells, because supervisors sort
and filter it in Excel; CSV is UTF-8 with BOM so Excel opens the Chinese
correctly; PDF is landscape with the header repeated on every page.
"""

import csv
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from .. import checklists, ids
from ..errors import InspectorError
from ..files import atomic_path, write_atomically
from ..i18n import language, pick
from ..spreadsheet_safe import csv_cell, save_xlsx, xlsx_cell
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
    sectors = {c.sector: pick(c.content.get("sector_name"), "zh") or c.sector
               for c in checklists.load_bundled()}
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
            "review": _review_text(item["review_status"], item["review_note"]),
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


def _write_xlsx(rows: list[dict], path: Path, title: str | None, today: date) -> None:
    """Streamed (openpyxl write-only): a supervisor's ledger can have 100k rows, and a
    workbook built cell by cell in memory took minutes for that. The output path is
    claimed first, so an unwritable one fails before any row is streamed."""
    book = Workbook(write_only=True)
    save_xlsx(path, book, lambda: _stream_xlsx(book, rows, title))


def _stream_xlsx(book: Workbook, rows: list[dict], title: str | None) -> None:
    sheet = book.create_sheet(label("ledger.title", "zh"))
    widths = _fit_columns(sheet, rows)  # widths and panes precede the rows in a stream
    header_row = 2 if title else 1
    sheet.freeze_panes = f"A{header_row + 1}"
    if title:
        heading = xlsx_cell(sheet, title, as_cell=True)
        heading.font = Font(bold=True, size=14)
        sheet.append([heading])
    sheet.append([_header_cell(sheet, header) for header in HEADERS])
    styles = _cell_styles(sheet, widths)
    status_at = HEADERS.index("整改状态")
    for row in rows:
        cells = [styles[key](row[key]) for key, _ in COLUMNS]
        if row["overdue"]:
            cells[status_at] = styles["overdue"](row["status"])
        sheet.append(cells)
    last = header_row + len(rows)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(COLUMNS))}{last}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4


def _header_cell(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, text)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="ECEFF1")
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def _cell_styles(sheet, widths: dict[str, int]) -> dict:
    """key -> a function making that column's cell, safe (spreadsheet_safe.xlsx_cell).
    Plain values stay plain: styling every cell costs more than writing it, so text
    wraps only where it would not fit."""
    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    overdue = PatternFill("solid", fgColor="FDE7E7")

    def styled(alignment, number_format=None, fill=None):
        template = WriteOnlyCell(sheet)
        template.alignment = alignment
        if number_format:
            template.number_format = number_format
        if fill:
            template.fill = fill

        def make(value):  # one style lookup per column, not per cell
            return xlsx_cell(sheet, value, template._style)
        return make

    def wrap_if_long(key):
        wrap = styled(wrapped)
        return lambda value: (wrap(value) if value and display_width(str(value)) > widths[key]
                              else plain(value))

    def plain(value):
        return xlsx_cell(sheet, value)

    makers = {key: wrap_if_long(key) if key in WRAPPED_KEYS else
              styled(top, "yyyy-mm-dd") if key in DATE_KEYS else plain
              for key, _ in COLUMNS}
    makers["overdue"] = styled(top, fill=overdue)
    return makers


def display_width(text: str) -> int:
    """Columns `text` takes in a fixed-width view: East Asian wide characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit_columns(sheet, rows: list[dict]) -> dict[str, int]:
    """Set each column's width to fit its text (capped); key -> width."""
    widths = {}
    for index, (key, header) in enumerate(COLUMNS, 1):
        values = [header] + [_as_text(row[key]) for row in rows]
        widest = max(display_width(v) for v in values)
        cap = MAX_WIDTH if key in WRAPPED_KEYS else 60
        widths[key] = min(widest + 2, cap)
        sheet.column_dimensions[get_column_letter(index)].width = widths[key]
    return widths


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
