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
import zipfile
import zlib
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

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

# Every header field is pinned to what export writes, so that no byte of the file
# can change unnoticed: data bytes are covered by CRC-32 and the manifest's SHA-256,
# header bytes by these rules and by the local and central headers agreeing.
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")


class BundleError(InspectorError):
    """A bundle that must not be imported; names the bundle and the member or record."""


def fail(path: str, key: str, **values) -> BundleError:
    return BundleError(t(key, **values), path=path)


# --- writing -----------------------------------------------------------------------


def sign(key: ec.EllipticCurvePrivateKey, data: bytes) -> str:
    return key.sign(data, ec.ECDSA(hashes.SHA256())).hex()


def zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.create_system = 3  # the same bytes whichever system exports
    info.external_attr = 0o644 << 16
    # photos are compressed already; the manifest and its signature are kept as
    # exact bytes, since the signature covers them byte for byte
    stored = name.startswith("blobs/") or name in (MANIFEST, SIGNATURE)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def write(path: Path, members: dict[str, bytes], manifest: dict, key) -> dict:
    """Write the bundle file: the members, then the manifest (completed with each
    member's hashes and size) and the signature over its exact bytes."""
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
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise fail(where, "bundle.not_zip") from None
    with archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise fail(where, "bundle.duplicate", name=duplicates[0])
        for info in infos:
            _check_name(where, info)
        try:
            _check_layout(where, archive.fp, infos)
        except (OSError, struct.error, UnicodeEncodeError):
            raise fail(where, "bundle.layout", name="?") from None
        if MANIFEST not in names or SIGNATURE not in names:
            raise fail(where, "bundle.no_manifest")
        budget = [MAX_TOTAL]
        packed: dict[str, str] = {}
        raw = {i.filename: _read_member(where, archive.fp, i,
                                        MAX_MANIFEST if i.filename in (MANIFEST, SIGNATURE)
                                        else MAX_MEMBER, budget, packed) for i in infos}
    return raw, packed


def parse_manifest(where: str, data: bytes) -> dict:
    """The manifest's JSON, of this format and a version this code reads."""
    try:
        manifest = json.loads(data.decode("utf-8"))
        _signer, version = manifest["sender"]["fingerprint"], manifest["format_version"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
        raise fail(where, "bundle.bad_manifest") from None
    if manifest.get("format") != FORMAT:
        raise fail(where, "bundle.bad_manifest")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise fail(where, "bundle.newer", found=version, known=FORMAT_VERSION)
    return manifest


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
        if hashlib.sha256(data).hexdigest() != facts.get("sha256") or len(data) != facts.get(
                "size") or packed[name] != facts.get("packed_sha256"):
            raise fail(where, "bundle.hash_mismatch", name=name)
        if name.startswith("blobs/") and hashlib.sha256(data).hexdigest() != name[6:]:
            raise fail(where, "bundle.hash_mismatch", name=name)


def parse_lines(where: str, member: str, data: bytes) -> list[dict]:
    """A JSON Lines member as a list of objects."""
    rows = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise fail(where, "bundle.bad_line", name=member, line=1) from None
    for number, line in enumerate(text.splitlines(), 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            raise fail(where, "bundle.bad_line", name=member, line=number) from None
        if not isinstance(row, dict):
            raise fail(where, "bundle.bad_line", name=member, line=number)
        rows.append(row)
    return rows


def _check_layout(path: str, file, infos: list[zipfile.ZipInfo]) -> None:
    """Members back to back from offset 0, headers as export writes them, nothing else."""
    offset = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        file.seek(info.header_offset)
        head = file.read(_LOCAL.size)
        if len(head) < _LOCAL.size or info.header_offset != offset:
            raise fail(path, "bundle.layout", name=info.filename)
        (magic, version, flags, method, mtime, mdate, crc, csize, usize, name_len,
         extra_len) = _LOCAL.unpack(head)
        name = file.read(name_len)
        expected = zip_info(info.filename)
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
            raise fail(path, "bundle.layout", name=info.filename)
        offset += _LOCAL.size + name_len + csize
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
    for info in infos:
        name = info.filename.encode("ascii")
        mdate, mtime = _dos_time(FIXED_TIME)
        expected = _CENTRAL.pack(
            b"PK\x01\x02", 3 << 8 | 20, 20, 0, info.compress_type, mtime, mdate, info.CRC,
            info.compress_size, info.file_size, len(name), 0, 0, 0, 0,
            zip_info(info.filename).external_attr, info.header_offset) + name
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
