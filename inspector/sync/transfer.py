"""Moving records between stores: export a bundle, preview and import bundles.

Export writes the change log (all of it, or since a moment; for one company, the
others' data withheld). Import reads each bundle completely (inspector.sync.verify)
and then applies its new entries in one transaction; a bundle already imported is
recognised by its id. A preview does the same for a list of files inside one
transaction that is always rolled back, so each file is judged as if the ones
before it were imported.
"""

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import apply, ids
from ..digest import canonical
from ..errors import Cancelled, InspectorError
from ..i18n import t
from ..identity import Identity
from ..store import Store
from .container import (
    ENTRIES,
    FORMAT,
    FORMAT_VERSION,
    HEADS,
    BundleError,
    fail,
    json_lines,
    sign,
    write,
)
from .sharing import for_subject
from .verify import Bundle, attachments, read, store_version

# --- export -----------------------------------------------------------------------


def export(store: Store, path: Path, identity: Identity, key, since: str | None = None,
           subject: str | None = None) -> dict:
    """Write a signed bundle of the store's change log (entries at or after `since`:
    an ISO time, or a date meaning the start of that Beijing day).

    With `subject` (a company's subject id), only the entries about that subject
    carry their data; the others of the same devices travel withheld, other devices
    not at all (see inspector.sync.sharing).
    """
    since = _utc(since) if since else None
    where, params = ("WHERE at >= ?", [since]) if since else ("", [])
    entries = []
    for row in store.db.query(f"SELECT * FROM changelog {where} ORDER BY device_id, seq", params):
        row.pop("seq")
        entries.append({**row, "data": None if row["data"] is None else json.loads(row["data"])})
    if subject:
        entries = for_subject(entries, subject, store.device_id)
    devices = {e["device_id"] for e in entries}
    heads = [h for h in [_own_head(store, identity, key)] if h]
    heads += [h for h in _relayed_heads(store, devices - {store.device_id})]
    blob_names = sorted({sha for e in entries for sha in attachments(e)})
    members = {ENTRIES: json_lines(entries), HEADS: json_lines(heads)}
    for sha in blob_names:
        members[f"blobs/{sha}"] = store.conn.execute(
            "SELECT data FROM blobs WHERE sha256 = ?", (sha,)).fetchone()[0]
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "bundle_id": ids.uuid7(),
        "created_at": ids.now(), "since": since,
        "sender": {"identity_id": identity.id, "name": identity.name, "role": identity.role,
                   "org": identity.org, "fingerprint": identity.fingerprint,
                   "device_id": store.device_id},
        "for_subject": subject,
        "counts": {"entries": len(entries), "blobs": len(blob_names),
                   "withheld": sum(1 for e in entries if e["data"] is None),
                   "by_entity": dict(sorted(Counter(e["entity"] for e in entries).items()))}}
    return write(path, members, manifest, key)


def _own_head(store: Store, me: Identity, key) -> dict | None:
    head = store.chain_head(store.device_id)
    if head is None:
        return None
    count = store.conn.execute("SELECT COUNT(*) FROM changelog WHERE device_id = ?",
                               (store.device_id,)).fetchone()[0]
    statement = {"device_id": store.device_id, "hash": head, "count": count,
                 "identity_id": me.id, "fingerprint": me.fingerprint, "at": ids.now()}
    return {"statement": statement, "signature": sign(key, canonical(statement).encode())}


def _relayed_heads(store: Store, devices: set[str]) -> list[dict]:
    rows = store.db.query(
        "SELECT statement FROM chain_heads h WHERE count = (SELECT MAX(count) FROM chain_heads "
        "WHERE device_id = h.device_id) ORDER BY device_id")
    heads = [json.loads(r["statement"]) for r in rows]
    return [h for h in heads if h["statement"]["device_id"] in devices]


