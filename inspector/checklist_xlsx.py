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

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import legal_basis
from .checklists import (
    SEVERITIES,
    Checklist,
    ChecklistInvalid,
    Problem,
    check,
    plain,
    user_dir,
)
from .errors import InspectorError
from .i18n import pick, t

MAX_CELL = 32767  # characters an Excel cell holds
MAX_ROWS = 10_000  # rows read from a sheet; a check sheet has tens
MAX_COLUMNS = 64  # columns read (a check sheet has about 20): a row of 16 384 is not read
HEADER_SEARCH = 30  # the header row is among the first rows
SHEET, INFO_SHEET = "检查表", "基本信息"
YES, NO = "是", "否"
SEVERITY_LABELS = {"info": "提示", "minor": "一般", "major": "较重", "critical": "严重"}
TYPE_LABELS = {"yes_no": "是否", "single_choice": "单选", "multi_choice": "多选", "text": "文字",
               "number": "数字", "date": "日期", "photo": "照片", "signature": "签名"}
KEY_ITEM_MARKS = {"*", "＊", "★", "☆", "√", "✓", "✔", "是", "重点", "y", "yes", "1"}
CONDITION = re.compile(r"^\s*([a-z][a-z0-9_-]*)\s*(=|＝|≠|!=|∈)\s*(.+?)\s*$")
ANSWER_WORDS = {YES: "yes", NO: "no", "不适用": "na"}


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as written
    variants: tuple[str, ...] = ()  # other headers read as this column
    width: int = 12


COLUMNS = (
    Column("seq", "序号", ("编号", "项次"), 5),
    Column("section", "检查项目", ("检查事项", "检查类别", "检查大项", "项目", "类别",
                                "检查环节"), 12),
    Column("text", "检查内容", ("检查要点", "检查细则", "内容", "检查内容及要求"), 36),
    Column("basis", "检查依据", ("法律依据", "依据", "法律法规依据", "执法依据", "法规依据"), 30),
    Column("guidance", "检查方法", ("核查要点", "检查方法/核查要点", "检查方法及要点", "检查方式",
                                "核查方法"), 30),
    Column("criterion", "判定标准", ("评判标准", "合格标准", "判定方法"), 16),
    Column("severity", "严重程度", ("风险等级", "问题等级", "严重性"), 8),
    Column("key_item", "重点项", ("重点项目", "是否重点项", "重点"), 6),
    Column("requirement", "整改要求", ("整改措施", "整改意见"), 28),
    Column("immediate", "立即措施", ("立即整改",), 18),
    Column("deadline", "整改期限（天）", ("整改期限", "期限", "整改时限", "期限（天）"), 8),
    Column("condition", "适用条件", ("适用范围", "适用情形"), 14),
    Column("type", "答案类型", ("填写方式", "类型"), 8),
    Column("options", "选项", ("可选项", "答案选项"), 22),
    Column("required", "必填", ("是否必填",), 6),
    Column("observation", "观察事项", ("是否观察事项",), 8),
    Column("evidence", "取证提示", ("证据提示", "取证要求"), 18),
    Column("version", "依据版本", ("法规版本", "文本版本"), 14),
    Column("checked", "核对日期", ("依据核对日期",), 11),
    Column("note", "备注", ("说明",), 24),
    Column("id", "条目编号", ("检查项编号", "id"), 9),
    Column("data", "数据（勿改）", ("数据",), 10),
)
WRITTEN = tuple(c for c in COLUMNS if c.key != "key_item")  # 严重程度 says more


@dataclass(frozen=True)
class InfoField:
    key: str
    label: str
    variants: tuple[str, ...] = ()


INFO_FIELDS = (
    InfoField("id", "检查表编号", ("编号",)),
    InfoField("sector", "行业代码", ("行业编号",)),
    InfoField("sector_name", "行业名称", ("行业",)),
    InfoField("sector_aliases", "行业别名"),
    InfoField("version", "版本", ("版本号",)),
    InfoField("title", "标题", ("检查表名称", "名称")),
    InfoField("authority", "主管部门", ("检查机关", "监管部门", "执法部门")),
    InfoField("description", "说明"),
    InfoField("deadlines", "默认整改期限（天）", ("默认整改期限",)),
    InfoField("data", "数据（勿改）", ("数据",)),
)


