"""Files the store must refuse, and leave exactly as they were: another application's
SQLite file, an empty or truncated store. Stores from before the mark are still ours."""

import hashlib
import sqlite3
from pathlib import Path

import pytest

from inspector.cli import main
from inspector.errors import StoreError
from inspector.store import APPLICATION_ID, Store
from inspector.subjects import add_subject, list_subjects

from .helpers.subjects import CODE_B, VALID_CODE

FOREIGN = "another application's SQLite file"
DAMAGED = r"damaged.*restore it from a backup"


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in `folder` and its SHA-256: what "untouched" means."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def refused_both_ways(path: Path, match: str) -> None:
    """Opening for writing and for reading are both refused, and nothing changes."""
    before = fingerprint(path.parent)
    for readonly in (False, True):
        with pytest.raises(StoreError, match=match) as info:
            Store(path, readonly=readonly)
        assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)
        assert fingerprint(path.parent) == before


@pytest.fixture
def filled(db_path, checklist_dir) -> Path:
    """A closed store holding two subjects."""
    with Store(db_path) as store:
        add_subject(store, name="甲公司", code=VALID_CODE, sector="mini")
        add_subject(store, name="乙公司", code=CODE_B, sector="mini", address="地址" * 4000)
    return db_path


def test_a_new_store_carries_the_mark(db_path):
    Store(db_path).close()
    assert db_path.read_bytes()[68:72] == b"INSP" == APPLICATION_ID.to_bytes(4, "big")
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def foreign_tables(conn):
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('购物清单')")


def foreign_versioned(conn):  # the case that met "no such column: value"
    conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, val TEXT)")
    conn.execute("PRAGMA user_version = 3")


def foreign_wal(conn):
    conn.execute("PRAGMA journal_mode = WAL")
    foreign_tables(conn)


def foreign_marked(conn):  # empty, but claimed by another application
    conn.execute("PRAGMA application_id = 1234")


def foreign_like_ours(conn):  # our table names, but not our schema's version
    for table in ("migrations", "settings", "changelog"):
        conn.execute(f"CREATE TABLE {table} (x)")


@pytest.mark.parametrize("make", [foreign_tables, foreign_versioned, foreign_wal,
                                  foreign_marked, foreign_like_ours])
def test_another_applications_database_is_refused_untouched(tmp_path, make):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        make(conn)
    conn.close()
    refused_both_ways(path, FOREIGN)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_an_empty_sqlite_database_becomes_a_store(tmp_path, checklist_dir):
    path = tmp_path / "blank.db"
    with sqlite3.connect(path) as conn:
        conn.execute("VACUUM")  # a header and nothing else
    conn.close()
    assert path.stat().st_size > 0
    with Store(path) as store:
        add_subject(store, name="甲公司", code=VALID_CODE, sector="mini")
    assert path.read_bytes()[68:72] == b"INSP"


def test_a_store_from_before_the_mark_is_ours_and_marked_when_next_written(filled):
    with sqlite3.connect(filled) as conn:
        conn.execute("PRAGMA application_id = 0")  # as every store was before the mark
    conn.close()
    before = fingerprint(filled.parent)
    with Store(filled, readonly=True) as store:
        assert [s["name"] for s in list_subjects(store)] == ["甲公司", "乙公司"]  # pinyin
    assert fingerprint(filled.parent)[filled.name] == before[filled.name]
    with Store(filled) as store:
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert len(list_subjects(store)) == 2 and store.verify_log() == []
    assert filled.read_bytes()[68:72] == b"INSP"


def test_an_empty_file_is_refused_not_made_a_new_store(db_path):
    db_path.write_bytes(b"")
    refused_both_ways(db_path, r"empty \(0 bytes\).*restore it from a backup")
    assert db_path.stat().st_size == 0


@pytest.mark.parametrize("cut", [1, 1000, 4096, 3 * 4096])
def test_a_truncated_store_is_refused_untouched(filled, cut):
    data = filled.read_bytes()
    filled.write_bytes(data[:-cut])
    refused_both_ways(filled, DAMAGED)


def wreck_table(path: Path, table: str) -> None:
    """Overwrite the root page of `table` in a closed store: the opening checks pass,
    reading that table meets the damage."""
    with sqlite3.connect(path) as conn:
        page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (table,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * size:page * size] = b"\xa5" * size
    path.write_bytes(bytes(data))


def test_damage_met_while_reading_is_named_and_nothing_is_written(filled, capsys):
    wreck_table(filled, "subjects")
    before = fingerprint(filled.parent)[filled.name]
    with pytest.raises(StoreError, match=DAMAGED), Store(filled, readonly=True) as store:
        list_subjects(store)
    code = main(["--db", str(filled), "subjects", "list"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith(f"{filled}: ") and "damaged" in err and err.count("\n") == 1
    assert fingerprint(filled.parent)[filled.name] == before


def test_a_store_that_does_not_exist_reads_as_empty_and_is_not_made(tmp_path, checklist_dir):
    path = tmp_path / "nothing" / "here.db"
    with Store(path, readonly=True) as store:
        assert list_subjects(store) == []
        with pytest.raises(StoreError, match="read-only"):
            add_subject(store, name="甲公司", code=VALID_CODE, sector="mini")
    assert not path.parent.exists()


def test_an_older_store_is_not_upgraded_by_reading(filled):
    with sqlite3.connect(filled) as conn:
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    before = fingerprint(filled.parent)[filled.name]
    with pytest.raises(StoreError, match=r"older Inspector.*does not upgrade it"):
        Store(filled, readonly=True)
    assert fingerprint(filled.parent)[filled.name] == before


def test_disk_full_while_making_a_new_store_says_so_and_leaves_nothing(tmp_path, monkeypatch):
    configure = Store._configure

    def tiny_disk(store):
        configure(store)
        store.conn.execute("PRAGMA max_page_count = 3")  # full after a few tables

    monkeypatch.setattr(Store, "_configure", tiny_disk)
    path = tmp_path / "new.db"
    with pytest.raises(StoreError) as info:
        Store(path)
    message = str(info.value)
    assert message == f"{path}: disk full: the new database could not be created; " \
                      "nothing was written"
    assert "intact" not in message and list(tmp_path.iterdir()) == []

