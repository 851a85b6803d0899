"""Checklists as the check sheets regulators write in Excel, and back.

A check sheet is one row per item under a header row (序号, 检查项目, 检查内容, 检查依据,
检查方法, 判定标准, 严重程度 or 重点项, 整改要求, 整改期限（天）, 适用条件, 备注 and their
usual variants), 检查项目 merged or written once over the rows of a section, and the
checklist's own details (行业代码, 版本, 主管部门 ...) on a second sheet 基本信息 or in
`名称：值` cells above the header. The words of the sheet are Chinese, as its readers'
are: they are the file format, not messages.

Round trip: `write` puts the whole item, as JSON, in a hidden column beside the
visible ones. `read` starts from that JSON and applies only the cells that differ from
what `write` would have written for it, so a sheet exported and imported unchanged
gives the same checklist (keys no column shows included, such as English texts or keys
added to the schema later), and an edited cell still takes effect. Rows without it (a
regulator's own sheet) are read from the cells alone and get new item ids, once:
a later import of the same sector keeps the ids of items whose text is unchanged.
"""

from .cells import COLUMNS, MAX_CELL, WRITTEN
from .reading import SheetImport, install, installed, preview, read, to_yaml
from .writing import write

__all__ = ["COLUMNS", "MAX_CELL", "WRITTEN", "SheetImport", "install", "installed", "preview",
           "read", "to_yaml", "write"]
