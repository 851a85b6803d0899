"""Signed bundles: the files that carry records between stores.

A bundle is a zip holding
    manifest.json   format version, bundle id, sender and key fingerprint, creation
                    time, record counts and the SHA-256 and size of every other member
    manifest.sig    the sender's ECDSA signature over the exact manifest bytes
    entries.jsonl   change-log entries (the unit of sync), one per line, in chain order
    heads.jsonl     signed statements "device D's history ends at hash H", one per device
    blobs/<sha256>  attachments (photos, signatures), named by their content hash

Reading checks everything before anything is written: zip hazards, the signature,
every member's hash, every entry's hash and chain link, that each device's history
is vouched for by a trusted identity whose role may make those changes, and that
everything referred to exists. Importing then applies the new entries in one
transaction; a bundle already imported is recognised by its id.
"""

import hashlib
import io
import itertools
import json
import re
import sqlite3
import struct
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from . import apply, ids, sharing
from .digest import canonical, entry_hash
from .errors import Cancelled, InspectorError
from .files import write_atomically
from .i18n import t
from .identity import Identity, trusted_identities
from .rectifications import may_set
from .store import Store

FORMAT = "inspector-bundle"
FORMAT_VERSION = 1
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
ENTRIES, HEADS = "entries.jsonl", "heads.jsonl"
BLOB_NAME = re.compile(r"^blobs/[0-9a-f]{64}$")
MAX_MEMBER = 256 * 2**20  # entries of a whole campaign fit; a photo is at most 20 MiB
MAX_TOTAL = 2 * 2**30
MAX_RATIO = 200  # beyond this a member is a zip bomb, not JSON or JPEG
MAX_MANIFEST = 4 * 2**20
ENTRY_KEYS = {"id", "at", "actor", "device_id", "entity", "record_id", "op", "data",
              "data_hash", "prev_hash", "hash"}



class BundleError(InspectorError):
    """A bundle that must not be imported; names the bundle and the member or record."""


# --- export -----------------------------------------------------------------------


def _sign(key: ec.EllipticCurvePrivateKey, data: bytes) -> str:
    return key.sign(data, ec.ECDSA(hashes.SHA256())).hex()


def _own_head(store: Store, me: Identity, key) -> dict | None:
    head = store.chain_head(store.device_id)
    if head is None:
        return None
    count = store.conn.execute("SELECT COUNT(*) FROM changelog WHERE device_id = ?",
                               (store.device_id,)).fetchone()[0]
    statement = {"device_id": store.device_id, "hash": head, "count": count,
                 "identity_id": me.id, "fingerprint": me.fingerprint, "at": ids.now()}
    return {"statement": statement, "signature": _sign(key, canonical(statement).encode())}


def _relayed_heads(store: Store, devices: set[str]) -> list[dict]:
    rows = store.db.query(
        "SELECT statement FROM chain_heads h WHERE count = (SELECT MAX(count) FROM chain_heads "
        "WHERE device_id = h.device_id) ORDER BY device_id")
    heads = [json.loads(r["statement"]) for r in rows]
    return [h for h in heads if h["statement"]["device_id"] in devices]


