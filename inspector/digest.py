"""Canonical JSON and the SHA-256 digests made from it.

One text per value (keys sorted, no spaces, non-ASCII kept) so that the same
record hashes the same on every machine: change-log entries and their data,
pinned checklists, report contents in the QR statement, bundle statements.
A leaf module: it imports nothing of the project.
"""

import hashlib
import json

# one encoder for all canonical texts: json.dumps would build a new one per call
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
_string = json.encoder.encode_basestring  # a JSON string literal, non-ASCII kept


def canonical(data) -> str:
    return _CANONICAL.encode(data)


def digest(data) -> str:
    """SHA-256 (hex) of the canonical JSON of `data`."""
    return hashlib.sha256(canonical(data).encode("utf-8")).hexdigest()


HASHED = ("actor", "at", "data_hash", "device_id", "entity", "id", "op", "prev_hash",
          "record_id")  # sorted, as canonical() orders them
# the canonical text of those fields, each value's JSON put in at its %s
_HASHED_TEXT = "{" + ",".join(f'"{k}":%s' for k in HASHED) + "}"


def entry_hash(entry: dict) -> str:
    """The chained hash of a change-log entry. It covers the data through its digest,
    so an entry can travel without its data (withheld from a recipient) and still
    link and verify.

    The fields are strings or null, so their canonical text is put together here
    (a third faster than the encoder; imports hash every entry they read)."""
    values = [entry[k] for k in HASHED]
    try:  # encode_basestring takes only a str: anything else is a malformed entry
        text = _HASHED_TEXT % tuple(["null" if v is None else _string(v) for v in values])
    except TypeError:  # hash it the long way, so the check fails as it should
        text = canonical(dict(zip(HASHED, values, strict=True)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
