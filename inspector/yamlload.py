"""YAML loading that remembers line numbers and rejects duplicate keys.

Validation messages must name the line, so mappings and sequences are built as
dict/list subclasses that carry the 1-based line of each key or element.

A checklist is JSON data written as YAML, from whoever wrote the file: whatever the
file holds is a yaml.YAMLError with its place, never another exception. Values
JSON has no type for (binary, sets, ordered pairs) are refused, an unquoted date
stays the text it is, nesting and aliases (which can name billions of values in a
few lines) are bounded.
"""

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

from .i18n import t

MAX_DEPTH = 64  # a checklist nests about 8 deep; PyYAML recurses once per level
MAX_VALUES = 200_000  # values once aliases are expanded (a big checklist has ~5 000)


class LineDict(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _Loader(yaml.SafeLoader):
    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []
        self.depth = 0

    def compose_node(self, parent, index):
        if self.depth >= MAX_DEPTH:
            raise ComposerError(None, None, t("checklist.too_deep", n=MAX_DEPTH),
                                self.peek_event().start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node, deep=False):
        """PyYAML's constructors raise ValueError and the like on values they cannot
        read (`!!int x`, an integer of 5 000 digits): a YAML error at the value."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            problem = t("checklist.bad_value", tag=_short(node.tag), err=exc)
            raise ConstructorError(None, None, problem, node.start_mark) from None


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, list | dict):
            raise ConstructorError(None, None, t("checklist.bad_key"), key_node.start_mark)
        line = key_node.start_mark.line + 1
        if key in result.key_lines:
            loader.duplicates.append((line, str(key)))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _refuse(loader: _Loader, node: yaml.Node):
    problem = t("checklist.not_json", tag=_short(node.tag))
    raise ConstructorError(None, None, problem, node.start_mark)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_scalar)  # as typed
for _tag in ("binary", "set", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse)


def _check_size(node: yaml.Node) -> None:
    """Refuse a document that aliases expand past MAX_VALUES, or that an alias makes
    contain itself, before anything is built: counted per node, once each."""
    sizes: dict[int, int | None] = {}  # node id -> values under it; None while counting

    def size(node: yaml.Node) -> int:
        if id(node) in sizes:
            if sizes[id(node)] is None:
                raise ComposerError(None, None, t("checklist.alias_loop"), node.start_mark)
            return sizes[id(node)]
        sizes[id(node)] = None
        children = ([part for pair in node.value for part in pair]
                    if isinstance(node, yaml.MappingNode) else
                    node.value if isinstance(node, yaml.SequenceNode) else [])
        sizes[id(node)] = total = 1 + sum(size(child) for child in children)
        if total > MAX_VALUES:
            raise ComposerError(None, None, t("checklist.too_big", n=MAX_VALUES),
                                node.start_mark)
        return total

    size(node)


def load(text: str):
    """Parse YAML text; return (data, [(line, duplicated key), ...]).

    Raises yaml.YAMLError (with problem_mark) on syntax errors.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:  # an empty file
            return None, []
        _check_size(node)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    return data, loader.duplicates


def line_at(data, path) -> int:
    """The line of the deepest element along `path` (keys and indexes) that has one."""
    line = getattr(data, "line", 0)
    node = data
    for step in path:
        in_dict = isinstance(node, LineDict) and step in node
        in_list = isinstance(node, LineList) and isinstance(step, int) and step < len(node)
        if in_dict or in_list:
            line = node.line_of(step)
        else:
            break
        node = node[step]
    return line
