"""The change log is the truth: a store rebuilt from it alone equals the original."""

import sqlite3

import pytest

from inspector.demo import make_demo
from inspector.errors import StoreError
from inspector.rebuild import rebuild
from inspector.store import Store

from .helpers.stores import records

# every table a write or an import fills; a table added later must be listed here
# (or in rebuild.KEPT) for the test below to hold it to the log
TABLES = ("identities", "subjects", "checklist_versions", "inspections", "answers",
          "answer_clears", "blobs",
          "evidence", "signatures", "rectifications", "rectification_events", "conflicts",
          "chain_heads", "bundle_imports", "device_owners", "settings", "trust_decisions",
          "identity_keys", "certifications", "number_blocks", "documents", "services",
          "campaigns", "campaign_matters", "officers", "subject_flags", "draw_commits", "draws",
          "tasks", "inspection_inspectors", "credit_penalties", "credit_proposals",
          "credit_notices", "credit_statements", "credit_listings", "credit_repairs",
          "evidence_removals", "manual_figures", "typical_cases")


def rows(store: Store, table: str) -> list[tuple]:
    return sorted(store.conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    with Store(folder / "demo.db") as store:
        make_demo(store, folder / "out")
    return folder


def stores_of(folder):
    return [folder / "demo.db", *sorted((folder / "out").rglob("*.db"))]


def test_every_table_is_covered(demo):
    with Store(demo / "demo.db") as store:
        names = {r[0] for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    assert names - {"changelog", "migrations"} == set(TABLES)


def test_a_rebuilt_store_equals_the_original(demo, tmp_path):
    paths = stores_of(demo)
    assert len(paths) >= 3  # the inspector's, the companies', the supervisor's
    for n, path in enumerate(paths):
        with Store(path) as original:
            copy_path = rebuild(original, tmp_path / f"rebuilt{n}.db")
            with Store(copy_path) as copy:
                assert records(copy) == records(original), path
                for table in TABLES:
                    assert rows(copy, table) == rows(original, table), (path, table)
                assert copy.device_id == original.device_id
                assert copy.verify_log() == []


def test_damaged_tables_are_repaired_from_the_log(demo, tmp_path):
    damaged = tmp_path / "damaged.db"
    with Store(demo / "demo.db") as original:
        original.conn.execute("VACUUM INTO ?", (str(damaged),))
        expected = records(original)
    raw = sqlite3.connect(damaged)
    raw.execute("DROP TRIGGER rectification_events_no_delete")  # as a careless repair would
    raw.execute("DELETE FROM rectification_events")
    raw.execute("DROP TRIGGER answers_signed_delete")
    raw.execute("DELETE FROM answers")
    raw.execute("UPDATE subjects SET name = 'changed behind the log'")
    raw.commit()
    raw.close()
    with Store(damaged) as store:
        assert records(store) != expected
        with Store(rebuild(store, tmp_path / "repaired.db")) as repaired:
            assert records(repaired) == expected


def test_refuses_a_broken_log_and_an_existing_target(demo, tmp_path):
    with Store(demo / "demo.db") as original:
        with pytest.raises(StoreError, match="exists"):
            rebuild(original, demo / "demo.db")
        broken = tmp_path / "broken.db"
        original.conn.execute("VACUUM INTO ?", (str(broken),))
    raw = sqlite3.connect(broken)
    raw.execute("DROP TRIGGER changelog_no_update")
    raw.execute("UPDATE changelog SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 5")
    raw.commit()
    raw.close()
    with Store(broken) as store, pytest.raises(StoreError, match="hash chain"):
        rebuild(store, tmp_path / "never.db")
    assert not (tmp_path / "never.db").exists()
