"""The bundle file: a zip whose every byte is pinned, written and read here.

A bundle is a zip holding
    manifest.json   format version, bundle id, sender and key fingerprint, creation
                    time, record counts and the SHA-256 and size of every other member
    manifest.sig    the sender's ECDSA signature over the exact manifest bytes
    entries.jsonl   change-log entries (the unit of sync), one per line, in chain order
    heads.jsonl     signed statements "device D's history ends at hash H", one per device
    blobs/<sha256>  attachments (photos, signatures), named by their content hash

Reading refuses every zip hazard before a member is used: unsafe names, symbolic
links, duplicates, unexpected members, headers other than export writes, sizes and
compression ratios beyond bounds (measured while inflating, as headers can lie),
and members that differ from what the manifest lists. Who signed the manifest, and
whether they may, is inspector.sync.verify's job.
"""

import hashlib
import io
import json
import re
import struct
import unicodedata
import zipfile
import zlib
from collections import Counter
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from ..digest import canonical
from ..errors import InspectorError
from ..files import write_atomically
from ..i18n import t

FORMAT = "inspector-bundle"
FORMAT_VERSION = 1
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
ENTRIES, HEADS = "entries.jsonl", "heads.jsonl"
BLOB_NAME = re.compile(r"^blobs/[0-9a-f]{64}$")
MAX_MEMBER = 256 * 2**20  # entries of a whole campaign fit; a photo is at most 20 MiB
MAX_TOTAL = 2 * 2**30
MAX_RATIO = 200  # beyond this a member is a zip bomb, not JSON or JPEG
MAX_MANIFEST = 4 * 2**20
# manifest, signature, entries, heads and one member per attachment. MAX_TOTAL holds
# some 7,000 photos as stored (2048 px JPEG, ~300 KB) or 10,000 attachments of 200 KB
# (a signature PNG is ~10 KB; an inspection has about as many photos as signatures):
# twice that. Reading a zip's directory takes time linear in its members; this many
# take a fraction of a second, so a hostile file is refused quickly.
MAX_MEMBERS = 20_000
MAX_DEPTH = 64  # JSON nesting: entries are a few levels deep; deeper is hostile
# characters str.splitlines() breaks lines at that JSON leaves unescaped: escaped in
# JSON Lines, so that readers splitting either way see one line per record
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})
# the order of each curve's group: of the signatures (r, s) and (r, n - s), both
# valid, only the one with the low s is accepted, so that a signature has one
# encoding (ECDSA is malleable otherwise)
ORDERS = {
    "secp256r1": 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    "secp384r1": int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF"
                     "581A0DB248B0A77AECEC196ACCC52973", 16),
    "secp521r1": int("01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
                     "FFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AE"
                     "BB6FB71E91386409", 16),
}
_SIGNATURE_HEX = re.compile(rb"(?:[0-9a-f]{2})+")

# Every header field is pinned to what export writes, so that no byte of the file
# can change unnoticed: data bytes are covered by CRC-32 and the manifest's SHA-256,
# header bytes by these rules and by the local and central headers agreeing.
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_LOCATOR64 = struct.Struct("<4sLQL")  # zip64's, just before the end record
LONGEST_NAME = len("blobs/") + 64
_ATTRIBUTES = 0o644 << 16  # a regular file, rw-r--r--


