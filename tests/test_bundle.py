"""Signed bundles: records travel between stores, and nothing wrong gets in.

Every rejection leaves the receiving database exactly as it was (compared by a
hash of its full SQL dump)."""

import hashlib
import io
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from inspector import checklists, identity, ids, inspections, sync
from inspector.errors import Cancelled, InspectorError
from inspector.store import Store
from inspector.subjects import add_subject, get_subject, list_subjects, update_subject
from inspector.sync import BundleError, container

from .conftest import VALID_CODE
from .helpers.stores import (
    CODE_B,
    SECRET,
    befriend,
    dump_hash,
    export,
    make_store,
    records,
)


@pytest.fixture
def pair(tmp_path, checklist_dir):
    a = make_store(tmp_path / "inspector.db", "张伟", "inspector")
    b = make_store(tmp_path / "supervisor.db", "陈静", "supervisor")
    befriend(a, b)
    yield a, b
    a.close()
    b.close()


def fill(store: Store, code: str = VALID_CODE) -> str:
    """A subject, a completed inspection with two findings, evidence and a signature."""
    mini = checklists.find("mini")
    add_subject(store, name="德清县吉祥烟花爆竹零售店", code=code, sector="mini",
                legal_rep="沈福根")
    started = inspections.start(store, subject=code, checklist=mini, inspectors=["张伟", "李娜"])
    for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", 6), ("m-06", ["sand"])]:
        inspections.record_answer(store, started, item, value, note="现场发现")
    from inspector.evidence import add_evidence, add_signature

    add_evidence(store, started, "m-07", b"\xff\xd8\xff photo bytes", mime="image/jpeg")
    add_signature(store, started, role="representative", signer_name="沈福根",
                  image_png=b"\x89PNG\r\n\x1a\n" + b"sig" * 10)
    inspections.complete(store, started)
    return started


# --- round trips ----------------------------------------------------------------


def test_round_trip_gives_equal_records(pair, tmp_path):
    a, b = pair
    fill(a)
    report = sync.import_bundle(b, export(a, tmp_path / "a.zip"))
    assert report.counts["added"] > 10 and report.counts["conflict"] == 0
    assert records(a) == records(b, b)
    assert b.verify_log() == []
    # exporting the same records again gives the same record content
    first = zipfile.ZipFile(export(a, tmp_path / "a1.zip")).read("entries.jsonl")
    again = zipfile.ZipFile(export(a, tmp_path / "a2.zip")).read("entries.jsonl")
    assert first == again


def test_second_import_changes_nothing_and_says_so(pair, tmp_path):
    a, b = pair
    fill(a)
    path = export(a, tmp_path / "a.zip")
    sync.import_bundle(b, path)
    before = dump_hash(b)
    report = sync.import_bundle(b, path)
    assert report.already_imported and dump_hash(b) == before
    # a new bundle with the same records: everything unchanged
    report = sync.import_bundle(b, export(a, tmp_path / "a2.zip"))
    assert report.counts["added"] == report.counts["updated"] == 0
    assert report.counts["unchanged"] > 0


def test_order_independent(tmp_path, checklist_dir):
    a = make_store(tmp_path / "a.db", "张伟", "inspector")
    c = make_store(tmp_path / "c.db", "李娜", "inspector")
    x = make_store(tmp_path / "x.db", "陈静", "supervisor")
    y = make_store(tmp_path / "y.db", "王芳", "supervisor")
    befriend(a, c, x, y)
    fill(a, VALID_CODE)
    fill(c, CODE_B)
    update_subject(a, VALID_CODE, address="武康街道永安街58号")
    first, second = export(a, tmp_path / "a.zip"), export(c, tmp_path / "c.zip")
    for path in (first, second):
        sync.import_bundle(x, path)
    for path in (second, first):
        sync.import_bundle(y, path)
    assert records(x, x, y) == records(y, x, y)


def test_concurrent_edits_are_kept_visible_and_converge(pair, tmp_path):
    a, b = pair
    add_subject(a, name="甲", code=VALID_CODE, sector="mini", address="原址")
    sync.import_bundle(b, export(a, tmp_path / "1.zip"))
    update_subject(a, VALID_CODE, address="甲改的地址")
    update_subject(b, VALID_CODE, address="乙改的地址")
    sync.import_bundle(b, export(a, tmp_path / "2.zip"))
    sync.import_bundle(a, export(b, tmp_path / "3.zip"))
    assert get_subject(a, VALID_CODE)["address"] == get_subject(b, VALID_CODE)["address"]
    for store in (a, b):
        (conflict,) = store.db["conflicts"].rows
        assert conflict["entity"] == "subject"


