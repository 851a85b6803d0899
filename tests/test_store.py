"""The store: settings that must hold, migrations, and the files it must refuse."""

import hashlib
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector import ids
from inspector.digest import HASHED, canonical, entry_hash
from inspector.errors import StoreError
from inspector.store import SCHEMA_VERSION, Store, default_path
from inspector.subjects import add_subject, list_subjects

from .conftest import VALID_CODE


def file_hash(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pragmas_are_set_and_checked(store):
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_migrations_recorded_and_not_rerun(db_path):
    with Store(db_path) as first:
        rows = list(first.db["migrations"].rows)
        device = first.device_id
    assert [r["version"] for r in rows] == list(range(1, SCHEMA_VERSION + 1))
    with Store(db_path) as again:
        assert again.schema_version() == SCHEMA_VERSION
        assert again.db["migrations"].count == SCHEMA_VERSION
        assert again.device_id == device


def test_newer_schema_refused_and_file_untouched(db_path):
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = file_hash(db_path)
    with pytest.raises(StoreError) as info:
        Store(db_path)
    assert str(db_path) in str(info.value)
    message = str(info.value)
    assert "newer Inspector" in message and f"schema {SCHEMA_VERSION + 5}" in message
    assert file_hash(db_path) == before


def test_not_sqlite_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes("检查笔录 – not a database\n".encode() * 20)
    before = file_hash(path)
    with pytest.raises(StoreError, match="not an Inspector database") as info:
        Store(path)
    assert str(info.value).startswith(f"{path}: ")
    assert file_hash(path) == before


def test_damaged_sqlite_refused(tmp_path):
    path = tmp_path / "damaged.db"
    Store(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # keep the header, wreck the first page
    path.write_bytes(bytes(data))
    before = file_hash(path)
    with pytest.raises(StoreError, match=r"is damaged.*restore it from a backup"):
        Store(path)
    assert file_hash(path) == before


def test_folder_refused(tmp_path):
    with pytest.raises(StoreError, match="folder"):
        Store(tmp_path)


def test_full_disk_is_a_clear_error_and_loses_nothing(store, checklist_dir):
    add_subject(store, name="已保存的公司", code=VALID_CODE, sector="mini")
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    big = "很长的地址" * 4000  # needs new pages
    with pytest.raises(StoreError, match="disk full"):
        add_subject(store, name="新公司", code="91350100M000100Y43", sector="mini", address=big)
    assert not store.conn.in_transaction
    assert [s["name"] for s in list_subjects(store)] == ["已保存的公司"]
    assert store.verify_log() == []


def test_a_trial_is_seen_inside_and_always_rolled_back(store, checklist_dir):
    with store.trial():
        add_subject(store, name="试一试", code=VALID_CODE, sector="mini")
        assert [s["name"] for s in list_subjects(store)] == ["试一试"]
    assert list_subjects(store) == [] and not store.conn.in_transaction
    with pytest.raises(RuntimeError), store.trial():
        add_subject(store, name="试一试", code=VALID_CODE, sector="mini")
        raise RuntimeError("the work in the trial fails")
    assert list_subjects(store) == [] and not store.conn.in_transaction


def test_a_trial_inside_a_transaction_undoes_only_its_own_writes(store, checklist_dir):
    with store.transaction():
        add_subject(store, name="保留", code=VALID_CODE, sector="mini")
        with store.trial():
            add_subject(store, name="试一试", code="91350100M000100Y43", sector="mini")
            assert len(list_subjects(store)) == 2
        assert [s["name"] for s in list_subjects(store)] == ["保留"]
    assert [s["name"] for s in list_subjects(store)] == ["保留"]
    assert store.verify_log() == []


def test_change_log_is_chained_and_tamper_evident(store, checklist_dir):
    add_subject(store, name="甲公司", code=VALID_CODE, sector="mini")
    add_subject(store, name="乙公司", code="91350100M000100Y43", sector="mini")
    rows = list(store.db.query("SELECT * FROM changelog ORDER BY seq"))
    assert len(rows) == 2
    assert rows[0]["prev_hash"] is None and rows[1]["prev_hash"] == rows[0]["hash"]
    assert store.verify_log() == []
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE changelog SET data = '{}' WHERE seq = 1")
    # someone who drops the guard and edits history is still found out
    store.conn.execute("DROP TRIGGER changelog_no_update")
    store.conn.execute("UPDATE changelog SET data = replace(data, '甲', '丙') WHERE seq = 1")
    store.conn.commit()
    assert store.verify_log() == ["change log entry 1: content does not match its hash"]


def test_default_path_honours_env(monkeypatch, tmp_path):
    monkeypatch.setenv("INSPECTOR_DB", str(tmp_path / "x.db"))
    assert default_path() == tmp_path / "x.db"
    monkeypatch.delenv("INSPECTOR_DB")
    assert default_path().name == "inspector.db"


def test_uuid7_ordered_and_versioned():
    values = [ids.uuid7() for _ in range(2000)]
    assert values == sorted(values)
    assert len(set(values)) == 2000
    assert all(v[14] == "7" and v[19] in "89ab" for v in values)


@given(st.fixed_dictionaries({k: st.one_of(st.none(), st.text(), st.integers())
                              for k in HASHED}))
def test_entry_hash_is_the_hash_of_the_canonical_fields(fields):
    """The quick path must hash exactly what canonical JSON gives (quotes, control
    characters, non-ASCII, nulls), or histories stop verifying across versions."""
    expected = hashlib.sha256(canonical(fields).encode("utf-8")).hexdigest()
    assert entry_hash({**fields, "data": {"ignored": 1}}) == expected


# --- change reports ------------------------------------------------------------------


@pytest.fixture
def reports(store):
    """What the store reports after each commit, in order."""
    heard: list[frozenset] = []
    store.on_change(heard.append)
    return heard


def test_a_commit_reports_the_entities_it_wrote_once(store, checklist_dir, reports):
    from inspector import checklists, inspections

    add_subject(store, name="甲", code=VALID_CODE, sector="mini")
    assert reports == [{"subject"}]
    started = inspections.start(store, subject=VALID_CODE, checklist=checklists.find("mini"),
                                inspectors=["张伟", "李娜"])
    reports.clear()
    with store.transaction():
        inspections.record_answer(store, started, "m-01", "no", note="现场发现")
        inspections.record_answer(store, started, "m-05", 6)
        assert reports == []  # nothing before the commit
    assert len(reports) == 1 and "answer" in reports[0] and "subject" not in reports[0]


def test_a_rolled_back_transaction_reports_nothing(store, checklist_dir, reports):
    with pytest.raises(RuntimeError), store.transaction():
        add_subject(store, name="甲", code=VALID_CODE, sector="mini")
        raise RuntimeError("stop")
    assert reports == [] and list_subjects(store) == []
    with store.transaction():  # the next transaction does not inherit the undone one
        store.set_setting("theme", "dark")
    assert reports == []


def test_nested_transactions_fold_into_the_outer_commit(store, checklist_dir, reports):
    with store.transaction():
        add_subject(store, name="甲", code=VALID_CODE, sector="mini")  # nested: a savepoint
        assert reports == []
        with pytest.raises(RuntimeError), store.transaction():
            store.touched("rectification")
            raise RuntimeError("undo this savepoint")
    assert reports == [{"subject"}]


def test_stopping_the_reports(store, checklist_dir, reports):
    heard = []
    stop = store.on_change(heard.append)
    stop()
    add_subject(store, name="甲", code=VALID_CODE, sector="mini")
    assert heard == [] and reports == [{"subject"}]


def test_an_import_reports_what_the_bundle_wrote(tmp_path, checklist_dir):
    from inspector import checklists, inspections, sync

    from .helpers.stores import befriend, export, make_store

    with make_store(tmp_path / "a.db", "张伟", "inspector") as a, \
            make_store(tmp_path / "b.db", "陈静", "supervisor") as b:
        befriend(a, b)
        add_subject(a, name="甲", code=VALID_CODE, sector="mini")
        started = inspections.start(a, subject=VALID_CODE, checklist=checklists.find("mini"),
                                    inspectors=["张伟", "李娜"])
        inspections.record_answer(a, started, "m-01", "no", note="现场发现")
        heard = []
        b.on_change(heard.append)
        sync.import_bundle(b, export(a, tmp_path / "a.zip"))
        assert len(heard) == 1
        assert {"bundle_import", "subject", "inspection", "answer"} <= heard[0]
        sync.preview(b, [export(a, tmp_path / "again.zip")])  # rolled back
        assert len(heard) == 1
