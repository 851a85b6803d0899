"""Trust: whether a bundle's records may come into this store.

After the container's checks, a bundle is read only if a trusted identity signed
its manifest, every entry's hash and chain link hold, each device's history is
vouched for by a signed head of a trusted identity (the device's own, see
authorization.check_device), the authorization table allows that identity every
new entry, and everything referred to exists. Nothing is written here.
"""

import hashlib
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature

from .. import apply, authorization, ids
from ..campaign import records as campaign_records
from ..digest import canonical, entry_hash
from ..i18n import t
from ..identity import (
    Identity,
    key_end,
    late_use,
    rotated_signers,
    show_fingerprint,
    signer_keys,
)
from ..store import Store
from ..trust_chain import Certification, trusted_signers
from .container import (
    ENTRIES,
    HEADS,
    MANIFEST,
    SIGNATURE,
    BundleError,
    check_files,
    fail,
    high_s,
    load_json,
    open_members,
    parse_lines,
    parse_manifest,
    signature_bytes,
    split_lines,
)

ENTRY_KEYS = {"id", "at", "actor", "device_id", "entity", "record_id", "op", "data",
              "data_hash", "prev_hash", "hash"}
# the fields import uses as text (keys of dicts and sets, SQL values): a trusted
# key could sign a hashed entry holding anything there
ENTRY_TEXTS = ("id", "at", "device_id", "entity", "record_id", "op", "hash")
ENTRY_OPTIONAL = ("actor", "prev_hash", "data_hash")
HEAD_TEXTS = ("device_id", "hash", "identity_id", "fingerprint", "at")


@dataclass
class Bundle:
    """A bundle checked completely against one store, and what is new to it."""

    path: str
    manifest: dict
    sender: Identity
    entries: list[dict]
    heads: list[dict]
    blobs: dict[str, bytes]
    new_entries: list[dict] = field(default_factory=list)  # not in this store yet
    filled: list[dict] = field(default_factory=list)  # held here withheld, now in full
    owners: dict[str, str] = field(default_factory=dict)  # device -> identity, first seen
    # the store's state it was checked against (PRAGMA data_version: moves when another
    # connection commits); applying it later under the write lock checks it again
    checked_at: int | None = None


def read(store: Store, path: Path) -> Bundle:
    """Open and check a bundle completely; writes nothing."""
    where = str(path)
    raw, packed = open_members(path)
    manifest = parse_manifest(where, raw[MANIFEST])
    entries_text = raw.get(ENTRIES, b"")
    # a certified inspector's bundle carries its bureau's certification (honoured if a
    # supervisor this store trusts directly signed it), a rotated key its rotation.
    # Until the manifest's signature holds, nothing else in the file counts and each
    # such statement is a signature to check: a sender trusted directly is checked
    # first, and for another only the statements that may lead to its key are read.
    sender_fp = manifest["sender"]["fingerprint"]
    signers = {i.fingerprint: i for i in signer_keys(store)}
    if sender_fp not in signers:
        signers = _keys(store, entries_text, toward=sender_fp)
    sender = _check_signer(store, where, manifest, raw[MANIFEST], raw[SIGNATURE], signers)
    check_files(where, manifest, raw, packed)
    keys = _keys(store, entries_text)  # the file is the sender's: all it holds counts
    entries = parse_lines(where, ENTRIES, entries_text)
    heads = parse_lines(where, HEADS, raw.get(HEADS, b""))
    blobs = {name[6:]: data for name, data in raw.items() if name.startswith("blobs/")}
    bundle = Bundle(where, manifest, sender, entries, heads, blobs,
                    checked_at=store_version(store))
    _check_entries(store, bundle, keys)
    return bundle


def store_version(store: Store) -> int:
    return store.conn.execute("PRAGMA data_version").fetchone()[0]


def _keys(store: Store, entries_text: bytes, toward: str | None = None) -> dict[str, Identity]:
    """Keys whose signatures count here: every key of a trusted identity (directly, or
    certified by a trusted bureau, or enrolled), and the new keys the bundle's own
    rotation entries announce, each signed by a key it replaces (each statement
    carries its own signature). With `toward`, only statements of chains that may
    end at that key (see _leading_to)."""
    if toward is None:
        offered, rotations = _offered(entries_text), _rotations(entries_text)
    else:
        offered, rotations = _leading_to(toward, entries_text)
    known = {i.fingerprint: i for i in trusted_signers(store, offered)}
    return known | rotated_signers(known, rotations, store.conn) if rotations else known


