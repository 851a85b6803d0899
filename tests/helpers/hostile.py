"""Hostile bundles: a genuine bundle, changed as an attacker or a damaged disk would.

Each mutation takes the genuine file's bytes and a random source and returns the
changed bytes and whether the manifest was signed again with the sender's key (a
forger holding a trusted key: then an import may succeed, as the key's owner may
say anything; otherwise the change must be refused). Shared by the bounded fuzz
test (tests/test_bundle_hostile.py) and the full-size run
(tests/reliability/fuzz_bundles.py).
"""

import hashlib
import io
import json
import random
import re
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from inspector import checklists, inspections
from inspector.evidence import add_evidence, add_signature
from inspector.messages import MESSAGES
from inspector.store import Store
from inspector.subjects import add_subject
from inspector.sync import container

from .stores import befriend, export, make_store
from .subjects import VALID_CODE

LINE_BREAKS = "\u2028\u2029\x85"  # what str.splitlines() breaks at and JSON leaves raw


def genuine(folder: Path) -> tuple[Store, Store, Path]:
    """An inspector's store with a little of everything (text holding line breaks of
    every kind included), a supervisor's store that trusts it, and the inspector's
    bundle. Needs the "mini" checklist (tests/data/mini.yaml)."""
    sender = make_store(folder / "sender.db", "张伟", "inspector")
    receiver = make_store(folder / "receiver.db", "陈静", "supervisor")
    befriend(sender, receiver)
    add_subject(sender, name=f"吉祥{LINE_BREAKS}烟花店", code=VALID_CODE, sector="mini",
                legal_rep="沈福根")
    started = inspections.start(sender, subject=VALID_CODE, checklist=checklists.find("mini"),
                                inspectors=["张伟", "李娜"])
    answers = [("m-01", "no"), ("m-03", "shop"), ("m-05", 6), ("m-06", ["sand"])]
    for number, (item, value) in enumerate(answers):
        inspections.record_answer(sender, started, item, value,
                                  note=f"现场{LINE_BREAKS[number % 3]}发现")
    add_evidence(sender, started, "m-07", b"\xff\xd8\xff photo bytes", mime="image/jpeg")
    add_signature(sender, started, role="representative", signer_name="沈福根",
                  image_png=b"\x89PNG\r\n\x1a\n" + b"sig" * 10)
    inspections.complete(sender, started)
    return sender, receiver, export(sender, folder / "genuine.zip")


class Receiver:
    """A receiving store for many examples, put back as it was after an import that
    succeeds (from a copy of its file: making a store each time would take the
    test's whole budget)."""

    def __init__(self, store: Store):
        self.path = store.path
        store.close()
        self.pristine = Path(self.path).read_bytes()
        self.store = Store(self.path)

    def reset(self) -> None:
        self.store.close()
        Path(self.path).write_bytes(self.pristine)
        self.store = Store(self.path)


# --- refusals, by reason -------------------------------------------------------------


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{\w+\}", template)
    return re.compile("^" + "(.*)".join(re.escape(p) for p in parts) + "$", re.DOTALL)


_REASONS = [(key, _pattern(english)) for key, (_zh, english) in MESSAGES.items()
            if key.startswith(("bundle.", "file."))]


def reason(message: str) -> str:
    """The message key a refusal's text was made from (English), or "other"."""
    found = [key for key, pattern in _REASONS if pattern.match(message)]
    return min(found, key=len) if found else "other"


# --- the mutations ---------------------------------------------------------------------


def members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def pack(members: list[tuple[str, bytes]]) -> bytes:
    """Members in this order, each with the headers export writes."""
    import warnings

    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names, made on purpose
        with zipfile.ZipFile(out, "w") as archive:
            for name, content in members:
                archive.writestr(container.zip_info(name), content)
    return out.getvalue()


def resigned(members: dict[str, bytes], key, manifest: dict | None = None) -> bytes:
    """The members with a manifest listing them as they are, signed by `key`."""
    body = {n: d for n, d in members.items() if n not in (container.MANIFEST,
                                                          container.SIGNATURE)}
    manifest = dict(manifest or json.loads(members[container.MANIFEST]))
    packed = container.packed_hashes(pack(sorted(body.items())))
    manifest["files"] = {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d),
                             "packed_sha256": packed[n]} for n, d in sorted(body.items())}
    text = json.dumps(manifest, ensure_ascii=False).encode()
    return pack([*sorted(body.items()), (container.MANIFEST, text),
                 (container.SIGNATURE, container.sign(key, text).encode())])


