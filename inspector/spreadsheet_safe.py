"""Cells for the files people open in a spreadsheet program: text from anyone stays text.

A spreadsheet program takes a CSV cell that starts with = + - @ (or TAB or CR) for a
formula: `=HYPERLINK(...)` in a company's name becomes a live link, `=cmd|...` a
command (OWASP, "CSV Injection"). Some programs fold the full-width ＝＋－＠ that Chinese
input methods type to the ASCII ones, so those count too. Every CSV and XLSX writer asks
this module for its cells; numbers are written as numbers only from our own numeric
fields (they are not str here, and pass unchanged). XLSX workbooks are saved here too,
whole or not at all.
"""

import errno
import os
from collections.abc import Callable
from contextlib import suppress
from copy import copy
from datetime import UTC, datetime
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.writer.excel import ExcelWriter

from .controls import escape, pattern
from .files import atomic_path

try:  # openpyxl writes XML with lxml when it is installed (pyHanko brings it)
    from lxml.etree import SerialisationError as _XmlWriteError
except ImportError:  # pragma: no cover - et_xmlfile raises OSError itself
    _XmlWriteError = OSError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def could_run(text: str) -> bool:
    """Whether a spreadsheet program could take `text` for a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_cell(value):
    """A CSV cell: text that could run gets a leading ' (OWASP), as Excel users type it."""
    if isinstance(value, str) and could_run(value):
        return "'" + value
    return value


_XLSX_KEEPS = "\t\n"
_ERROR_CODES = frozenset(ERROR_CODES)
_XLSX_UNSAFE = pattern(_XLSX_KEEPS)


def xlsx_text(text: str) -> str:
    """Text an XLSX file can hold: XML refuses most control characters (openpyxl raises
    IllegalCharacterError), so they are shown as their codes, as in a terminal."""
    if text.isprintable():  # most text, decided in C: nothing to escape
        return text
    return escape(text, keep=_XLSX_KEEPS) if _XLSX_UNSAFE.search(text) else text


def xlsx_cell(sheet, value, style=None, *, as_cell: bool = False):
    """`value` as an openpyxl sheet (write-only or not) appends it.

    Text that could run, or reads as an error code (#N/A), becomes a text cell marked
    quote-prefixed: shown as it is, and still text when edited in Excel. `style` (a
    cell's `_style`) or `as_cell` make it a cell even when the plain value would do.
    """
    risky = False
    if isinstance(value, str):
        value = xlsx_text(value)
        risky = could_run(value) or value in _ERROR_CODES
    if not (risky or style is not None or as_cell):
        return value
    cell = WriteOnlyCell(sheet, value)
    if style is not None:
        cell._style = copy(style)
    if risky:
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def save_xlsx(path: str | Path, book, fill: Callable[[], None] = lambda: None) -> None:
    """Save the openpyxl workbook `book` to `path` atomically (files.atomic_path), after
    `fill()` streams a write-only book's rows: the path is claimed first, so an
    unwritable one fails before any row is streamed.

    A failed write (a full disk, where the output or openpyxl's temporary files are)
    is the usual one-line error naming `path`; nothing is left open, since openpyxl's
    own save left a zip and XML streams that complained on stderr ("Exception ignored
    in ZipFile.__del__") whenever they were collected.
    """
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        archive = ZipFile(fh, "w", ZIP_DEFLATED, allowZip64=True)
        try:
            fill()
            book.properties.modified = datetime.now(UTC).replace(tzinfo=None)  # as openpyxl
            ExcelWriter(book, archive).save()
        except BaseException as exc:
            _abandon(book, archive)
            if isinstance(exc, _XmlWriteError) and not isinstance(exc, OSError):
                raise _as_os_error(exc) from None  # atomic_path words it, naming `path`
            raise


def _abandon(book, archive: ZipFile) -> None:
    """End the zip and every sheet's XML stream of a failed save, and remove the
    sheets' temporary files: the output is discarded, only the ends are needed."""
    with suppress(Exception):
        archive.close()
    for sheet in book.worksheets:
        writer = getattr(sheet, "_writer", None)  # write-only sheets stream through one
        with suppress(Exception):
            sheet.close()
        if writer is not None:
            with suppress(Exception):
                writer.close()
            with suppress(Exception):
                writer.cleanup()


def _as_os_error(exc: Exception) -> OSError:
    """lxml says "IO_ENOSPC" where Python says "No space left on device"."""
    code = getattr(errno, str(exc).removeprefix("IO_"), None)
    return OSError(code, os.strerror(code)) if code else OSError(str(exc))


def quoted_text(text: str) -> tuple[str, bool]:
    """`text` as an XLSX text cell holds it (xlsx_text), and whether the cell must be
    marked quote-prefixed to stay text (it could run, or reads as an error code): for
    writers other than openpyxl's (XlsxWriter), which take the mark as a format."""
    text = xlsx_text(text)
    return text, could_run(text) or text in _ERROR_CODES
