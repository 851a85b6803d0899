"""The mapping file (YAML) that lays the report onto a template: which cell or column
holds which named figure. Each campaign's notice attaches its own table; its
mapping is a file the user writes, never code. The default layout is the shipped
resources/statistics/default_mapping.yaml (the default XLSX follows it too).
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import yamlload
from ..errors import InspectorError
from ..files import read_input
from ..i18n import t
from ..packaged import data_dir
from . import messages  # noqa: F401  (registers the stats.* messages)
from .figures import FIGURES, SEVERITIES

COVER_FIELDS = ("title", "unit", "period", "area", "as_of", "filer", "phone", "filed_on")
ROW_FIELDS = ("sector", *FIGURES)
ITEM_FIELDS = ("sector", "item", "item_id", "problems", *(f"problems_{s}" for s in SEVERITIES))
CASE_FIELDS = ("title", "text", "unit", "sector", "period")
_CELL = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")
_COLUMN = re.compile(r"^[A-Z]{1,3}$")


@dataclass(frozen=True)
class Table:
    """Rows written down from `first_row`, one per record; columns letter -> field."""

    sheet: str | None
    first_row: int
    columns: dict[str, str]
    total: bool = True


@dataclass(frozen=True)
class Mapping:
    sheet: str | None  # None: the workbook's first sheet
    cells: dict[str, str]
    totals: dict[str, str]
    rows: Table | None
    items: Table | None
    cases: Table | None


def default_path() -> Path:
    return data_dir("resources") / "statistics" / "default_mapping.yaml"


def load(path: str | Path | None = None) -> Mapping:
    """Read and check a mapping file (the default one without `path`)."""
    path = Path(path) if path else default_path()
    try:
        data, duplicates = yamlload.load(read_input(path, 2**20).decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _error(path, f"{mark.line + 1}" if mark else "1", str(exc).splitlines()[0]) \
            from None
    if duplicates:
        line, key = duplicates[0]
        raise _error(path, str(line), f"{key} ×2")
    return _parse(data, path)


def _parse(data, path: Path) -> Mapping:
    if not isinstance(data, dict):
        raise _error(path, "1", t("stats.mapping_shape"))
    unknown = set(data) - {"sheet", "cells", "totals", "rows", "items", "cases"}
    if unknown:
        raise _error(path, sorted(unknown)[0], t("stats.mapping_shape"))
    return Mapping(
        sheet=_sheet(data.get("sheet"), path, "sheet"),
        cells=_cells(data.get("cells"), COVER_FIELDS, path, "cells"),
        totals=_cells(data.get("totals"), tuple(FIGURES), path, "totals"),
        rows=_table(data.get("rows"), ROW_FIELDS, path, "rows"),
        items=_table(data.get("items"), ITEM_FIELDS, path, "items"),
        cases=_table(data.get("cases"), CASE_FIELDS, path, "cases"))


def _sheet(value, path: Path, place: str) -> str | None:
    if value is not None and not isinstance(value, str | int):
        raise _error(path, place, t("stats.mapping_shape"))
    return None if value is None else str(value)


def _cells(value, fields: tuple[str, ...], path: Path, place: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _error(path, place, t("stats.mapping_shape"))
    out = {}
    for cell, field in value.items():
        cell = str(cell).strip().upper()
        if not _CELL.match(cell):
            raise _error(path, f"{place}.{cell}", t("stats.mapping_shape"))
        out[cell] = _field(field, fields, path, f"{place}.{cell}")
    return out


def _table(value, fields: tuple[str, ...], path: Path, place: str) -> Table | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("columns"), dict) or \
            not isinstance(value.get("first_row", 1), int) or value.get("first_row", 1) < 1:
        raise _error(path, place, t("stats.mapping_shape"))
    columns = {}
    for column, field in value["columns"].items():
        column = str(column).strip().upper()
        if not _COLUMN.match(column):
            raise _error(path, f"{place}.columns.{column}", t("stats.mapping_shape"))
        columns[column] = _field(field, fields, path, f"{place}.columns.{column}")
    return Table(_sheet(value.get("sheet"), path, f"{place}.sheet"),
                 value.get("first_row", 1), columns, value.get("total", True) is not False)


def _field(field, fields: tuple[str, ...], path: Path, place: str) -> str:
    if field not in fields:
        raise _error(path, place, t("stats.mapping_figure", figure=field))
    return field


def _error(path: Path, place: str, reason: str) -> InspectorError:
    return InspectorError(t("stats.mapping", path=path, place=place, reason=reason))
