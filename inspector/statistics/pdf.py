"""The report as PDF: the cover block (填报单位、填报人、联系电话、填报日期) with a seal
area, the figures per sector on landscape A4 (the same values as the XLSX: see
`spreadsheet`), problems by every check item, typical cases and the notes.

Tables continue over pages with their header row repeated. A number never wraps:
each figure's column is as wide as its longest value (and its label's longest word);
should the figures not fit across the page together, they continue in a second table
below, each with the sector column. Texts (sectors, check items) wrap in their cells.
"""

import re
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Spacer

from ..files import write_atomically
from ..i18n import language, t
from ..reports.layout import build_pdf, flowing_table, grid_style, make_styles
from .compute import Cover, Report
from .figures import FIGURES, SEVERITIES
from .spreadsheet import cover_values, item_value, notes, row_value

PAGE = landscape(A4)
WIDTH = PAGE[0] - 30 * mm
PAD = 8  # a cell's left and right padding (grid_style, 3 + 3) and some air, in points
NUMBER_MIN = 13 * mm  # a figure's column, wider when its values or its label need it
ITEM_NUMBER_MIN = 22 * mm  # beside the check items there is room: labels on one line
MONEY_MIN = "12,345,678.90"  # a money column fits at least this on one line
SECTOR = 28 * mm
ITEM_ID_MIN, ITEM_ID_MAX = 16 * mm, 40 * mm
HEADING_ROOM = 35 * mm  # a heading moves to the next page rather than end a page alone
_WORD = re.compile(r"[!-~]+|.")  # a label breaks between ideographs, not inside a word
ITEM_NUMBERS = ("problems", *(f"problems_{s}" for s in SEVERITIES))


def render(report: Report, cover: Cover) -> bytes:
    styles = make_styles(base_size=9)
    cells = _Cells(styles)
    values = cover_values(report, cover)
    story = [styles.p(values["title"], styles.title),
             styles.p(f"{t('stats.period')}：{values['period']}　{t('stats.area')}："
                      f"{values['area']}　{t('stats.as_of')}：{values['as_of']}",
                      styles.subtitle),
             _cover(styles, values), Spacer(1, 4 * mm), *_figures(cells, report)]
    for note in notes(report):
        story.append(styles.p(note, styles.small))
    if report.items:
        story += [CondPageBreak(HEADING_ROOM), styles.p(t("stats.by_item"), styles.heading),
                  _items(cells, report)]
    story += [CondPageBreak(HEADING_ROOM), styles.p(t("stats.cases"), styles.heading)]
    story += [styles.p(f"{n}. {case['title']}（{case['unit']}）\n{case['text']}")
              for n, case in enumerate(report.cases, 1)] or [styles.p(t("stats.no_cases"))]
    return build_pdf(story, pagesize=PAGE, lang=language(), title=values["title"],
                     author=values["unit"], subject=values["period"])


def write(report: Report, cover: Cover, path: str | Path) -> None:
    write_atomically(path, render(report, cover))


def _cover(styles, values: dict):
    """填报单位、填报人、联系电话、填报日期, and beside them the seal's space."""
    cell = styles.cell
    rows = [[styles.p(t(key), styles.cell_bold), styles.p(values[field], cell)]
            for key, field in (("stats.filer", "unit"), ("stats.filed_by", "filer"),
                               ("stats.phone", "phone"), ("stats.filed_on", "filed_on"))]
    for row in rows:
        row.append("")
    rows[0][2] = styles.p(t("stats.seal"), styles.caption)  # a span shows its first cell
    table = flowing_table(rows, colWidths=[30 * mm, 90 * mm, 45 * mm],
                          rowHeights=[9 * mm] * 4)
    table.setStyle(grid_style(("SPAN", (2, 0), (2, 3)), ("VALIGN", (2, 0), (2, 3), "BOTTOM"),
                              ("VALIGN", (0, 0), (1, 3), "MIDDLE"), header=False))
    return table


