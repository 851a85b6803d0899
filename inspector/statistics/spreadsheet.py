"""The report as XLSX: the default table (XlsxWriter, laid out by the shipped
default mapping), or a user's template filled through its mapping file (openpyxl:
load the template, fill the mapped cells, save). Both take their values from
`fields`, so a template shows exactly what the default table shows.
"""

from pathlib import Path

from ..errors import InspectorError
from ..files import atomic_path
from ..i18n import t
from ..spreadsheet_safe import quoted_text, write_text
from . import mapping as mappings
from .compute import Cover, ItemRow, Report, Row
from .figures import FIGURES

DASH = "—"  # a figure nothing counts yet (figures.pending)
PERCENT, MONEY = "0.0%", "#,##0.00"


# --- the values a mapping names ---------------------------------------------------------


def cover_values(report: Report, cover: Cover) -> dict[str, str]:
    scope = report.scope
    return {"title": t("stats.title"), "unit": cover.unit or scope.unit or t("stats.all"),
            "period": _period_text(report), "area": scope.area or t("stats.all"),
            "as_of": scope.day(), "filer": cover.filer, "phone": cover.phone,
            "filed_on": cover.filed_on or scope.day()}


def _period_text(report: Report) -> str:
    period = report.scope.period
    return f"{period.key}（{period.first_day} — {period.last_day}）"


def row_value(row: Row, field: str):
    if field == "sector":
        return row.name
    value = row[field]
    return DASH if value is None else value


def item_value(item: ItemRow, field: str, sector_names: dict[str, str]):
    if field == "sector":
        return sector_names.get(item.sector, item.sector)
    if field == "item":
        return item.title
    if field == "item_id":
        return item.item_id
    if field == "problems":
        return item.problems
    return item.by_severity[field.removeprefix("problems_")]


def number_format(field: str) -> str | None:
    if field == "rate":
        return PERCENT
    figure = FIGURES.get(field)
    return MONEY if figure is not None and figure.money else None


def label(field: str) -> str:
    if field in FIGURES:
        return t(FIGURES[field].label_key)
    return t({"sector": "stats.sector", "item": "stats.item", "item_id": "stats.item_id",
              "title": "stats.cases", "text": "stats.case_text", "unit": "stats.unit",
              "period": "stats.period"}.get(field, "stats.sector"))


def _table_rows(report: Report, table: mappings.Table, kind: str) -> list[list]:
    """[(column letter, field, value), ...] per row of a mapped table."""
    names = {r.sector: r.name for r in report.rows}
    if kind == "rows":
        records = report.rows + ([report.total] if table.total else [])
        return [[(c, f, row_value(r, f)) for c, f in table.columns.items()] for r in records]
    if kind == "items":
        return [[(c, f, item_value(i, f, names)) for c, f in table.columns.items()]
                for i in report.items]
    return [[(c, f, case.get(f) or "") for c, f in table.columns.items()]
            for case in report.cases]


def _sheet_of(mapping: mappings.Mapping, table: mappings.Table | None) -> str | None:
    return table.sheet if table is not None and table.sheet else mapping.sheet


# --- the default table ------------------------------------------------------------------


