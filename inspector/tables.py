"""Reading subject registers as they come: CSV (UTF-8 with or without BOM, GBK) or XLSX.

Headers are recognised by their usual Chinese (and English) names wherever the
header row is within the first rows (registers often start with a title row);
other columns are ignored. Row numbers are the ones a spreadsheet shows.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .errors import ValidationError
from .i18n import t

HEADERS = {
    "name": ["企业名称", "单位名称", "名称", "主体名称", "被检查单位", "机构名称",
             "企业（单位）名称", "企业(单位)名称", "经营者名称", "市场主体名称", "name", "company"],
    "uscc": ["统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "uscc", "credit code",
             "code"],
    "address": ["注册地址", "地址", "住所", "经营地址", "经营场所", "住所（经营场所）",
                "address"],
    "legal_rep": ["法定代表人", "法人代表", "法定代表人（负责人）", "法定代表人(负责人)",
                  "负责人", "经营者", "legal representative", "legal_rep"],
    "phone": ["联系电话", "电话", "手机", "联系方式", "phone", "telephone"],
    "sector": ["行业", "所属行业", "行业类别", "行业类型", "sector", "industry"],
}
_LOOKUP = {alias.lower(): key for key, aliases in HEADERS.items() for alias in aliases}
HEADER_SEARCH_ROWS = 10


@dataclass
class Table:
    columns: dict[str, int]  # field -> column index
    rows: list[tuple[int, dict]]  # (row number, {field: value})


def read_table(path) -> Table:
    path = Path(path)
    if not path.is_file():
        raise ValidationError(t("import.missing"), path=str(path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        raw = _read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        raw = _read_csv(path)
    else:
        raise ValidationError(t("import.format", suffix=suffix or "?"), path=str(path))
    return _to_table(raw, str(path))


def _read_csv(path: Path) -> list[tuple[int, list]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly anything
        raise ValidationError(t("import.encoding"), path=str(path))
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, start = [], 1
    try:
        for record in reader:
            rows.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ValidationError(str(exc), path=str(path), line=reader.line_num) from None
    return rows


def _read_xlsx(path: Path) -> list[tuple[int, list]]:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError(t("import.bad_xlsx", err=exc), path=str(path)) from None
    try:
        sheet = book.worksheets[0]
        return [(cells[0].row, [c.value for c in cells]) for cells in sheet.iter_rows()
                if cells and hasattr(cells[0], "row")]
    finally:
        book.close()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_columns(record: list) -> dict[str, int]:
    columns = {}
    for index, value in enumerate(record):
        key = _LOOKUP.get(_cell(value).replace(" ", "").lower()) or _LOOKUP.get(
            _cell(value).lower())
        if key and key not in columns:
            columns[key] = index
    return columns


def _to_table(raw: list[tuple[int, list]], display: str) -> Table:
    header = None
    for position, (_, record) in enumerate(raw[:HEADER_SEARCH_ROWS]):
        columns = _header_columns(record)
        if "name" in columns and "uscc" in columns:
            header = position
            break
    if header is None:
        wanted = " / ".join(HEADERS["name"][:2] + HEADERS["uscc"][:1])
        raise ValidationError(t("import.no_header", wanted=wanted), path=display)
    rows = []
    for number, record in raw[header + 1:]:
        values = {key: _cell(record[i]) if i < len(record) else "" for key, i in columns.items()}
        if any(values.values()):
            rows.append((number, values))
    return Table(columns, rows)
