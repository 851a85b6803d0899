"""The report as PDF: the cover block (填报单位、填报人、联系电话、填报日期) with a seal
area, the figures per sector on landscape A4 (the same values as the XLSX: see
`spreadsheet`), problems by check item, typical cases and the notes."""

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ..files import write_atomically
from ..i18n import language, t
from ..reports.layout import build_pdf, flowing_table, grid_style, make_styles
from .compute import Cover, Report
from .figures import FIGURES
from .spreadsheet import cover_values, item_value, notes, row_value

PAGE = landscape(A4)
WIDTH = PAGE[0] - 30 * mm
ITEMS_SHOWN = 30  # the check items found most often; the XLSX lists them all


def render(report: Report, cover: Cover) -> bytes:
    styles = make_styles(base_size=9)
    values = cover_values(report, cover)
    story = [styles.p(values["title"], styles.title),
             styles.p(f"{t('stats.period')}：{values['period']}　{t('stats.area')}："
                      f"{values['area']}　{t('stats.as_of')}：{values['as_of']}",
                      styles.subtitle),
             _cover(styles, values), Spacer(1, 4 * mm), _figures(styles, report)]
    for note in notes(report):
        story.append(styles.p(note, styles.small))
    if report.items:
        story += [styles.p(t("stats.by_item"), styles.heading), _items(styles, report)]
    story.append(styles.p(t("stats.cases"), styles.heading))
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


def _figures(styles, report: Report):
    names = list(FIGURES)
    head = [styles.p(t("stats.sector"), styles.cell_bold),
            *(styles.p(t(FIGURES[n].label_key), styles.cell_bold) for n in names)]
    body = [[styles.p(row_value(r, "sector"), styles.cell),
             *(styles.p(_shown(row_value(r, n), n), styles.cell) for n in names)]
            for r in [*report.rows, report.total]]
    first = 30 * mm
    table = flowing_table([head, *body], repeatRows=1,
                          colWidths=[first, *[(WIDTH - first) / len(names)] * len(names)])
    table.setStyle(grid_style())
    return table


def _shown(value, name: str) -> str:
    if isinstance(value, str):
        return value
    if name == "rate":
        return f"{value:.1%}"
    if FIGURES[name].money:
        return f"{value:,.2f}"
    return str(int(value))


def _items(styles, report: Report):
    names = {r.sector: r.name for r in report.rows}
    fields = ("sector", "item", "item_id", "problems", "problems_critical", "problems_major",
              "problems_minor", "problems_info")
    head = [styles.p(t(k), styles.cell_bold) for k in (
        "stats.sector", "stats.item", "stats.item_id")] + [
        styles.p(t(FIGURES[f].label_key), styles.cell_bold) for f in fields[3:]]
    body = [[styles.p(str(item_value(i, f, names)), styles.cell) for f in fields]
            for i in report.items[:ITEMS_SHOWN]]
    table = flowing_table([head, *body], repeatRows=1, colWidths=[
        35 * mm, WIDTH - 35 * mm - 22 * mm - 5 * 22 * mm, 22 * mm, *[22 * mm] * 5])
    table.setStyle(grid_style())
    return table