def _normal(header: str) -> str:
    return re.sub(r"[\s*＊★☆※]", "", header).lower()


def _without_brackets(header: str) -> str:
    return re.sub(r"[（(][^）)]*[）)]", "", header)


def _lookup(named) -> dict[str, str]:
    table = {}
    for thing in named:
        for name in (getattr(thing, "header", None) or thing.label, *thing.variants):
            table.setdefault(_normal(name), thing.key)
    return table


HEADERS, INFO_KEYS = _lookup(COLUMNS), _lookup(INFO_FIELDS)


def column_of(header: str, table: dict[str, str] = HEADERS) -> str | None:
    """The column key a header names, with or without its bracketed unit."""
    name = _normal(header)
    return table.get(name) or table.get(_without_brackets(name))


# --- what a cell shows, and reading it back ---------------------------------------

def _zh(item: dict, key: str) -> str:
    return (item.get(key) or {}).get("zh", "")


def _set_zh(item: dict, key: str, text: str) -> None:
    if text:
        item[key] = {**(item.get(key) or {}), "zh": text}
    else:
        item.pop(key, None)  # a text is nothing without its Chinese


def _append(item: dict, key: str, label: str, text: str) -> None:
    """Keep a cell no field holds where a reader sees it: a line of the guidance."""
    if text:
        _set_zh(item, key, "\n".join(filter(None, [_zh(item, key), f"{label}：{text}"])))


def criterion(item: dict) -> str:
    """判定标准: which answer fails the item, from its type, options and expectation."""
    kind, expect, unit = item.get("type"), item.get("expect") or {}, item.get("unit", "")
    if kind == "yes_no":
        return "选“否”为不符合"
    if kind in ("single_choice", "multi_choice"):
        failing = [pick(o.get("label"), "zh") for o in item.get("options", [])
                   if o.get("compliant") is False]
        return f"选“{'、'.join(failing)}”为不符合" if failing else ""
    if kind == "number" and ("min" in expect or "max" in expect):
        bounds = []
        if "min" in expect:
            bounds.append(f"低于{expect['min']}{unit}")
        if "max" in expect:
            bounds.append(f"高于{expect['max']}{unit}")
        return "或".join(bounds) + "为不符合"
    if kind == "date" and expect.get("not_past"):
        return "早于检查当日为不符合"
    return ""


def condition_text(item: dict) -> str:
    condition = item.get("condition")
    if not condition:
        return ""
    if "equals" in condition:
        return f"{condition['item']} = {condition['equals']}"
    if "not_equals" in condition:
        return f"{condition['item']} ≠ {condition['not_equals']}"
    return f"{condition['item']} ∈ {'、'.join(map(str, condition['in']))}"


def _condition(text: str) -> dict | None:
    match = CONDITION.match(text)
    if not match:
        return None
    target, sign, value = match.groups()
    if sign == "∈":
        values = [ANSWER_WORDS.get(v.strip(), v.strip()) for v in re.split("[、,，]", value)]
        return {"item": target, "in": values}
    key = "not_equals" if sign in ("≠", "!=") else "equals"
    return {"item": target, key: ANSWER_WORDS.get(value, value)}


# what a cell says of each basis: one line a basis, 《law》value (one basis: the value alone)
BASIS_DETAILS = {"note": "note", "version": "version", "checked": "checked"}


def basis_detail_text(item: dict, key: str) -> str:
    bases = item.get("basis", [])
    values = {b.get(key) for b in bases}
    if len(values) == 1 and None not in values:
        return values.pop()  # the same for every basis of the row: said once
    return "\n".join(f"《{b['law']}》{b[key]}" for b in bases if b.get(key))


FAILING = "（不合格）"


def options_text(item: dict) -> str:
    """One line an option, `value：label`, marked （不合格） when choosing it fails."""
    return "\n".join(f"{o['value']}：{pick(o.get('label'), 'zh')}"
                     + (FAILING if o.get("compliant") is False else "")
                     for o in item.get("options", []))


def _flag(value) -> str:
    return "" if value is None else (YES if value else NO)