def full_and_later(pair, tmp_path) -> tuple[Path, Path]:
    """A full bundle of one subject, then one --since holding only the next subject."""
    a, _ = pair
    add_subject(a, name="甲", code=VALID_CODE, sector="mini")
    full = export(a, tmp_path / "full.zip")
    mark = ids.now()
    time.sleep(0.002)
    add_subject(a, name="乙", code=CODE_B, sector="mini")
    return full, export(a, tmp_path / "later.zip", since=mark)


def test_since_exports_only_new_and_gap_is_refused(pair, tmp_path):
    _, b = pair
    full, later = full_and_later(pair, tmp_path)
    assert json.loads(zipfile.ZipFile(later).read("manifest.json"))["counts"]["entries"] < \
        json.loads(zipfile.ZipFile(full).read("manifest.json"))["counts"]["entries"]
    before = dump_hash(b)
    with pytest.raises(BundleError, match="full export"):
        sync.import_bundle(b, later)
    assert dump_hash(b) == before
    sync.import_bundle(b, full)
    sync.import_bundle(b, later)
    assert {s["name"] for s in list_subjects(b)} == {"甲", "乙"}


# --- rejections ------------------------------------------------------------------


def rewrite(src: Path, dst: Path, change) -> Path:
    """Copy a bundle member by member through `change(name, data) -> [(info, data)]`."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w") as new:
        for info in old.infolist():
            for out_info, data in change(info.filename, old.read(info)) or []:
                made = container.zip_info(out_info) if isinstance(out_info, str) else out_info
                new.writestr(made, data)
    return dst


def resign(src: Path, dst: Path, store: Store, edit) -> Path:
    """Rewrite entries.jsonl with `edit` and re-sign a matching manifest, as a forger
    holding a trusted key would: the deeper checks must still catch it."""
    with zipfile.ZipFile(src) as old:
        members = {i.filename: old.read(i) for i in old.infolist()}
    members["entries.jsonl"] = edit(members["entries.jsonl"])
    manifest = json.loads(members.pop("manifest.json"))
    members.pop("manifest.sig")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as new:
        for name, content in members.items():
            new.writestr(container.zip_info(name), content)
    packed = container.packed_hashes(out.getvalue())
    data = members["entries.jsonl"]
    manifest["files"]["entries.jsonl"] = {"sha256": hashlib.sha256(data).hexdigest(),
                                          "size": len(data),
                                          "packed_sha256": packed["entries.jsonl"]}
    manifest_bytes = json.dumps(manifest).encode()
    _, key = identity.signing_key(store, SECRET)
    with zipfile.ZipFile(out, "a") as new:
        new.writestr(container.zip_info("manifest.json"), manifest_bytes)
        new.writestr(container.zip_info("manifest.sig"), container.sign(key, manifest_bytes))
    dst.write_bytes(out.getvalue())
    return dst


@pytest.fixture
def shipped(pair, tmp_path):
    a, b = pair
    fill(a)
    return a, b, export(a, tmp_path / "good.zip")


def rejected(store: Store, path: Path, match: str) -> None:
    before = dump_hash(store)
    with pytest.raises(BundleError, match=match) as info:
        sync.import_bundle(store, path)
    assert str(path) in str(info.value)
    assert dump_hash(store) == before


def test_unknown_signer(tmp_path, checklist_dir, shipped):
    _, _, good = shipped
    stranger = make_store(tmp_path / "stranger.db", "某人", "supervisor")
    rejected(stranger, good, "is not trusted")


def test_any_changed_byte_is_caught(shipped, tmp_path):
    """Every single byte of the file, flipped one at a time, is refused."""
    _, b, good = shipped
    data = good.read_bytes()
    path = tmp_path / "changed.zip"
    before = dump_hash(b)
    for offset in range(len(data)):
        changed = bytearray(data)
        changed[offset] ^= 0x01
        path.write_bytes(bytes(changed))
        with pytest.raises(BundleError):
            sync.import_bundle(b, path)
    assert dump_hash(b) == before


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.999])
def test_truncated(shipped, tmp_path, cut):
    _, b, good = shipped
    data = good.read_bytes()
    path = tmp_path / "cut.zip"
    path.write_bytes(data[: int(len(data) * cut)])
    rejected(b, path, "not a bundle|damaged|hash")


def test_not_a_zip(shipped, tmp_path):
    _, b, _ = shipped
    path = tmp_path / "x.zip"
    path.write_text("hello")
    rejected(b, path, "not a bundle")


@pytest.mark.parametrize("evil, message", [
    ("../outside.txt", "unsafe path"),
    ("/etc/passwd", "unsafe path"),
    ("C:/Windows/x", "unsafe path"),
    ("blobs\\..\\x", "unsafe path"),
    ("notes.txt", "unexpected member"),
    ("blobs/" + "0" * 64, "not in the manifest"),
])
def test_zip_hazards(shipped, tmp_path, evil, message):
    _, b, good = shipped

    def add(name, data):
        items = [(name, data)]
        return [*items, (evil, b"x")] if name == "manifest.sig" else items

    rejected(b, rewrite(good, tmp_path / "evil.zip", add), message)


def test_symlink_member(shipped, tmp_path):
    _, b, good = shipped

    def add(name, data):
        if name != "manifest.sig":
            return [(name, data)]
        link = zipfile.ZipInfo("blobs/" + "1" * 64)
        link.external_attr = (0o120777 << 16)
        return [(name, data), (link, b"/etc/passwd")]

    rejected(b, rewrite(good, tmp_path / "link.zip", add), "symbolic link")


def test_duplicate_member(shipped, tmp_path):
    _, b, good = shipped

    def twice(name, data):
        return [(name, data)] * (2 if name == "entries.jsonl" else 1)

    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate we make on purpose
        path = rewrite(good, tmp_path / "dup.zip", twice)
    rejected(b, path, "appears twice")


def test_member_missing(shipped, tmp_path):
    _, b, good = shipped
    path = rewrite(good, tmp_path / "missing.zip",
                   lambda n, d: [] if n == "heads.jsonl" else [(n, d)])
    rejected(b, path, "heads.jsonl.*missing")


def test_zip_bomb_bounded_while_streaming(shipped, tmp_path, monkeypatch):
    _, b, good = shipped

    def bomb(name, data):  # entries.jsonl, well-formed zip, 8 MiB of zeros inside
        return [(name, b"\0" * (8 * 2**20) if name == "entries.jsonl" else data)]

    rejected(b, rewrite(good, tmp_path / "bomb.zip", bomb), "compression ratio")
    monkeypatch.setattr(container, "MAX_MEMBER", 2**20)
    rejected(b, rewrite(good, tmp_path / "big.zip", bomb), "larger than allowed")


def test_newer_format_refused(shipped, tmp_path):
    _, b, good = shipped
    with zipfile.ZipFile(good) as old:
        members = {i.filename: old.read(i) for i in old.infolist()}
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = container.FORMAT_VERSION + 1
    members["manifest.json"] = json.dumps(manifest).encode()
    path = tmp_path / "newer.zip"
    with zipfile.ZipFile(path, "w") as new:
        for name, content in members.items():
            new.writestr(container.zip_info(name), content)
    rejected(b, path, "newer than this Inspector knows")


def test_forged_entry_with_valid_manifest_signature(shipped, tmp_path):
    a, b, good = shipped

    def tamper(data: bytes) -> bytes:
        return data.replace("沈福根".encode(), "张三丰".encode(), 1)

    rejected(b, resign(good, tmp_path / "forged.zip", a, tamper), "altered")


def test_malformed_json_line(shipped, tmp_path):
    a, b, good = shipped
    rejected(b, resign(good, tmp_path / "bad.zip", a, lambda d: d + b"{not json\n"),
             "line .* is malformed")


def test_dropped_entry_breaks_the_chain(shipped, tmp_path):
    a, b, good = shipped

    def drop(data: bytes) -> bytes:
        lines = data.splitlines(keepends=True)
        return b"".join(lines[:5] + lines[6:])

    rejected(b, resign(good, tmp_path / "drop.zip", a, drop), "broken|vouched")


def test_reference_to_unknown_subject(pair, tmp_path):
    a, b = pair
    fill(a)
    good = export(a, tmp_path / "good.zip")

    def without_subject(data: bytes) -> bytes:
        # a forger re-chains the history so that only the reference is wrong
        kept, prev = [], None
        for line in data.splitlines():
            entry = json.loads(line)
            if entry["entity"] == "subject":
                continue
            entry["prev_hash"] = prev
            from inspector.digest import entry_hash

            entry["hash"] = prev = entry_hash(entry)
            kept.append(json.dumps(entry, ensure_ascii=False).encode())
        return b"\n".join(kept) + b"\n"

    forged = resign(good, tmp_path / "nosubject.zip", a, without_subject)
    rejected(b, forged, "vouched|cannot import")


def test_company_cannot_close_an_inspectors_item(tmp_path, checklist_dir):
    from inspector import ledger_query, rectifications
    from inspector.authorization import Unauthorized
    from inspector.ids import uuid7

    from .helpers import forge

    company = make_store(tmp_path / "company.db", "讯达公司", "company")
    inspector_store = make_store(tmp_path / "inspector.db", "张伟", "inspector")
    befriend(company, inspector_store)
    fill(inspector_store)
    sync.import_bundle(company, export(inspector_store, tmp_path / "i.zip"))
    item = ledger_query.items(company, ledger_query.LedgerFilter())[0]["id"]
    with pytest.raises(Unauthorized, match="a company may not write rectification_event"):
        rectifications.review(company, item, accept=True)
    with pytest.raises(Unauthorized, match="only its own self-check items"), \
            company.transaction():  # nor by writing the entry itself
        company.record("rectification_event", uuid7(), "create",
                       {"rectification_id": item, "status": "closed"})
    # a modified client writes it anyway: its bundle is refused
    forge.append(company, "rectification_event", uuid7(), "create",
                 {"rectification_id": item, "status": "closed"})
    rejected(inspector_store, export(company, tmp_path / "c.zip"), "a company may not write")


def test_company_closes_its_own_self_check_item(tmp_path, checklist_dir):
    from inspector import rectifications

    company = make_store(tmp_path / "company.db", "讯达公司", "company")
    supervisor = make_store(tmp_path / "supervisor.db", "陈静", "supervisor")
    befriend(company, supervisor)
    add_subject(company, name="讯达公司", code=VALID_CODE, sector="mini")
    started = inspections.start(company, subject=VALID_CODE, checklist=checklists.find("mini"),
                                kind="self_check", inspectors=["周建国"])
    for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", 20), ("m-06", ["sand"])]:
        inspections.record_answer(company, started, item, value)
    from inspector.evidence import add_evidence

    add_evidence(company, started, "m-07", b"\xff\xd8 photo", mime="image/jpeg")
    (item_id,) = inspections.complete(company, started)
    rectifications.review(company, item_id, accept=True, note="已办理许可证")
    report = sync.import_bundle(supervisor, export(company, tmp_path / "c.zip"))
    assert report.counts["added"] > 0
    assert rectifications.get_item(supervisor, item_id)["status"] == "closed"


def test_kill_during_import_leaves_previous_state(shipped, tmp_path):
    _, b, good = shipped
    path = b.path
    b.close()  # closing refreshes planner statistics: compare from here on
    with Store(path) as reopened:
        before = dump_hash(reopened)
    script = f"""
