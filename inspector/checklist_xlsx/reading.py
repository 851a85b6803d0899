"""Reading a check sheet into a checklist (openpyxl, read-only), every problem named
by sheet and row; and installing it where `checklists add` would."""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..checklists import Checklist, ChecklistInvalid, Problem, check, plain, user_dir
from ..i18n import pick, t
from .cells import (
    HEADER_SEARCH,
    INFO_KEYS,
    MAX_CELL,
    MAX_COLUMNS,
    MAX_ROWS,
    NO,
    SHEET,
    YES,
    CellError,
    apply_cell,
    apply_info_cell,
    column_of,
    info_cells,
    shown_cells,
    zh,
)


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
    from ..yamlload import MAX_DEPTH

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
        return carried, shown_cells(carried["item"])
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
            info_cells(data)
        except (KeyError, TypeError, AttributeError, ValueError):  # not the shape written
            data = {}
        if not data:
            where.problem(number, None, t("xlsx.bad_data"))
    info_rows = {key: (where, number) for key, (where, number, _) in found.items()}
    if found:
        where = next(iter(found.values()))[0]
        info_rows["@where"] = where.where
    shown = info_cells(data)
    for key, (where, number, value) in found.items():
        if key != "data" and value != shown.get(key, ""):
            try:
                apply_info_cell(data, key, value.strip())
            except CellError as exc:
                where.problem(number, None, str(exc))
    data.pop("sections", None)
    return data, info_rows


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
                    apply_cell(item, key, cell[key].strip(), present)
                except CellError as exc:
                    sheet.problem(number, cell.get("id") or None, str(exc))
        item.setdefault("type", "yes_no")
        if cell.get("id", "").strip():
            item["id"] = cell["id"].strip()
        if not zh(item, "text") and not any(p.line == number for p in sheet.problems):
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
        reused = by_text.get(zh(item, "text"))
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
        message = problem.message
        key = next((k for k in info_rows if k != "@where" and (
            re.match(rf"{k}(?![a-z_])", message) or f'"{k}"' in message or f"“{k}”" in message)),
            None)
        where, number = info_rows.get(key, (None, None)) if key else (None, None)
        problems.append(Problem(where.where if where else info_rows.get("@where", sheet.where),
                                number, problem.item, problem.message))
    return problems


# --- installing the imported checklist ---------------------------------------------

def installed(sector: str) -> Checklist | None:
    """The loaded checklist of `sector` (or id): an import keeps its item ids."""
    from ..checklists import load_bundled

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
    from ..checklists import install_user_checklist, parse

    if result.problems:
        raise ChecklistInvalid(result.problems)
    text = to_yaml(result.data)
    checklist = parse(text, str(result.target))
    return install_user_checklist(checklist, text.encode("utf-8"), result.source)
