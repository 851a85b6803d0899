"""What the command line prints: text from anyone is shown, never obeyed by the terminal.

A company's name, a note, a certificate's holder or a file name may carry ANSI escape
sequences (recolour, move the cursor, retitle the window), bidi overrides or line
breaks that forge a line of our output. While a command runs, everything it prints
passes through `SafeStream`, which shows such characters as their codes
(controls.escape) and keeps only our own line breaks; values inside a line (table
cells, message values) are passed through `shown`, which escapes line breaks too.
"""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout

from .controls import escape


def shown(value) -> str:
    """`value` as one line of text for a terminal: every control character escaped."""
    return escape(str(value))


class SafeStream:
    """A text stream that escapes what it is given, but for line breaks."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape(text, keep="\n"))
        return len(text)

    def __getattr__(self, name):  # flush, fileno, isatty, close ...: the stream's own
        return getattr(self._stream, name)


@contextmanager
def safe_output() -> Iterator[None]:
    """sys.stdout and sys.stderr escaped (SafeStream) for the time of the block."""
    with redirect_stdout(SafeStream(sys.stdout)), redirect_stderr(SafeStream(sys.stderr)):
        yield


def undecodable(argv: list[str]) -> tuple[str, str] | None:
    """The first argument that is not UTF-8, as (its option or position, its text with
    the bad bytes as \\xNN), or None. Python hands such bytes on as lone surrogates,
    which no store, file or terminal takes."""
    for index, arg in enumerate(argv):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            text = os.fsencode(arg).decode("utf-8", "backslashreplace")
            if arg.startswith("--") and "=" in arg:
                option, text = text.split("=", 1)
            elif index and argv[index - 1].startswith("-"):
                option = argv[index - 1]
            else:
                option = f"#{index + 1}"
            return shown(option), shown(text)
    return None