import os
from inspector import apply, sync
from inspector.store import Store
calls = [0]
real = apply.apply
def dying(conn, entry, cache=None):
    calls[0] += 1
    if calls[0] == 10:
        os._exit(9)  # like a power cut: no rollback, no cleanup
    return real(conn, entry, cache)
apply.apply = dying
store = Store({str(path)!r})
sync.import_bundle(store, __import__("pathlib").Path({str(good)!r}))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 9, result.stderr
    with Store(path) as reopened:
        assert dump_hash(reopened) == before
        sync.import_bundle(reopened, good)  # and the import can simply be run again
        assert reopened.db["inspections"].count == 1


def test_cli_verify_and_import(shipped, tmp_path, capsys):
    from inspector.cli import main

    _, b, good = shipped
    path = b.path
    b.close()
    assert main(["--db", str(path), "verify", str(good)]) == 0
    out = capsys.readouterr().out
    assert "signature valid" in out and "张伟" in out
    assert main(["--db", str(path), "import", str(good), str(tmp_path / "nothing.zip")]) == 1
    out, err = capsys.readouterr()
    assert "added" in out and "nothing.zip" in err


def test_cli_dry_run_shows_the_preview_and_writes_nothing(pair, tmp_path, capsys):
    from inspector.cli import main

    _, b = pair
    full, later = full_and_later(pair, tmp_path)
    path = b.path
    b.close()  # closing refreshes planner statistics: compare from here on
    with Store(path) as reopened:
        before = dump_hash(reopened)
    args = ["--db", str(path), "import", "--dry-run"]
    assert main([*args, str(later)]) == 1  # alone, the later bundle has a gap
    assert "full export" in capsys.readouterr().err
    assert main([*args, str(full), str(later)]) == 0  # in order, both would import
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and all("would add" in line and "张伟" in line for line in out)
    with Store(path) as reopened:
        assert dump_hash(reopened) == before
        predicted = [p.counts for p in sync.preview(reopened, [full, later])]
        done = [dict(r.counts) for r in sync.import_bundles(reopened, [full, later])]
        assert predicted == done and done[0]["added"] > 0


