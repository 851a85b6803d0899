"""The Sync page's background work: export, preview and import of bundles.

Each function runs in a Task's thread and opens its own Store from the path
(a SQLite connection belongs to the thread that made it). `report(done, total)`
returns False once the user cancelled; work stops between files, and a file's
import is one transaction, so a cancelled import keeps the files already done.
"""

from dataclasses import dataclass
from pathlib import Path

from .. import identity, sync
from ..errors import Cancelled, InspectorError
from ..store import Store


@dataclass
class BundleRow(sync.Preview):
    """One bundle file as previewed (see sync.preview) and, later, imported."""

    result: dict | None = None  # counts after import
    import_error: str | None = None

    @property
    def ready(self) -> bool:
        return self.importable and self.result is None and self.import_error is None


def preview(db: Path, paths: list[str], report) -> list[BundleRow]:
    """Check each file in the order given as if the ones before it were imported
    (a --since bundle after the full one); nothing is written."""
    with Store(db) as store:
        previews = _until_cancelled(sync.preview, store, paths, report)
    report(len(previews), len(paths))
    return [BundleRow(**vars(seen)) for seen in previews]


def import_files(db: Path, paths: list[str], report) -> dict[str, dict | str]:
    """Import each file in its own transaction: counts per path, or the error's message."""
    with Store(db) as store:  # as one batch: the disk is synced once, at the end
        outcomes = _until_cancelled(sync.import_bundles, store, paths, report)
    results: dict[str, dict | str] = {
        path: outcome.message if isinstance(outcome, InspectorError) else dict(outcome.counts)
        for path, outcome in zip(paths, outcomes, strict=False)}
    report(len(results), len(paths))
    return results


def _until_cancelled(work, store: Store, paths: list[str], report) -> list:
    """`work`'s result for each file, or for those done before the user cancelled."""
    try:
        return work(store, paths, progress=lambda done, total, _: bool(report(done, total)))
    except Cancelled as stopped:
        return stopped.results


def export(db: Path, path: str, secret: str, since: str | None,
           subject: str | None = None) -> dict:
    """Write a signed bundle (for one company: only its records); the manifest."""
    with Store(db) as store:
        me, key = identity.signing_key(store, secret)
        return sync.export(store, Path(path), me, key, since=since, subject=subject)
