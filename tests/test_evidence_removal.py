"""Photos once added can be removed while the inspection is a draft: a removal is a
record (a tombstone naming the photo) that travels like any other, gives the same
state whichever arrives first, and is refused on a signed inspection."""

import itertools

import pytest

from inspector import inspections, queries, sync
from inspector.apply import apply
from inspector.errors import NotFound, ValidationError
from inspector.evidence import add_evidence, put_blob, remove_evidence
from inspector.ids import uuid7
from inspector.reports.content import report_content
from inspector.store import Store

from .helpers import forge
from .helpers.stores import befriend, export, make_store, records
from .test_authorization import PHOTO, world  # noqa: F401  (the fixture)

JPEG = b"\xff\xd8\xff first photo"
OTHER = b"\xff\xd8\xff second photo"


@pytest.fixture
def draft(store, subject, mini):
    return inspections.start(store, subject=subject["id"], checklist=mini,
                             inspectors=["张伟", "李娜"])


def photo_items(content: dict) -> list[str]:
    return [ev["sha256"] for section in content["sections"] for item in section["items"]
            for ev in item["evidence"]]


def test_a_removed_photo_leaves_the_form_the_evaluation_and_the_report(store, draft):
    first = add_evidence(store, draft, "m-07", JPEG, mime="image/jpeg")
    add_evidence(store, draft, "m-07", OTHER, mime="image/jpeg")
    remove_evidence(store, first)
    assert first not in [r["id"] for r in queries.evidence_of(store, draft)]
    assert len(queries.evidence_of(store, draft)) == 1
    assert len(photo_items(report_content(store, draft))) == 1
    assert "m-07" in inspections.photographed(store, draft)
    (second,) = (r["id"] for r in queries.evidence_of(store, draft))
    remove_evidence(store, second)
    assert queries.evidence_of(store, draft) == []
    assert photo_items(report_content(store, draft)) == []
    assert "m-07" not in inspections.photographed(store, draft)  # the item wants a photo again
    judged = inspections.evaluations(store, [inspections.get(store, draft)])[draft]
    assert not judged.state("m-07").answered
    # the history keeps both photos and says who removed them
    ops = [r[0] for r in store.conn.execute(
        "SELECT op FROM changelog WHERE entity = 'evidence' ORDER BY seq")]
    assert ops == ["create", "create", "remove", "remove"]
    assert store.conn.execute("SELECT COUNT(*) FROM evidence").fetchone()[0] == 2


def test_a_rebuilt_store_keeps_the_removal(store, draft, tmp_path):
    from inspector.rebuild import rebuild

    remove_evidence(store, add_evidence(store, draft, "m-07", JPEG, mime="image/jpeg"))
    with Store(rebuild(store, tmp_path / "rebuilt.db")) as rebuilt:
        assert state(rebuilt) == state(store)
        assert queries.evidence_of(rebuilt, draft) == []


def test_removing_is_refused_once_completed_and_for_unknown_photos(store, draft):
    photo = add_evidence(store, draft, "m-07", JPEG, mime="image/jpeg")
    with pytest.raises(NotFound):
        remove_evidence(store, "no-such-photo")
    for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", 6), ("m-06", ["sand"])]:
        inspections.record_answer(store, draft, item, value)
    inspections.complete(store, draft)
    with pytest.raises(ValidationError, match="completed"):
        remove_evidence(store, photo)
    assert len(queries.evidence_of(store, draft)) == 1


def test_a_photo_is_removed_once(store, draft):
    photo = add_evidence(store, draft, "m-07", JPEG, mime="image/jpeg")
    remove_evidence(store, photo)
    with pytest.raises(NotFound):
        remove_evidence(store, photo)


def entry(entity_op: str, record_id: str, data: dict, at: str) -> dict:
    entity, op = entity_op.split("/")
    return forge.make_entry(device="d", actor=None, prev=None, entity=entity,
                            record_id=record_id, op=op, data=data, at=at)


def state(store: Store) -> list:
    return [store.query(f"SELECT * FROM {table} ORDER BY 1, 2") for table in (
        "evidence", "evidence_removals", "kept_evidence")]


