"""The checklist loader on hostile files (issue #13): a checklist, or the checklist error
naming the file and the line, never a traceback. Bounded: a few seconds in all."""

import json

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from inspector import yamlload
from inspector.checklists import ChecklistInvalid, load_file, parse
from inspector.cli import main

from .conftest import DATA

MINI = (DATA / "mini.yaml").read_text("utf-8")
LINES = MINI.split("\n")
BASE = yaml.safe_load(MINI)
NAME = "fuzz.yaml"
FUZZ = settings(max_examples=30, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

# pieces of YAML that have broken loaders: tags, anchors, flow brackets, odd scalars
JUNK = ["", "-", ":", "? [a]\n: b", "{", "[", "]", "'", '"', "\t", "&a", "*a", "*x",
        "!!python/object:os.system", "!!binary aGk=", "!!set {a, b}", "!!omap [a: 1]",
        "!!int x", "!!float y", "!!timestamp 2026-99-99", "2026-01-01", "<<: *a", "%YAML 1.1",
        "---", "...", "\x00", "\ufeff", "1e400", "-1e308", ".nan", ".inf", "0x_FF", "0o777",
        "9" * 5000, "[[[[[[[[[[]]]]]]]]]]", "{a: [b, {c: d}]}", "| \n", "> \n", "~", "null"]


def outcome(text: str):
    """parse(text): the checklist, or None after checking the error names file and line."""
    try:
        checklist = parse(text, NAME)
    except ChecklistInvalid as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == NAME and isinstance(problem.line, int) and problem.line >= 0
            assert str(problem).startswith(f"{NAME}:{problem.line}: ")
        return None
    json.dumps(checklist.content)  # a checklist is JSON data: it pins and hashes
    assert len(checklist.hash) == 64
    return checklist


# --- text ----------------------------------------------------------------------------

EDIT = st.tuples(st.integers(0, len(LINES) - 1), st.sampled_from(("delete", "copy", "insert",
                                                                 "value", "indent", "reverse")),
                 st.integers(0, 200), st.one_of(st.sampled_from(JUNK), st.text(max_size=12)))


def edited(edits) -> str:
    lines = list(LINES)
    for at, how, where, piece in edits:
        at %= len(lines)
        line = lines[at]
        if how == "delete" and len(lines) > 1:
            del lines[at]
        elif how == "copy":
            lines.insert(at, lines[where % len(lines)])
        elif how == "insert":
            cut = where % (len(line) + 1)
            lines[at] = line[:cut] + piece + line[cut:]
        elif how == "value" and ":" in line:
            lines[at] = line[:line.index(":") + 1] + " " + piece
        elif how == "indent":
            lines[at] = " " * (where % 7) + line.lstrip()
        elif how == "reverse":
            lines[at] = line[::-1]
    return "\n".join(lines)


@FUZZ
@given(st.lists(EDIT, min_size=1, max_size=4))
def test_edited_checklists(edits):
    outcome(edited(edits))


# --- structure -----------------------------------------------------------------------

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                    st.integers(-10**400, 10**400), st.text(max_size=8),
                    st.sampled_from(["yes", "no", "na", "m-01", "shop", "number", "critical"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(["id", "type", "options", "value",
                                                         "item", "in", "equals", "min", "max",
                                                         "compliant", "x"]), inner, max_size=3),
                      max_leaves=8)


def places(node, path=()):
    yield path
    children = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for key, child in children:
        yield from places(child, (*path, key))


PLACES = list(places(BASE))[1:]


def replaced(data, path, value):
    if not path:
        return value
    head, *rest = path
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = replaced(data[head], rest, value)
    return copy


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(PLACES), VALUES), min_size=1, max_size=3))
def test_checklists_with_values_of_any_shape(changes):
    data = BASE
    for path, value in changes:
        try:
            data = replaced(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed that place
    outcome(yaml.safe_dump(data, allow_unicode=True))


# --- bytes, depth, size ----------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=300), st.integers(0, len(MINI.encode())))
@example(b"\xff\xfe", 0)
@example(b"\xb9\xab\xcb", 40)  # GBK bytes in the middle of a UTF-8 file
def test_any_bytes(tmp_path, tail, keep):
    path = tmp_path / NAME
    path.write_bytes(MINI.encode()[:keep] + tail)
    try:
        load_file(path, NAME)
    except ChecklistInvalid as exc:
        assert all(p.path == NAME and p.line >= 0 for p in exc.problems)


@FUZZ
@given(st.integers(1, 200), st.sampled_from(["flow", "block", "mapping"]))
@example(100_000, "flow")
def test_deep_nesting(depth, shape):
    if shape == "flow":
        text = "id: " + "[" * depth + "]" * depth
    elif shape == "block":  # a block level costs its indentation: 200 are past the limit
        text = "".join("  " * i + "-\n" for i in range(min(depth, 200)))
    else:
        text = "".join("  " * i + "a:\n" for i in range(min(depth, 200)))
    outcome(text)


def test_aliases_that_expand_to_billions_are_refused_quickly():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 10)}]"
              for n in range(9)]  # 10^10 values
    with pytest.raises(ChecklistInvalid, match=r"fuzz.yaml:\d+: .*200000"):
        parse("\n".join(lines), NAME)
    with pytest.raises(ChecklistInvalid, match=r"fuzz\.yaml:1: "):
        parse("id: &a [*a]", NAME)


@pytest.mark.parametrize("text", ["id: !!int x", "id: !!binary aGk=", "? [a]\n: b",
                                  "id: " + "9" * 5000, "id: !!set {a, b}"])
def test_values_yaml_cannot_read_are_named_with_their_line(text):
    with pytest.raises(ChecklistInvalid) as refused:
        parse("title: x\n" + text, NAME)
    assert str(refused.value).startswith(f"{NAME}:2: ")


def test_an_unquoted_date_stays_the_text_it_is():
    data, _ = yamlload.load("valid_from: 2026-01-01\nat: 2026-01-01 08:00:00")
    assert data == {"valid_from": "2026-01-01", "at": "2026-01-01 08:00:00"}


def test_validate_reports_a_hostile_file_in_one_line_per_problem(tmp_path, capsys):
    path = tmp_path / "hostile.yaml"
    path.write_bytes(b"id: " + b"[" * 10_000)
    assert main(["checklists", "validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() and all(
        line.startswith(f"{path}:") for line in err.splitlines())