def flip_bits(data: bytes, rng: random.Random, key) -> tuple[bytes, bool]:
    changed = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        changed[rng.randrange(len(changed))] ^= 1 << rng.randrange(8)
    return bytes(changed), False


def set_bytes(data: bytes, rng: random.Random, key) -> tuple[bytes, bool]:
    """A few bytes set to values that matter in headers (0, 0xff, versions, flags)."""
    changed = bytearray(data)
    at = rng.randrange(len(changed))
    for offset in range(rng.randint(1, 4)):
        if at + offset < len(changed):
            old = changed[at + offset]
            changed[at + offset] = rng.choice([v for v in (0, 0x08, 0x14, 0x2d, 0x3f, 0x80,
                                                           0xff) if v != old])
    return bytes(changed), False


def splice(data: bytes, rng: random.Random, key) -> tuple[bytes, bool]:
    """Bytes taken out, repeated or added somewhere, or the file cut short."""
    at = rng.randrange(len(data))
    size = rng.choice([1, 2, 4, 30, 46, 500])
    choice = rng.randrange(4)
    if choice == 0:
        return data[:at] + data[at + size:], False
    if choice == 1:
        return data[:at] + data[at:at + size] + data[at:], False
    if choice == 2:
        return data[:at] + rng.randbytes(size) + data[at:], False
    return data[:at], False


ZIP_FIELDS = {  # offset of each header field a hostile file may set, and its width
    b"PK\x03\x04": [(4, 2), (6, 2), (8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2)],
    b"PK\x01\x02": [(4, 2), (6, 2), (8, 2), (10, 2), (20, 4), (24, 4), (28, 2), (30, 2),
                    (32, 2), (38, 4), (42, 4)],
    b"PK\x05\x06": [(8, 2), (10, 2), (12, 4), (16, 4), (20, 2)],
}


def header_field(data: bytes, rng: random.Random, key) -> tuple[bytes, bool]:
    """One field of a local, central or end header set to an extreme or odd value:
    versions zipfile does not read, the UTF-8 name flag, huge sizes and counts."""
    magic = rng.choice(list(ZIP_FIELDS))
    starts = [m.start() for m in re.finditer(re.escape(magic), data)]
    at = rng.choice(starts)
    offset, width = rng.choice(ZIP_FIELDS[magic])
    limit = 2 ** (8 * width) - 1
    value = rng.choice([0, 1, 0x0800, 0x3f, 63 << 8 | 63, 40_000, limit, limit // 2,
                        rng.randrange(limit + 1)])
    field = (value & limit).to_bytes(width, "little")
    if data[at + offset:at + offset + width] == field:
        field = ((value + 1) & limit).to_bytes(width, "little")
    return data[:at + offset] + field + data[at + offset + width:], False


HOSTILE_NAMES = ["../x", "/etc/passwd", "C:/x", "blobs\\..\\x", "notes.txt", "blobs/",
                 "manifest.json\n", "entries.jsonl\u2028", "blobs/" + "0" * 64,
                 "blobs/" + "A" * 64, "名字.txt", "heads.jsonl\x00", "\x1b[31mred"]


def members(data: bytes, rng: random.Random, key) -> tuple[bytes, bool]:
    """Members dropped, repeated, renamed, emptied, replaced or added (headers as
    export writes them, so the zip layout itself passes)."""
    items = list(members_of(data).items())
    at = rng.randrange(len(items))
    choice = rng.randrange(6)
    if choice == 0:
        del items[at]
    elif choice == 1:
        items.insert(rng.randrange(len(items) + 1), items[at])
    elif choice == 2:
        items[at] = (rng.choice(HOSTILE_NAMES), items[at][1])
    elif choice == 3:
        items[at] = (items[at][0], b"")
    elif choice == 4:
        items[at] = (items[at][0], rng.randbytes(rng.randint(1, 300)))
    else:
        items.append((rng.choice(HOSTILE_NAMES), rng.randbytes(10)))
    return pack(items), False


def hostile_json(rng: random.Random):
    """A JSON value of the kinds that break careless readers."""
    return rng.choice([
        None, True, 0, -1, 1.5e308, "", "x" * 10_000, "行\u2028\u2029\x85\n\r\x00",
        [], {}, ["a"], {"a": None}, [[[[[[[[[[]]]]]]]]]], 2**70,
    ])


