"""Long work off the UI thread, with progress and cancel.

A Task runs a function in a QThread; the function gets `report(done, total)`,
which returns False once the user has cancelled. SQLite connections belong to
their thread, so the function opens its own Store from the path it is given.
"""

import traceback

from PySide6.QtCore import QObject, QThread, Signal


class Task(QObject):
    progress = Signal(int, int)
    finished = Signal(object)  # the result
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work):
        super().__init__()  # no parent: it moves to its own thread
        self.work = work
        self._cancel = False
        self.worker = QThread()
        self.moveToThread(self.worker)
        self.worker.started.connect(self._run)

    def start(self) -> None:
        self.worker.start()

    def cancel(self) -> None:
        self._cancel = True

    def report(self, done: int, total: int) -> bool:
        self.progress.emit(done, total)
        return not self._cancel

    def _run(self) -> None:
        from ..errors import Cancelled, InspectorError

        try:
            result = self.work(self.report)
        except Cancelled:
            self.cancelled.emit()
        except InspectorError as exc:
            self.failed.emit(str(exc))
        except Exception:  # shown to the user rather than lost in a thread
            self.failed.emit(traceback.format_exc(limit=3))
        else:
            self.finished.emit(result)
        finally:
            self.worker.quit()

    def wait(self, ms: int = 10000) -> bool:
        return self.worker.wait(ms)
