"""Hostile and odd bundles: text that breaks lines, malformed zips and JSON, many
members, other encodings of the signature, names that break messages. Each file
is refused with one clear line naming it, or imported; never a traceback, and a
refusal leaves the receiving store as it was (issue #13)."""

import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector import identity, sync
from inspector.cli import main
from inspector.digest import canonical
from inspector.errors import InspectorError
from inspector.store import Store
from inspector.subjects import add_subject
from inspector.sync import BundleError, container

from .helpers import hostile
from .helpers.stores import SECRET, befriend, dump_hash, export, make_store, records
from .helpers.subjects import CODE_B, VALID_CODE


@pytest.fixture
def pair(tmp_path, checklist_dir):
    sender, receiver, good = hostile.genuine(tmp_path)
    yield sender, receiver, good
    sender.close()
    receiver.close()


def refused(store: Store, path: Path, match: str) -> BundleError:
    before = dump_hash(store)
    with pytest.raises(BundleError, match=match) as info:
        sync.import_bundle(store, path)
    assert container.one_line(str(path)) in str(info.value)
    assert hostile.one_line_error(str(info.value))
    assert dump_hash(store) == before
    return info.value


def sender_key(store: Store):
    return identity.signing_key(store, SECRET)[1]


# --- text that breaks lines ----------------------------------------------------------


def test_line_breaks_in_text_travel_and_the_stores_match(pair):
    sender, receiver, good = pair
    report = sync.import_bundle(receiver, good)
    assert report.counts["added"] > 10
    assert records(sender) == records(receiver, receiver)
    (subject,) = receiver.db["subjects"].rows
    assert hostile.LINE_BREAKS in subject["name"]
    notes = {row["note"] for row in receiver.db["answers"].rows}
    assert {c for note in notes for c in note} >= set(hostile.LINE_BREAKS)
    # the lines are escaped: a reader splitting at every line break (as the version
    # before did) sees one record a line too
    text = zipfile.ZipFile(good).read(container.ENTRIES).decode()
    assert not set(text) & set(hostile.LINE_BREAKS)
    count = json.loads(zipfile.ZipFile(good).read(container.MANIFEST))["counts"]["entries"]
    assert len(text.splitlines()) == len(text.split("\n")) - 1 == count


def test_bundles_as_the_version_before_wrote_them_still_import(tmp_path, checklist_dir):
    """Without those characters, the lines are byte for byte what the version before
    wrote (canonical JSON and a newline), and such a file imports."""
    a = make_store(tmp_path / "a.db", "张伟", "inspector")
    b = make_store(tmp_path / "b.db", "陈静", "supervisor")
    befriend(a, b)
    add_subject(a, name="甲", code=VALID_CODE, sector="mini")
    add_subject(a, name="乙", code=CODE_B, sector="mini", address="一路\r\n1号")
    path = export(a, tmp_path / "a.zip")
    with zipfile.ZipFile(path) as archive:
        data = archive.read(container.ENTRIES)
    rows = [json.loads(line) for line in data.decode().splitlines()]
    assert data == "".join(canonical(row) + "\n" for row in rows).encode()
    sync.import_bundle(b, path)
    assert records(a) == records(b, b)


def test_raw_line_breaks_from_a_trusted_writer_are_read_too(pair, tmp_path):
    """A file whose JSON holds U+2028 and the like unescaped (valid JSON) is read
    line by line at "\\n" only."""
    sender, receiver, good = pair
    parts = hostile.members_of(good.read_bytes())
    raw = parts[container.ENTRIES].decode().replace("\\u2028", "\u2028").replace(
        "\\u2029", "\u2029").replace("\\u0085", "\x85")
    assert "\u2028" in raw
    parts[container.ENTRIES] = raw.encode()
    path = tmp_path / "raw.zip"
    path.write_bytes(hostile.resigned(parts, sender_key(sender)))
    sync.import_bundle(receiver, path)
    assert records(sender) == records(receiver, receiver)


# --- malformed files -------------------------------------------------------------------


def changed_header(data: bytes, magic: bytes, offset: int, value: bytes) -> bytes:
    at = data.index(magic) + offset
    return data[:at] + value + data[at + len(value):]


