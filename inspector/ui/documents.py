"""Signed inspection reports and rectification notices, asked for from any page.

Signing and rendering take seconds, so they run in a Task with a busy
indicator; the worker opens its own Store (SQLite connections stay in their
thread). Results and errors are shown in a message box that does not block.
"""

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from .. import i18n, ids, inspections
from ..errors import InspectorError
from ..files import write_atomically
from ..store import Store
from .outputs import open_folder, safe_name, save_path
from .tasks import Task

PDF_FILTER = "PDF (*.pdf)"


class Documents(QObject):
    issued = Signal(str)  # inspection id whose report was signed (its status may have changed)
    done = Signal(object)  # what the last job produced: signing.Issued or the notice's path
    failed = Signal(str)

    def __init__(self, store, window: QWidget):
        super().__init__(window)
        self.store = store
        self.window = window
        self.task: Task | None = None
        self.busy: QProgressDialog | None = None
        self.message: QMessageBox | None = None
        self._inspection_id = ""

    # --- asking ---------------------------------------------------------------------

    def _default_name(self, record: dict, kind: str) -> str:
        subject = record["subject_snapshot"]["name"]
        return safe_name(f"{subject}_{ids.local_date(record['started_at'])}_{kind}") + ".pdf"

    def report(self, inspection_id: str) -> None:
        """Ask for a path and the passphrase, then sign the inspection's report."""
        if self.task is not None:
            return
        record = inspections.get(self.store, inspection_id)
        if record["status"] == "draft" and QMessageBox.question(
                self.window, self.tr("Draft inspection"),
                self.tr("This inspection is not completed. Its report will be marked "
                        "草稿 (draft) on every page and the inspection stays open.\n\n"
                        "Issue a draft report?")) != QMessageBox.StandardButton.Yes:
            return
        path = save_path(self.window, "reports", self.tr("Save the signed report"),
                         self._default_name(record, "检查报告"), PDF_FILTER)
        if path:
            self.issue_report(record["id"], path)

    def notice(self, inspection_id: str) -> None:
        """Ask for a path, then write the rectification notice."""
        if self.task is not None:
            return
        record = inspections.get(self.store, inspection_id)
        path = save_path(self.window, "reports", self.tr("Save the rectification notice"),
                         self._default_name(record, "整改通知书"), PDF_FILTER)
        if path:
            self.write_notice(record["id"], path)

    # --- doing ------------------------------------------------------------------------

    def issue_report(self, inspection_id: str, path: str) -> bool:
        """Sign the report to `path` in the background; False if it did not start."""
        try:
            from .passphrase import ask_passphrase  # cryptography loads when first needed

            secret = ask_passphrase(self.store, self.tr("Sign the inspection report."),
                                    self.window)
        except InspectorError as exc:
            self._show_error(exc.message)
            return False
        if secret is None:
            return False
        db, lang = self.store.path, i18n.language()

        def work(_report):
            with Store(db) as store:
                from .. import signing  # pyHanko and reportlab: loaded when first used

                return signing.issue_report(store, inspection_id, Path(path), secret=secret,
                                            lang=lang)

        self._inspection_id = inspection_id
        self._run(work, self._report_done, self.tr("Signing the report…"))
        return True

    def write_notice(self, inspection_id: str, path: str) -> None:
        db, lang = self.store.path, i18n.language()

        def work(_report):
            with Store(db) as store:
                from ..reports import render_rectification_notice

                pdf = render_rectification_notice(store, inspection_id, lang=lang)
            write_atomically(Path(path), pdf)
            return path

        self._run(work, self._notice_done, self.tr("Writing the rectification notice…"))

    def _run(self, work, done, busy_text: str) -> None:
        self.task = Task(work)
        self.task.finished.connect(done)
        self.task.failed.connect(self._failed)
        self.busy = QProgressDialog(busy_text, "", 0, 0, self.window)
        self.busy.setCancelButton(None)  # signing cannot stop half-way
        self.busy.setWindowModality(Qt.WindowModality.WindowModal)
        self.busy.setMinimumDuration(0)
        self.busy.show()
        self.task.start()

    def _idle(self) -> None:
        if self.busy is not None:
            self.busy.close()
            self.busy.deleteLater()
            self.busy = None
        if self.task is not None:
            self.task.wait()
            self.task = None

    # --- telling ----------------------------------------------------------------------

    def _report_done(self, issued) -> None:  # a signing.Issued
        self._idle()
        state = (self.tr("The inspection is now signed and locked: it can no longer be changed.")
                 if issued.frozen else
                 self.tr("The inspection is a draft: the report is marked 草稿 and the "
                         "inspection stays open."))
        text = (self.tr("Signed report saved:\n%1\n\nSigned by %2.")
                .replace("%1", str(issued.path)).replace("%2", issued.signer) + "\n" + state)
        self._show(self.tr("Report signed"), text, str(issued.path))
        self.issued.emit(self._inspection_id)
        self.done.emit(issued)

    def _notice_done(self, path: str) -> None:
        self._idle()
        self._show(self.tr("Rectification notice"),
                   self.tr("Rectification notice saved:\n%1").replace("%1", path), path)
        self.done.emit(path)

    def _failed(self, message: str) -> None:
        self._idle()
        self._show_error(message)

    def _show_error(self, message: str) -> None:
        self._show(self.tr("Not done"), message, None, QMessageBox.Icon.Warning)
        self.failed.emit(message)

    def _show(self, title: str, text: str, path: str | None,
              icon=QMessageBox.Icon.Information) -> None:
        """A message that does not block: the app stays usable behind it."""
        if self.message is not None:
            self.message.deleteLater()  # one message at a time; the newest counts
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, self.window)
        if path:
            folder = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
            folder.clicked.connect(lambda: open_folder(path))
        self.message = box
        box.open()
