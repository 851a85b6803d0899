"""Two processes on one store: every check that guards a write runs under that write's
lock, so what another process committed in between is seen, never written over.

Each test lets a second connection (another process, in effect) write at the last
moment before the first asks for its write lock (helpers.race); a check made before
that moment would pass on a stale view and the write would land anyway."""

import pytest

from inspector import inspections
from inspector.errors import ValidationError
from inspector.evidence import add_evidence, add_signature
from inspector.rectifications import get_item, history, respond, review
from inspector.store import Store
from inspector.subjects import get_subject, update_subject

from .helpers.race import just_before_the_write_lock
from .test_inspections import PEOPLE, PNG, answer_all_compliant


@pytest.fixture
def started(store, mini, subject):
    return inspections.start(store, subject=subject["id"], checklist=mini, inspectors=PEOPLE)


@pytest.fixture
def other(db_path, store):
    """A second connection to the same file."""
    with Store(db_path) as second:
        yield second


def log_size(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM changelog").fetchone()[0]


DRAFT_WRITES = {
    "answer": lambda store, id_: inspections.record_answer(store, id_, "m-08", "现场补记"),
    "clear": lambda store, id_: inspections.clear_answer(store, id_, "m-01"),
    "evidence": lambda store, id_: add_evidence(store, id_, "m-07", b"\xff\xd8more",
                                                mime="image/jpeg"),
    "complete": lambda store, id_: inspections.complete(store, id_),
}


@pytest.mark.parametrize("write", DRAFT_WRITES.values(), ids=list(DRAFT_WRITES))
def test_nothing_lands_in_an_inspection_completed_meanwhile(store, other, started, write):
    answer_all_compliant(store, started)
    answered = inspections.answers(store, started)
    before = log_size(store)
    with pytest.raises(ValidationError, match="completed and locked"), \
            just_before_the_write_lock(store, lambda: inspections.complete(other, started)):
        write(store, started)
    assert log_size(store) == before + 1  # the completion, and nothing after it
    assert inspections.answers(store, started) == answered
    assert store.db["rectifications"].count == 0


def test_completion_judges_the_answers_it_locks(store, other, started):
    answer_all_compliant(store, started)
    with just_before_the_write_lock(
            store, lambda: inspections.record_answer(other, started, "m-01", "no")):
        created = inspections.complete(store, started)
    assert [get_item(store, c)["item_id"] for c in created] == ["m-01"]


def test_an_inspection_is_signed_once(store, other, started):
    answer_all_compliant(store, started)
    inspections.complete(store, started)
    with pytest.raises(ValidationError, match="not completed"), \
            just_before_the_write_lock(store, lambda: inspections.mark_signed(other, started)):
        inspections.mark_signed(store, started)
    signs = store.conn.execute("SELECT count(*) FROM changelog WHERE op = 'sign'").fetchone()
    assert signs[0] == 1


def test_no_signature_lands_on_an_inspection_signed_meanwhile(store, other, started):
    answer_all_compliant(store, started)
    inspections.complete(store, started)
    with pytest.raises(ValidationError, match="is signed"), \
            just_before_the_write_lock(store, lambda: inspections.mark_signed(other, started)):
        add_signature(store, started, role="representative", signer_name="沈福根",
                      image_png=PNG)
    assert store.db["signatures"].count == 0


@pytest.fixture
def finding(store, started):
    """The open rectification item of a non-compliant answer."""
    answer_all_compliant(store, started)
    inspections.record_answer(store, started, "m-01", "no", note="灭火器过期")
    return inspections.complete(store, started)[0]


def test_an_item_is_closed_once(store, other, finding):
    with pytest.raises(ValidationError, match="already closed"), \
            just_before_the_write_lock(store, lambda: review(other, finding, accept=True)):
        review(store, finding, accept=True)
    assert [e["status"] for e in history(store, finding)] == ["open", "closed"]


def test_no_answer_lands_on_an_item_closed_meanwhile(store, other, finding):
    with pytest.raises(ValidationError, match="closed"), \
            just_before_the_write_lock(store, lambda: review(other, finding, accept=True)):
        respond(store, finding, measure="已更换灭火器")
    assert [e["status"] for e in history(store, finding)] == ["open", "closed"]


def test_two_edits_of_a_subject_made_at_once_both_stay(store, other, subject):
    with just_before_the_write_lock(
            store, lambda: update_subject(other, subject["id"], address="新地址1号")):
        update_subject(store, subject["id"], phone="0572-8888888")
    now = get_subject(store, subject["id"])
    assert (now["address"], now["phone"]) == ("新地址1号", "0572-8888888")
    assert store.db["conflicts"].count == 0