@pytest.mark.parametrize("change, match", [
    # a version zipfile does not read (it raises NotImplementedError)
    (lambda d: changed_header(d, b"PK\x01\x02", 6, b"\x40\x00"), "not a bundle"),
    # the UTF-8 name flag on a name that is not UTF-8 (UnicodeDecodeError)
    (lambda d: changed_header(changed_header(d, b"PK\x01\x02", 8, b"\x00\x08"),
                              b"PK\x01\x02", 46, b"\xff"), "not a bundle"),
    # a directory larger than its count of members needs, before it is read
    (lambda d: changed_header(d, b"PK\x05\x06", 12, b"\x00\x00\x80\x00"), "layout"),
    # a zip64 locator before the end record: export never writes one
    (lambda d: d[:-22] + b"PK\x06\x07" + bytes(16) + d[-22:], "layout"),
    # a comment after the end record
    (lambda d: d + b"comment", "not a bundle"),
])
def test_malformed_zip_headers(pair, tmp_path, change, match):
    _, receiver, good = pair
    path = tmp_path / "bad.zip"
    path.write_bytes(change(good.read_bytes()))
    refused(receiver, path, match)


@pytest.mark.parametrize("text", list(hostile.DEEP.values()), ids=list(hostile.DEEP))
def test_malformed_manifest_json(pair, tmp_path, text):
    """Deep nesting (RecursionError) and a 5,000-digit number (ValueError in int()),
    signed or not by a trusted key."""
    sender, receiver, good = pair
    parts = hostile.members_of(good.read_bytes())
    parts[container.MANIFEST] = text
    path = tmp_path / "bad.zip"
    path.write_bytes(hostile.pack(list(parts.items())))
    refused(receiver, path, "manifest is malformed")
    parts[container.SIGNATURE] = container.sign(sender_key(sender), text).encode()
    path.write_bytes(hostile.pack(list(parts.items())))
    refused(receiver, path, "manifest is malformed")


@pytest.mark.parametrize("line", [hostile.DEEP["deep"], b"[" * 70 + b"]" * 70,
                                  b'{"id": ' + b"9" * 5000 + b"}"])
def test_malformed_entry_signed_by_a_trusted_key(pair, tmp_path, line):
    sender, receiver, good = pair
    parts = hostile.members_of(good.read_bytes())
    parts[container.ENTRIES] = line + b"\n" + parts[container.ENTRIES]
    path = tmp_path / "bad.zip"
    path.write_bytes(hostile.resigned(parts, sender_key(sender)))
    refused(receiver, path, "entries.jsonl line 1 is malformed")


@pytest.mark.parametrize("edit", [
    lambda m: m.pop("bundle_id"), lambda m: m.update(created_at=5),
    lambda m: m["counts"].update(by_entity=[]), lambda m: m.update(sender="张伟"),
    lambda m: m.update(format_version="1"), lambda m: m["counts"].update(entries=None),
])
def test_manifest_missing_what_import_uses(pair, tmp_path, edit):
    sender, receiver, good = pair
    parts = hostile.members_of(good.read_bytes())
    facts = json.loads(parts[container.MANIFEST])
    edit(facts)
    path = tmp_path / "bad.zip"
    path.write_bytes(hostile.resigned(parts, sender_key(sender), facts))
    refused(receiver, path, "manifest is malformed")


def test_too_many_members_refused_by_count(pair, tmp_path, monkeypatch):
    """Many members are refused by their count; names are compared in one pass."""
    _, receiver, _ = pair
    monkeypatch.setattr(container, "MAX_MEMBERS", 50)
    many = hostile.pack([(f"blobs/{n:064x}", b"") for n in range(51)])
    path = tmp_path / "many.zip"
    path.write_bytes(many)
    refused(receiver, path, "holds 51 members, more than a bundle holds")
    twice = hostile.pack([(f"blobs/{n % 20:064x}", b"") for n in range(40)])
    path.write_bytes(twice)
    refused(receiver, path, f'member "blobs/{0:064x}" appears twice')


# --- one form of the signature ---------------------------------------------------------