def _shown(item: dict) -> dict[str, str]:
    """Every visible column's cell for `item`, as `write` writes it."""
    return {
        "text": _zh(item, "text"), "basis": legal_basis.render(item.get("basis", [])),
        **{column: basis_detail_text(item, key) for column, key in BASIS_DETAILS.items()},
        "guidance": _zh(item, "guidance"),
        "criterion": criterion(item), "condition": condition_text(item),
        "severity": SEVERITY_LABELS.get(item.get("severity"), ""), "key_item": "",
        "requirement": _zh(item, "requirement"), "immediate": _zh(item, "immediate"),
        "deadline": str(item.get("deadline_days", "")),
        "type": TYPE_LABELS.get(item.get("type"), ""), "options": options_text(item),
        "required": _flag(item.get("required")), "observation": _flag(item.get("observation")),
        "evidence": _zh(item, "evidence_hint"),
    }


class CellError(ValueError):
    """A cell that cannot be read; the message names what is wrong."""


def _apply(item: dict, key: str, text: str, columns: set[str]) -> None:
    """Read the cell of column `key` into `item` (it differs from what was written)."""
    if key in ("text", "guidance", "requirement", "immediate"):
        _set_zh(item, key, text)
    elif key == "evidence":
        _set_zh(item, "evidence_hint", text)
    elif key == "basis":
        _apply_basis(item, text)
    elif key in BASIS_DETAILS:
        _apply_basis_detail(item, BASIS_DETAILS[key], text)
    elif key == "criterion":
        _append(item, "guidance", "判定标准", text)
    elif key == "condition":
        _apply_condition(item, text)
    elif key == "severity":
        _set_choice(item, "severity", text, SEVERITY_LABELS)
    elif key == "key_item" and "severity" not in columns:
        item["severity"] = "major" if text.strip().lower() in KEY_ITEM_MARKS else "minor"
    elif key == "options":
        _apply_options(item, text)
    elif key == "type":
        _set_choice(item, "type", text or TYPE_LABELS["yes_no"], TYPE_LABELS)
    elif key == "deadline":
        _apply_deadline(item, text)
    elif key in ("required", "observation"):
        _apply_flag(item, key, text)


def _apply_basis(item: dict, text: str) -> None:
    try:
        cited = legal_basis.parse(text)
    except legal_basis.BasisError as exc:
        raise CellError(t("xlsx.bad_basis", part=exc)) from None
    earlier = {(b["law"], b.get("number")): b for b in item.get("basis", [])}
    # what the sheet cannot show (version, checked, note) stays with the same text
    merged = [{**earlier.get((b["law"], b.get("number")), {}), **b} for b in cited]
    for basis in merged:
        if "articles" not in cited[merged.index(basis)]:
            basis.pop("articles", None)
    if merged:
        item["basis"] = merged
    else:
        item.pop("basis", None)


def _apply_basis_detail(item: dict, key: str, text: str) -> None:
    """A line `《law》value` (and the lines after it) goes to that law's basis; lines
    before any such line go to every other basis of the row (a note with no basis at
    all to the guidance, for the inspector to read)."""
    bases = item.get("basis", [])
    given: dict[int, list[str]] = {}
    loose: list[str] = []
    current = None
    for line in filter(None, (line.strip() for line in text.splitlines())):
        match = re.match(r"《([^《》]+)》(.*)", line)
        named = next((i for i, b in enumerate(bases) if match and b["law"] == match.group(1)),
                     None)
        if named is not None:
            current = named
            given.setdefault(named, []).append(match.group(2).strip())
        elif current is not None:
            given[current].append(line)
        else:
            loose.append(line)
    for index, basis in enumerate(bases):
        value = "\n".join(filter(None, given.get(index, loose)))
        basis.pop(key, None)
        if value:
            basis[key] = value
    if loose and not bases:
        if key != "note":
            raise CellError(t("xlsx.detail_without_basis", value=loose[0]))
        _append(item, "guidance", "备注", "\n".join(loose))


def _apply_condition(item: dict, text: str) -> None:
    condition = _condition(text) if text else None
    item.pop("condition", None)
    if condition:
        item["condition"] = condition
    else:
        _append(item, "guidance", "适用条件", text)  # 设有仓库的: for the inspector to judge