DEEP = {  # texts a JSON reader may choke on (depth, size of numbers)
    "deep": b"[" * 100_000 + b"]" * 100_000,
    "deep_ok_parse": b"[" * 500 + b"]" * 500,
    "digits": b"1" * 5_000,
    "nan": b"NaN",
}


def manifest(data: bytes, rng: random.Random, key) -> tuple[bytes, bool]:
    """The manifest changed in one value (or its text replaced), kept with the old
    signature or signed again with the sender's key."""
    parts = members_of(data)
    try:
        facts = json.loads(parts[container.MANIFEST])
    except ValueError:
        facts = {}
    text = None
    choice = rng.randrange(4)
    if choice == 0:
        text = rng.choice(list(DEEP.values()))
    elif choice == 1 and facts:
        facts.pop(rng.choice(sorted(facts)))
    else:
        target = facts
        for _ in range(rng.randint(1, 3)):
            keys = sorted(k for k in target if isinstance(target, dict)) if isinstance(
                target, dict) else []
            if not keys:
                break
            name = rng.choice(keys)
            if isinstance(target[name], dict) and rng.random() < 0.5:
                target = target[name]
                continue
            target[name] = hostile_json(rng)
            break
    if text is None:
        text = json.dumps(facts, ensure_ascii=rng.random() < 0.5).encode()
    sign_again = rng.random() < 0.5
    if sign_again:
        parts[container.SIGNATURE] = container.sign(key, text).encode()
    parts[container.MANIFEST] = text
    return pack(list(parts.items())), sign_again


def signature(data: bytes, rng: random.Random, key) -> tuple[bytes, bool]:
    """The manifest's signature written in another form of the same value."""
    parts = members_of(data)
    sig = parts[container.SIGNATURE]
    der = bytes.fromhex(sig.decode())
    r, s = decode_dss_signature(der)
    n = container.ORDERS["secp256r1"]
    forms = [sig.upper(), sig + b"\n", sig + b" ", b" " + sig, sig[:8] + b" " + sig[8:],
             sig + b"00", encode_dss_signature(r, n - s).hex().encode(),
             _long_form(der).hex().encode(), b"0x" + sig, sig[:-1] + sig[-1:].upper()]
    parts[container.SIGNATURE] = rng.choice([f for f in forms if f != sig])
    return pack(list(parts.items())), False


def _long_form(der: bytes) -> bytes:
    """The same DER with its outer length in long form (valid BER, not DER)."""
    body = der[2:]
    return b"\x30\x81" + bytes([len(body)]) + body


def entries(data: bytes, rng: random.Random, key) -> tuple[bytes, bool]:
    """entries.jsonl or heads.jsonl changed in one line, and everything signed again
    by the sender's key: the checks past the manifest must catch it."""
    parts = members_of(data)
    member = rng.choice([container.ENTRIES, container.HEADS])
    lines = parts[member].split(b"\n")
    at = rng.randrange(len(lines))
    choice = rng.randrange(7)
    if choice == 0:
        del lines[at]
    elif choice == 1:
        lines.insert(at, lines[rng.randrange(len(lines))])
    elif choice == 2:
        lines[at] = rng.choice(list(DEEP.values()))
    elif choice == 3:
        lines[at] = lines[at].replace(b"\\u2028", "\u2028".encode()) + "\u2028".encode()
    elif choice == 4 and lines[at]:
        changed = bytearray(lines[at])
        changed[rng.randrange(len(changed))] = rng.choice(b'{}[]",:0aZ\\\x00\x85')
        lines[at] = bytes(changed)
    elif choice == 5:
        try:
            row = json.loads(lines[at])
        except ValueError:
            row = {}
        if isinstance(row, dict) and row:
            row[rng.choice(sorted(row))] = hostile_json(rng)
        lines[at] = json.dumps(row, ensure_ascii=False).encode()
    else:
        rng.shuffle(lines)
    parts[member] = b"\n".join(lines)
    return resigned(parts, key), True


MUTATIONS = {f.__name__: f for f in (flip_bits, set_bytes, splice, header_field, members,
                                     manifest, signature, entries)}


def mutate(kind: str, data: bytes, seed: int, key) -> tuple[bytes, bool]:
    return MUTATIONS[kind](data, random.Random(seed), key)


def one_line_error(message: str) -> bool:
    return "\n" not in message and "\r" not in message and bool(message.strip()) and \
        not any(c in message for c in LINE_BREAKS)
