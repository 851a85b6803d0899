"""Sector checklists: loading, validation with file/line/item, content hashing.

A checklist is data (one YAML file per sector in checklists/). Validation runs
the JSON Schema, then the rules a schema cannot express (unique ids, conditions
that point backwards to a real answer, sane ranges), and reports every problem
as `file:line: item ID: message`.
"""

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from .digest import digest
from .errors import InspectorError, NotFound
from .i18n import pick, t
from .packaged import data_dir
from .rectification_rules import DEFAULT_DEADLINE_DAYS

SEVERITIES = ("info", "minor", "major", "critical")
YES_NO_VALUES = ("yes", "no", "na")
# what orders a rectification: an observation carries none of it
ORDER_KEYS = ("requirement", "immediate", "deadline_days")
# what a basis records about the text it was checked against
UNCHECKED_KEYS = ("version", "checked")
ITEM_TYPES = ("yes_no", "single_choice", "multi_choice", "text", "number", "date", "photo",
              "signature")


def bundled_dir() -> Path:
    """Where the bundled checklists live (INSPECTOR_CHECKLISTS overrides)."""
    return Path(os.environ.get("INSPECTOR_CHECKLISTS") or data_dir("checklists"))


@cache
def schema() -> dict:
    return json.loads((data_dir("checklists") / "checklist.schema.json").read_text("utf-8"))


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    item: str | None
    message: str

    def __str__(self) -> str:
        item = t("checklist.item_prefix", item=self.item) if self.item else ""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {item}{self.message}"