def write_default(report: Report, cover: Cover, path: str | Path) -> None:
    """The report in the default layout (the shipped mapping), written by XlsxWriter."""
    import xlsxwriter
    from xlsxwriter.exceptions import XlsxWriterException
    from xlsxwriter.utility import xl_cell_to_rowcol

    layout = mappings.load()
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False,
                                              "strings_to_formulas": False,
                                              "strings_to_urls": False})
        formats = {None: book.add_format({"border": 1}),
                   PERCENT: book.add_format({"border": 1, "num_format": PERCENT}),
                   MONEY: book.add_format({"border": 1, "num_format": MONEY}),
                   "header": book.add_format({"bold": True, "text_wrap": True, "border": 1,
                                              "align": "center", "valign": "vcenter",
                                              "bg_color": "#E8EEF4"}),
                   "title": book.add_format({"bold": True, "font_size": 14})}
        sheets = {}

        def sheet(name):
            if name not in sheets:
                sheets[name] = book.add_worksheet(name)
            return sheets[name]

        try:
            main = sheet(layout.sheet)
            values = cover_values(report, cover)
            for cell, field in layout.cells.items():
                row, col = xl_cell_to_rowcol(cell)
                if field == "title":
                    write_text(main, row, col, _text(values[field]), formats["title"])
                    continue
                if col > 0:
                    write_text(main, row, col - 1, label_of_cover(field))
                write_text(main, row, col, _text(values[field]))
            for kind in ("rows", "items", "cases"):
                table = getattr(layout, kind)
                target = sheet(_sheet_of(layout, table))
                for column, field in table.columns.items():
                    col = xl_cell_to_rowcol(f"{column}1")[1]
                    write_text(target, table.first_row - 2, col, label(field),
                                        formats["header"])
                    target.set_column(col, col, 40 if field in ("item", "text") else
                                      (24 if col == 0 else 12))
                for n, cells in enumerate(_table_rows(report, table, kind)):
                    for column, field, value in cells:
                        col = xl_cell_to_rowcol(f"{column}1")[1]
                        _write(target, table.first_row - 1 + n, col, value,
                               formats[number_format(field)])
                target.freeze_panes(table.first_row - 1, 1)
            notes_row = layout.rows.first_row + len(report.rows) + 1
            for n, note in enumerate(notes(report)):
                write_text(main, notes_row + n, 0, note)
        finally:
            try:
                book.close()
            except XlsxWriterException as exc:
                raise OSError(str(exc)) from None


def label_of_cover(field: str) -> str:
    return t({"unit": "stats.filer", "period": "stats.period", "area": "stats.area",
              "as_of": "stats.as_of", "filer": "stats.filed_by", "phone": "stats.phone",
              "filed_on": "stats.filed_on"}.get(field, "stats.title"))


def notes(report: Report) -> list[str]:
    """What the reader must know: figures not counted yet, figures entered by hand."""
    out = []
    if report.pending:
        out.append(t("stats.pending_note", figures="、".join(
            t(FIGURES[name].label_key) for name in report.pending)))
    out.append(t("stats.manual_note"))
    return out


def _text(value) -> str:
    return quoted_text(str(value))[0]


def _write(sheet, row: int, col: int, value, fmt) -> None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        sheet.write_number(row, col, value, fmt)
    else:
        write_text(sheet, row, col, _text(value), fmt)


# --- a user's template ------------------------------------------------------------------


def fill_template(report: Report, cover: Cover, template: str | Path,
                  mapping: str | Path, path: str | Path) -> None:
    """Load `template`, fill the cells `mapping` names, save as `path`."""
    from openpyxl import load_workbook

    from ..spreadsheet_safe import save_xlsx

    layout = mappings.load(mapping)
    try:
        book = load_workbook(template)
    except (OSError, ValueError, KeyError) as exc:
        raise InspectorError(t("stats.template", path=template, reason=exc)) from None
    main = _template_sheet(book, layout.sheet, template)
    values = cover_values(report, cover)
    for cell, field in layout.cells.items():
        _put(main[cell], values[field], None)
    for cell, field in layout.totals.items():
        _put(main[cell], row_value(report.total, field), number_format(field))
    for kind in ("rows", "items", "cases"):
        table = getattr(layout, kind)
        if table is None:
            continue
        sheet = _template_sheet(book, _sheet_of(layout, table), template)
        for n, cells in enumerate(_table_rows(report, table, kind)):
            for column, field, value in cells:
                _put(sheet[f"{column}{table.first_row + n}"], value, number_format(field))
    save_xlsx(path, book)


def _template_sheet(book, name: str | None, template):
    if name is None:
        return book.worksheets[0]
    if name not in book.sheetnames:
        raise InspectorError(t("stats.template", path=template, reason=name))
    return book[name]


def _put(cell, value, fmt: str | None) -> None:
    if isinstance(value, str):
        text, quoted = quoted_text(value)
        cell.value = text
        if quoted:
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
        if fmt and cell.number_format == "General":
            cell.number_format = fmt