MAX_VOUCHING = 32  # statements read before the signature holds; a real chain has a few


def _leading_to(fp: str, entries_text: bytes) -> tuple[list[Certification], list[dict]]:
    """The certifications and rotations that may vouch for key `fp`, and for the keys
    that vouch for those: the lines naming each key as theirs, at most MAX_VOUCHING
    lines read in all, however many a hostile file holds."""
    lines = [line for line in split_lines(entries_text)
             if b'"certification"' in line or b'"rotation"' in line]
    offered, rotations, wanted, seen, budget = [], [], [fp], set(), MAX_VOUCHING
    while wanted and budget > 0:
        key = wanted.pop(0)
        if not isinstance(key, str) or key in seen:
            continue
        seen.add(key)
        needle = canonical({"fingerprint": key})[1:-1].encode()  # "fingerprint":"<key>"
        naming = [line for line in lines if needle in line][:budget]
        budget -= len(naming)
        for cert in _offered(b"\n".join(naming)):
            if cert.statement.get("fingerprint") == key:
                offered.append(cert)
                wanted.append(cert.statement.get("issuer_fingerprint"))
        for entry in _rotations(b"\n".join(naming)):
            statement = entry["data"]["rotation"].get("statement") if isinstance(
                entry["data"]["rotation"], dict) else None
            if entry["data"].get("fingerprint") == key and isinstance(statement, dict):
                rotations.append(entry)
                wanted.append(statement.get("from"))
    return offered, rotations


def _rotations(data: bytes) -> list[dict]:
    """The rotation entries a bundle's entries hold, read leniently as _offered does."""
    found = []
    for line in split_lines(data):
        if b'"rotation"' not in line:
            continue
        try:
            entry = load_json(line)
        except BundleError:
            continue
        if isinstance(entry, dict) and entry.get("entity") == "identity" and isinstance(
                entry.get("data"), dict) and "rotation" in entry["data"]:
            found.append(entry)
    return found


def _in_time(store: Store, where: str, fp: str, at) -> None:
    """Refuse what a key signed after its revocation or rotation."""
    late = late_use(store.conn, fp, at if isinstance(at, str) else None)
    if late:
        raise fail(where, "bundle.key_ended", err=late)


def _offered(data: bytes | None) -> list[Certification]:
    """The certifications a bundle's entries carry, read leniently: nothing in them
    counts unless its signature holds, and the entries are checked in full later."""
    offered = []
    for line in split_lines(data or b""):
        if b'"certification"' not in line:  # an import parses every entry once, later
            continue
        try:
            entry = load_json(line)
            if entry.get("entity") == "certification" and isinstance(entry.get("data"), dict):
                offered.append(Certification.from_data(entry["data"]))
        except (BundleError, AttributeError):
            continue
    return [c for c in offered if c is not None]


def attachments(entry: dict) -> list[str]:
    """The SHA-256 of each blob an entry refers to (none when withheld)."""
    data = entry["data"]
    if data is None:
        return []
    if entry["entity"] == "evidence":  # a removal names a photo, and carries none
        return [data["sha256"]] if entry["op"] == "create" else []
    if entry["entity"] == "signature":
        return [data["image_sha256"]]
    if entry["entity"] == "rectification_event":
        return list(data.get("evidence", []))
    if entry["entity"] == "service":  # the recipient's and the witness's signatures
        return [data[k] for k in ("recipient_sha256", "witness_sha256") if data.get(k)]
    return campaign_records.attachments(entry)


def _check_signer(store: Store, where: str, manifest: dict, data: bytes,
                  signature: bytes, keys: dict[str, Identity]) -> Identity:
    """The trusted identity whose key signed the manifest's exact bytes, before the key's end."""
    sender_fp = manifest["sender"]["fingerprint"]
    sender = keys.get(sender_fp) if isinstance(sender_fp, str) else None
    if sender is None:
        raise fail(where, "bundle.unknown_sender", name=manifest["sender"].get("name", "?"),
                   fp=str(sender_fp)[:16])
    curve = sender.certificate.public_key().curve.name
    if not _signed(sender, signature_bytes(signature, curve), data):
        if _signed(sender, high_s(signature, curve), data):  # as older versions wrote
            raise fail(where, "bundle.high_s", name=sender.name)
        raise fail(where, "bundle.bad_signature", name=sender.name)
    _in_time(store, where, sender.fingerprint, manifest.get("created_at"))
    return sender


