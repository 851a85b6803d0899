"""Cells for the files people open in a spreadsheet program: text from anyone stays text.

A spreadsheet program takes a CSV cell that starts with = + - @ (or TAB or CR) for a
formula: `=HYPERLINK(...)` in a company's name becomes a live link, `=cmd|...` a
command (OWASP, "CSV Injection"). Some programs fold the full-width ＝＋－＠ that Chinese
input methods type to the ASCII ones, so those count too. Every CSV and XLSX writer asks
this module for its cells; numbers are written as numbers only from our own numeric
fields (they are not str here, and pass unchanged).
"""

from copy import copy

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES

from .controls import escape

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def could_run(text: str) -> bool:
    """Whether a spreadsheet program could take `text` for a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_cell(value):
    """A CSV cell: text that could run gets a leading ' (OWASP), as Excel users type it."""
    if isinstance(value, str) and could_run(value):
        return "'" + value
    return value


def xlsx_text(text: str) -> str:
    """Text an XLSX file can hold: XML refuses most control characters (openpyxl raises
    IllegalCharacterError), so they are shown as their codes, as in a terminal."""
    return escape(text, keep="\t\n")


def xlsx_cell(sheet, value, style=None, *, as_cell: bool = False):
    """`value` as an openpyxl sheet (write-only or not) appends it.

    Text that could run, or reads as an error code (#N/A), becomes a text cell marked
    quote-prefixed: shown as it is, and still text when edited in Excel. `style` (a
    cell's `_style`) or `as_cell` make it a cell even when the plain value would do.
    """
    risky = False
    if isinstance(value, str):
        value = xlsx_text(value)
        risky = could_run(value) or value in ERROR_CODES
    if not (risky or style is not None or as_cell):
        return value
    cell = WriteOnlyCell(sheet, value)
    if style is not None:
        cell._style = copy(style)
    if risky:
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell
