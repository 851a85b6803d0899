"""XLSX files as the tests compare them: XlsxWriter's own cell path, the parts, the cells."""

from pathlib import Path
from xml.etree import ElementTree
from zipfile import ZipFile

import openpyxl

CHANGES_EVERY_SAVE = "docProps/core.xml"  # the time it was saved


class XlsxWriterRows:
    """inspector.xlsx_rows.RowStream's twin through XlsxWriter's public methods
    (write_string, write_number), as the exports wrote every cell before it: a file
    written with one and the same file written with the other must be the same."""

    def __init__(self, sheet, first: int):
        self.sheet, self.next = sheet, first

    def __enter__(self) -> "XlsxWriterRows":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def text(self, text: str, cell_format=None) -> tuple:
        return (self.sheet.write_string, text, cell_format)

    def number(self, number, cell_format=None) -> tuple:
        return (self.sheet.write_number, number, cell_format)

    def row(self, cells) -> None:
        for col, cell in enumerate(cells):
            if cell:
                write, value, cell_format = cell
                assert write(self.next, col, value, cell_format) != -1  # -2: cut
        self.next += 1


def parts(path: Path) -> dict[str, bytes]:
    """Every part of the XLSX at `path` but the one that changes with each save; each
    XML part is parsed first, so a part that is not well-formed XML fails here."""
    with ZipFile(path) as archive:
        found = {name: archive.read(name) for name in archive.namelist()
                 if name != CHANGES_EVERY_SAVE}
    for name, data in found.items():
        if name.endswith((".xml", ".rels")):
            ElementTree.fromstring(data)
    return found


def cells(path: Path) -> list[tuple]:
    """Every cell as openpyxl reads it back: where, value, type, number format,
    quote prefix, fill, wrapping and boldness."""
    sheet = openpyxl.load_workbook(path).active
    return [(c.coordinate, c.value, c.data_type, c.number_format, c.quotePrefix,
             c.fill.fgColor.rgb, c.alignment.wrap_text, c.font.bold)
            for row in sheet.iter_rows() for c in row]