def _apply_options(item: dict, text: str) -> None:
    """Options from `value：label` lines (a line without a value gets o1, o2 ...); the
    English label and an explicit compliant: true stay with the same value."""
    earlier = {o.get("value"): o for o in item.get("options", [])}
    options = []
    for number, line in enumerate(filter(None, map(str.strip, text.splitlines())), start=1):
        value, _, label = line.partition("：") if "：" in line else line.partition(":")
        if not label:
            value, label = f"o{number}", line
        failing = label.strip().endswith((FAILING, "(不合格)"))
        label = re.sub(r"[（(]不合格[）)]$", "", label.strip()).strip()
        option = {**earlier.get(value.strip(), {}), "value": value.strip(),
                  "label": {**earlier.get(value.strip(), {}).get("label", {}), "zh": label}}
        if failing:
            option["compliant"] = False
        elif option.get("compliant") is False:
            del option["compliant"]
        options.append(option)
    item.pop("options", None)
    if options:
        item["options"] = options


def _set_choice(item: dict, key: str, text: str, labels: dict[str, str]) -> None:
    if not text:
        item.pop(key, None)
        return
    values = {label: value for value, label in labels.items()} | {v: v for v in labels}
    if text not in values and text.lower() not in values:
        raise CellError(t("xlsx.bad_choice", value=text, allowed="、".join(labels.values())))
    item[key] = values.get(text) or values[text.lower()]


def _apply_deadline(item: dict, text: str) -> None:
    if not text:
        item.pop("deadline_days", None)
        return
    digits = text.removesuffix("天").removesuffix("日").strip()
    if not digits.isdigit():
        raise CellError(t("xlsx.bad_days", value=text))
    item["deadline_days"] = int(digits)


def _apply_flag(item: dict, key: str, text: str) -> None:
    if not text:
        item.pop(key, None)
    elif text in (YES, NO):
        item[key] = text == YES
    else:
        raise CellError(t("xlsx.bad_flag", value=text))


# --- reading ---------------------------------------------------------------------

@dataclass
class SheetImport:
    """What a check sheet holds: the checklist content when it is valid, and every
    problem, each naming the sheet and row."""

    data: dict
    problems: list[Problem]
    source: str
    new_ids: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def checklist(self) -> Checklist | None:
        return None if self.problems else Checklist(self.data, path=self.source)

    @property
    def target(self) -> Path:
        return user_dir() / f"{self.data.get('id')}.yaml"


class _Sheet:
    """One worksheet's rows as text, with its problems named `file:sheet:row`."""

    def __init__(self, source: str, sheet):
        self.name = sheet.title
        self.where = f"{source}:{sheet.title}"
        self.problems: list[Problem] = []
        self.rows: list[tuple[int, list[str]]] = []
        for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
            if number > MAX_ROWS:
                self.problem(number, None, t("xlsx.too_many_rows", n=MAX_ROWS))
                break
            self.rows.append((number, [self._text(number, c) for c in cells]))

    def problem(self, row: int | None, item: str | None, message: str) -> None:
        self.problems.append(Problem(self.where, row, item, message))

    def _text(self, row: int, cell) -> str:
        value = getattr(cell, "value", None)
        if getattr(cell, "data_type", None) == "f":
            self.problem(row, None, t("xlsx.formula", cell=cell.coordinate))
            return ""
        if value is None:
            return ""
        if isinstance(value, bool):
            return YES if value else NO
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, datetime | date):
            return value.strftime("%Y-%m-%d")
        text = str(value)
        if len(text) > MAX_CELL:
            self.problem(row, None, t("xlsx.too_long", cell=cell.coordinate, n=len(text),
                                      max=MAX_CELL))
            return ""
        return text

    def header(self) -> tuple[int, dict[int, str]] | None:
        """The first row naming 检查内容 and another known column: (index, column keys)."""
        for index, (_, cells) in enumerate(self.rows[:HEADER_SEARCH]):
            keys = {i: column_of(text) for i, text in enumerate(cells) if text.strip()}
            keys = {i: key for i, key in keys.items() if key}
            found = list(keys.values())
            if "text" in found and len(set(found)) >= 2:
                first = {}
                for i, key in keys.items():
                    first.setdefault(key, i)  # 说明 twice: the first one counts
                return index, {i: key for key, i in first.items()}
        return None


