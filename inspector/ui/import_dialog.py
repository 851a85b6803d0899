"""Import subjects from a register (CSV/XLSX): preview with per-row errors, then import
off the UI thread with progress and cancel."""

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from .. import checklists
from ..subjects import import_subjects, preview_import
from .models import RowsModel, fit_columns, fit_screen
from .operations import Operations, progress_bar
from .settings import get_str, settings


class PreviewModel(RowsModel):
    """The rows of a register as read and checked, before anything is written."""

    COLUMNS = (("number", QT_TRANSLATE_NOOP("Columns", "Row")),
               ("name", QT_TRANSLATE_NOOP("Columns", "Name")),
               ("uscc", QT_TRANSLATE_NOOP("Columns", "Credit code")),
               ("sector", QT_TRANSLATE_NOOP("Columns", "Sector")),
               ("status", QT_TRANSLATE_NOOP("Columns", "Check")))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return QColor("#c62828" if row.error else "#2e7d32")
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell the column cuts
            return self.text(row, key) or None
        return self.text(row, key) if role == Qt.ItemDataRole.DisplayRole else None

    def text(self, row, key: str) -> str:
        if key == "number":
            return str(row.number)
        if key == "status":
            return row.error or QCoreApplication.translate("ImportDialog", "OK")
        if key == "sector" and row.record:
            return checklists.sectors().get(row.record["sector"], row.record["sector"])
        return (row.record or row.values).get(key) or ""


class ImportDialog(QDialog):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.operations = Operations(store, self)
        self.operations.idle.connect(self._idle)
        self.result_summary = None
        self.setWindowTitle(self.tr("Import subjects"))
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("A register: .csv (UTF-8 or GBK) or .xlsx"))
        browse = QPushButton(self.tr("Choose file…"))
        browse.clicked.connect(self.choose)
        self.sector = QComboBox()
        self.sector.addItem(self.tr("Sector from the file"), None)
        for slug, name in checklists.sectors().items():
            self.sector.addItem(self.tr("All rows: %1").replace("%1", name), slug)
        self.sector.currentIndexChanged.connect(self.preview)
        top = QHBoxLayout()
        top.addWidget(self.file, 1)
        top.addWidget(browse)
        top.addWidget(self.sector)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        fit_columns(self.table)  # the check (why a row fails) takes the room left
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.bar = progress_bar()
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Close"))
        self.cancel_button.clicked.connect(self.cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.bar, 1)
        buttons.addStretch(0)  # the buttons keep their size while the bar is hidden
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.resize(fit_screen(self, QSize(860, 520)))

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a register"), get_str("import/folder"),
            self.tr("Registers (*.csv *.xlsx)"))
        if path:
            settings().setValue("import/folder", str(Path(path).parent))
            self.open_file(path)

    def open_file(self, path) -> None:
        self.file.setText(str(path))
        self.preview()

    def preview(self) -> None:
        if not self.file.text():
            return
        path, sector = self.file.text(), self.sector.currentData()
        self._run(lambda _job: preview_import(path, sector=sector), self._previewed)

    def _previewed(self, rows) -> None:
        self.model.set_rows(rows)
        good = sum(1 for r in rows if not r.error)
        self.summary.setText(self.tr("%1 row(s) can be imported, %2 row(s) have errors.")
                             .replace("%1", str(good)).replace("%2", str(len(rows) - good)))
        self.import_button.setEnabled(good > 0)

    def start_import(self) -> None:
        path, sector = self.file.text(), self.sector.currentData()

        def work(job):
            return import_subjects(job.store, path, sector=sector, progress=job.progress)

        self.import_button.setEnabled(False)
        self._run(work, self._imported)

    def _imported(self, result) -> None:
        self.result_summary = result
        self.summary.setText(
            self.tr("Imported %1 subject(s); %2 already present; %3 row(s) with errors.")
            .replace("%1", str(len(result.added))).replace(
                "%2", str(len(result.already_present))).replace("%3", str(len(result.errors))))

    def _run(self, work, done) -> None:
        """While it runs, the Close button cancels it."""
        self.cancel_button.setText(self.tr("Cancel"))
        self.operations.run(work, done, failed=self._failed, cancelled=self._cancelled,
                            bar=self.bar)

    def _idle(self) -> None:
        self.cancel_button.setText(self.tr("Close"))

    def _failed(self, message: str) -> None:
        self.summary.setText(message)
        self.summary.setStyleSheet("color: #c62828")

    def _cancelled(self, _nothing) -> None:
        self.summary.setText(self.tr("Import cancelled: nothing was imported."))
        self.import_button.setEnabled(True)

    def cancel_or_close(self) -> None:
        if self.operations.busy:
            self.operations.cancel()
        else:
            self.accept()

    def reject(self) -> None:
        self.operations.cancel()
        self.operations.wait()
        super().reject()