class BundleError(InspectorError):
    """A bundle that must not be imported; names the bundle and the member or record,
    on one line whatever the names it quotes hold."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(one_line(message), path=path, line=line)

    def __str__(self) -> str:
        return one_line(super().__str__())


def fail(path: str, key: str, **values) -> BundleError:
    return BundleError(t(key, **values), path=path)


def one_line(text: str) -> str:
    """`text` with line breaks, control and format characters (and undecodable bytes
    of a file name) written as escapes: a message stays one line and shows them."""
    return "".join(ascii(c)[1:-1] if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")
                   else c for c in text)


# --- writing -----------------------------------------------------------------------


def sign(key: ec.EllipticCurvePrivateKey, data: bytes) -> str:
    """The signature as lower-case hex of DER, with the low s (see ORDERS)."""
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
    order = ORDERS.get(key.curve.name)
    return encode_dss_signature(r, min(s, order - s) if order else s).hex()


def json_lines(rows: list[dict]) -> bytes:
    """JSON Lines: each row's canonical JSON, "\\n" after each, line breaks in text escaped."""
    return "".join(canonical(row).translate(_LINE_BREAKS) + "\n" for row in rows).encode()


def zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.create_system = 3  # the same bytes whichever system exports
    info.external_attr = _ATTRIBUTES
    info.compress_type = _method(name)
    return info


def _method(name: str) -> int:
    """Photos are compressed already; the manifest and its signature are kept as
    exact bytes, since the signature covers them byte for byte."""
    stored = name.startswith("blobs/") or name in (MANIFEST, SIGNATURE)
    return zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED


def write(path: Path, members: dict[str, bytes], manifest: dict, key) -> dict:
    """Write the bundle file: the members, then the manifest (completed with each
    member's hashes and size) and the signature over its exact bytes."""
    if len(members) + 2 > MAX_MEMBERS:  # no reader would take it
        raise fail(str(path), "bundle.export_too_many", n=len(members) + 2, most=MAX_MEMBERS)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in sorted(members.items()):
            archive.writestr(zip_info(name), data)
    packed = packed_hashes(out.getvalue())
    # the hash of each member as stored too: a deflate stream can change in bits
    # that do not change what it inflates to, and no changed byte may go unseen
    manifest = {**manifest, "files": {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
               "packed_sha256": packed[name]}
        for name, data in sorted(members.items())}}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(zip_info(MANIFEST), manifest_bytes)
        archive.writestr(zip_info(SIGNATURE), sign(key, manifest_bytes))
    write_atomically(path, out.getvalue())
    return manifest


def packed_hashes(zipped: bytes) -> dict[str, str]:
    """SHA-256 of each member's bytes as stored in the zip (compressed or not)."""
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        found = {}
        for info in archive.infolist():
            start = info.header_offset + _LOCAL.size + len(info.filename)
            found[info.filename] = hashlib.sha256(
                zipped[start:start + info.compress_size]).hexdigest()
    return found


# --- reading -----------------------------------------------------------------------


def open_members(path: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    """Every member's bytes, and the SHA-256 of each as stored, once the file has
    passed every zip check; nothing in it is trusted yet."""
    where = str(path)
    if not path.is_file():
        raise fail(where, "file.missing")
    if path.stat().st_size > MAX_TOTAL:
        raise fail(where, "bundle.too_big", name=path.name)
    with path.open("rb") as file:
        _check_end(where, file)
        archive = _open_zip(where, file)
        with archive:
            infos = archive.infolist()
            _check_names(where, infos)
            try:
                _check_layout(where, file, infos)
            except (OSError, struct.error, UnicodeEncodeError):
                raise fail(where, "bundle.layout", name="?") from None
            names = {i.filename for i in infos}
            if MANIFEST not in names or SIGNATURE not in names:
                raise fail(where, "bundle.no_manifest")
            budget = [MAX_TOTAL]
            packed: dict[str, str] = {}
            raw = {i.filename: _read_member(where, file, i, MAX_MANIFEST if i.filename in (
                MANIFEST, SIGNATURE) else MAX_MEMBER, budget, packed) for i in infos}
    return raw, packed


def _check_end(where: str, file) -> None:
    """The end record as export writes it, checked before zipfile reads the directory
    it points to (reading is linear in what the record claims): last in the file (no
    comment), no 64-bit extension, at most MAX_MEMBERS members, and a directory no
    longer than that many members' entries."""
    size = file.seek(0, 2)
    if size < _END.size:
        raise fail(where, "bundle.not_zip")
    file.seek(-_END.size, 2)
    magic, _disk, _cd_disk, here, total, cd_size, _offset, _comment = _END.unpack(
        file.read(_END.size))
    if magic != b"PK\x05\x06":
        raise fail(where, "bundle.not_zip")
    if max(here, total) > MAX_MEMBERS:
        raise fail(where, "bundle.too_many", n=max(here, total), most=MAX_MEMBERS)
    if size >= _END.size + _LOCATOR64.size:
        file.seek(-_END.size - _LOCATOR64.size, 2)
        if file.read(4) == b"PK\x06\x07":
            raise fail(where, "bundle.layout", name="(end)")
    if cd_size > total * (_CENTRAL.size + LONGEST_NAME):
        raise fail(where, "bundle.layout", name="(end)")


def _open_zip(where: str, file) -> zipfile.ZipFile:
    """The zip's directory, or a refusal: zipfile raises many kinds of error on
    hostile headers (versions it does not read, names that do not decode...)."""
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError,
            struct.error):  # UnicodeDecodeError is a ValueError
        raise fail(where, "bundle.not_zip") from None
    if len(archive.infolist()) > MAX_MEMBERS:  # a zip64 directory can claim more
        archive.close()
        raise fail(where, "bundle.too_many", n=len(archive.infolist()), most=MAX_MEMBERS)
    return archive