def read(path: str | Path, *, sector: str | None = None, previous=None) -> SheetImport:
    """The checklist in the check sheet at `path`. `sector` is used when the sheet names
    none; `previous(sector)` gives the checklist installed for that sector, whose item
    ids are kept for unchanged items. Problems, never exceptions, for what the file
    holds; an unreadable file is one problem."""
    source = str(path)
    sheets = _open(path, source)
    if isinstance(sheets, Problem):
        return SheetImport({}, [sheets], source)
    found = next(((s, h) for s in sheets if (h := s.header())), None)
    if found is None:
        problem = Problem(source, None, None, t("xlsx.no_header"))
        return SheetImport({}, [problem], source)
    sheet, (header_at, columns) = found
    info_sheets = [s for s in sheets if s is not sheet]
    data, info_rows = _info(sheet, header_at, info_sheets)
    data.setdefault("sector", sector or "")
    data.setdefault("id", data["sector"])
    data.setdefault("version", "1.0")
    data.setdefault("title", {"zh": _title_above(sheet, header_at) or sheet.name})
    earlier = previous(data["sector"]) if previous and data["sector"] else None
    rows = _items(sheet, header_at, columns)
    data["sections"] = _sections(rows, data, earlier)
    order = ("id", "sector", "sector_name", "sector_aliases", "version", "title")
    data = {**{k: data[k] for k in order if k in data}, **data}  # as the YAML files begin
    result = SheetImport(data, [], source)
    result.new_ids = _give_ids(rows, data, earlier)
    result.rows = {item["id"]: number for number, item, _ in rows}
    problems = [p for s in sheets for p in s.problems]
    if not data["sector"]:
        problems.append(Problem(info_rows.get("@where", source), None, None,
                                t("xlsx.no_sector")))
    else:  # the rules, but not again for a row whose cells were refused
        refused = {(p.path, p.line) for p in problems}
        problems += [p for p in _validated(data, sheet, result.rows, info_rows)
                     if (p.path, p.line) not in refused]
    result.problems = sorted(dict.fromkeys(problems), key=lambda p: (p.path, p.line or 0))
    return result


