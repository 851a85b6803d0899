"""Forging as a hostile party holding a trusted key would: entries hashed and chained
correctly, heads and manifest validly signed, only the content is not theirs to write."""

import json
from collections import defaultdict
from pathlib import Path

from inspector import identity, ids
from inspector.digest import canonical, digest, entry_hash
from inspector.store import Store
from inspector.sync import container

from .stores import SECRET


def make_entry(*, device: str, actor: str | None, prev: str | None, entity: str,
               record_id: str, op: str, data: dict, at: str | None = None) -> dict:
    entry = {"id": ids.uuid7(), "at": at or ids.now(), "actor": actor, "device_id": device,
             "entity": entity, "record_id": record_id, "op": op, "data": data,
             "data_hash": digest(data), "prev_hash": prev}
    entry["hash"] = entry_hash(entry)
    return entry


def append(store: Store, entity: str, record_id: str, op: str, data: dict,
           at: str | None = None) -> dict:
    """An entry on the store's own history, asking no rule and applying nothing (a
    modified client); a normal export then carries it, signed by the store's key."""
    entry = make_entry(device=store.device_id, actor=store.actor,
                       prev=store.chain_head(store.device_id), entity=entity,
                       record_id=record_id, op=op, data=data, at=at)
    with store.transaction():
        store.append_entry(entry)
    return entry


def record_unchecked(store: Store, entity: str, record_id: str, op: str, data: dict) -> dict:
    """An entry appended and applied as Store.record does, asking no rule: a test's
    shortcut to a state whose steps are not its subject."""
    from inspector.apply import apply

    entry = make_entry(device=store.device_id, actor=store.actor,
                       prev=store.chain_head(store.device_id), entity=entity,
                       record_id=record_id, op=op, data=data)
    with store.transaction():
        store.append_entry(entry)
        apply(store.conn, entry)
        store.touched(entity)
    return entry


def continue_chain(store: Store, device: str, entity: str, record_id: str, op: str,
                   data: dict) -> dict:
    """An entry on another device's history as `store` holds it, claiming its author."""
    prev, actor = store.conn.execute(
        "SELECT hash, actor FROM changelog WHERE device_id = ? ORDER BY seq DESC LIMIT 1",
        (device,)).fetchone()
    return make_entry(device=device, actor=actor, prev=prev, entity=entity,
                      record_id=record_id, op=op, data=data)


def bundle(signer: Store, path: Path, entries: list[dict], keys=None) -> Path:
    """A bundle of exactly `entries`, every device's head and the manifest signed by
    `signer`'s key (or by `keys`: an identity and its private key)."""
    me, key = keys or identity.signing_key(signer, SECRET)
    chains = defaultdict(list)
    for entry in entries:
        chains[entry["device_id"]].append(entry)
    heads = []
    for device, chain in chains.items():
        statement = {"device_id": device, "hash": chain[-1]["hash"], "count": 1 + len(chain),
                     "identity_id": me.id, "fingerprint": me.fingerprint, "at": ids.now()}
        heads.append({"statement": statement,
                      "signature": container.sign(key, canonical(statement).encode())})
    members = {container.ENTRIES: container.json_lines(entries),
               container.HEADS: container.json_lines(heads)}
    manifest = {
        "format": container.FORMAT, "format_version": container.FORMAT_VERSION,
        "bundle_id": ids.uuid7(), "created_at": ids.now(), "since": None,
        "sender": {"identity_id": me.id, "name": me.name, "role": me.role, "org": me.org,
                   "fingerprint": me.fingerprint, "device_id": signer.device_id},
        "for_subject": None,
        "counts": {"entries": len(entries), "blobs": 0, "withheld": 0,
                   "by_entity": {}}}
    container.write(path, members, json.loads(json.dumps(manifest)), key)
    return path