def _check_names(where: str, infos: list[zipfile.ZipInfo]) -> None:
    """No name twice (counted in one pass: a hostile file has many), each one safe."""
    twice = [name for name, count in Counter(i.filename for i in infos).items() if count > 1]
    if twice:
        raise fail(where, "bundle.duplicate", name=min(twice))
    for info in infos:
        _check_name(where, info)


def parse_manifest(where: str, data: bytes) -> dict:
    """The manifest's JSON, of this format and a version this code reads, holding
    the facts import and preview use, each of its type."""
    try:
        manifest = load_json(data)
    except BundleError:
        raise fail(where, "bundle.bad_manifest") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise fail(where, "bundle.bad_manifest")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise fail(where, "bundle.bad_manifest")
    if version > FORMAT_VERSION:
        raise fail(where, "bundle.newer", found=version, known=FORMAT_VERSION)
    sender, counts = manifest.get("sender"), manifest.get("counts")
    well_formed = (
        isinstance(sender, dict) and isinstance(sender.get("fingerprint"), str)
        and isinstance(sender.get("name", ""), str)
        and all(isinstance(manifest.get(k), str) for k in ("bundle_id", "created_at"))
        and isinstance(manifest.get("files"), dict)
        and isinstance(counts, dict) and isinstance(counts.get("by_entity"), dict)
        and all(type(counts.get(k)) is int for k in ("entries", "blobs")))
    if not well_formed:
        raise fail(where, "bundle.bad_manifest")
    return manifest


def _strict_der(data: bytes) -> tuple[bytes, int] | None:
    """(DER, s) if `data` is lower-case hex, nothing around it, of a strict DER signature."""
    if not _SIGNATURE_HEX.fullmatch(data):
        return None
    der = bytes.fromhex(data.decode("ascii"))
    try:
        r, s = decode_dss_signature(der)
    except ValueError:
        return None
    return (der, s) if encode_dss_signature(r, s) == der else None