def _open(path, source: str):
    from zipfile import BadZipFile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except FileNotFoundError:
        return Problem(source, None, None, t("checklist.missing"))
    except (OSError, BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        return Problem(source, None, None, t("xlsx.unreadable", err=exc))
    try:
        return [_Sheet(Path(source).name, ws) for ws in book.worksheets]
    except Exception as exc:
        return Problem(source, None, None, t("xlsx.unreadable", err=exc))
    finally:
        book.close()


def _carried(text: str) -> dict | None:
    """The data a hidden cell carries, or None when it is not what `write` put there:
    not JSON, not a mapping, or nested deeper than any checklist (a cell of 30 000
    brackets would exhaust the recursion of whatever walks it)."""
    from .yamlload import MAX_DEPTH

    if _nesting(text) > MAX_DEPTH:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _carried_item(text: str) -> tuple[dict | None, dict]:
    """A row's hidden data and the cells `write` made of it; (None, {}) if damaged."""
    carried = _carried(text) if text.strip() else {"item": {}}
    try:
        return carried, _shown(carried["item"])
    except (KeyError, TypeError, AttributeError, ValueError):  # not the shape written
        return None, {}


def _nesting(text: str) -> int:
    """How deep JSON `text` nests brackets, brackets inside strings aside."""
    level = deepest = 0
    quoted = escaped = False
    for char in text:
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char in "[{":
            level += 1
            deepest = max(deepest, level)
        elif char in "]}":
            level -= 1
    return deepest


def _title_above(sheet: _Sheet, header_at: int) -> str:
    """A row above the header holding one text that is not `名称：值`: the sheet's title."""
    for _, cells in sheet.rows[:header_at]:
        texts = [c.strip() for c in cells if c.strip()]
        if len(texts) == 1 and not re.match(r"^[^：:]{1,12}[：:]", texts[0]):
            return texts[0]
    return ""


def _info(sheet: _Sheet, header_at: int, others: list[_Sheet]) -> tuple[dict, dict]:
    """The checklist's details: from `名称：值` cells above the header, or `名称 | 值`
    rows on another sheet. Returns the data and where each detail was read."""
    pairs: list[tuple[_Sheet, int, str, str]] = []
    for number, cells in sheet.rows[:header_at]:
        texts = [c.strip() for c in cells if c.strip()]
        for i, text in enumerate(texts):
            match = re.match(r"^([^：:]{1,12})[：:]\s*(.*)$", text)
            if match and column_of(match.group(1), INFO_KEYS):
                value = match.group(2) or (texts[i + 1] if i + 1 < len(texts) else "")
                pairs.append((sheet, number, match.group(1), value))
    for other in others:
        for number, cells in other.rows:
            texts = [c for c in cells if c.strip()]
            if len(texts) >= 2 and column_of(texts[0], INFO_KEYS):
                pairs.append((other, number, texts[0], texts[1]))
    found = {column_of(label, INFO_KEYS): (where, number, value)
             for where, number, label, value in reversed(pairs)}
    data: dict = {}
    if "data" in found:
        where, number, value = found["data"]
        data = _carried(value) or {}
        try:
            _info_shown(data)
        except (KeyError, TypeError, AttributeError, ValueError):  # not the shape written
            data = {}
        if not data:
            where.problem(number, None, t("xlsx.bad_data"))
    info_rows = {key: (where, number) for key, (where, number, _) in found.items()}
    if found:
        where = next(iter(found.values()))[0]
        info_rows["@where"] = where.where
    shown = _info_shown(data)
    for key, (where, number, value) in found.items():
        if key != "data" and value != shown.get(key, ""):
            try:
                _apply_info(data, key, value.strip())
            except CellError as exc:
                where.problem(number, None, str(exc))
    data.pop("sections", None)
    return data, info_rows


def _info_shown(data: dict) -> dict[str, str]:
    deadlines = data.get("deadlines") or {}
    return {
        "id": data.get("id", ""), "sector": data.get("sector", ""),
        "sector_name": _zh(data, "sector_name"),
        "sector_aliases": "、".join(data.get("sector_aliases", [])),
        "version": data.get("version", ""), "title": _zh(data, "title"),
        "authority": _zh(data, "authority"), "description": _zh(data, "description"),
        "deadlines": "；".join(f"{SEVERITY_LABELS[s]}{deadlines[s]}" for s in SEVERITIES
                              if s in deadlines),
    }


def _apply_info(data: dict, key: str, value: str) -> None:
    if key in ("sector_name", "title", "authority", "description"):
        _set_zh(data, key, value)
    elif key == "sector_aliases":
        aliases = [a.strip() for a in re.split("[、,，;；]", value) if a.strip()]
        data.pop(key, None)
        if aliases:
            data[key] = aliases
    elif key == "deadlines":
        data.pop(key, None)
        if value:
            data[key] = _deadlines(value)
    elif value:
        data[key] = value
    else:
        data.pop(key, None)


def _deadlines(text: str) -> dict[str, int]:
    by_label = {label: value for value, label in SEVERITY_LABELS.items()}
    deadlines = {}
    for part in filter(None, re.split("[；;、,，\\s]+", text)):
        match = re.fullmatch(r"(\D+?)[：:]?(\d+)天?", part)
        severity = match and (by_label.get(match.group(1)) or
                              (match.group(1) if match.group(1) in SEVERITIES else None))
        if not severity:
            raise CellError(t("xlsx.bad_deadlines", value=text))
        deadlines[severity] = int(match.group(2))
    return {s: deadlines[s] for s in SEVERITIES if s in deadlines}


def _items(sheet: _Sheet, header_at: int, columns: dict[int, str]):
    """(row, item, section cell data) for each row holding an item."""
    present = set(columns.values())
    section = ""
    found = []
    for number, cells in sheet.rows[header_at + 1:]:
        cell = {key: cells[i] if i < len(cells) else "" for i, key in columns.items()}
        if not any(text.strip() for key, text in cell.items() if key != "seq"):
            continue
        section = cell.get("section", "").strip() or section  # merged or written once
        carried, shown = _carried_item(cell.get("data", ""))
        if carried is None:
            sheet.problem(number, None, t("xlsx.bad_data"))
            carried, shown = _carried_item("")
        item = carried.get("item", {})
        for key in ("text", "type", "basis", "note", "version", "checked", "guidance",
                    "criterion", "condition", "options",
                    "severity", "key_item", "requirement", "immediate", "deadline",
                    "required", "observation", "evidence"):
            unmarked = key == "key_item" and "severity" not in item  # blank: 一般
            if key in present and (cell[key] != shown[key] or unmarked):
                try:
                    _apply(item, key, cell[key].strip(), present)
                except CellError as exc:
                    sheet.problem(number, cell.get("id") or None, str(exc))
        item.setdefault("type", "yes_no")
        if cell.get("id", "").strip():
            item["id"] = cell["id"].strip()
        if not _zh(item, "text") and not any(p.line == number for p in sheet.problems):
            sheet.problem(number, item.get("id"), t("xlsx.no_text"))
        given = carried.get("section")
        same = isinstance(given, dict) and isinstance(given.get("title"), dict) and \
            given["title"].get("zh") == section
        found.append((number, item, given if same else {"title": {"zh": section}}))
    return found


def _sections(rows, data: dict, earlier: Checklist | None) -> list[dict]:
    """Consecutive rows under one 检查项目 make a section; its id from the carried data,
    the installed checklist's section of that title, or a new one."""
    known = {pick(s["title"], "zh"): s for s in (earlier.sections if earlier else [])}
    sections: list[dict] = []
    current = None
    for _, item, given in rows:
        title = given["title"]["zh"]
        if title != current:
            current = title
            if "id" not in given and title in known:
                given = known[title]
            sections.append({"id": given.get("id"), "title": dict(given["title"]), "items": []})
            if not title:  # a sheet without 检查项目: one section, named as the checklist
                sections[-1]["title"] = {"zh": pick(data.get("title"), "zh") or SHEET}
        sections[-1]["items"].append(item)
    taken: set[str] = set()
    number = 0
    for section in sections:
        if not section["id"] or section["id"] in taken:
            number += 1
            while f"s{number:02d}" in taken or any(s["id"] == f"s{number:02d}" for s in sections):
                number += 1
            section["id"] = f"s{number:02d}"
        taken.add(section["id"])
    return sections


def _give_ids(rows, data: dict, earlier: Checklist | None) -> list[str]:
    """Ids for the items without one: the installed item's of the same text, else the
    next of the ids' common prefix (gold-01, gold-02 ...). Generated once: written back
    on export, kept on every import after."""
    by_text = {pick(i["text"], "zh"): i["id"] for i in (earlier.items if earlier else [])}
    taken = {item["id"] for _, item, _ in rows if "id" in item}
    known = [*taken, *(i["id"] for i in (earlier.items if earlier else []))]
    prefixes = Counter(m.group(1) for i in known if (m := re.match(r"^(.*?)(\d+)$", i)))
    slug = re.sub(r"[^a-z0-9]", "", re.split(r"[-_]", str(data.get("sector", "")))[0].lower())[:8]
    slug = slug if slug[:1].isalpha() else f"item{slug}"  # ids start with a letter
    prefix = prefixes.most_common(1)[0][0] if prefixes else f"{slug}-"
    numbers = [int(m.group(1)) for i in known if (m := re.match(rf"^{re.escape(prefix)}(\d+)$", i))]
    width = max([2, *(len(m.group(1)) for i in known
                      if (m := re.match(rf"^{re.escape(prefix)}(\d+)$", i)))])
    following = max(numbers, default=0)
    new = []
    for _, item, _ in rows:
        if "id" in item:
            continue
        reused = by_text.get(_zh(item, "text"))
        if reused and reused not in taken:
            item["id"] = reused
        else:
            following += 1
            item["id"] = f"{prefix}{following:0{width}d}"
            new.append(item["id"])
        taken.add(item["id"])
    for _, item, _ in rows:  # id, text and type first, as a person writes an item
        ordered = {"id": item["id"], "text": item.get("text"), "type": item["type"]}
        rest = {k: v for k, v in item.items() if k not in ordered}
        item.clear()
        item.update({k: v for k, v in ordered.items() if v is not None}, **rest)
    return new


def _validated(data: dict, sheet: _Sheet, rows: dict[str, int], info_rows: dict):
    """The checklist rules (checklists.check), each problem at its row of the sheet."""
    problems = []
    for problem in check(data, sheet.where):
        if problem.item in rows:
            problems.append(Problem(sheet.where, rows[problem.item], problem.item,
                                    problem.message))
            continue
        # a detail's problem names its key (sector, version ...): the row it was read at
        key = next((k for k in info_rows if k != "@where" and k in problem.message), None)
        where, number = info_rows.get(key, (None, None)) if key else (None, None)
        problems.append(Problem(where.where if where else info_rows.get("@where", sheet.where),
                                number, problem.item, problem.message))
    return problems


# --- writing ---------------------------------------------------------------------

def write(checklist: Checklist, path: str | Path) -> None:
    """The checklist as a check sheet at `path` (atomically): 检查表 with drop-down
    lists, 基本信息 with the checklist's details, the data for a lossless import back
    in hidden cells."""
    import xlsxwriter
    from xlsxwriter.exceptions import XlsxWriterException

    from .files import atomic_path

    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False,
                                              "strings_to_formulas": False,
                                              "strings_to_urls": False})
        try:
            _Writer(book, checklist).write()
        finally:
            try:
                book.close()
            except XlsxWriterException as exc:
                raise OSError(str(exc)) from None


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
        from .spreadsheet_safe import quoted_text

        text, quoted = quoted_text(str(value))
        if len(text) > MAX_CELL:
            raise InspectorError(t("xlsx.cell_too_big", where=where, n=len(text), max=MAX_CELL))
        style = f"quoted_{style}" if quoted and f"quoted_{style}" in self.fmt else \
            ("quoted" if quoted else style)
        sheet.write_string(row, col, text, self.fmt[style])

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
        shown = _shown(item)
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
        shown = _info_shown(content)
        shown["data"] = json.dumps(content, ensure_ascii=True, separators=(",", ":"))
        for row, info in enumerate(INFO_FIELDS):
            self.put(sheet, row, 0, info.label, "section")
            if shown.get(info.key):
                self.put(sheet, row, 1, shown[info.key], "cell", info.label)
            if info.key == "data":
                sheet.set_row(row, None, None, {"hidden": True})


