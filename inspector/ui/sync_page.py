"""数据交换: export this store's records as a signed bundle, import others' bundles
(verified and previewed before anything is written), and the import history."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import identity, ids
from ..errors import InspectorError
from ..subjects import list_subjects
from . import labels, sync_work
from .changes import Follows
from .models import fit_columns
from .operations import Operations, progress_bar
from .outputs import safe_name, save_path
from .passphrase import ask_passphrase
from .settings import get_str, settings
from .sync_models import BundleRowsModel, ImportHistoryModel, counts_text, records_text

GREEN, RED = "color: #2e7d32", "color: #c62828"


def table(model, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    fit_columns(view, stretch)
    return view


class SyncPage(Follows, QWidget):
    SHOWS = frozenset({"bundle_import"})
    EXPORT, IMPORT, HISTORY = range(3)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.follow(store)
        self.store = store
        self.operations = Operations(store, self)
        self._export_path = ""
        self.exported: dict | None = None  # the last export's manifest
        self.results: dict | None = None  # the last import's outcome per path
        title = QLabel(self.tr("Data exchange"))
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._export_tab(), self.tr("Export"))
        self.tabs.addTab(self._import_tab(), self.tr("Import"))
        self.tabs.addTab(self._history_tab(), self.tr("Import history"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    # --- building ----------------------------------------------------------------------

    def _export_tab(self) -> QWidget:
        widget = QWidget()
        intro = QLabel(self.tr(
            "Pack this store's records into one signed bundle (.zip) and hand it over by USB "
            "stick, e-mail or a shared folder. The receiver must trust your certificate "
            "first (Identity and keys, F8)."))
        intro.setWordWrap(True)
        self.only_since = QCheckBox(self.tr("Only records changed since"))
        self.since = QDateEdit(labels.today().addMonths(-1))
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setCalendarPopup(True)
        self.since.setEnabled(False)
        self.only_since.toggled.connect(self.since.setEnabled)
        since = QHBoxLayout()
        since.addWidget(self.only_since)
        since.addWidget(self.since)
        since.addStretch(1)
        # a company gets only its own records; the rest travels withheld (hashes only)
        self.recipient = QComboBox()
        self.recipient.addItem(self.tr("Everything (a supervisor or colleague)"), None)
        for subject in list_subjects(self.store):
            self.recipient.addItem(self.tr("Only the records of %1").replace(
                "%1", subject["name"]), subject["id"])
        recipient = QHBoxLayout()
        recipient.addWidget(QLabel(self.tr("For")))
        recipient.addWidget(self.recipient, 1)
        self.export_button = QPushButton(self.tr("Export bundle…  (Ctrl+E)"))
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.export_bundle)
        self.export_bar = progress_bar()
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.export_bar, 1)
        row.addStretch(1)
        self.export_result = QLabel()
        self.export_result.setWordWrap(True)
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(widget)
        layout.addWidget(intro)
        layout.addLayout(recipient)
        layout.addLayout(since)
        layout.addLayout(row)
        layout.addWidget(self.export_result)
        layout.addStretch(1)
        return widget

    def _import_tab(self) -> QWidget:
        widget = QWidget()
        intro = QLabel(self.tr(
            "Choose the bundles you received. Each is verified completely and shown here "
            "before anything is imported; files that fail a check are not imported."))
        intro.setWordWrap(True)
        files = QPushButton(self.tr("Choose files…  (Ctrl+Shift+I)"))
        files.clicked.connect(self.choose_files)
        folder = QPushButton(self.tr("Choose folder…"))
        folder.clicked.connect(self.choose_folder)
        choose = QHBoxLayout()
        choose.addWidget(files)
        choose.addWidget(folder)
        choose.addStretch(1)
        self.rows = BundleRowsModel(self)
        self.preview_table = table(self.rows, stretch=BundleRowsModel.STATUS)
        self.preview_table.selectionModel().currentRowChanged.connect(self._show_row)
        self.import_summary = QLabel()
        self.import_summary.setWordWrap(True)
        self.import_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = progress_bar()
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.bar, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(widget)
        layout.addWidget(intro)
        layout.addLayout(choose)
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(self.import_summary)
        layout.addLayout(buttons)
        return widget

    def _history_tab(self) -> QWidget:
        widget = QWidget()
        self.history = ImportHistoryModel(self.store, self)
        self.history_table = table(self.history, stretch=ImportHistoryModel.RESULT)
        layout = QVBoxLayout(widget)
        layout.addWidget(self.history_table)
        return widget

    def _tab_changed(self, index: int) -> None:
        if index == self.HISTORY:
            self.history.refresh()

    def refresh(self) -> None:
        self.history.refresh()

    def focus(self) -> None:
        self.tabs.setFocus()

    # --- export ------------------------------------------------------------------------

    def export_bundle(self) -> None:
        self.tabs.setCurrentIndex(self.EXPORT)
        if self.operations.busy:
            return
        me = identity.own_identity(self.store, required=False)
        name = safe_name(f"inspector-{me.name if me else 'store'}-"
                         f"{ids.today()}") + ".zip"
        path = save_path(self, "bundles", self.tr("Export bundle"), name,
                         self.tr("Bundles (*.zip)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        """Sign and write the bundle in the background; False if it did not start."""
        try:
            secret = ask_passphrase(self.store, self.tr("Sign the data bundle."), self)
        except InspectorError as exc:
            self._export_said(exc.message, RED)
            return False
        if secret is None:
            return False
        since = (self.since.date().toString("yyyy-MM-dd")
                 if self.only_since.isChecked() else None)
        subject = self.recipient.currentData()
        self.exported = None
        self._export_path = path
        self.export_result.clear()
        self.operations.run(
            lambda job: sync_work.export(job.store, path, secret, since, subject),
            self._exported, failed=lambda message: self._export_said(message, RED),
            bar=self.export_bar, disable=self._starters())
        return True

    def _exported(self, manifest: dict) -> None:
        self.exported = manifest
        counts = manifest["counts"]
        text = (self.tr("Bundle saved: %1\n%2 record(s), %3 attachment(s): %4")
                .replace("%1", self._export_path).replace("%2", str(counts["entries"]))
                .replace("%3", str(counts["blobs"]))
                .replace("%4", records_text(counts["by_entity"]) or "—"))
        self._export_said(text, GREEN)

    def _export_said(self, text: str, style: str) -> None:
        self.export_result.setStyleSheet(style)
        self.export_result.setText(text)

    # --- import: choose and preview -------------------------------------------------------

    def choose_files(self) -> None:
        self.tabs.setCurrentIndex(self.IMPORT)
        if self.operations.busy:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose bundles"), get_str("bundles/import_folder"),
            self.tr("Bundles (*.zip)"))
        if paths:
            settings().setValue("bundles/import_folder", str(Path(paths[0]).parent))
            self.open_paths(paths)

    def choose_folder(self) -> None:
        if self.operations.busy:
            return
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder of bundles"), get_str("bundles/import_folder"))
        if folder:
            settings().setValue("bundles/import_folder", folder)
            paths = sorted(str(p) for p in Path(folder).glob("*.zip") if p.is_file())
            if not paths:
                self._import_said(self.tr("No .zip files in %1.").replace("%1", folder), RED)
                self.rows.set_rows([])
                self._enable_import()
                return
            self.open_paths(paths)

    def open_paths(self, paths: list[str]) -> None:
        """Verify and preview each bundle in the background; nothing is written."""
        self.tabs.setCurrentIndex(self.IMPORT)
        paths = [str(p) for p in paths]
        self.results = None
        self.rows.set_rows([])
        self._import_said(self.tr("Checking %n bundle(s)…", "", len(paths)), "")
        self._run_import(lambda job: sync_work.preview(job.store, paths, job.progress),
                         self._previewed,
                         lambda rows: self._previewed(rows, self.tr("Checking cancelled.")))

    def _previewed(self, rows: list, cancelled: str = "") -> None:
        self.rows.set_rows(rows)
        if rows:
            self.preview_table.selectRow(0)
        ready, failed = len(self.rows.ready()), sum(1 for r in rows if r.error)
        text = self.tr("%1 bundle(s) verified and ready to import, %2 refused.").replace(
            "%1", str(ready)).replace("%2", str(failed))
        self._import_said(" ".join(filter(None, (cancelled, text))), RED if failed else "")
        self._enable_import()

    def _show_row(self, current, _previous=None) -> None:
        """The selected bundle's whole story in the summary line (the table cuts it)."""
        if not current.isValid() or current.row() >= len(self.rows.rows):
            return
        row = self.rows.rows[current.row()]
        if row.error:
            self._import_said(f"{Path(row.path).name}: {row.error}", RED)
        elif row.result is None and row.import_error is None:
            text = self.tr("%1 from %2 (%3): %4 record(s), %5 new here.").replace(
                "%1", Path(row.path).name).replace("%2", row.sender).replace(
                "%3", row.org or labels.role(row.role)).replace(
                "%4", str(row.entries)).replace("%5", str(row.new))
            self._import_said(text, "")

    # --- import: apply ------------------------------------------------------------------

    def start_import(self) -> None:
        ready = self.rows.ready()
        if not ready or self.operations.busy:
            return
        # oldest first: a later bundle may continue an earlier one's history
        paths = [row.path for row in sorted(ready, key=lambda r: r.created_at)]
        self.results = None
        self._run_import(lambda job: sync_work.import_files(job.store, paths, job.progress),
                         self._imported, lambda results: self._imported(results, self.tr(
                             "Import cancelled after %n bundle(s).", "", len(results))))

    def _imported(self, results: dict, cancelled: str = "") -> None:
        self.rows.set_results(results)
        self.results = results
        total: dict[str, int] = {}
        for outcome in results.values():
            for key, n in (outcome.items() if isinstance(outcome, dict) else ()):
                total[key] = total.get(key, 0) + n
        failed = sum(1 for outcome in results.values() if not isinstance(outcome, dict))
        text = self.tr("Imported %1 bundle(s): %2.").replace(
            "%1", str(len(results) - failed)).replace("%2", counts_text(total))
        if failed:
            text += " " + self.tr("%n bundle(s) failed and changed nothing.", "", failed)
        self._import_said(" ".join(filter(None, (cancelled, text))), RED if failed else GREEN)
        self._enable_import()

    def _import_said(self, text: str, style: str) -> None:
        self.import_summary.setStyleSheet(style)
        self.import_summary.setText(text)

    def _enable_import(self) -> None:
        self.import_button.setEnabled(not self.operations.busy and bool(self.rows.ready()))

    # --- background work ----------------------------------------------------------------

    def _starters(self) -> list[QWidget]:
        """The buttons that would start another operation while one runs."""
        return [self.export_button, self.import_button]

    def _run_import(self, work, done, cancelled) -> None:
        self.operations.run(work, done, failed=self._import_failed, cancelled=cancelled,
                            bar=self.bar, cancel_button=self.cancel_button,
                            disable=self._starters())

    def _import_failed(self, message: str) -> None:
        self._import_said(message, RED)
        self._enable_import()

    def cancel(self) -> None:
        """Stop after the file in hand (a file's import is one transaction)."""
        self.operations.cancel()