def test_exported_signatures_have_the_low_s(pair):
    sender, _, good = pair
    n = container.ORDERS["secp256r1"]
    sig = zipfile.ZipFile(good).read(container.SIGNATURE)
    assert decode_dss_signature(bytes.fromhex(sig.decode()))[1] <= n // 2
    _, key = identity.signing_key(sender, SECRET)
    for number in range(40):  # about half of raw ECDSA signatures have the high s
        der = bytes.fromhex(container.sign(key, b"%d" % number))
        assert decode_dss_signature(der)[1] <= n // 2


@pytest.mark.parametrize("form", ["upper", "newline", "space", "padded", "long_form"])
def test_only_the_canonical_signature_is_accepted(pair, tmp_path, form):
    _, receiver, good = pair
    parts = hostile.members_of(good.read_bytes())
    sig = parts[container.SIGNATURE]
    parts[container.SIGNATURE] = {
        "upper": sig.upper(), "newline": sig + b"\n", "space": sig[:10] + b" " + sig[10:],
        "padded": sig + b"00", "long_form": hostile._long_form(bytes.fromhex(
            sig.decode())).hex().encode()}[form]
    path = tmp_path / "form.zip"
    path.write_bytes(hostile.pack(list(parts.items())))
    refused(receiver, path, "manifest signature is invalid")


def test_the_high_s_is_refused_and_named(pair, tmp_path):
    """(r, n - s) verifies as well as (r, s): accepting both would let anyone change
    bytes of a signed file. Versions before wrote the high s half the time; such a
    file is refused with what to do."""
    _, receiver, good = pair
    parts = hostile.members_of(good.read_bytes())
    r, s = decode_dss_signature(bytes.fromhex(parts[container.SIGNATURE].decode()))
    parts[container.SIGNATURE] = encode_dss_signature(
        r, container.ORDERS["secp256r1"] - s).hex().encode()
    path = tmp_path / "high.zip"
    path.write_bytes(hostile.pack(list(parts.items())))
    refused(receiver, path, "high S.*export again")


# --- one line, and the batch goes on -------------------------------------------------


def test_names_with_line_breaks_are_quoted_on_one_line(pair, tmp_path):
    _, receiver, good = pair
    parts = list(hostile.members_of(good.read_bytes()).items())
    path = tmp_path / "name\nwith\u2028breaks.zip"
    path.write_bytes(hostile.pack([*parts, ("evil\nname\r\x1b[2J", b"x")]))
    error = refused(receiver, path, "unexpected member")
    assert r'"evil\nname\r\x1b[2J"' in error.message
    assert r"name\nwith\u2028breaks.zip" in str(error)


