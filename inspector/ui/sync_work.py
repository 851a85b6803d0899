"""The Sync page's background work: export, preview and import of bundles.

Each function runs as a background operation (ui/operations.py), on the worker's
own store. `progress(done, total, text)` returns False once the user cancelled; work
stops between files and raises Cancelled, and a file's import is one transaction, so
a cancelled import keeps the files already done.
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


def preview(store: Store, paths: list[str], progress) -> list[BundleRow]:
    """Check each file in the order given as if the ones before it were imported
    (a --since bundle after the full one); nothing is written."""
    def rows(previews: list) -> list[BundleRow]:
        return [BundleRow(**vars(seen)) for seen in previews]

    try:
        found = rows(sync.preview(store, paths, progress=_named(progress)))
    except Cancelled as stopped:
        raise Cancelled(rows(stopped.results)) from None
    if not progress(len(found), len(paths)):  # cancelled as the last file ended
        raise Cancelled(found)
    return found


def import_files(store: Store, paths: list[str], progress) -> dict[str, dict | str]:
    """Import each file in its own transaction: counts per path, or the error's message.
    Cancelled carries the same for the files done before."""
    try:  # as one batch: the disk is synced once, at the end
        outcomes = sync.import_bundles(store, [Path(p) for p in paths],
                                       progress=_named(progress))
    except Cancelled as stopped:
        raise Cancelled(_by_path(paths, stopped.results)) from None
    if not progress(len(outcomes), len(paths)):  # cancelled as the last file ended
        raise Cancelled(_by_path(paths, outcomes))
    return _by_path(paths, outcomes)


def _named(progress):
    """The core's progress(done, total, path) as the operation's (done, total, text)."""
    return lambda done, total, path: progress(done, total, Path(path).name)


def _by_path(paths: list[str], outcomes: list) -> dict[str, dict | str]:
    return {path: outcome.message if isinstance(outcome, InspectorError)
            else dict(outcome.counts) for path, outcome in zip(paths, outcomes, strict=False)}


def export(store: Store, path: str, secret: str, since: str | None,
           subject: str | None = None) -> dict:
    """Write a signed bundle (for one company: only its records); the manifest."""
    me, key = identity.signing_key(store, secret)
    return sync.export(store, Path(path), me, key, since=since, subject=subject)