def _signed(signer: Identity, signature: bytes | None, data: bytes) -> bool:
    try:
        signer.verify(signature, data)
    except (InvalidSignature, TypeError):  # TypeError: None, no signature in that form
        return False
    return True


def _check_entries(store: Store, bundle: Bundle, trusted: dict[str, Identity]) -> None:
    where = bundle.path
    chains: dict[str, list[dict]] = defaultdict(list)
    for number, entry in enumerate(bundle.entries, 1):
        withheld = entry.get("data", {}) is None
        if entry.keys() != ENTRY_KEYS or not (withheld or isinstance(entry["data"], dict)) or \
                not _texts(entry, ENTRY_TEXTS, ENTRY_OPTIONAL) or \
                (entry["entity"], entry["op"]) not in apply.PHASES:
            raise fail(where, "bundle.bad_entry", name=ENTRIES, line=number)
        data_text = None if withheld else canonical(entry["data"])
        if entry_hash(entry) != entry["hash"] or (not withheld and hashlib.sha256(
                data_text.encode("utf-8")).hexdigest() != entry["data_hash"]):
            raise fail(where, "bundle.entry_tampered", name=ENTRIES, line=number)
        entry["data_text"] = data_text  # checked once, stored as is: no second encoding
        chains[entry["device_id"]].append(entry)
    authors = _check_heads(store, bundle, chains, trusted)
    arriving: dict[str, list[dict]] = {}
    for device, chain in chains.items():
        known = _known_ids(store, [e["id"] for e in chain])
        _check_chain(where, device, chain, set(known), store.chain_head(device))
        fresh = [e for e in chain if e["id"] not in known]
        _check_times(where, fresh)
        if fresh:
            _check_device(store, bundle, device, authors[device].author())
            fp = authors[device].fingerprint
            if key_end(store.conn, fp) is not None:  # a key still good: nothing to compare
                for entry in fresh:
                    _in_time(store, where, fp, entry["at"])
        for entry in chain:
            if entry["actor"] not in (None, authors[device].id):
                raise fail(where, "bundle.wrong_actor", record=entry["record_id"],
                           name=authors[device].name)
        bundle.new_entries += fresh
        bundle.filled += [e for e in chain if known.get(e["id"]) and e["data"] is not None]
        # a withheld step is checked when it comes in full
        arriving[device] = [e for e in chain if e["data"] is not None and
                            (e["id"] not in known or known[e["id"]])]
    _authorize(store, bundle, arriving, authors)
    _check_revoked_here(bundle, authors)
    for entry in bundle.new_entries + bundle.filled:
        for sha in attachments(entry):
            stored = store.conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (sha,)).fetchone()
            if sha not in bundle.blobs and not stored:
                raise fail(where, "bundle.missing_blob", sha=sha[:12], record=entry["record_id"])


def _check_times(where: str, fresh: list[dict]) -> None:
    now = datetime.now(UTC)
    for entry in fresh:
        if authorization.from_the_future(entry["at"], now):
            raise fail(where, "bundle.future_entry", record=entry["record_id"],
                       at=str(entry["at"])[:40], device=entry["device_id"][:8])


def _check_revoked_here(bundle: Bundle, authors: dict[str, Identity]) -> None:
    """A revocation the bundle itself brings (relayed with entries its key signed
    later, by a store that held both) counts as one already here would."""
    ends: dict[str, tuple[str, str | None]] = {}
    for entry in bundle.new_entries:
        data = entry["data"]
        if entry["entity"] == "revocation" and data is not None:
            at = data.get("revoked_at") or entry["at"]
            if data["fingerprint"] not in ends or _later(ends[data["fingerprint"]][0], at):
                ends[data["fingerprint"]] = (at, data.get("reason"))
    for entry in bundle.new_entries if ends else ():
        fp = authors[entry["device_id"]].fingerprint
        if fp in ends and _later(entry["at"], ends[fp][0]):
            raise fail(bundle.path, "bundle.key_ended", err=t(
                "identity.revoked_use", fp=show_fingerprint(fp[:16]),
                when=ids.local_time(ends[fp][0]), at=ids.local_time(entry["at"]),
                reason=ends[fp][1] or "-"))


