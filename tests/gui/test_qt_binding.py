"""The Qt binding itself: a fault here brings the whole app down, whatever our code does."""

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    changed = Signal(object)


def test_emitting_signals_keeps_reference_counts(app):
    """PySide6 6.12.0 returned True from every emit() without a reference of its own,
    so on Python 3.11 the process aborted (bool_dealloc) after a few thousand
    emits: minutes of answering a checklist. pyproject.toml keeps that version out;
    this catches it, or a relapse, in whatever version is installed."""
    emitter = Emitter()
    received = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for number in range(200):
        emitter.changed.emit(number)
    assert received == list(range(200))
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
