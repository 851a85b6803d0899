"""Writing a checklist as a check sheet (XlsxWriter): drop-down lists, sections merged,
the item's data in a hidden column for a lossless import back."""

import json
from pathlib import Path

from ..checklists import Checklist
from ..errors import InspectorError
from ..i18n import pick, t
from .cells import (
    INFO_FIELDS,
    INFO_SHEET,
    MAX_CELL,
    NO,
    SEVERITY_LABELS,
    SHEET,
    TYPE_LABELS,
    WRITTEN,
    YES,
    info_cells,
    shown_cells,
)


def write(checklist: Checklist, path: str | Path) -> None:
    """The checklist as a check sheet at `path` (atomically): 检查表 with drop-down
    lists, 基本信息 with the checklist's details, the data for a lossless import back
    in hidden cells."""
    from ..spreadsheet_safe import xlsx_book

    with xlsx_book(path, constant_memory=False) as book:  # sections are merged afterwards
        _Writer(book, checklist).write()


class _Writer:
    def __init__(self, book, checklist: Checklist):
        self.book, self.checklist = book, checklist
        base = {"text_wrap": True, "valign": "top", "font_size": 10}
        self.fmt = {
            "cell": book.add_format(base),
            "quoted": book.add_format({**base, "quote_prefix": True}),
            "header": book.add_format({**base, "bold": True, "bg_color": "#E8EEF4",
                                       "border": 1, "valign": "vcenter", "align": "center"}),
            "title": book.add_format({"bold": True, "font_size": 14, "align": "center"}),
            "section": book.add_format({**base, "bold": True, "valign": "vcenter"}),
            "quoted_section": book.add_format({**base, "bold": True, "valign": "vcenter",
                                               "quote_prefix": True}),
            "id": book.add_format({**base, "font_color": "#808080"}),
        }

    def put(self, sheet, row: int, col: int, value, style: str = "cell", where: str = ""):
        """A text cell: never a formula (quote-prefixed when it could be taken for one),
        never cut (Excel holds 32 767 characters: longer is refused, naming the item)."""
        from ..spreadsheet_safe import quoted_text, write_text

        text, quoted = quoted_text(str(value))
        if len(text) > MAX_CELL:
            raise InspectorError(t("xlsx.cell_too_big", where=where, n=len(text), max=MAX_CELL))
        style = f"quoted_{style}" if quoted and f"quoted_{style}" in self.fmt else \
            ("quoted" if quoted else style)
        write_text(sheet, row, col, text, self.fmt[style])

    def write(self) -> None:
        self.items_sheet()
        self.info_sheet()

    def items_sheet(self) -> None:
        sheet = self.book.add_worksheet(SHEET)
        last = len(WRITTEN) - 1
        sheet.merge_range(0, 0, 0, last, "", self.fmt["title"])
        self.put(sheet, 0, 0, pick(self.checklist.content["title"], "zh"), "title", "title")
        for col, column in enumerate(WRITTEN):
            self.put(sheet, 1, col, column.header, "header")
            sheet.set_column(col, col, column.width, None, {"hidden": column.key == "data"})
        row = 2
        for section in self.checklist.sections:
            first = row
            for item in section["items"]:
                self.item_row(sheet, row, item, section)
                row += 1
            col = self.col("section")
            title = pick(section["title"], "zh")
            if row - first > 1:
                sheet.merge_range(first, col, row - 1, col, "", self.fmt["section"])
            self.put(sheet, first, col, title, "section", section["id"])
        sheet.freeze_panes(2, 3)
        sheet.autofilter(1, 0, max(row - 1, 1), last - 1)
        self.drop_downs(sheet, max(row, 2) + 200)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(1)

    def col(self, key: str) -> int:
        return next(i for i, c in enumerate(WRITTEN) if c.key == key)

    def item_row(self, sheet, row: int, item: dict, section: dict) -> None:
        shown = shown_cells(item)
        shown["seq"] = str(row - 1)
        shown["id"] = item["id"]
        carried = {"item": item, "section": {"id": section["id"], "title": section["title"]}}
        shown["data"] = json.dumps(carried, ensure_ascii=True, separators=(",", ":"))
        for col, column in enumerate(WRITTEN):
            if column.key == "section" or not shown.get(column.key):
                continue
            style = "id" if column.key in ("id", "seq") else "cell"
            self.put(sheet, row, col, shown[column.key], style, item["id"])

    def drop_downs(self, sheet, last_row: int) -> None:
        lists = {"severity": list(SEVERITY_LABELS.values()), "type": list(TYPE_LABELS.values()),
                 "required": [YES, NO], "observation": [YES, NO]}
        for key, values in lists.items():
            col = self.col(key)
            sheet.data_validation(2, col, last_row, col, {
                "validate": "list", "source": values, "error_title": "检查表",
                "error_message": "请从下拉列表中选择：" + "、".join(values)})
        col = self.col("deadline")
        sheet.data_validation(2, col, last_row, col, {
            "validate": "integer", "criteria": "between", "minimum": 0, "maximum": 3650,
            "error_title": "检查表", "error_message": "整改期限为 0–3650 天的整数"})

    def info_sheet(self) -> None:
        sheet = self.book.add_worksheet(INFO_SHEET)
        sheet.set_column(0, 0, 18)
        sheet.set_column(1, 1, 80)
        content = {k: v for k, v in self.checklist.content.items() if k != "sections"}
        shown = info_cells(content)
        shown["data"] = json.dumps(content, ensure_ascii=True, separators=(",", ":"))
        for row, info in enumerate(INFO_FIELDS):
            self.put(sheet, row, 0, info.label, "section")
            if shown.get(info.key):
                self.put(sheet, row, 1, shown[info.key], "cell", info.label)
            if info.key == "data":
                sheet.set_row(row, None, None, {"hidden": True})

