"""YAML loading that remembers line numbers and rejects duplicate keys.

Validation messages must name the line, so mappings and sequences are built as
dict/list subclasses that carry the 1-based line of each key or element.
"""

import yaml


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


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
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


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load(text: str):
    """Parse YAML text; return (data, [(line, duplicated key), ...]).

    Raises yaml.YAMLError (with problem_mark) on syntax errors.
    """
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
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