def export(store: Store, path: Path, identity: Identity, key, since: str | None = None,
           subject: str | None = None) -> dict:
    """Write a signed bundle of the store's change log (entries at or after `since`:
    an ISO time, or a date meaning the start of that Beijing day).

    With `subject` (a company's subject id), only the entries about that subject
    carry their data; the others travel withheld (see inspector.sharing).
    """
    since = _utc(since) if since else None
    where, params = ("WHERE at >= ?", [since]) if since else ("", [])
    entries = []
    for row in store.db.query(f"SELECT * FROM changelog {where} ORDER BY device_id, seq", params):
        row.pop("seq")
        entries.append({**row, "data": None if row["data"] is None else json.loads(row["data"])})
    if subject:
        shared = sharing.about_subject(entries, subject)
        entries = [e if e["id"] in shared else {**e, "data": None} for e in entries]
    devices = {e["device_id"] for e in entries}
    heads = [h for h in [_own_head(store, identity, key)] if h]
    heads += [h for h in _relayed_heads(store, devices - {store.device_id})]
    blob_names = sorted({sha for e in entries for sha in _blobs_of(e)})
    members = {ENTRIES: "".join(canonical(e) + "\n" for e in entries).encode("utf-8"),
               HEADS: "".join(canonical(h) + "\n" for h in heads).encode("utf-8")}
    for sha in blob_names:
        members[f"blobs/{sha}"] = store.conn.execute(
            "SELECT data FROM blobs WHERE sha256 = ?", (sha,)).fetchone()[0]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in sorted(members.items()):
            archive.writestr(_zip_info(name), data)
    packed = _packed_hashes(out.getvalue())
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "bundle_id": ids.uuid7(),
        "created_at": ids.now(), "since": since,
        "sender": {"identity_id": identity.id, "name": identity.name, "role": identity.role,
                   "org": identity.org, "fingerprint": identity.fingerprint,
                   "device_id": store.device_id},
        "for_subject": subject,
        "counts": {"entries": len(entries), "blobs": len(blob_names),
                   "withheld": sum(1 for e in entries if e["data"] is None),
                   "by_entity": dict(sorted(Counter(e["entity"] for e in entries).items()))},
        # the hash of each member as stored too: a deflate stream can change in bits
        # that do not change what it inflates to, and no changed byte may go unseen
        "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                         "packed_sha256": packed[name]}
                  for name, data in sorted(members.items())}}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(_zip_info(MANIFEST), manifest_bytes)
        archive.writestr(_zip_info(SIGNATURE), _sign(key, manifest_bytes))
    write_atomically(path, out.getvalue())
    return manifest


def _packed_hashes(zipped: bytes) -> dict[str, str]:
    """SHA-256 of each member's bytes as stored in the zip (compressed or not)."""
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        hashes = {}
        for info in archive.infolist():
            start = info.header_offset + _LOCAL.size + len(info.filename)
            hashes[info.filename] = hashlib.sha256(
                zipped[start:start + info.compress_size]).hexdigest()
    return hashes


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


def _blobs_of(entry: dict) -> list[str]:
    data = entry["data"]
    if data is None:
        return []
    if entry["entity"] == "evidence":
        return [data["sha256"]]
    if entry["entity"] == "signature":
        return [data["image_sha256"]]
    if entry["entity"] == "rectification_event":
        return list(data.get("evidence", []))
    return []


# --- reading and verifying ----------------------------------------------------------------


@dataclass
class Bundle:
    path: str
    manifest: dict
    sender: Identity
    entries: list[dict]
    heads: list[dict]
    blobs: dict[str, bytes]
    new_entries: list[dict] = field(default_factory=list)  # not in this store yet
    filled: list[dict] = field(default_factory=list)  # held here withheld, now in full


def _fail(path: str, key: str, **values) -> BundleError:
    return BundleError(t(key, **values), path=path)


# Every header field is pinned to what export writes, so that no byte of the file
# can change unnoticed: data bytes are covered by CRC-32 and the manifest's SHA-256,
# header bytes by these rules and by the local and central headers agreeing.
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.create_system = 3  # the same bytes whichever system exports
    info.external_attr = 0o644 << 16
    # photos are compressed already; the manifest and its signature are kept as
    # exact bytes, since the signature covers them byte for byte
    stored = name.startswith("blobs/") or name in (MANIFEST, SIGNATURE)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def _check_layout(path: str, file, infos: list[zipfile.ZipInfo]) -> None:
    """Members back to back from offset 0, headers as export writes them, nothing else."""
    offset = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        file.seek(info.header_offset)
        head = file.read(_LOCAL.size)
        if len(head) < _LOCAL.size or info.header_offset != offset:
            raise _fail(path, "bundle.layout", name=info.filename)
        (magic, version, flags, method, mtime, mdate, crc, csize, usize, name_len,
         extra_len) = _LOCAL.unpack(head)
        name = file.read(name_len)
        expected = _zip_info(info.filename)
        wanted_version = 20  # what zipfile writes for stored and deflated members alike
        same = (magic == b"PK\x03\x04" and name == info.filename.encode("ascii")
                and (version, flags, method, crc, csize, usize, extra_len)
                == (wanted_version, 0, expected.compress_type, info.CRC, info.compress_size,
                    info.file_size, 0)
                and (mdate, mtime) == _dos_time(FIXED_TIME)
                and info.date_time == FIXED_TIME and info.compress_type == method
                and (info.create_system, info.create_version, info.extract_version)
                == (3, 20, wanted_version)
                and (info.external_attr, info.internal_attr, info.flag_bits, info.volume)
                == (expected.external_attr, 0, 0, 0)
                and info.extra == b"" and info.comment == b"")
        if not same:
            raise _fail(path, "bundle.layout", name=info.filename)
        offset += _LOCAL.size + name_len + csize
    _check_directory(path, file, infos, offset)