def _later(a: str, b: str) -> bool:
    """Whether time `a` is after time `b` (ISO, any offset); unreadable counts as later."""
    try:
        return datetime.fromisoformat(a.replace("Z", "+00:00")) > \
            datetime.fromisoformat(b.replace("Z", "+00:00"))
    except (AttributeError, TypeError, ValueError):
        return True


def _texts(row: dict, texts: tuple, optional: tuple = ()) -> bool:
    """Whether `row` holds text at each of `texts`, and text or null at `optional`."""
    for key in texts:  # loops, not all() over generators: imports ask it of every entry
        if type(row.get(key)) is not str:
            return False
    for key in optional:
        value = row.get(key)
        if value is not None and type(value) is not str:
            return False
    return True


def _known_ids(store: Store, entry_ids: list[str]) -> dict[str, bool]:
    """Entry id -> whether this store holds it withheld (True) or in full (False)."""
    known = {}
    for start in range(0, len(entry_ids), 500):
        batch = entry_ids[start:start + 500]
        marks = ",".join("?" * len(batch))
        known |= {r[0]: bool(r[1]) for r in store.conn.execute(
            f"SELECT id, data IS NULL FROM changelog WHERE id IN ({marks})", batch)}
    return known


def _check_heads(store: Store, bundle: Bundle, chains, trusted) -> dict[str, Identity]:
    """Each device's history must end at a head signed by a trusted identity."""
    where, authors = bundle.path, {}
    signed = {}
    for number, head in enumerate(bundle.heads, 1):
        statement = head.get("statement")
        if not isinstance(statement, dict) or not _texts(statement, HEAD_TEXTS) or \
                type(statement.get("count")) is not int:
            raise fail(where, "bundle.bad_line", name=HEADS, line=number)
        if statement["fingerprint"] not in trusted:
            raise fail(where, "bundle.untrusted_author", fp=statement["fingerprint"][:16])
        author = trusted[statement["fingerprint"]]
        try:
            author.verify(bytes.fromhex(head["signature"]), canonical(statement).encode())
        except (InvalidSignature, ValueError, KeyError, TypeError):
            raise fail(where, "bundle.bad_head", name=author.name) from None
        _in_time(store, where, author.fingerprint, statement.get("at"))
        signed[statement["device_id"]] = (statement, author)
    for device, chain in chains.items():
        if device not in signed or signed[device][0]["hash"] != chain[-1]["hash"]:
            raise fail(where, "bundle.unvouched", device=device[:8])
        authors[device] = signed[device][1]
    return authors


def _check_chain(where: str, device: str, chain: list[dict], known: set[str],
                 head: str | None) -> None:
    """Links hold, and the first entry new here continues this store's copy of the
    device's history (a device's history is a line, so anything older is known)."""
    for before, after in itertools.pairwise(chain):
        if after["prev_hash"] != before["hash"]:
            raise fail(where, "bundle.broken_chain", device=device[:8], record=after["record_id"])
    fresh = [e for e in chain if e["id"] not in known]
    if fresh and fresh[0]["prev_hash"] != head:
        raise fail(where, "bundle.gap", device=device[:8])


def _check_device(store: Store, bundle: Bundle, device: str,
                  author: authorization.Author) -> None:
    row = store.conn.execute("SELECT identity_id FROM device_owners WHERE device_id = ?",
                             (device,)).fetchone()
    try:
        authorization.check_device(device, store.device_id, row and row[0], author)
    except authorization.Unauthorized as exc:
        raise fail(bundle.path, "bundle.unauthorized", err=exc.message) from None
    if row is None:
        bundle.owners[device] = author.id


def _authorize(store: Store, bundle: Bundle, arriving: dict[str, list[dict]],
               authors: dict[str, Identity]) -> None:
    """Every entry new here, by its device's author, against the one table: in each
    device's own order, knowing what the whole bundle creates."""
    facts = authorization.Facts(store.conn, own_id=store.actor)
    people = {device: authors[device].author() for device in arriving}
    for device, entries in arriving.items():
        for entry in entries:
            facts.learn(entry, people[device].id)
    for device, entries in arriving.items():
        author = people[device]
        for entry in entries:
            try:
                authorization.check(facts, author, entry)
            except authorization.Unauthorized as exc:
                raise fail(bundle.path, "bundle.unauthorized", err=exc.message) from None
            facts.note(entry)
