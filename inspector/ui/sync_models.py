"""Table models of the Sync page: bundles chosen for import, and the import history."""

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QColor

from .. import queries
from . import labels
from .models import PagedModel, RowsModel
from .sync_work import BundleRow

RED, GREEN, ORANGE, GREY = "#c62828", "#2e7d32", "#ef6c00", "#757575"


def counts_text(counts: dict) -> str:
    """Import counts as one line: added, updated, unchanged, conflicts."""
    return (QCoreApplication.translate(
                "SyncModels", "%1 added · %2 updated · %3 unchanged · %4 conflicts")
            .replace("%1", str(counts.get("added", 0)))
            .replace("%2", str(counts.get("updated", 0)))
            .replace("%3", str(counts.get("unchanged", 0)))
            .replace("%4", str(counts.get("conflict", 0))))


def records_text(by_entity: dict) -> str:
    """Counts by entity in the order people think of them: subjects before answers."""
    order = [*labels.ENTITY, *sorted(set(by_entity) - set(labels.ENTITY))]
    return " · ".join(f"{labels.entity(name)} {by_entity[name]}"
                      for name in order if by_entity.get(name))


def sender_text(name: str, role: str) -> str:
    return f"{name}（{labels.role(role)}）" if role else name


class BundleRowsModel(RowsModel):
    """The chosen bundle files: what each holds (or why it is refused), then the result."""

    COLUMNS = (("file", QT_TRANSLATE_NOOP("Columns", "File")),
               ("sender", QT_TRANSLATE_NOOP("Columns", "Sender")),
               ("created", QT_TRANSLATE_NOOP("Columns", "Created")),
               ("records", QT_TRANSLATE_NOOP("Columns", "Records")),
               ("new", QT_TRANSLATE_NOOP("Columns", "New here")),
               ("status", QT_TRANSLATE_NOOP("Columns", "Status")))
    STATUS = 5  # the column that says why a bundle is refused: never pushed off screen

    def set_results(self, results: dict) -> None:
        """Per-path import outcome: counts, or an error message."""
        for row in self.rows:
            if row.path in results:
                outcome = results[row.path]
                if isinstance(outcome, dict):
                    row.result = outcome
                else:
                    row.import_error = outcome
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(self.COLUMNS) - 1))

    def ready(self) -> list[BundleRow]:
        return [row for row in self.rows if row.ready]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, key = self.rows[index.row()], self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell the column cuts
            return row.path if key == "file" else self.display(row, key) or None
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return QColor(self.colour(row))
        return None

    def display(self, row: BundleRow, key: str) -> str:
        if key == "file":
            return Path(row.path).name
        if key == "status":
            return self.status(row)
        if row.error:
            return ""
        if key == "sender":
            return sender_text(row.sender, row.role)
        if key == "created":
            return labels.when(row.created_at)
        if key == "records":
            return records_text(row.by_entity)
        return str(row.new)

    def status(self, row: BundleRow) -> str:
        if row.error:
            return row.error
        if row.import_error:
            return QCoreApplication.translate("SyncModels", "Not imported: %1").replace(
                "%1", row.import_error)
        if row.result is not None:
            return QCoreApplication.translate("SyncModels", "Imported: %1").replace(
                "%1", counts_text(row.result))
        if row.imported_before:
            return QCoreApplication.translate("SyncModels", "Already imported on %1").replace(
                "%1", labels.when(row.imported_before))
        return QCoreApplication.translate("SyncModels", "Verified, ready to import")

    def colour(self, row: BundleRow) -> str:
        if row.error or row.import_error:
            return RED
        if row.result is not None:
            return ORANGE if row.result.get("conflict") else GREEN
        return GREY if row.imported_before else GREEN


class ImportHistoryModel(PagedModel):
    """Past imports from the bundle_imports table, newest first, fetched page by page."""

    COLUMNS = (("file_name", QT_TRANSLATE_NOOP("Columns", "File")),
               ("sender", QT_TRANSLATE_NOOP("Columns", "Sender")),
               ("created_at", QT_TRANSLATE_NOOP("Columns", "Created")),
               ("imported_at", QT_TRANSLATE_NOOP("Columns", "Imported")),
               ("result", QT_TRANSLATE_NOOP("Columns", "Result")))
    RESULT = 4

    def __init__(self, store, parent=None):
        super().__init__(store, parent)
        self.refresh()

    def count(self):
        return queries.count_bundle_imports(self.store)

    def page(self, offset, limit):
        return queries.bundle_imports_page(self.store, offset, limit)

    def display(self, row, key):
        if key in ("created_at", "imported_at"):
            return labels.when(row[key])
        if key == "result":
            return counts_text(row["result"])
        return super().display(row, key)

    def colour(self, row, key):
        if key == "result" and row["result"].get("conflict"):
            return QColor(ORANGE)
        return None