class ChecklistInvalid(InspectorError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


@dataclass
class Checklist:
    """A validated checklist; `content` is the plain data that gets pinned."""

    content: dict
    path: str | None = None
    # problems that do not stop the checklist from loading (not part of the content)
    warnings: list["Problem"] = field(default_factory=list, compare=False)
    items: list[dict] = field(init=False)
    section_of: dict[str, dict] = field(init=False)

    def __post_init__(self):
        self.items = [item for s in self.content["sections"] for item in s["items"]]
        self.section_of = {i["id"]: s for s in self.content["sections"] for i in s["items"]}
        self._by_id = {i["id"]: i for i in self.items}
        # items whose answer decides whether another item is shown
        self.condition_targets = {i["condition"]["item"] for i in self.items if "condition" in i}

    id = property(lambda self: self.content["id"])
    sector = property(lambda self: self.content["sector"])
    version = property(lambda self: self.content["version"])
    sections = property(lambda self: self.content["sections"])

    @property
    def title(self) -> str:
        return pick(self.content["title"])

    @property
    def sector_name(self) -> str:
        return pick(self.content.get("sector_name")) or self.sector

    @property
    def hash(self) -> str:
        return digest(self.content)

    def item(self, item_id: str) -> dict:
        try:
            return self._by_id[item_id]
        except KeyError:
            raise NotFound(t("checklist.no_item", checklist=self.id, item=item_id)) from None

    @property
    def authority_kind(self) -> str | None:
        """The kind of authority competent for the checklist's items, if it names one."""
        return (self.content.get("authority") or {}).get("kind")

    def competent_kind(self, item: dict) -> str | None:
        """The kind of authority competent for an item: its own, else the checklist's."""
        return item.get("authority") or self.authority_kind

    @property
    def authority_kinds(self) -> list[str]:
        """Every kind of authority the checklist names: its own, then its items' in order."""
        kinds = [self.authority_kind, *(item.get("authority") for item in self.items)]
        return list(dict.fromkeys(kind for kind in kinds if kind))

    def deadline_days(self, item: dict) -> int:
        if "deadline_days" in item:
            return item["deadline_days"]
        defaults = {**DEFAULT_DEADLINE_DAYS, **self.content.get("deadlines", {})}
        return defaults[item.get("severity", "minor")]


def plain(data):
    """Drop the line-tracking subclasses so content is ordinary JSON data."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data


# --- loading ---------------------------------------------------------------


def load_file(path: str | Path, display: str | None = None) -> Checklist:
    """Load and validate one checklist file; raise ChecklistInvalid listing every problem."""
    display = display or str(path)
    try:
        text = Path(path).read_text("utf-8")
    except FileNotFoundError:
        raise ChecklistInvalid([Problem(display, 0, None, t("checklist.missing"))]) from None
    except UnicodeDecodeError as exc:
        problem = Problem(display, 1, None, t("checklist.not_utf8", err=exc))
        raise ChecklistInvalid([problem]) from None
    except OSError as exc:
        raise ChecklistInvalid([Problem(display, 0, None, exc.strerror or str(exc))]) from None
    return parse(text, display)


def parse(text: str, display: str) -> Checklist:
    import yaml  # YAML is read only when a checklist is not in the cache yet

    from . import yamlload

    try:
        data, duplicates = yamlload.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        problem = Problem(display, line, None, t("checklist.yaml", err=yaml_reason(reason)))
        raise ChecklistInvalid([problem]) from None
    problems = [Problem(display, line, None, t("checklist.duplicate_key", key=key))
                for line, key in duplicates]
    problems += check(data, display)
    if problems:
        raise ChecklistInvalid(sorted(problems, key=lambda p: p.line))
    return Checklist(plain(data), path=display, warnings=_basis_warnings(data, display))


# PyYAML's usual complaints, in the user's words (the parser's own text otherwise)
YAML_REASONS = (("mapping values are not allowed", "yaml.mapping_here"),
                ("could not find expected ':'", "yaml.no_colon"),
                ("that cannot start any token", "yaml.tab"),
                ("expected <block end>", "yaml.indent"),
                ("expected ',' or ']'", "yaml.flow_list"),
                ("expected ',' or '}'", "yaml.flow_map"),
                ("found unexpected end of stream", "yaml.unclosed_quote"),
                ("found undefined alias", "yaml.alias"),
                ("found duplicate anchor", "yaml.anchor"))


def yaml_reason(reason: str) -> str:
    for words, key in YAML_REASONS:
        if words in reason:
            return t(key)
    return reason


def validate_file(path: str | Path, display: str | None = None) -> list[Problem]:
    try:
        load_file(path, display)
    except ChecklistInvalid as exc:
        return exc.problems
    return []


def bundled_files() -> list[Path]:
    return sorted(bundled_dir().glob("*.yaml"))


def user_dir() -> Path:
    """Where the checklists a user adds live, apart from the installed ones
    (INSPECTOR_USER_CHECKLISTS overrides)."""
    import platformdirs

    return Path(os.environ.get("INSPECTOR_USER_CHECKLISTS") or Path(
        platformdirs.user_data_dir("inspector", appauthor=False)) / "checklists")


def user_files() -> list[Path]:
    folder = user_dir()
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


@dataclass(frozen=True)
class Catalogue:
    """The checklists that load, and the files skipped with why (a broken or clashing
    file never stops the others)."""

    checklists: tuple[Checklist, ...]
    skipped: tuple[Problem, ...]


def catalogue() -> Catalogue:
    """The installed checklists, then the user's, in file-name order. Parsed once per
    file version (path, size, mtime): callers may ask often."""
    files = [*bundled_files(), *user_files()]
    versions = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue  # removed meanwhile
        versions.append((path, stat.st_mtime_ns, stat.st_size))
    return _load_versions(tuple(versions))


def load_bundled() -> list[Checklist]:
    """Every checklist that loads (see catalogue: a broken file is skipped)."""
    return list(catalogue().checklists)


def skipped() -> list[Problem]:
    """Why files were left out: the first problem of each, naming file and line."""
    return list(catalogue().skipped)


@lru_cache(maxsize=8)
def _load_versions(versions: tuple) -> Catalogue:
    loaded: list[Checklist] = []
    left_out: list[Problem] = []
    for path, _, _ in versions:
        try:
            checklist = _load_cached(path)
        except ChecklistInvalid as exc:
            left_out.append(exc.problems[0])
            continue
        except OSError as exc:
            left_out.append(Problem(display_path(path), None, None,
                                    t("checklist.unreadable", err=exc.strerror or exc)))
            continue
        clash = next((c for c in loaded if c.id == checklist.id or c.sector == checklist.sector),
                     None)
        if clash is not None:
            left_out.append(Problem(display_path(path), None, None, t(
                "checklist.clash", id=checklist.id, sector=checklist.sector, other=clash.path)))
            continue
        loaded.append(checklist)
    return Catalogue(tuple(loaded), tuple(left_out))


def add_user_checklist(source: Path) -> tuple[Checklist, Path]:
    """Validate `source` and install it in the user folder as <id>.yaml (replacing an
    earlier version of the user's); refused, nothing written, if it is broken or its
    id or sector belongs to an installed checklist."""
    checklist = load_file(source, str(source))
    return install_user_checklist(checklist, source.read_bytes(), str(source))


def install_user_checklist(checklist: Checklist, raw: bytes, source: str
                           ) -> tuple[Checklist, Path]:
    """Write the validated `checklist` (its file's bytes `raw`) to the user folder as
    <id>.yaml, unless its id or sector belongs to another checklist (`source` names
    the file in that error)."""
    from .files import write_atomically

    for other in load_bundled():
        mine = Path(other.path).resolve().parent == user_dir().resolve()
        if (other.id == checklist.id or other.sector == checklist.sector) and not (
                mine and other.id == checklist.id):
            raise ChecklistInvalid([Problem(source, None, None, t(
                "checklist.clash", id=checklist.id, sector=checklist.sector,
                other=other.path))])
    target = user_dir() / f"{checklist.id}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, raw)
    return checklist, target


def _cache_dir() -> Path:
    import platformdirs

    return Path(os.environ.get("INSPECTOR_CACHE") or platformdirs.user_cache_dir(
        "inspector", appauthor=False)) / "checklists"


def _load_cached(path: Path) -> Checklist:
    """A bundled checklist, validated once per content: the validated content is
    kept in the user cache under the file's SHA-256, so starting the app does not
    parse and check every YAML file again (that took most of the start-up)."""
    raw = path.read_bytes()
    cached = _cache_dir() / f"{hashlib.sha256(raw).hexdigest()}.json"
    try:
        return Checklist(json.loads(cached.read_text("utf-8")), path=display_path(path))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not cached yet, or unreadable: validate from the source
    checklist = load_file(path, display_path(path))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.part")
        partial.write_text(json.dumps(checklist.content, ensure_ascii=False), "utf-8")
        os.replace(partial, cached)
    except OSError:
        pass  # a read-only cache only costs time
    return checklist


def find(key: str) -> Checklist:
    """The bundled checklist whose id or sector is `key`."""
    available = load_bundled()
    for checklist in available:
        if key in (checklist.id, checklist.sector):
            return checklist
    names = ", ".join(c.sector for c in available)
    raise NotFound(t("checklist.unknown", key=key, known=names))


def sectors() -> dict[str, str]:
    """sector slug -> display name, from the bundled checklists."""
    return {c.sector: c.sector_name for c in load_bundled()}


def sector_names() -> dict[str, set[str]]:
    """sector slug -> every name it goes by: slug, zh and en names, aliases."""
    names = {}
    for c in load_bundled():
        given = c.content.get("sector_name", {})
        names[c.sector] = {c.sector, *given.values(), *c.content.get("sector_aliases", [])}
    return names


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --- checks ----------------------------------------------------------------


def check(data, display: str) -> list[Problem]:
    import jsonschema  # only when validating: it costs a tenth of a second to import

    if not isinstance(data, dict):
        return [Problem(display, getattr(data, "line", 1), None, t("checklist.not_mapping"))]
    problems = [_schema_problem(err, data, display)
                for err in jsonschema.Draft202012Validator(schema()).iter_errors(data)]
    problems += _semantic_problems(data, display)
    # one line per problem, even when the schema reports it on several branches
    return list(dict.fromkeys(problems))


def _item_id_at(data, path) -> str | None:
    """The id of the item that `path` (sections/i/items/j/...) points into, if any."""
    if len(path) < 4 or path[0] != "sections" or path[2] != "items":
        return None
    try:
        item = data["sections"][path[1]]["items"][path[3]]
    except (KeyError, IndexError, TypeError):
        return None
    return item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None


def _suggest(word, choices) -> str:
    import difflib

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return t("checklist.did_you_mean", word=close[0]) if close else ""


def _schema_problem(err, data, display: str) -> Problem:
    from . import yamlload

    path = list(err.absolute_path)
    item = _item_id_at(data, path)
    where = str(path[-1]) if path else "checklist"
    if err.validator == "additionalProperties":
        allowed = list(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        key = extra[0]
        line = yamlload.line_at(data, [*path, key])
        message = t("checklist.unknown_key", key=key) + _suggest(key, allowed)
        return Problem(display, line, item, message)
    line = yamlload.line_at(data, path)
    if err.validator == "enum":
        message = t("checklist.bad_enum", field=where, value=err.instance)
        message += _suggest(err.instance, err.validator_value)
    elif err.validator == "required":
        missing = err.message.split("'")[1]
        message = t("checklist.required", key=missing)
    elif err.validator == "type":
        message = t("checklist.bad_type", field=where, expected=err.validator_value,
                    value=json.dumps(plain(err.instance), ensure_ascii=False))
    elif err.validator == "pattern":
        message = t("checklist.bad_pattern", field=where, value=err.instance)
    elif err.validator == "oneOf" and where == "condition":
        message = t("checklist.condition_shape")
    elif err.validator in ("minimum", "maximum"):
        message = t("checklist.out_of_bounds", field=where, value=err.instance,
                    bound=err.validator_value)
    else:
        message = f"{where}: {err.message}"
    return Problem(display, line, item, message)


def _semantic_problems(data: dict, display: str) -> list[Problem]:
    from . import yamlload

    problems: list[Problem] = []
    seen_items: dict[str, dict] = {}
    seen_sections: set[str] = set()
    all_ids = _all_item_ids(data)

    def add(node, key, item_id, message):
        tracked = isinstance(node, yamlload.LineDict)
        line = node.line_of(key) if tracked else getattr(node, "line", 0)
        problems.append(Problem(display, line, item_id, message))

    authority = data.get("authority")
    has_kind = isinstance(authority, dict) and "kind" in authority
    sections = data.get("sections")
    for section in sections if isinstance(sections, list) else []:
        if not isinstance(section, dict):
            continue
        sid = section.get("id")
        if isinstance(sid, str):
            if sid in seen_sections:
                add(section, "id", None, t("checklist.duplicate_section", id=sid))
            seen_sections.add(sid)
        items = section.get("items")
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            iid = item["id"]
            if iid in seen_items:
                add(item, "id", iid, t("checklist.duplicate_item", line=seen_items[iid].line))
                continue
            for message, key in _item_problems(item, seen_items, all_ids):
                add(item, key, iid, message)
            if "authority" in item and not has_kind:  # an exception to no rule
                add(item, "authority", iid, t("checklist.authority_no_kind"))
            seen_items[iid] = item
    return problems


def _basis_warnings(data: dict, display: str) -> list[Problem]:
    """A basis that does not record the text it was checked against (version and
    date checked): a later revision of that text would go unnoticed. A penalty
    from another text records its own. An item that orders a correction without
    a penalty article, or a note why none applies, is named too."""
    warnings = []
    for item in (i for s in data["sections"] for i in s["items"]):
        bases = item.get("basis") or []
        for basis in bases:
            checked = [basis, *(p for p in basis.get("penalty") or [] if p.get("law"))]
            for text in checked:
                missing = [key for key in UNCHECKED_KEYS if not text.get(key)]
                if missing:
                    message = t("checklist.basis_unchecked", law=text["law"],
                                keys=", ".join(missing))
                    warnings.append(Problem(display, text.line, item["id"], message))
        if bases and orders(item) and not any(
                b.get("penalty") or b.get("no_penalty") for b in bases):
            warnings.append(Problem(display, bases[0].line, item["id"],
                                    t("checklist.penalty_missing")))
    return warnings


def cite(basis: dict) -> str:
    """One legal basis as printed: 《title》article, a 规范性文件 as 《title》（number）."""
    number = f"（{basis['number']}）" if basis.get("number") else ""
    return f"《{basis['law']}》{number}{basis.get('articles', '')}"


def penalties(basis: dict) -> list[dict]:
    """The penalty articles of a duty, each naming its text: the duty's own law
    unless the penalty names another."""
    own = {k: basis[k] for k in ("law", "number") if k in basis}
    return [{**(own if "law" not in p else {}), **p} for p in basis.get("penalty") or []]


def orders(item: dict) -> bool:
    """Whether a failing answer orders a correction (an observation does not)."""
    return can_fail(item) and not is_observation(item)


def requirement_text(item: dict, lang: str) -> str:
    """What an item orders, as one text: the measure to take at once, then what must
    be done by the deadline."""
    parts = [pick(item.get(key), lang) for key in ("immediate", "requirement")]
    return ("；" if lang == "zh" else " ").join(part for part in parts if part)


def is_observation(item: dict) -> bool:
    """An item that places no legal duty on the company: what it finds is noted, not ordered."""
    return bool(item.get("observation"))


def _options(item: dict) -> list[dict]:
    """The item's options; none where a file being checked has something else there."""
    options = item.get("options")
    return [o for o in options if isinstance(o, dict)] if isinstance(options, list) else []


def answer_values(item: dict) -> list | None:
    """The answers a condition may compare with, or None when open-ended."""
    if item.get("type") == "yes_no":
        return list(YES_NO_VALUES)
    if item.get("type") in ("single_choice", "multi_choice"):
        return [o.get("value") for o in _options(item)]
    return None


def can_fail(item: dict) -> bool:
    """Whether some answer to the item makes it non-compliant."""
    kind = item.get("type")
    if kind == "yes_no":
        return True
    if kind in ("single_choice", "multi_choice"):
        return any(o.get("compliant") is False for o in _options(item))
    if kind in ("number", "date"):
        return bool(item.get("expect"))
    return False


def _all_item_ids(data: dict) -> set[str]:
    sections = data.get("sections") if isinstance(data.get("sections"), list) else []
    return {item["id"] for s in sections if isinstance(s, dict)
            for item in (s.get("items") if isinstance(s.get("items"), list) else [])
            if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _item_problems(item: dict, earlier: dict[str, dict], all_ids: set[str]):
    """Yield (message, key) for rules the schema cannot express."""
    kind = item.get("type")
    if kind not in ITEM_TYPES:
        return  # the schema reports the type; rules per type would only add noise
    choice = kind in ("single_choice", "multi_choice")
    if choice and not item.get("options"):
        yield t("checklist.needs_options", type=kind), "type"
    if not choice and "options" in item:
        yield t("checklist.key_not_for_type", key="options", type=kind), "options"
    if kind != "number":
        for key in ("unit", "min", "max"):
            if key in item:
                yield t("checklist.key_not_for_type", key=key, type=kind), key
    if kind == "yes_no" or choice:
        values = [o.get("value") for o in _options(item)]
        values = [v for v in values if isinstance(v, str | int | float)]  # the schema says
        dupes = sorted({str(v) for v in values if values.count(v) > 1})
        if dupes:
            yield t("checklist.duplicate_option", value=dupes[0]), "options"
    expect = item.get("expect")
    if isinstance(expect, dict):
        yield from _expect_problems(item, kind, expect)
    if _is_number(item.get("min")) and _is_number(item.get("max")) and item["min"] > item["max"]:
        yield t("checklist.bad_range", low=item["min"], high=item["max"]), "min"
    if is_observation(item):
        for key in ORDER_KEYS:
            if key in item:
                yield t("checklist.observation_orders", key=key), key
    if can_fail(item):
        if "severity" not in item:
            yield t("checklist.needs_severity"), "type"
        if not item.get("basis"):
            yield t("checklist.needs_basis"), "type"
    condition = item.get("condition")
    if isinstance(condition, dict) and isinstance(condition.get("item"), str):
        yield from _condition_problems(item, condition, earlier, all_ids)


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _expect_problems(item: dict, kind, expect: dict):
    if kind == "number":
        if "not_past" in expect:
            yield t("checklist.key_not_for_type", key="expect.not_past", type=kind), "expect"
        low, high = expect.get("min"), expect.get("max")
        if _is_number(low) and _is_number(high) and low > high:
            yield t("checklist.bad_range", low=low, high=high), "expect"
        for bound in (low, high):
            outside = _is_number(bound) and (
                (_is_number(item.get("min")) and bound < item["min"])
                or (_is_number(item.get("max")) and bound > item["max"]))
            if outside:
                yield t("checklist.expect_outside", value=bound), "expect"
    elif kind == "date":
        if "min" in expect or "max" in expect:
            yield t("checklist.key_not_for_type", key="expect.min/max", type=kind), "expect"
    else:
        yield t("checklist.key_not_for_type", key="expect", type=kind), "expect"


def _condition_problems(item: dict, condition: dict, earlier: dict[str, dict], all_ids):
    target_id = condition["item"]
    if target_id == item.get("id"):
        yield t("checklist.condition_self"), "condition"
        return
    target = earlier.get(target_id)
    if target is None:
        key = "checklist.condition_later" if target_id in all_ids else "checklist.condition_unknown"
        yield t(key, target=target_id), "condition"
        return
    allowed = answer_values(target)
    if allowed is None:
        return
    compared = [condition[k] for k in ("equals", "not_equals") if k in condition]
    compared += condition["in"] if isinstance(condition.get("in"), list) else []
    for value in compared:
        if value not in allowed:
            message = t("checklist.condition_value", value=value, target=target_id,
                        allowed=", ".join(map(str, allowed)))
            yield message + _suggest(value, allowed), "condition"