def test_removal_before_or_after_the_photo_gives_the_same_state(tmp_path, store, draft):
    """Every order of a photo and two removals of it (two devices): one state, the
    earlier removal the one kept."""
    photo = uuid7()
    entries = [
        entry("evidence/create", photo, {"inspection_id": draft, "item_id": "m-07",
                                         "sha256": put_sha(store), "original_sha256": "o",
                                         "file_name": "a.jpg", "caption": None},
              "2026-03-01T01:00:00.000Z"),
        entry("evidence/remove", photo, {"inspection_id": draft}, "2026-03-01T02:00:00.000Z"),
        entry("evidence/remove", photo, {"inspection_id": draft}, "2026-03-01T03:00:00.000Z")]
    states = []
    for n, order in enumerate(itertools.permutations(entries)):
        store.conn.execute(f"SAVEPOINT order{n}")
        for made in order:
            apply(store.conn, made)
        states.append(state(store))
        store.conn.execute(f"ROLLBACK TO order{n}")
        store.conn.execute(f"RELEASE order{n}")
    assert all(found == states[0] for found in states)
    evidence, (removal,), kept = states[0]
    assert len(evidence) == 1 and kept == []
    assert removal["entry_id"] == entries[1]["id"]


def put_sha(store: Store) -> str:
    with store.transaction():
        return put_blob(store, JPEG, "image/jpeg")


def test_a_removal_travels_and_stores_converge(tmp_path, checklist_dir, mini):
    """The second officer removes a photo on her laptop; two supervisors receive the
    two officers' bundles in opposite orders and keep the same records."""
    from inspector.subjects import add_subject

    from .conftest import VALID_CODE

    zhang = make_store(tmp_path / "zhang.db", "张伟", "inspector")
    li = make_store(tmp_path / "li.db", "李娜", "inspector")  # the same bureau
    x = make_store(tmp_path / "x.db", "陈静", "supervisor")
    y = make_store(tmp_path / "y.db", "王芳", "supervisor")
    befriend(zhang, li, x, y)
    add_subject(zhang, name="某店", code=VALID_CODE, sector="mini")
    started = inspections.start(zhang, subject=VALID_CODE, checklist=mini,
                                inspectors=["张伟", "李娜"])
    photo = add_evidence(zhang, started, "m-07", JPEG, mime="image/jpeg")
    first = export(zhang, tmp_path / "zhang.zip")
    sync.import_bundle(li, first)
    remove_evidence(li, photo)
    second = export(li, tmp_path / "li.zip")
    for path in (first, second):
        sync.import_bundle(x, path)
    for path in (second, first):
        sync.import_bundle(y, path)
    assert records(x, x, y) == records(y, x, y)
    assert state(x) == state(y)
    assert queries.evidence_of(x, started) == []
    sync.import_bundle(zhang, second)  # and the photo leaves the creator's form too
    assert queries.evidence_of(zhang, started) == []
    for store in (zhang, li, x, y):
        store.close()


def signed_photo(world) -> str:  # noqa: F811
    return world.supervisor.conn.execute(
        "SELECT id FROM evidence WHERE inspection_id = ? AND sha256 = ?",
        (world.signed, PHOTO)).fetchone()[0]


def test_a_forged_removal_on_a_signed_inspection_is_refused(world):  # noqa: F811
    photo = signed_photo(world)
    world.refused(world.company_sends(("evidence", photo, "remove",
                                       {"inspection_id": world.signed})),
                  "a signed inspection cannot be changed")
    # naming the draft instead: judged by the photo's own inspection all the same
    world.refused(world.company_sends(("evidence", photo, "remove",
                                       {"inspection_id": world.draft})),
                  "a signed inspection cannot be changed")
    assert [r["sha256"] for r in queries.evidence_of(world.supervisor, world.signed)] == [PHOTO]


def test_the_inspector_cannot_remove_a_photo_once_signed_either(world):  # noqa: F811
    photo = signed_photo(world)
    with pytest.raises(ValidationError, match="signed"):
        remove_evidence(world.inspector, photo)
    forge.append(world.inspector, "evidence", photo, "remove", {"inspection_id": world.signed})
    with pytest.raises(sync.BundleError, match="a signed inspection cannot be changed"):
        sync.import_bundle(world.supervisor, export(world.inspector, world.tmp / "late.zip"))


def test_a_company_cannot_remove_the_inspectors_draft_photos(world):  # noqa: F811
    photo = add_evidence(world.inspector, world.draft, "m-07", JPEG, mime="image/jpeg")
    with_photo = export(world.inspector, world.tmp / "with-photo.zip")
    for store in (world.company, world.supervisor):
        sync.import_bundle(store, with_photo)
    world.refused(world.company_sends(("evidence", photo, "remove",
                                       {"inspection_id": world.draft})),
                  f"evidence {photo[:17]} remove")