def test_bundle_id_and_counts_in_manifest(shipped):
    _, _, good = shipped
    manifest = json.loads(zipfile.ZipFile(good).read("manifest.json"))
    assert manifest["sender"]["name"] == "张伟"
    assert manifest["counts"]["by_entity"]["answer"] == 4
    assert all(len(f["sha256"]) == 64 for f in manifest["files"].values())
    assert io.BytesIO(zipfile.ZipFile(good).read("manifest.sig")).getvalue()


def test_preview_in_order_writes_nothing(pair, tmp_path):
    _, b = pair
    full, later = full_and_later(pair, tmp_path)
    before = dump_hash(b)
    alone = sync.preview(b, [later])
    assert alone[0].error and "full export" in alone[0].error and not alone[0].importable
    together = sync.preview(b, [full, later])
    assert all(p.error is None and p.importable for p in together)
    assert together[1].counts["added"] == 1
    assert dump_hash(b) == before


def test_preview_tells_what_the_import_table_shows(pair, tmp_path):
    a, b = pair
    fill(a)
    good = export(a, tmp_path / "good.zip")
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    (tmp_path / "bad.zip").write_bytes(bytes(data))
    before = dump_hash(b)
    seen, bad, missing = sync.preview(b, [good, tmp_path / "bad.zip", tmp_path / "no.zip"])
    me, _ = identity.signing_key(a, SECRET)
    assert (seen.path, seen.sender, seen.role, seen.org, seen.fingerprint) == (
        str(good), "张伟", "inspector", "某县市场监督管理局", me.fingerprint)
    manifest = json.loads(zipfile.ZipFile(good).read("manifest.json"))
    assert seen.created_at == manifest["created_at"]
    assert seen.by_entity == manifest["counts"]["by_entity"] and seen.by_entity["answer"] == 4
    assert seen.entries == seen.new == manifest["counts"]["entries"]
    assert seen.counts["added"] > 10 and seen.imported_before is None and seen.importable
    assert bad.error and bad.sender == "" and not bad.importable
    assert missing.error and "no.zip" not in missing.error  # the message; the path is the row's
    assert dump_hash(b) == before
    sync.import_bundle(b, good)
    (again,) = sync.preview(b, [good])
    assert again.imported_before and again.error is None and not again.importable
    assert again.new == 0 and again.counts == {"unchanged": again.entries}


