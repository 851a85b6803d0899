"""Signed inspection reports and rectification notices, asked for from any page.

Signing and rendering take seconds, so they are background operations with a
busy dialog. Results and errors are shown in a message box that does not block.
"""

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import i18n, ids, inspections
from ..errors import InspectorError
from ..files import write_atomically
from .operations import Operations
from .outputs import open_folder, safe_name, save_path

PDF_FILTER = "PDF (*.pdf)"


class Documents(QObject):
    done = Signal(object)  # what the last job produced: signing.Issued or the notice's path
    failed = Signal(str)

    def __init__(self, store, window: QWidget):
        super().__init__(window)
        self.store = store
        self.window = window
        self.operations = Operations(store, window)
        self.message: QMessageBox | None = None

    # --- asking ---------------------------------------------------------------------

    def _default_name(self, record: dict, kind: str) -> str:
        subject = record["subject_snapshot"]["name"]
        return safe_name(f"{subject}_{ids.local_date(record['started_at'])}_{kind}") + ".pdf"

    def report(self, inspection_id: str) -> None:
        """Ask for a path and the passphrase, then sign the inspection's report."""
        if self.operations.busy:
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
        if self.operations.busy:
            return
        record = inspections.get(self.store, inspection_id)
        path = save_path(self.window, "reports", self.tr("Save the rectification notice"),
                         self._default_name(record, "整改通知书"), PDF_FILTER)
        if path:
            self.write_notice(record["id"], path)

    def transfer(self, inspection_id: str) -> None:
        """Ask for the receiving bureaus' names and a path, then sign the transfer
        letters of the findings no bureau on the inspection is competent for."""
        from ..reports import kinds_to_transfer
        from .transfer_dialog import TransferDialog

        if self.operations.busy:
            return
        record = inspections.get(self.store, inspection_id)
        dialog = TransferDialog(kinds_to_transfer(self.store, record["id"]), self.window)
        if not dialog.exec():
            return
        path = save_path(self.window, "reports", self.tr("Save the transfer letter"),
                         self._default_name(record, "案件移送函"), PDF_FILTER)
        if path:
            self.write_transfer(record["id"], path, dialog.values())

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
        lang = i18n.language()

        def work(job):
            from .. import signing  # pyHanko and reportlab: loaded when first used

            return signing.issue_report(job.store, inspection_id, Path(path), secret=secret,
                                        lang=lang)

        self.operations.run(work, self._report_done, failed=self._show_error,
                            busy=self.tr("Signing the report…"))
        return True

    def write_notice(self, inspection_id: str, path: str) -> None:
        lang = i18n.language()

        def work(job):
            from ..reports import issue_notices, notice_path

            # one notice per competent authority: the first at the path, the others beside
            written = []
            for n, notice in enumerate(issue_notices(job.store, inspection_id, lang=lang)):
                target = notice_path(Path(path), n)
                write_atomically(target, notice.pdf)
                written.append((str(target), notice.authority["name"],
                                notice.issued and notice.issued.number))
            return path, written[0][2], written[1:]

        self.operations.run(work, self._notice_done, failed=self._show_error,
                            busy=self.tr("Writing the rectification notice…"))

    def write_transfer(self, inspection_id: str, path: str, names: dict[str, str]) -> bool:
        """Sign the transfer letters to `path` (and beside it) in the background."""
        try:
            from .passphrase import ask_passphrase

            secret = ask_passphrase(self.store, self.tr("Sign the transfer letter."),
                                    self.window)
        except InspectorError as exc:
            self._show_error(exc.message)
            return False
        if secret is None:
            return False
        lang = i18n.language()

        def work(job):
            from ..reports import issue_transfers, transfer_path

            written = []
            for n, letter in enumerate(issue_transfers(job.store, inspection_id, names=names,
                                                       lang=lang, secret=secret)):
                target = transfer_path(Path(path), n)
                write_atomically(target, letter.pdf)
                written.append((str(target), letter.receiver.kind,
                                letter.issued and letter.issued.number))
            return written

        self.operations.run(work, self._transfer_done, failed=self._show_error,
                            busy=self.tr("Signing the transfer letter…"))
        return True

    def blank(self) -> None:
        """Ask which checklist and where, then write its blank paper record."""
        from PySide6.QtWidgets import QInputDialog

        from .. import checklists

        if self.operations.busy:
            return
        names = checklists.sectors()
        chosen, ok = QInputDialog.getItem(
            self.window, self.tr("Blank paper record"),
            self.tr("For the day the laptop fails: print the checklist of which sector?"),
            list(names.values()), 0, False)
        if not ok:
            return
        sector = next(slug for slug, name in names.items() if name == chosen)
        path = save_path(self.window, "reports", self.tr("Save the blank paper record"),
                         safe_name(f"{chosen}_空白检查笔录") + ".pdf", PDF_FILTER)
        if path:
            self.write_blank(sector, path)

    def write_blank(self, sector: str, path: str) -> None:
        lang = i18n.language()

        def work(job):
            from .. import checklists
            from ..reports import render_blank_checklist

            write_atomically(Path(path), render_blank_checklist(checklists.find(sector),
                                                                lang=lang))
            return path

        self.operations.run(work, self._blank_done, failed=self._show_error,
                            busy=self.tr("Writing the blank paper record…"))

    def _blank_done(self, path: str) -> None:
        self._show(self.tr("Blank paper record"), self.tr(
            "Blank paper record saved:\n%1\n\nPrint it and keep it with the laptop. A "
            "record filled in on paper is entered afterwards, with a photo of its signed "
            "pages.").replace("%1", path), path)
        self.done.emit(path)

    # --- telling ----------------------------------------------------------------------

    def _report_done(self, issued) -> None:  # a signing.Issued
        state = (self.tr("The inspection is now signed and locked: it can no longer be changed.")
                 if issued.frozen else
                 self.tr("The inspection is a draft: the report is marked 草稿 and the "
                         "inspection stays open."))
        text = (self.tr("Signed report saved:\n%1\n\nSigned by %2.")
                .replace("%1", str(issued.path)).replace("%2", issued.signer) + "\n" + state)
        self._show(self.tr("Report signed"), text, str(issued.path))
        self.done.emit(issued)

    def _notice_done(self, written: tuple) -> None:
        path, number, others = written
        text = self.tr("Rectification notice saved:\n%1").replace("%1", path) + "\n\n" + (
            self.tr("Document number: %1").replace("%1", number) if number else
            self.tr("This store has no document number left for this year: the notice "
                    "carries a provisional one. Ask your bureau for a block of numbers."))
        for other, authority, its_number in others:  # a joint inspection's other authorities
            text += "\n\n" + self.tr("Notice of %1 saved:\n%2").replace(
                "%1", authority).replace("%2", other) + "\n" + (
                self.tr("Document number: %1").replace("%1", its_number) if its_number else
                self.tr("No number of that authority here: it fills in the blank number."))
        self._show(self.tr("Rectification notice"), text, path)
        self.done.emit(path)

    def _transfer_done(self, written: list) -> None:
        parts = []
        for path, kind, number in written:
            parts.append(self.tr("Transfer letter to the %1 saved:\n%2").replace(
                "%1", kind).replace("%2", path) + "\n" + (
                self.tr("Document number: %1").replace("%1", number) if number else
                self.tr("No transfer number of this bureau here: the letter leaves the "
                        "number blank to fill in.")))
        self._show(self.tr("Transfer letter"), "\n\n".join(parts), written[0][0])
        self.done.emit(written[0][0])

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