def _check_directory(path: str, file, infos, start: int) -> None:
    size = sum(_CENTRAL.size + len(i.filename.encode("ascii")) for i in infos)
    file.seek(start + size)
    end = file.read(_END.size + 1)
    if len(end) != _END.size:  # missing, or bytes after the end record
        raise _fail(path, "bundle.layout", name="(end)")
    magic, disk, cd_disk, here, total, cd_size, cd_offset, comment = _END.unpack(end)
    if (magic, disk, cd_disk, here, total, cd_size, cd_offset, comment) != (
            b"PK\x05\x06", 0, 0, len(infos), len(infos), size, start, 0):
        raise _fail(path, "bundle.layout", name="(end)")
    file.seek(start)
    for info in infos:
        name = info.filename.encode("ascii")
        mdate, mtime = _dos_time(FIXED_TIME)
        expected = _CENTRAL.pack(
            b"PK\x01\x02", 3 << 8 | 20, 20, 0, info.compress_type, mtime, mdate, info.CRC,
            info.compress_size, info.file_size, len(name), 0, 0, 0, 0,
            _zip_info(info.filename).external_attr, info.header_offset) + name
        if file.read(len(expected)) != expected:
            raise _fail(path, "bundle.layout", name=info.filename)


def _dos_time(moment: tuple) -> tuple[int, int]:
    year, month, day, hour, minute, second = moment
    return ((year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2)


def _check_name(path: str, info: zipfile.ZipInfo) -> None:
    name = info.filename
    unsafe = (not name or name.startswith(("/", "\\")) or "\\" in name
              or re.match(r"^[A-Za-z]:", name) or ".." in name.split("/"))
    if unsafe:
        raise _fail(path, "bundle.unsafe_name", name=name)
    if (info.external_attr >> 16) & 0o170000 == 0o120000:
        raise _fail(path, "bundle.symlink", name=name)
    if info.is_dir() or not (name in (MANIFEST, SIGNATURE, ENTRIES, HEADS)
                             or BLOB_NAME.match(name)):
        raise _fail(path, "bundle.unexpected", name=name)


def _read_member(path: str, file, info: zipfile.ZipInfo, limit: int, budget: list[int],
                 packed: dict[str, str]) -> bytes:
    """Read and inflate one member ourselves, bounding the real output as it comes
    (headers can lie), and insist the deflate stream ends exactly where it should."""
    file.seek(info.header_offset + _LOCAL.size + len(info.filename))
    raw = file.read(info.compress_size)
    if len(raw) != info.compress_size:
        raise _fail(path, "bundle.damaged", name=info.filename, err=t("bundle.truncated"))
    packed[info.filename] = hashlib.sha256(raw).hexdigest()
    chunks, size = [], 0
    inflate = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    pending = raw
    try:
        while pending:
            if inflate is None:
                chunk, pending = pending[:1 << 20], pending[1 << 20:]
            else:
                chunk = inflate.decompress(pending, 1 << 20)
                pending = inflate.unconsumed_tail
                if not chunk and not pending:
                    break
            size += len(chunk)
            budget[0] -= len(chunk)
            if size > limit or budget[0] < 0:
                raise _fail(path, "bundle.too_big", name=info.filename)
            if size > 2**20 and size > max(info.compress_size, 1) * MAX_RATIO:
                raise _fail(path, "bundle.ratio", name=info.filename)
            chunks.append(chunk)
    except zlib.error as exc:
        raise _fail(path, "bundle.damaged", name=info.filename, err=exc) from None
    data = b"".join(chunks)
    complete = inflate is None or (inflate.eof and not inflate.unused_data)
    if not complete or zlib.crc32(data) != info.CRC or len(data) != info.file_size:
        raise _fail(path, "bundle.damaged", name=info.filename, err=t("bundle.crc"))
    return data


def read(store: Store, path: Path) -> Bundle:
    """Open and check a bundle completely; writes nothing."""
    where = str(path)
    if not path.is_file():
        raise _fail(where, "file.missing")
    if path.stat().st_size > MAX_TOTAL:
        raise _fail(where, "bundle.too_big", name=path.name)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise _fail(where, "bundle.not_zip") from None
    with archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise _fail(where, "bundle.duplicate", name=duplicates[0])
        for info in infos:
            _check_name(where, info)
        try:
            _check_layout(where, archive.fp, infos)
        except (OSError, struct.error, UnicodeEncodeError):
            raise _fail(where, "bundle.layout", name="?") from None
        if MANIFEST not in names or SIGNATURE not in names:
            raise _fail(where, "bundle.no_manifest")
        budget = [MAX_TOTAL]
        packed: dict[str, str] = {}
        raw = {i.filename: _read_member(where, archive.fp, i,
                                        MAX_MANIFEST if i.filename in (MANIFEST, SIGNATURE)
                                        else MAX_MEMBER, budget, packed) for i in infos}
    manifest, sender = _check_manifest(store, where, raw[MANIFEST], raw[SIGNATURE])
    _check_files(where, manifest, raw, packed)
    entries = _parse_lines(where, ENTRIES, raw.get(ENTRIES, b""))
    heads = _parse_lines(where, HEADS, raw.get(HEADS, b""))
    blobs = {name[6:]: data for name, data in raw.items() if name.startswith("blobs/")}
    bundle = Bundle(where, manifest, sender, entries, heads, blobs)
    _check_entries(store, bundle)
    return bundle


def _check_manifest(store: Store, where: str, data: bytes, signature: bytes):
    try:
        manifest = json.loads(data.decode("utf-8"))
        sender_fp = manifest["sender"]["fingerprint"]
        version = manifest["format_version"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
        raise _fail(where, "bundle.bad_manifest") from None
    if manifest.get("format") != FORMAT:
        raise _fail(where, "bundle.bad_manifest")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise _fail(where, "bundle.newer", found=version, known=FORMAT_VERSION)
    sender = next((i for i in trusted_identities(store) if i.fingerprint == sender_fp), None)
    if sender is None:
        raise _fail(where, "bundle.unknown_sender", name=manifest["sender"].get("name", "?"),
                    fp=str(sender_fp)[:16])
    try:
        sender.verify(bytes.fromhex(signature.decode("ascii")), data)
    except (InvalidSignature, ValueError, UnicodeDecodeError):
        raise _fail(where, "bundle.bad_signature", name=sender.name) from None
    return manifest, sender


def _check_files(where: str, manifest: dict, raw: dict[str, bytes],
                 packed: dict[str, str]) -> None:
    listed = manifest.get("files")
    if not isinstance(listed, dict):
        raise _fail(where, "bundle.bad_manifest")
    for name in raw:
        if name not in (MANIFEST, SIGNATURE) and name not in listed:
            raise _fail(where, "bundle.unlisted", name=name)
    for name, facts in listed.items():
        if name not in raw:
            raise _fail(where, "bundle.missing_member", name=name)
        data = raw[name]
        if hashlib.sha256(data).hexdigest() != facts.get("sha256") or len(data) != facts.get(
                "size") or packed[name] != facts.get("packed_sha256"):
            raise _fail(where, "bundle.hash_mismatch", name=name)
        if name.startswith("blobs/") and hashlib.sha256(data).hexdigest() != name[6:]:
            raise _fail(where, "bundle.hash_mismatch", name=name)


def _parse_lines(where: str, member: str, data: bytes) -> list[dict]:
    rows = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _fail(where, "bundle.bad_line", name=member, line=1) from None
    for number, line in enumerate(text.splitlines(), 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            raise _fail(where, "bundle.bad_line", name=member, line=number) from None
        if not isinstance(row, dict):
            raise _fail(where, "bundle.bad_line", name=member, line=number)
        rows.append(row)
    return rows


def _check_entries(store: Store, bundle: Bundle) -> None:
    where = bundle.path
    trusted = {i.fingerprint: i for i in trusted_identities(store)}
    chains: dict[str, list[dict]] = defaultdict(list)
    for number, entry in enumerate(bundle.entries, 1):
        withheld = entry.get("data", {}) is None
        if entry.keys() != ENTRY_KEYS or not (withheld or isinstance(entry["data"], dict)) or \
                (entry["entity"], entry["op"]) not in apply.PHASES:
            raise _fail(where, "bundle.bad_entry", name=ENTRIES, line=number)
        data_text = None if withheld else canonical(entry["data"])
        if entry_hash(entry) != entry["hash"] or (not withheld and hashlib.sha256(
                data_text.encode("utf-8")).hexdigest() != entry["data_hash"]):
            raise _fail(where, "bundle.entry_tampered", name=ENTRIES, line=number)
        entry["data_text"] = data_text  # checked once, stored as is: no second encoding
        chains[entry["device_id"]].append(entry)
    authors = _check_heads(store, bundle, chains, trusted)
    for device, chain in chains.items():
        known = _known_ids(store, [e["id"] for e in chain])
        _check_chain(where, device, chain, set(known), store.chain_head(device))
        role = authors[device].role
        for entry in chain:
            if entry["data"] is not None:  # a withheld step is checked when it comes in full
                _check_role(store, bundle, entry, role, authors[device])
        bundle.new_entries += [e for e in chain if e["id"] not in known]
        bundle.filled += [e for e in chain if known.get(e["id"]) and e["data"] is not None]
    for entry in bundle.new_entries + bundle.filled:
        for sha in _blobs_of(entry):
            stored = store.conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (sha,)).fetchone()
            if sha not in bundle.blobs and not stored:
                raise _fail(where, "bundle.missing_blob", sha=sha[:12], record=entry["record_id"])


def _known_ids(store: Store, entry_ids: list[str]) -> dict[str, bool]:
    """Entry id -> whether this store holds it withheld (True) or in full (False)."""
    known = {}
    for start in range(0, len(entry_ids), 500):
        batch = entry_ids[start:start + 500]
        marks = ",".join("?" * len(batch))
        known |= {r[0]: bool(r[1]) for r in store.conn.execute(
            f"SELECT id, data IS NULL FROM changelog WHERE id IN ({marks})", batch)}
    return known


def _check_heads(store, bundle, chains, trusted) -> dict[str, Identity]:
    """Each device's history must end at a head signed by a trusted identity."""
    where, authors = bundle.path, {}
    signed = {}
    for head in bundle.heads:
        statement = head.get("statement")
        if not isinstance(statement, dict) or statement.get("fingerprint") not in trusted:
            name = statement.get("fingerprint", "?") if isinstance(statement, dict) else "?"
            raise _fail(where, "bundle.untrusted_author", fp=str(name)[:16])
        author = trusted[statement["fingerprint"]]
        try:
            author.verify(bytes.fromhex(head["signature"]), canonical(statement).encode())
        except (InvalidSignature, ValueError, KeyError, TypeError):
            raise _fail(where, "bundle.bad_head", name=author.name) from None
        signed[statement["device_id"]] = (statement, author)
    for device, chain in chains.items():
        if device not in signed or signed[device][0]["hash"] != chain[-1]["hash"]:
            raise _fail(where, "bundle.unvouched", device=device[:8])
        authors[device] = signed[device][1]
    return authors


def _check_chain(where: str, device: str, chain: list[dict], known: set[str],
                 head: str | None) -> None:
    """Links hold, and the first entry new here continues this store's copy of the
    device's history (a device's history is a line, so anything older is known)."""
    for before, after in itertools.pairwise(chain):
        if after["prev_hash"] != before["hash"]:
            raise _fail(where, "bundle.broken_chain", device=device[:8], record=after["record_id"])
    fresh = [e for e in chain if e["id"] not in known]
    if fresh and fresh[0]["prev_hash"] != head:
        raise _fail(where, "bundle.gap", device=device[:8])


def _check_role(store: Store, bundle: Bundle, entry: dict, role: str, author: Identity) -> None:
    """The author is who vouches for the history, and their role allows the step
    (a company cannot close the item an inspector found)."""
    where = bundle.path
    if entry["actor"] not in (None, author.id):
        raise _fail(where, "bundle.wrong_actor", record=entry["record_id"], name=author.name)
    if entry["entity"] == "rectification_event":
        status = entry["data"].get("status")
        kind, creator = _item_facts(store, bundle, entry["data"].get("rectification_id"))
        if not may_set(role, status, kind, creator == author.id):
            raise _fail(where, "bundle.role", role=role, record=entry["record_id"],
                        status=status)


def _item_facts(store: Store, bundle: Bundle, item_id) -> tuple[str | None, str | None]:
    """(inspection kind, who created the item), from the bundle or this store."""
    created = {e["record_id"]: e for e in bundle.entries if e["data"] is not None
               and e["entity"] in ("rectification", "inspection") and e["op"] == "create"}
    item = created.get(item_id)
    if item:
        inspection = created.get(item["data"]["inspection_id"])
        if inspection:
            return inspection["data"].get("kind"), item["actor"]
    row = store.conn.execute(
        "SELECT i.kind, r.created_by FROM rectifications r JOIN inspections i "
        "ON i.id = r.inspection_id WHERE r.id = ?", (item_id,)).fetchone()
    if row:
        return row[0], row[1]
    if item:
        row = store.conn.execute("SELECT kind FROM inspections WHERE id = ?",
                                 (item["data"]["inspection_id"],)).fetchone()
        return (row[0] if row else None), item["actor"]
    return None, None


# --- import ------------------------------------------------------------------------


@dataclass
class ImportReport:
    path: str
    sender: str
    bundle_id: str
    already_imported: str | None = None
    counts: Counter = field(default_factory=Counter)


def import_bundle(store: Store, path: Path) -> ImportReport:
    """Verify `path` completely, then apply its new entries in one transaction."""
    return apply_bundle(store, read(store, path))


def apply_bundle(store: Store, bundle: Bundle) -> ImportReport:
    """Apply a bundle `read()` has verified against this store, in one transaction."""
    path = bundle.path
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
    with store.transaction() as conn:
        store.touched("bundle_import", *(e["entity"] for e in arriving))
        for sha, data in bundle.blobs.items():
            conn.execute("INSERT OR IGNORE INTO blobs (sha256, mime, size, data) "
                         "VALUES (?, ?, ?, ?)", (sha, _mime(data), len(data), data))
        store.append_entries(bundle.new_entries)  # chain order: each device's chain stays linked
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
                     (manifest["bundle_id"], Path(path).name, bundle.sender.name,
                      bundle.sender.fingerprint, manifest["created_at"], ids.now(),
                      json.dumps(dict(report.counts))))
    return report


class _Preview(Exception):
    """Raised to roll a preview back."""


def import_bundles(store: Store, paths: list[Path], *,
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
        for number, path in enumerate(paths):
            if progress is not None and progress(number, len(paths), Path(path)) is False:
                raise Cancelled(results)
            try:
                results.append(import_bundle(store, Path(path)))
            except InspectorError as exc:
                results.append(exc)
    return results


def preview_bundles(store: Store, paths: list[Path]) -> list[ImportReport | InspectorError]:
    """What importing these files in this order would do, writing nothing: each is
    checked as if the ones before it were imported (a --since bundle after the full
    one), then everything is rolled back."""
    results: list[ImportReport | InspectorError] = []
    try:
        with store.transaction():
            results = import_bundles(store, paths)
            raise _Preview
    except _Preview:
        pass
    return results


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


