"""The Sync page's background work: export, preview and import of bundles.

Each function runs as a background operation (ui/operations.py), on the worker's
own store. `progress(done, total, text)` returns False once the user cancelled; work
stops between files and raises Cancelled, and a file's import is one transaction, so
a cancelled import keeps the files already done.
"""

from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from .. import bundle, identity
from ..errors import Cancelled, InspectorError
from ..store import Store


@dataclass
class BundleRow:
    """One bundle file as previewed (verified, nothing written) and, later, imported."""

    path: str
    error: str | None = None
    sender: str = ""
    role: str = ""
    org: str = ""
    created_at: str = ""
    by_entity: dict = field(default_factory=dict)
    entries: int = 0
    new: int = 0
    imported_before: str | None = None  # when this bundle id was imported already
    result: dict | None = None  # counts after import
    import_error: str | None = None

    @property
    def ready(self) -> bool:
        return (self.error is None and self.result is None and self.import_error is None
                and self.imported_before is None)


def preview_one(store: Store, path: str) -> tuple[BundleRow, bundle.Bundle | None]:
    """The file's row, and the verified bundle (None when refused)."""
    try:
        checked = bundle.read(store, Path(path))
    except InspectorError as exc:
        return BundleRow(path, error=exc.message), None
    manifest = checked.manifest
    seen = store.conn.execute("SELECT imported_at FROM bundle_imports WHERE bundle_id = ?",
                              (manifest["bundle_id"],)).fetchone()
    return BundleRow(path, sender=checked.sender.name, role=checked.sender.role,
                     org=checked.sender.org or "", created_at=manifest["created_at"],
                     by_entity=dict(manifest["counts"]["by_entity"]),
                     entries=manifest["counts"]["entries"], new=len(checked.new_entries),
                     imported_before=seen[0] if seen else None), checked


class _RollBack(Exception):
    """Ends a preview: what it imported to check the next files is undone."""


def preview(store: Store, paths: list[str], progress) -> list[BundleRow]:
    """Check each file in the order given as if the ones before it were imported
    (a --since bundle after the full one), then roll everything back."""
    rows = []
    try:
        with store.transaction():
            for number, path in enumerate(paths):
                if not progress(number, len(paths), Path(path).name):
                    raise Cancelled(rows)  # rolls back too
                row, checked = preview_one(store, path)
                rows.append(row)
                if row.ready:  # the files after it are checked as if it were imported
                    with suppress(InspectorError):
                        bundle.apply_bundle(store, checked)
            raise _RollBack
    except _RollBack:
        pass
    if not progress(len(rows), len(paths)):  # cancelled as the last file ended
        raise Cancelled(rows)
    return rows


def import_files(store: Store, paths: list[str], progress) -> dict[str, dict | str]:
    """Import each file in its own transaction: counts per path, or the error's message.
    Cancelled carries the same for the files done before."""
    try:  # as one batch: the disk is synced once, at the end
        outcomes = bundle.import_bundles(store, [Path(p) for p in paths],
                                         progress=lambda done, total, path: progress(
                                             done, total, path.name))
    except Cancelled as stopped:
        raise Cancelled(_by_path(paths, stopped.results)) from None
    if not progress(len(outcomes), len(paths)):  # cancelled as the last file ended
        raise Cancelled(_by_path(paths, outcomes))
    return _by_path(paths, outcomes)


def _by_path(paths: list[str], outcomes: list) -> dict[str, dict | str]:
    return {path: outcome.message if isinstance(outcome, InspectorError)
            else dict(outcome.counts) for path, outcome in zip(paths, outcomes, strict=False)}


def export(store: Store, path: str, secret: str, since: str | None,
           subject: str | None = None) -> dict:
    """Write a signed bundle (for one company: only its records); the manifest."""
    me, key = identity.signing_key(store, secret)
    return bundle.export(store, Path(path), me, key, since=since, subject=subject)