def test_a_batch_gives_each_file_its_verdict(pair, tmp_path, capsys):
    _, receiver, good = pair
    deep = hostile.members_of(good.read_bytes())
    deep[container.MANIFEST] = hostile.DEEP["deep"]
    files = {"ok.zip": good.read_bytes(), "deep.zip": hostile.pack(list(deep.items())),
             "version.zip": changed_header(good.read_bytes(), b"PK\x01\x02", 6, b"\x40\x00"),
             "digits.zip": hostile.pack([(container.MANIFEST, hostile.DEEP["digits"])]),
             "new\nline.zip": b"PK\x05\x06" + bytes(18)}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    db = receiver.path
    receiver.close()
    assert main(["--db", str(db), "import", *(str(tmp_path / n) for n in files)]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 and "ok.zip" in out and "added" in out
    verdicts = err.splitlines()
    assert len(verdicts) == 4
    for name, verdict in zip(list(files)[1:], verdicts, strict=True):
        assert hostile.one_line_error(verdict)
        assert container.one_line(name) in verdict


def test_a_defect_on_one_file_does_not_stop_the_batch(pair, tmp_path, monkeypatch):
    """Whatever a file makes go wrong, the others are imported and it gets a verdict."""
    _, receiver, good = pair
    real = sync.transfer.import_bundle

    def flaky(store, path):
        if path.name == "first.zip":
            raise RecursionError("a defect no check foresaw")
        return real(store, path)

    monkeypatch.setattr(sync.transfer, "import_bundle", flaky)
    first = tmp_path / "first.zip"
    first.write_bytes(good.read_bytes())
    results = sync.import_bundles(receiver, [first, good])
    assert isinstance(results[0], InspectorError) and "first.zip" in str(results[0])
    assert "RecursionError" in results[0].message
    assert results[1].counts["added"] > 0


# --- fuzz ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_stores(tmp_path_factory):
    import os

    from .conftest import BUNDLED, DATA

    folder = tmp_path_factory.mktemp("fuzz")
    checklists_dir = folder / "checklists"
    checklists_dir.mkdir()
    for path in [*BUNDLED.glob("*.yaml"), DATA / "mini.yaml"]:
        (checklists_dir / path.name).write_bytes(path.read_bytes())
    before = os.environ.get("INSPECTOR_CHECKLISTS")
    os.environ["INSPECTOR_CHECKLISTS"] = str(checklists_dir)
    try:
        sender, receiver, good = hostile.genuine(folder)
    finally:
        if before is None:
            os.environ.pop("INSPECTOR_CHECKLISTS")
        else:
            os.environ["INSPECTOR_CHECKLISTS"] = before
    key = sender_key(sender)
    sender.close()
    holder = hostile.Receiver(receiver)
    yield holder, good.read_bytes(), key
    holder.store.close()


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(hostile.MUTATIONS)), seed=st.integers(0, 2**32 - 1))
def test_fuzz_mutated_bundles_are_refused_clearly_or_imported(fuzz_stores, kind, seed):
    """A genuine bundle's bytes, members, manifest, signature and lines changed: each
    is refused with one line naming the file and the store is unchanged, or (signed
    again with the trusted key) imported; never another exception."""
    receiver, good, key = fuzz_stores
    data, signed_again = hostile.mutate(kind, good, seed, key)
    before = dump_hash(receiver.store)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.zip"
        path.write_bytes(data)
        try:
            sync.import_bundle(receiver.store, path)
        except BundleError as exc:
            assert str(path) in str(exc) and hostile.one_line_error(str(exc))
            assert hostile.reason(exc.message) != "other", exc.message
            assert dump_hash(receiver.store) == before
            return
    receiver.reset()
    assert signed_again or data == good, f"{kind} {seed}: a change not signed was imported"


# --- work bounded before the signature holds -------------------------------------------


def rotation_lines(sender: Store, fingerprint: str, count: int) -> bytes:
    """Rotation entries naming `fingerprint` as their new key, from the sender's key,
    with signatures that do not hold."""
    me, _ = identity.signing_key(sender, SECRET)
    rows = [{"id": f"r{n}", "at": "2026-01-01T00:00:00.000Z", "actor": None,
             "device_id": "d", "entity": "identity", "record_id": me.id, "op": "update",
             "data": {"fingerprint": fingerprint, "certificate": "x", "rotation": {
                 "statement": {"from": me.fingerprint, "at": "2026"}, "signature": "00"}}}
            for n in range(count)]
    return container.json_lines(rows)


@pytest.mark.parametrize("claimed", ["sender", "unknown"])
def test_statements_read_before_the_signature_are_bounded(pair, tmp_path, monkeypatch,
                                                         claimed):
    """A file claiming a sender trusted directly is refused before any statement is
    read; one claiming another key reads at most MAX_VOUCHING of those naming it."""
    from inspector.sync import verify

    sender, receiver, good = pair
    parts = hostile.members_of(good.read_bytes())
    facts = json.loads(parts[container.MANIFEST])
    fp = facts["sender"]["fingerprint"] if claimed == "sender" else "e" * 64
    facts["sender"]["fingerprint"] = fp
    parts[container.MANIFEST] = json.dumps(facts).encode()
    parts[container.ENTRIES] = rotation_lines(sender, fp, 500) + parts[container.ENTRIES]
    parts[container.SIGNATURE] = b"00"
    path = tmp_path / "many.zip"
    path.write_bytes(hostile.pack(list(parts.items())))
    read = []
    real = verify.load_json
    monkeypatch.setattr(verify, "load_json", lambda line: read.append(line) or real(line))
    refused(receiver, path, "signature is invalid" if claimed == "sender" else "not trusted")
    assert len(read) == (0 if claimed == "sender" else verify.MAX_VOUCHING)


