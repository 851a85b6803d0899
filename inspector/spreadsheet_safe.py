"""Cells for the files people open in a spreadsheet program: text from anyone stays text.

A spreadsheet program takes a CSV cell that starts with = + - @ (or TAB or CR) for a
formula: `=HYPERLINK(...)` in a company's name becomes a live link, `=cmd|...` a
command (OWASP, "CSV Injection"). Some programs fold the full-width ＝＋－＠ that Chinese
input methods type to the ASCII ones, so those count too. Every CSV and XLSX writer asks
this module for its cells; numbers are written as numbers only from our own numeric
fields (they are not str here, and pass unchanged). XLSX workbooks are saved here too,
whole or not at all: openpyxl's (save_xlsx) and XlsxWriter's (xlsx_book, XlsxFormats).
"""

import errno
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
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


# --- XlsxWriter -------------------------------------------------------------------


@contextmanager
def xlsx_book(path: str | Path, *, constant_memory: bool = True) -> Iterator:
    """An XlsxWriter workbook to fill in the block; it becomes `path` atomically
    (files.atomic_path) when the block ends, or nothing does.

    Constant-memory mode streams each row to a temporary file once the next row is
    begun (rows must be written in order, top to bottom). Strings are never turned into
    numbers, formulas or links: what is text stays text. The workbook is zipped in
    memory and written in one go, so a full disk is one error naming `path`, and the
    temporary files (in a folder of their own) go with the block, whatever happens.
    """
    import xlsxwriter
    from xlsxwriter.exceptions import XlsxWriterException

    with atomic_path(path) as tmp, tempfile.TemporaryDirectory() as work:
        zipped = _Zipped()
        book = xlsxwriter.Workbook(zipped, {
            "constant_memory": constant_memory, "tmpdir": work, "strings_to_numbers": False,
            "strings_to_formulas": False, "strings_to_urls": False})
        try:
            yield book
            book.close()
        except XlsxWriterException as exc:  # FileCreateError wraps the OSError
            cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
            raise (cause or OSError(str(exc))) from None  # atomic_path words it
        finally:
            for sheet in book.worksheets() if constant_memory else ():
                sheet._opt_close()  # its rows' temporary file, left open by a failure
        tmp.write_bytes(zipped.getvalue())


class _Zipped(io.BytesIO):
    """The workbook's zip in memory, never closed: a failed close() leaves its ZipFile
    to the garbage collector, which may close this first, and then the ZipFile's own
    close complained on stderr ("Exception ignored in ZipFile.__del__")."""

    def close(self) -> None:
        pass


class XlsxFormats:
    """An XlsxWriter book's cell formats by name (None: no format), each with a
    quote-prefixed twin for text that must stay text (quoted_text); `put` writes a cell
    under the same rule as xlsx_cell."""

    def __init__(self, book, **named: dict):
        self.plain = {None: None}
        self.quoted = {None: book.add_format({"quote_prefix": True})}
        for name, properties in named.items():
            self.plain[name] = book.add_format(properties)
            self.quoted[name] = book.add_format({**properties, "quote_prefix": True})

    def put(self, sheet, row: int, col: int, value, name: str | None = None) -> None:
        """`value` at (row, col): text as text, numbers, dates and booleans typed."""
        if value is None or value == "":
            if name:
                sheet.write_blank(row, col, None, self.plain[name])
        elif isinstance(value, str):
            text, quoted = quoted_text(value)
            write_text(sheet, row, col, text, (self.quoted if quoted else self.plain)[name])
        else:
            sheet.write(row, col, value, self.plain[name])


XLSX_MAX_TEXT = 32767  # UTF-16 units an Excel cell holds


def write_text(sheet, row: int, col: int, text: str, cell_format=None) -> None:
    """`text` (quoted_text's) at (row, col) of an XlsxWriter sheet, as text.

    XlsxWriter writes a text that starts with "<r>" and ends with "</r>" unescaped, as
    rich text's XML: a name typed so could add cells to the sheet, formulas among them.
    Such a text is written as three runs of rich text instead, shown as the one text.
    """
    if not (text.startswith("<r>") and text.endswith("</r>")):
        sheet.write_string(row, col, text, cell_format)
        return
    # write_rich_string refuses a text longer than a cell holds: cut it as write_string does
    text = text.encode("utf-16-le", "surrogatepass")[:2 * XLSX_MAX_TEXT].decode(
        "utf-16-le", "ignore")
    sheet.write_rich_string(row, col, text[:1], text[1:2], text[2:],
                            *([cell_format] if cell_format else []))
