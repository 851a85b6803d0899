"""The cells of a check sheet: which columns and details it has, what `write` puts in
each cell for an item, and how a cell that says something else is read back.

The words in the cells are Chinese, as the sheet's readers': they are the file format,
not messages.
"""

import re
from dataclasses import dataclass

from .. import legal_basis
from ..checklists import SEVERITIES
from ..i18n import pick, t

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

def zh(item: dict, key: str) -> str:
    return (item.get(key) or {}).get("zh", "")


def _set_zh(item: dict, key: str, text: str) -> None:
    if text:
        item[key] = {**(item.get(key) or {}), "zh": text}
    else:
        item.pop(key, None)  # a text is nothing without its Chinese


def _append(item: dict, key: str, label: str, text: str) -> None:
    """Keep a cell no field holds where a reader sees it: a line of the guidance."""
    if text:
        _set_zh(item, key, "\n".join(filter(None, [zh(item, key), f"{label}：{text}"])))


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


def shown_cells(item: dict) -> dict[str, str]:
    """Every visible column's cell for `item`, as `write` writes it."""
    return {
        "text": zh(item, "text"), "basis": legal_basis.render(item.get("basis", [])),
        **{column: basis_detail_text(item, key) for column, key in BASIS_DETAILS.items()},
        "guidance": zh(item, "guidance"),
        "criterion": criterion(item), "condition": condition_text(item),
        "severity": SEVERITY_LABELS.get(item.get("severity"), ""), "key_item": "",
        "requirement": zh(item, "requirement"), "immediate": zh(item, "immediate"),
        "deadline": str(item.get("deadline_days", "")),
        "type": TYPE_LABELS.get(item.get("type"), ""), "options": options_text(item),
        "required": _flag(item.get("required")), "observation": _flag(item.get("observation")),
        "evidence": zh(item, "evidence_hint"),
    }


class CellError(ValueError):
    """A cell that cannot be read; the message names what is wrong."""


def apply_cell(item: dict, key: str, text: str, columns: set[str]) -> None:
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


# --- the details (基本信息) ---------------------------------------------------------

def info_cells(data: dict) -> dict[str, str]:
    deadlines = data.get("deadlines") or {}
    return {
        "id": data.get("id", ""), "sector": data.get("sector", ""),
        "sector_name": zh(data, "sector_name"),
        "sector_aliases": "、".join(data.get("sector_aliases", [])),
        "version": data.get("version", ""), "title": zh(data, "title"),
        "authority": zh(data, "authority"), "description": zh(data, "description"),
        "deadlines": "；".join(f"{SEVERITY_LABELS[s]}{deadlines[s]}" for s in SEVERITIES
                              if s in deadlines),
    }


def apply_info_cell(data: dict, key: str, value: str) -> None:
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