def signature_bytes(data: bytes, curve: str) -> bytes | None:
    """The DER signature `data` holds if it is in the one form `sign` writes: lower-case
    hex, nothing around it, strict DER, low s; None for any other form."""
    found, order = _strict_der(data), ORDERS.get(curve)
    if found is None or (order is not None and found[1] > order // 2):
        return None
    return found[0]


def high_s(data: bytes, curve: str) -> bytes | None:
    """The DER signature `data` holds if its only fault is the high s older versions
    wrote half the time (see `sign`), to tell that apart from an altered one."""
    found, order = _strict_der(data), ORDERS.get(curve)
    return found[0] if found and order is not None and found[1] > order // 2 else None


def check_files(where: str, manifest: dict, raw: dict[str, bytes],
                packed: dict[str, str]) -> None:
    """The members are exactly those the (signed) manifest lists, byte for byte."""
    listed = manifest.get("files")
    if not isinstance(listed, dict):
        raise fail(where, "bundle.bad_manifest")
    for name in raw:
        if name not in (MANIFEST, SIGNATURE) and name not in listed:
            raise fail(where, "bundle.unlisted", name=name)
    for name, facts in listed.items():
        if name not in raw:
            raise fail(where, "bundle.missing_member", name=name)
        data = raw[name]
        stated = facts if isinstance(facts, dict) else {}
        if (hashlib.sha256(data).hexdigest(), len(data), packed[name]) != (
                stated.get("sha256"), stated.get("size"), stated.get("packed_sha256")):
            raise fail(where, "bundle.hash_mismatch", name=name)
        if name.startswith("blobs/") and hashlib.sha256(data).hexdigest() != name[6:]:
            raise fail(where, "bundle.hash_mismatch", name=name)


def parse_lines(where: str, member: str, data: bytes) -> list[dict]:
    """A JSON Lines member as a list of objects. Lines end at "\\n" only: JSON text
    may hold U+2028 and the like, which str.splitlines() also breaks at."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise fail(where, "bundle.bad_line", name=member, line=1) from None
    rows = []
    for number, line in enumerate(split_lines(text), 1):
        try:
            row = _load_line(line)
        except BundleError:
            raise fail(where, "bundle.bad_line", name=member, line=number) from None
        if not isinstance(row, dict):
            raise fail(where, "bundle.bad_line", name=member, line=number)
        rows.append(row)
    return rows


def split_lines(text):
    """The lines of JSON Lines text (str or bytes), without the newline after the last."""
    lines = text.split("\n" if isinstance(text, str) else b"\n")
    return lines[:-1] if lines[-1] in ("", b"") else lines


_SCAN = json.JSONDecoder().scan_once  # what json.loads calls, less its checks around


def _load_line(line: str):
    """load_json for a line that is exactly one JSON value, as export writes them, read
    by the decoder's scanner directly (a large import spent a tenth of its checks in
    json.loads' own steps); any other line goes the long way, to the same value or the
    same refusal."""
    try:
        value, end = _SCAN(line, 0)
    except (StopIteration, ValueError, RecursionError):
        return load_json(line)
    if end != len(line):  # space or more after the value
        return load_json(line)
    if line.count("[") + line.count("{") > MAX_DEPTH and _too_deep(value):
        raise BundleError("")
    return value


def load_json(text: str | bytes):
    """JSON nested at most MAX_DEPTH deep, or BundleError (no message: the caller
    names the place). Deeper JSON raises RecursionError while parsing, or parses and
    leaves a value whose later uses would; huge numbers raise ValueError in int()."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError too
        raise BundleError("") from None
    many = text.count("[" if isinstance(text, str) else b"[") + text.count(
        "{" if isinstance(text, str) else b"{")
    if many > MAX_DEPTH and _too_deep(value):  # fewer brackets cannot nest deeper
        raise BundleError("")
    return value


def _too_deep(value) -> bool:
    """Whether lists and objects nest more than MAX_DEPTH deep, a level at a time."""
    level = [value]
    for _ in range(MAX_DEPTH):
        level = [child for node in level
                 for child in (node.values() if isinstance(node, dict) else node)
                 if isinstance(child, dict | list)]
        if not level:
            return False
    return True


def _check_layout(path: str, file, infos: list[zipfile.ZipInfo]) -> None:
    """Members back to back from offset 0, each local header as export writes it,
    nothing else (the directory's own headers are pinned by _check_directory)."""
    mdate, mtime = _dos_time(FIXED_TIME)
    offset = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        name = info.filename.encode("ascii")
        method = _method(info.filename)
        expected = _LOCAL.pack(b"PK\x03\x04", 20, 0, method, mtime, mdate, info.CRC,
                               info.compress_size, info.file_size, len(name), 0) + name
        file.seek(info.header_offset)
        if info.header_offset != offset or info.compress_type != method \
                or file.read(len(expected)) != expected:
            raise fail(path, "bundle.layout", name=info.filename)
        offset += len(expected) + info.compress_size
    _check_directory(path, file, infos, offset)


def _check_directory(path: str, file, infos, start: int) -> None:
    size = sum(_CENTRAL.size + len(i.filename.encode("ascii")) for i in infos)
    file.seek(start + size)
    end = file.read(_END.size + 1)
    if len(end) != _END.size:  # missing, or bytes after the end record
        raise fail(path, "bundle.layout", name="(end)")
    magic, disk, cd_disk, here, total, cd_size, cd_offset, comment = _END.unpack(end)
    if (magic, disk, cd_disk, here, total, cd_size, cd_offset, comment) != (
            b"PK\x05\x06", 0, 0, len(infos), len(infos), size, start, 0):
        raise fail(path, "bundle.layout", name="(end)")
    file.seek(start)
    mdate, mtime = _dos_time(FIXED_TIME)
    for info in infos:
        name = info.filename.encode("ascii")
        expected = _CENTRAL.pack(
            b"PK\x01\x02", 3 << 8 | 20, 20, 0, info.compress_type, mtime, mdate, info.CRC,
            info.compress_size, info.file_size, len(name), 0, 0, 0, 0, _ATTRIBUTES,
            info.header_offset) + name
        if file.read(len(expected)) != expected:
            raise fail(path, "bundle.layout", name=info.filename)


def _dos_time(moment: tuple) -> tuple[int, int]:
    year, month, day, hour, minute, second = moment
    return ((year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2)


def _check_name(path: str, info: zipfile.ZipInfo) -> None:
    name = info.filename
    unsafe = (not name or name.startswith(("/", "\\")) or "\\" in name
              or re.match(r"^[A-Za-z]:", name) or ".." in name.split("/"))
    if unsafe:
        raise fail(path, "bundle.unsafe_name", name=name)
    if (info.external_attr >> 16) & 0o170000 == 0o120000:
        raise fail(path, "bundle.symlink", name=name)
    if info.is_dir() or not (name in (MANIFEST, SIGNATURE, ENTRIES, HEADS)
                             or BLOB_NAME.match(name)):
        raise fail(path, "bundle.unexpected", name=name)


def _read_member(path: str, file, info: zipfile.ZipInfo, limit: int, budget: list[int],
                 packed: dict[str, str]) -> bytes:
    """Read and inflate one member ourselves, bounding the real output as it comes
    (headers can lie), and insist the deflate stream ends exactly where it should."""
    file.seek(info.header_offset + _LOCAL.size + len(info.filename))
    raw = file.read(info.compress_size)
    if len(raw) != info.compress_size:
        raise fail(path, "bundle.damaged", name=info.filename, err=t("bundle.truncated"))
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
                raise fail(path, "bundle.too_big", name=info.filename)
            if size > 2**20 and size > max(info.compress_size, 1) * MAX_RATIO:
                raise fail(path, "bundle.ratio", name=info.filename)
            chunks.append(chunk)
    except zlib.error as exc:
        raise fail(path, "bundle.damaged", name=info.filename, err=exc) from None
    data = b"".join(chunks)
    complete = inflate is None or (inflate.eof and not inflate.unused_data)
    if not complete or zlib.crc32(data) != info.CRC or len(data) != info.file_size:
        raise fail(path, "bundle.damaged", name=info.filename, err=t("bundle.crc"))
    return data