class _Cells:
    """The paragraphs of the report's tables, and the widths numbers need."""

    def __init__(self, styles):
        self.styles = styles
        self.number = ParagraphStyle("number", parent=styles.cell, alignment=TA_RIGHT)
        self.number_bold = ParagraphStyle("number_bold", parent=styles.cell_bold,
                                          alignment=TA_RIGHT)
        # English labels break between words (their columns fit the longest word),
        # Chinese ones between any two characters
        self.label = ParagraphStyle("label", parent=styles.cell_bold, alignment=TA_CENTER,
                                    wordWrap="CJK" if language() == "zh" else None)

    def text(self, value, bold: bool = False):
        return self.styles.p(str(value), self.styles.cell_bold if bold else self.styles.cell)

    def head(self, label: str):
        return self.styles.p(label, self.label)

    def figure(self, text: str, bold: bool = False):
        return self.styles.p(text, self.number_bold if bold else self.number)

    def number_width(self, texts: list[str], label: str, least: str = "",
                     least_width: float = NUMBER_MIN) -> float:
        """A column's width: its longest value on one line (measured in bold, the
        total row's face), and its label's longest word."""
        bold = self.number_bold
        widest = max(stringWidth(v, bold.fontName, bold.fontSize) for v in [*texts, least])
        word = max((stringWidth(w, bold.fontName, bold.fontSize)
                    for w in _WORD.findall(label)), default=0)
        return max(least_width, widest + PAD, word + PAD)


def _figures(cells: _Cells, report: Report) -> list:
    """The figures per sector and the total: one table across the page, or more below
    each other if the numbers are too long to fit side by side."""
    records = [*report.rows, report.total]
    shown = {n: [_shown(row_value(r, n), n) for r in records] for n in FIGURES}
    widths = {n: cells.number_width(shown[n], t(FIGURES[n].label_key),
                                    MONEY_MIN if FIGURES[n].money else "") for n in FIGURES}
    tables, runs = [], _fit(widths, WIDTH - SECTOR)
    for names in runs:
        # across the page, but a last table of a few columns keeps its columns narrow
        full = len(runs) == 1 or names is not runs[-1]
        slack = (WIDTH - SECTOR - sum(widths[n] for n in names)) / len(names) if full else 0
        head = [cells.head(t("stats.sector")),
                *(cells.head(t(FIGURES[n].label_key)) for n in names)]
        body = [[cells.text(row_value(r, "sector"), r is report.total),
                 *(cells.figure(shown[n][i], r is report.total) for n in names)]
                for i, r in enumerate(records)]
        table = flowing_table([head, *body], repeatRows=1, hAlign="LEFT",
                              colWidths=[SECTOR, *(widths[n] + slack for n in names)])
        table.setStyle(grid_style())
        tables += [table, Spacer(1, 2 * mm)]
    return tables


def _fit(widths: dict[str, float], room: float) -> list[list[str]]:
    """The columns in order, cut into runs that each fit in `room`."""
    runs, run, used = [], [], 0.0
    for name, width in widths.items():
        if run and used + width > room:
            runs.append(run)
            run, used = [], 0.0
        run.append(name)
        used += width
    return [*runs, run]


def _shown(value, name: str) -> str:
    if isinstance(value, str):
        return value
    if name == "rate":
        return f"{value:.1%}"
    if FIGURES[name].money:
        return f"{value:,.2f}"
    return str(int(value))


def _items(cells: _Cells, report: Report):
    """Every check item with its problems by severity, the most found first, and the
    totals; the item's text wraps in the widest column."""
    names = {r.sector: r.name for r in report.rows}
    totals = {f: sum(item_value(i, f, names) for i in report.items) for f in ITEM_NUMBERS}
    shown = {f: [str(item_value(i, f, names)) for i in report.items] for f in ITEM_NUMBERS}
    widths = [cells.number_width([*shown[f], str(totals[f])], t(FIGURES[f].label_key),
                                 least_width=ITEM_NUMBER_MIN) for f in ITEM_NUMBERS]
    ids = [str(i.item_id) for i in report.items]
    id_width = min(ITEM_ID_MAX, cells.number_width(ids, t("stats.item_id")))
    id_width = max(ITEM_ID_MIN, id_width)
    head = [cells.head(t(k)) for k in ("stats.sector", "stats.item", "stats.item_id")] + [
        cells.head(t(FIGURES[f].label_key)) for f in ITEM_NUMBERS]
    body = [[cells.text(item_value(i, "sector", names)), cells.text(i.title),
             cells.text(i.item_id), *(cells.figure(shown[f][n]) for f in ITEM_NUMBERS)]
            for n, i in enumerate(report.items)]
    total = [cells.text(report.total.name or t("stats.total"), bold=True), "", "",
             *(cells.figure(str(totals[f]), bold=True) for f in ITEM_NUMBERS)]
    item_width = WIDTH - SECTOR - id_width - sum(widths)
    table = flowing_table([head, *body, total], repeatRows=1,
                          colWidths=[SECTOR, item_width, id_width, *widths])
    table.setStyle(grid_style(("SPAN", (0, -1), (2, -1))))
    return table