def test_export_refuses_more_members_than_a_bundle_holds(pair, tmp_path, monkeypatch):
    sender, _, _ = pair
    monkeypatch.setattr(container, "MAX_MEMBERS", 5)  # the bundle holds 6: two blobs
    with pytest.raises(InspectorError, match="would hold 6 files, more than a bundle may"):
        export(sender, tmp_path / "big.zip")
    assert not (tmp_path / "big.zip").exists()


# --- what the full-size fuzz found ------------------------------------------------------


def test_a_member_stated_as_other_than_an_object(pair, tmp_path):
    sender, receiver, good = pair
    parts = hostile.members_of(good.read_bytes())
    facts = json.loads(parts[container.MANIFEST])
    facts["files"][container.HEADS] = ["not", "an", "object"]
    parts[container.MANIFEST] = json.dumps(facts).encode()
    parts[container.SIGNATURE] = container.sign(sender_key(sender),
                                                parts[container.MANIFEST]).encode()
    path = tmp_path / "bad.zip"
    path.write_bytes(hostile.pack(list(parts.items())))
    refused(receiver, path, 'member "heads.jsonl" does not match its hash')


@pytest.mark.parametrize("field, value", [("entity", ["subject"]), ("device_id", {"a": 1}),
                                          ("op", None), ("actor", 5)])
def test_an_entry_hashed_with_fields_of_other_types(pair, tmp_path, field, value):
    """A trusted key can sign an entry whose hash holds, whatever its fields are."""
    from inspector.digest import entry_hash

    sender, receiver, good = pair
    parts = hostile.members_of(good.read_bytes())
    lines = parts[container.ENTRIES].split(b"\n")
    entry = json.loads(lines[0])
    entry[field] = value
    entry["hash"] = entry_hash(entry)
    lines[0] = json.dumps(entry).encode()
    parts[container.ENTRIES] = b"\n".join(lines)
    path = tmp_path / "bad.zip"
    path.write_bytes(hostile.resigned(parts, sender_key(sender)))
    refused(receiver, path, "entries.jsonl line 1 is not a valid record")


@pytest.mark.parametrize("edit", [lambda s: s.pop("count"), lambda s: s.update(device_id=[1]),
                                  lambda s: s.update(fingerprint={"a": 1})])
def test_a_head_of_other_shape(pair, tmp_path, edit):
    sender, receiver, good = pair
    parts = hostile.members_of(good.read_bytes())
    head = json.loads(parts[container.HEADS].split(b"\n")[0])
    edit(head["statement"])
    head["signature"] = container.sign(sender_key(sender), canonical(head["statement"]).encode())
    parts[container.HEADS] = container.json_lines([head])
    path = tmp_path / "bad.zip"
    path.write_bytes(hostile.resigned(parts, sender_key(sender)))
    refused(receiver, path, "heads.jsonl line 1 is malformed")


DEEP = container.MAX_DEPTH


@pytest.mark.parametrize("line", [
    '{"a":1}', ' {"a":1}', '{"a":1} ', '{"a":1}\t', '\ufeff{"a":1}', '{"a":1}{"b":2}',
    '{"a":1},{"b":2}', '{"a":1} x', '[{"a":1}]', '1', '"x"', ' ', 'x', '{"a":NaN}',
    '{"a":' + "[" * (DEEP - 1) + "]" * (DEEP - 1) + "}",
    '{"a":' + "[" * DEEP + "]" * DEEP + "}", '{"a":' + "[" * 5000 + "]" * 5000 + "}",
    "[" * 100_000, '{"n":1' + "0" * 5000 + "}", '{"a":"\\u2028 \u2028"}'])
def test_a_line_reads_as_json_loads_reads_it_alone(line):
    """A JSON line is read by the scanner directly when it is exactly one value: the
    same value, or the same refusal, as json.loads one line at a time (load_json)."""
    try:
        alone = container.load_json(line)
    except BundleError:
        alone = None
    expected = alone if isinstance(alone, dict) else None
    try:
        read = container.parse_lines("f.zip", container.ENTRIES, line.encode())
    except BundleError as exc:
        assert expected is None and "line 1" in str(exc)
        return
    assert repr(read) == repr([expected])  # by its text: NaN is not equal to itself
