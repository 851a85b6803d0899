"""Long work on the store off the UI thread, with progress and cancel: the app's one way.

`Operations(store, owner).run(work, done, ...)` runs `work(job)` in a thread of its own.
The job gives the work what it may use there:

- `job.store`: a Store of the worker's own on the same file, opened when first used
  (a SQLite connection belongs to the thread that made it, so the UI's store must not
  be touched here). What it commits is announced on the UI's store, on the UI thread,
  so the pages learn of it as of any other write;
- `job.progress(done, total, text="")`: shown on the UI thread; returns False once the
  user has cancelled, as the core's progress callbacks expect;
- `job.check()`: raises Cancelled once the user has cancelled.

The outcome comes back on the UI thread: `done(result)`, `failed(message)` (by default
a message box), or `cancelled(results)` with what was done before (Cancelled.results).
"""

import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressBar, QProgressDialog, QWidget

from ..errors import Cancelled, InspectorError


def progress_bar() -> QProgressBar:
    """A bar for run(bar=...): hidden until an operation shows itself on it."""
    bar = QProgressBar()
    bar.hide()
    return bar


def stop_operations(widget: QWidget, ms: int = 30000) -> None:
    """Before `widget` goes away: ask its operations (and its children's) to stop, and
    let them end; a thread must not outlive the objects it reports to."""
    for operations in widget.findChildren(Operations):
        operations.cancel()
        operations.wait(ms)


class Job:
    """What the work sees of its operation, in the worker thread."""

    def __init__(self, worker: "_Worker"):
        self._worker = worker
        self._store = None

    @property
    def store(self):
        if self._store is None:
            from ..store import Store

            self._store = Store(self._worker.path)
            self._store.on_change(self._worker.changed.emit)  # crosses to the UI thread
        return self._store

    def progress(self, done: int, total: int, text: str = "") -> bool:
        self._worker.progressed.emit(done, total, text)
        return not self._worker.stop

    def check(self) -> None:
        if self._worker.stop:
            raise Cancelled()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


class _Worker(QThread):
    progressed = Signal(int, int, str)
    changed = Signal(object)  # a frozenset of entity names the worker's store committed
    outcome = Signal(str, object)  # "done", "failed" or "cancelled"; the result

    def __init__(self, work, path: Path, parent: QObject):
        super().__init__(parent)
        self.work, self.path = work, path
        self.stop = False

    def run(self) -> None:
        job = Job(self)
        try:
            outcome = "done", self.work(job)
        except Cancelled as exc:
            outcome = "cancelled", exc.results
        except InspectorError as exc:
            outcome = "failed", str(exc)
        except Exception:  # shown to the user rather than lost in a thread
            outcome = "failed", traceback.format_exc(limit=3)
        finally:
            job.close()
        self.outcome.emit(*outcome)


class Operation(QObject):
    """One run: its thread, the widgets that show it, and where its outcome goes."""

    def __init__(self, operations: "Operations", work, handlers: dict, *,
                 bar: QProgressBar | None, cancel_button, disable, busy: str | None):
        super().__init__(operations)  # deleted once its outcome is delivered
        self.operations = operations
        self.handlers = handlers
        self.bar, self.cancel_button, self.disabled = bar, cancel_button, list(disable)
        self.worker = _Worker(work, operations.store.path, self)
        # bound methods of an object of the UI thread: Qt queues the calls to it
        self.worker.progressed.connect(self._progressed)
        self.worker.changed.connect(self._changed)
        self.worker.outcome.connect(self._deliver)
        self.dialog = self._busy_dialog(busy) if busy else None

    def _busy_dialog(self, text: str) -> QProgressDialog:
        dialog = QProgressDialog(text, "", 0, 0, self.operations.parent())
        dialog.setCancelButton(None)  # what it does cannot stop half-way
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        return dialog

    def start(self) -> None:
        self.enabled = [widget.isEnabled() for widget in self.disabled]
        for widget in self.disabled:
            widget.setEnabled(False)
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(True)
        if self.bar is not None:
            self.bar.setRange(0, 0)
            self.bar.setFormat("%p%")
            self.bar.show()
        if self.dialog is not None:
            self.dialog.show()
        self.worker.start()

    def cancel(self) -> None:
        self.worker.stop = True
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(False)

    def _progressed(self, done: int, total: int, text: str) -> None:
        if self.bar is not None:
            self.bar.setRange(0, max(total, 1))
            self.bar.setValue(done)
            self.bar.setFormat(f"{text}  %v/%m" if text else "%p%")
        if self.dialog is not None and text:
            self.dialog.setLabelText(text)

    def _changed(self, entities) -> None:
        self.operations.store.announce(entities)

    def _deliver(self, outcome: str, result) -> None:
        self.worker.wait()
        if self.bar is not None:
            self.bar.hide()
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(False)
        for widget, enabled in zip(self.disabled, self.enabled, strict=True):
            widget.setEnabled(enabled)
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.operations.ended(self)
        self.deleteLater()
        handler = self.handlers.get(outcome)
        # no more references to the page's methods and widgets: a cycle through a page
        # could be collected in a worker thread, and a widget must not be destroyed there
        self.handlers, self.disabled, self.bar, self.cancel_button = {}, [], None, None
        self.worker.work = None
        if handler is not None:
            handler(result)


class Operations(QObject):
    """The operations one page or dialog runs; `busy` while any of them is."""

    idle = Signal()  # the last one running has ended (before its outcome is handled)

    def __init__(self, store, owner: QWidget):
        super().__init__(owner)  # no reference back to it (see Operation._deliver)
        self.store = store  # the UI's store: announced to, never used in a worker
        self.running: list[Operation] = []

    def run(self, work, done, *, failed=None, cancelled=None, bar: QProgressBar | None = None,
            cancel_button=None, disable=(), busy: str | None = None) -> Operation:
        """Start `work(job)`. While it runs, `bar` shows its progress, `cancel_button`
        is enabled, the `disable` widgets are not, and `busy` is the text of a modal
        dialog that waits for it. Any outcome is for the handler given, if any."""
        handlers = {"done": done, "failed": failed or self.show_error, "cancelled": cancelled}
        operation = Operation(self, work, handlers, bar=bar, cancel_button=cancel_button,
                              disable=disable, busy=busy)
        self.running.append(operation)
        operation.start()
        return operation

    @property
    def busy(self) -> bool:
        return bool(self.running)

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report or check."""
        for operation in self.running:
            operation.cancel()

    def wait(self, ms: int = 30000) -> None:
        """Let the work finish, and deliver its outcome now (before something closes)."""
        for operation in list(self.running):
            operation.worker.wait(ms)
            QCoreApplication.sendPostedEvents(operation)

    def ended(self, operation: Operation) -> None:
        if operation in self.running:
            self.running.remove(operation)
            if not self.running:
                self.idle.emit()

    def show_error(self, message: str) -> None:
        """A message that does not block: the app stays usable behind it."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not done"), message,
                          QMessageBox.StandardButton.Close, self.parent())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