def test_preview_reads_each_file_once(pair, tmp_path, monkeypatch):
    from inspector.sync import container as zipped

    a, b = pair
    add_subject(a, name="甲", code=VALID_CODE, sector="mini")
    paths = [export(a, tmp_path / "1.zip"), export(a, tmp_path / "2.zip")]
    opened = []
    real = zipped.open_members
    monkeypatch.setattr("inspector.sync.verify.open_members",
                        lambda path: opened.append(path) or real(path))
    sync.preview(b, paths)
    assert opened == paths


def test_cancelled_preview_keeps_what_was_seen_and_writes_nothing(pair, tmp_path):
    a, b = pair
    add_subject(a, name="甲", code=VALID_CODE, sector="mini")
    paths = [export(a, tmp_path / "1.zip"), export(a, tmp_path / "2.zip")]
    before = dump_hash(b)
    with pytest.raises(Cancelled) as stopped:
        sync.preview(b, paths, progress=lambda done, total, path: done < 1)
    assert [p.path for p in stopped.value.results] == [str(paths[0])]
    assert dump_hash(b) == before


def test_cancelled_batch_stops_between_files(pair, tmp_path):
    a, b = pair
    add_subject(a, name="甲", code=VALID_CODE, sector="mini")
    first = export(a, tmp_path / "1.zip")
    add_subject(a, name="乙", code=CODE_B, sector="mini")
    second = export(a, tmp_path / "2.zip")
    with pytest.raises(Cancelled):
        sync.import_bundles(b, [first, second], progress=lambda done, total, path: done < 1)
    assert [s["name"] for s in list_subjects(b)] == ["甲"]  # the first whole, none of the next