def _utc(moment: str) -> str:
    """A user's date or time as the UTC timestamp text the change log sorts by."""
    from datetime import UTC, datetime

    try:
        parsed = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    except ValueError:
        raise InspectorError(t("bundle.bad_since", value=moment)) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ids.BEIJING)
    return parsed.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- import ------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What importing one bundle did: entries added, updated, unchanged, in conflict
    and withheld; or when the same bundle was imported before."""

    path: str
    sender: str
    bundle_id: str
    already_imported: str | None = None
    counts: Counter = field(default_factory=Counter)


def import_bundle(store: Store, path: Path) -> ImportReport:
    """Verify `path` completely, then apply its new entries in one transaction."""
    return apply_bundle(store, read(store, path))


def import_bundles(store: Store, paths: list[Path | str], *,
                   progress=None) -> list[ImportReport | InspectorError]:
    """Import several bundles in the order given (a later one may continue an earlier
    one's history), each checked in full and then applied in its own transaction; one
    that fails is reported and the others are kept. (One transaction for the batch,
    with a savepoint per file, was slower: SQLite journals every page a savepoint
    touches.)

    `progress(done, total, path)` is called before each file; if it returns False the
    batch stops there (files already imported stay) and Cancelled is raised with the
    results so far.
    """
    results: list[ImportReport | InspectorError] = []
    with store.durable_at_end():
        for path in _each(paths, progress, results):
            try:
                results.append(import_bundle(store, Path(path)))
            except InspectorError as exc:
                results.append(exc)
            except Exception as exc:  # a defect must not stop the batch
                results.append(unexpected(path, exc))
    return results


def unexpected(path: Path | str, exc: Exception) -> BundleError:
    """A file's verdict when reading it failed in a way no check foresaw (a defect):
    one line naming the file, and the batch goes on with the next."""
    return fail(str(path), "bundle.unreadable", err=f"{type(exc).__name__}: {exc}")


def apply_bundle(store: Store, bundle: Bundle) -> ImportReport:
    """Apply a bundle `read()` has verified against this store, in one transaction.
    If another process wrote to the store since (an import of the same file, say),
    the bundle is checked again under the write lock, against what is there now."""
    with store.transaction():
        if bundle.checked_at is not None and bundle.checked_at != store_version(store):
            bundle = read(store, Path(bundle.path))
        return _apply_checked(store, bundle)


def _apply_checked(store: Store, bundle: Bundle) -> ImportReport:
    manifest = bundle.manifest
    report = ImportReport(bundle.path, bundle.sender.name, manifest["bundle_id"])
    seen = store.conn.execute("SELECT imported_at FROM bundle_imports WHERE bundle_id = ?",
                              (manifest["bundle_id"],)).fetchone()
    if seen:
        report.already_imported = seen[0]
        report.counts["unchanged"] = len(bundle.entries)
        return report
    arriving = [e for e in bundle.new_entries + bundle.filled if e["data"] is not None]
    report.counts["withheld"] = len(bundle.new_entries) - sum(
        1 for e in bundle.new_entries if e["data"] is not None)
    report.counts["unchanged"] = len(bundle.entries) - len(arriving) - report.counts["withheld"]
    # in apply_bundle's transaction: a savepoint of its own would copy every page the
    # bundle writes to a journal first, and a failure rolls the whole transaction back
    conn = store.conn
    store.touched("bundle_import", *(e["entity"] for e in arriving))
    for sha, data in bundle.blobs.items():
        conn.execute("INSERT OR IGNORE INTO blobs (sha256, mime, size, data) "
                     "VALUES (?, ?, ?, ?)", (sha, _mime(data), len(data), data))
    store.append_entries(bundle.new_entries)  # chain order: each device's chain stays linked
    conn.executemany("INSERT OR IGNORE INTO device_owners (device_id, identity_id) "
                     "VALUES (?, ?)", bundle.owners.items())
    for entry in bundle.filled:  # data this store was not shown before
        conn.execute("UPDATE changelog SET data = ? WHERE id = ? AND data IS NULL",
                     (entry["data_text"], entry["id"]))
    cache = apply.AnswerCache(conn)
    for entry in sorted(arriving, key=apply.sort_key):
        report.counts[_apply(bundle.path, conn, entry, cache)] += 1
    _flush(bundle.path, cache)
    for head in bundle.heads:
        s = head["statement"]
        conn.execute("INSERT OR IGNORE INTO chain_heads (device_id, hash, count, "
                     "identity_id, fingerprint, at, statement) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (s["device_id"], s["hash"], s["count"], s["identity_id"],
                      s["fingerprint"], s["at"], canonical(head)))
    conn.execute("INSERT INTO bundle_imports (bundle_id, file_name, sender, fingerprint, "
                 "created_at, imported_at, result) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (manifest["bundle_id"], Path(bundle.path).name, bundle.sender.name,
                  bundle.sender.fingerprint, manifest["created_at"], ids.now(),
                  json.dumps(dict(report.counts))))
    return report


def _each(paths: list[Path | str], progress, results: list) -> Iterator[Path | str]:
    """The paths in order, asking `progress(done, total, path)` before each; Cancelled
    (holding `results`) when it answers False."""
    for number, path in enumerate(paths):
        if progress is not None and progress(number, len(paths), Path(path)) is False:
            raise Cancelled(results)
        yield path


def _apply(where: str, conn, entry: dict, cache) -> str:
    if entry["entity"] != "answer":  # the answers waiting before it are written first
        _flush(where, cache)
    try:
        return apply.apply(conn, entry, cache)
    except (apply.ApplyError, sqlite3.IntegrityError, KeyError, TypeError) as exc:
        raise BundleError(t("bundle.cannot_apply", entity=entry["entity"],
                            record=entry["record_id"], err=exc), path=where) from None


def _flush(where: str, cache) -> None:
    try:
        cache.flush()
    except sqlite3.IntegrityError as exc:
        raise BundleError(t("bundle.cannot_apply", entity="answer", record="?", err=exc),
                          path=where) from None


def _mime(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    return "application/octet-stream"


# --- preview -----------------------------------------------------------------------


@dataclass
class Preview:
    """One bundle file judged against this store, nothing written: who sent it and
    what it holds, and what importing it would do, or why it is refused."""

    path: str
    error: str | None = None  # why it is refused (then the facts below are empty)
    sender: str = ""
    role: str = ""
    org: str = ""
    fingerprint: str = ""
    created_at: str = ""
    by_entity: dict = field(default_factory=dict)
    entries: int = 0
    new: int = 0  # entries this store does not hold yet
    imported_before: str | None = None  # when this bundle id was imported here
    counts: dict = field(default_factory=dict)  # what importing it would do

    @property
    def importable(self) -> bool:
        return self.error is None and self.imported_before is None


def preview(store: Store, paths: list[Path | str], progress=None) -> list[Preview]:
    """What importing these files in this order would do, writing nothing: each is
    read once and applied, so the next is judged as if it were imported (a --since
    bundle after the full one); then everything is rolled back.

    `progress(done, total, path)` is called before each file, as in import_bundles;
    if it returns False, Cancelled is raised with the previews so far.
    """
    previews: list[Preview] = []
    with store.trial():
        for path in _each(paths, progress, previews):
            try:
                previews.append(_preview_one(store, path))
            except Exception as exc:  # a defect must not stop the preview
                previews.append(Preview(str(path), error=unexpected(path, exc).message))
    return previews


def _preview_one(store: Store, path: Path | str) -> Preview:
    try:
        bundle = read(store, Path(path))
    except InspectorError as exc:
        return Preview(str(path), error=exc.message)
    manifest, sender = bundle.manifest, bundle.sender
    seen = Preview(str(path), sender=sender.name, role=sender.role, org=sender.org or "",
                   fingerprint=sender.fingerprint, created_at=manifest["created_at"],
                   by_entity=dict(manifest["counts"]["by_entity"]),
                   entries=manifest["counts"]["entries"], new=len(bundle.new_entries))
    try:
        report = apply_bundle(store, bundle)
    except InspectorError as exc:
        seen.error = exc.message
        return seen
    seen.imported_before = report.already_imported
    seen.counts = dict(report.counts)
    return seen
