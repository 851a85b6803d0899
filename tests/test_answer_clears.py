"""A cleared answer leaves a tombstone (answer_clears): what a store cleared stays
cleared against an older answer from elsewhere, and an answer given again builds on
the clear."""

from inspector import checklists, inspections
from inspector.migrations import MIGRATIONS
from inspector.subjects import add_subject
from inspector.sync import import_bundle

from .helpers.stores import befriend, export, make_store

CODE = "91330106MA2AXXXX0X"


def started(store):
    add_subject(store, name="共同检查对象", code=CODE, sector="mini")
    return inspections.start(store, subject=CODE, checklist=checklists.find("mini"),
                             inspectors=["张伟", "李娜"])


def tombstones(store):
    return store.conn.execute(
        "SELECT inspection_id, item_id, id, rev, rev_at, created_at, created_by, device_id "
        "FROM answer_clears ORDER BY inspection_id, item_id").fetchall()


def test_an_answer_given_again_builds_on_its_clear(tmp_path, checklist_dir):
    store = make_store(tmp_path / "a.db", "张伟", "inspector")
    inspection = started(store)
    inspections.record_answer(store, inspection, "m-03", "counter")
    inspections.record_answer(store, inspection, "m-04", "yes")
    first = store.conn.execute("SELECT id, created_at FROM answers WHERE item_id = 'm-04'"
                               ).fetchone()
    assert inspections.record_answer(store, inspection, "m-03", "shop") == ["m-04"]
    assert "m-04" not in inspections.answers(store, inspection)
    [(_, _, founder, clear, *_)] = tombstones(store)
    assert founder == first[0]
    inspections.record_answer(store, inspection, "m-03", "counter")
    inspections.record_answer(store, inspection, "m-04", "no")
    again = store.conn.execute(
        "SELECT data FROM changelog WHERE entity = 'answer' AND record_id LIKE '%/m-04' "
        "ORDER BY seq DESC LIMIT 1").fetchone()[0]
    assert f'"base":"{clear}"' in again.replace(" ", "")  # in order, not a conflict
    assert store.conn.execute("SELECT id, created_at FROM answers WHERE item_id = 'm-04'"
                              ).fetchone() == first  # the answer keeps its founder
    assert tombstones(store) == [] and store.db["conflicts"].count == 0
    store.close()


def test_a_clear_holds_against_an_older_answer_from_elsewhere(tmp_path, checklist_dir):
    a = make_store(tmp_path / "a.db", "张伟", "inspector")
    b = make_store(tmp_path / "b.db", "李娜", "inspector")
    befriend(a, b)
    inspection = started(a)
    import_bundle(b, export(a, tmp_path / "0.zip"))
    inspections.record_answer(a, inspection, "m-03", "counter")
    inspections.record_answer(a, inspection, "m-04", "yes")
    inspections.record_answer(b, inspection, "m-03", "counter")
    inspections.record_answer(b, inspection, "m-04", "no")
    inspections.record_answer(a, inspection, "m-03", "shop")  # clears a's m-04, last
    import_bundle(b, export(a, tmp_path / "1.zip"))
    import_bundle(a, export(b, tmp_path / "2.zip"))
    for store in (a, b):
        assert inspections.answers(store, inspection).keys() == {"m-03"}
    assert tombstones(a) == tombstones(b)
    a.close()
    b.close()


def test_the_migration_finds_the_clears_made_before_it(tmp_path, checklist_dir):
    store = make_store(tmp_path / "a.db", "张伟", "inspector")
    inspection = started(store)
    inspections.record_answer(store, inspection, "m-01", "yes")
    inspections.record_answer(store, inspection, "m-02", "2031-05-01")
    inspections.record_answer(store, inspection, "m-01", "no")  # clears m-02
    inspections.record_answer(store, inspection, "m-03", "shop")
    kept = tombstones(store)
    assert [row[1] for row in kept] == ["m-02"]
    [statements] = [sql for name, sql in MIGRATIONS if name == "answer clears"]
    with store.transaction():
        store.conn.execute("DELETE FROM answer_clears")
        for sql in statements[1:]:  # the table is there: its backfill again
            store.conn.execute(sql)
    assert tombstones(store) == kept
    store.close()