def test_since_takes_a_beijing_date(pair, tmp_path):
    a, _ = pair
    add_subject(a, name="甲", code=VALID_CODE, sector="mini")
    tomorrow = (ids.local_date(ids.now()) + __import__("datetime").timedelta(days=1)).isoformat()
    me, key = identity.signing_key(a, SECRET)
    manifest = sync.export(a, tmp_path / "x.zip", me, key, since=tomorrow)
    assert manifest["counts"]["entries"] == 0
    assert manifest["since"].endswith("T16:00:00.000Z")  # midnight in Beijing
    with pytest.raises(InspectorError, match="not a date"):
        sync.export(a, tmp_path / "y.zip", me, key, since="last week")


def test_a_company_gets_only_its_own_records(tmp_path, checklist_dir):
    from inspector import ledger_query, rectifications

    inspector_store = make_store(tmp_path / "inspector.db", "张伟", "inspector")
    company = make_store(tmp_path / "company.db", "讯达公司", "company")
    supervisor = make_store(tmp_path / "supervisor.db", "陈静", "supervisor")
    befriend(inspector_store, company, supervisor)
    fill(inspector_store, VALID_CODE)
    fill(inspector_store, CODE_B)  # another company's inspection
    own = get_subject(inspector_store, VALID_CODE)["id"]
    me, key = identity.signing_key(inspector_store, SECRET)
    path = tmp_path / "for-company.zip"
    manifest = sync.export(inspector_store, path, me, key, subject=own)
    assert manifest["counts"]["withheld"] > 0
    assert "福州".encode() not in zipfile.ZipFile(path).read("entries.jsonl")
    report = sync.import_bundle(company, path)
    assert report.counts["withheld"] == manifest["counts"]["withheld"]
    assert [s["uscc"] for s in list_subjects(company)] == [VALID_CODE]
    everything = ledger_query.LedgerFilter()
    assert {r["subject_id"] for r in ledger_query.items(company, everything)} == {own}
    assert company.verify_log() == []  # withheld entries still chain and verify
    # the company answers; its bundle goes back, carrying the withheld entries withheld
    item = ledger_query.items(company, everything)[0]["id"]
    rectifications.respond(company, item, measure="已整改")
    back = sync.import_bundle(inspector_store, export(company, tmp_path / "back.zip"))
    assert back.counts["added"] >= 1 and back.counts["withheld"] == 0
    assert rectifications.get_item(inspector_store, item)["status"] == "submitted"
    # a supervisor who first got the company's copy, then the inspector's, has it all
    sync.import_bundle(supervisor, tmp_path / "back.zip")
    assert len(list_subjects(supervisor)) == 1
    full = sync.import_bundle(supervisor, export(inspector_store, tmp_path / "full.zip"))
    assert full.counts["added"] > 0
    assert len(list_subjects(supervisor)) == 2
    assert supervisor.verify_log() == []
    assert records(supervisor, supervisor, company) == records(inspector_store, supervisor,
                                                                company)


def test_the_same_bundle_imported_by_two_processes_at_once(pair, tmp_path):
    """Both check it against the store as it was; the second to get the write lock
    checks it again and finds it imported, instead of failing on a duplicate."""
    from inspector.store import Store
    from inspector.sync.transfer import apply_bundle
    from inspector.sync.verify import read

    from .helpers.race import just_before_the_write_lock

    a, b = pair
    fill(a)
    path = export(a, tmp_path / "a.zip")
    checked = read(b, path)  # this process has checked it …
    with Store(b.path) as other, just_before_the_write_lock(
            b, lambda: sync.import_bundle(other, path)):  # … when another imports it
        report = apply_bundle(b, checked)
    assert report.already_imported and report.counts["added"] == 0
    assert b.conn.execute("SELECT COUNT(*) FROM bundle_imports").fetchone()[0] == 1