# --- writing the imported checklist ---------------------------------------------------

def installed(sector: str) -> Checklist | None:
    """The loaded checklist of `sector` (or id): an import keeps its item ids."""
    from .checklists import load_bundled

    return next((c for c in load_bundled() if sector in (c.sector, c.id)), None)


def preview(result: SheetImport) -> list[str]:
    """What an import would write: the checklist, where, and one line an item."""
    data = result.data
    if not data.get("sections"):
        return []
    items = [(s, i) for s in data["sections"] for i in s["items"]]
    lines = [t("xlsx.preview", title=pick(data.get("title")), id=data.get("id"),
               sector=data.get("sector"), version=data.get("version"),
               sections=len(data["sections"]), items=len(items), new=len(result.new_ids))]
    target = result.target
    lines.append(t("xlsx.preview_target", path=target)
                 + (t("xlsx.replaces") if target.exists() else ""))
    for section, item in items:
        new = f"[{t('xlsx.new_id')}]" if item["id"] in result.new_ids else ""
        lines.append(f"  {item['id']}{new}  {pick(section['title'])} | "
                     f"{pick(item.get('text'))[:40]}  {item.get('severity', '')}")
    return lines


def to_yaml(data: dict) -> str:
    import yaml

    return yaml.safe_dump(plain(data), allow_unicode=True, sort_keys=False, width=100)


def install(result: SheetImport) -> tuple[Checklist, Path]:
    """Add the imported checklist to the user's checklists as YAML, through the same
    checks and destination as `checklists add`."""
    from .checklists import install_user_checklist, parse

    if result.problems:
        raise ChecklistInvalid(result.problems)
    text = to_yaml(result.data)
    checklist = parse(text, str(result.target))
    return install_user_checklist(checklist, text.encode("utf-8"), result.source)
