"""Paged queries behind the app's tables, and subject editing and import previews."""

import csv

import pytest

from inspector import ids, inspections, queries
from inspector.errors import Cancelled, ValidationError
from inspector.subjects import (
    add_subject,
    get_subject,
    list_subjects,
    preview_import,
    update_subject,
)

from .conftest import VALID_CODE
from .helpers.subjects import CODE_B, REGISTER


@pytest.fixture
def two(store, mini):
    a = add_subject(store, name="甲烟花店", code=VALID_CODE, sector="mini", address="永安街")
    b = add_subject(store, name="乙诊所", code=CODE_B, sector="mini", legal_rep="林某")
    return a, b


def test_subject_pages_count_and_search(store, two):
    everything = queries.SubjectFilter()
    assert queries.count_subjects(store, everything) == 2
    # by pinyin: 甲 jia before 乙 yi (by code point 乙 would come first)
    assert [r["name"] for r in queries.subjects_page(store, everything, 0, 1)] == ["甲烟花店"]
    assert [r["name"] for r in queries.subjects_page(store, everything, 1, 5)] == ["乙诊所"]
    for text in ("永安", VALID_CODE[:6], "林某"):
        found = queries.subjects_page(store, queries.SubjectFilter(text), 0, 10)
        assert len(found) == 1, text
    assert queries.count_subjects(store, queries.SubjectFilter(sector="clinic")) == 0


def test_subject_rows_carry_last_inspection_and_open_items(store, two, mini):
    a, _ = two
    first = inspections.start(store, subject=a["id"], checklist=mini, inspectors=["张", "李"],
                              started_at="2026-01-02T01:00:00.000Z")
    inspections.record_answer(store, first, "m-01", "no")
    for item, value in (("m-03", "shop"), ("m-05", 50), ("m-06", ["sand"])):
        inspections.record_answer(store, first, item, value)
    from inspector.evidence import add_evidence
    add_evidence(store, first, "m-07", b"jpeg", mime="image/jpeg")
    inspections.complete(store, first)
    inspections.start(store, subject=a["id"], checklist=mini, inspectors=["张", "李"],
                      started_at="2026-03-04T01:00:00.000Z")
    row = queries.subjects_page(store, queries.SubjectFilter("甲"), 0, 10)[0]
    assert row["last_inspection"].startswith("2026-03-04")
    assert row["open_items"] == 1

    done = queries.InspectionFilter(status="completed")
    assert queries.count_inspections(store, done) == 1
    page = queries.inspections_page(store, done, 0, 10)
    assert page[0]["non_compliant"] == 1 and page[0]["subject"] == "甲烟花店"
    assert page[0]["answered"] == 5  # m-02 is hidden by m-01 = no; the photo counts
    dated = queries.InspectionFilter(since="2026-02-01", until="2026-12-31")
    assert [r["status"] for r in queries.inspections_page(store, dated, 0, 10)] == ["draft"]


def test_update_subject_checks_and_logs(store, two):
    a, _ = two
    changed = update_subject(store, a["id"], name="甲烟花爆竹店", code=VALID_CODE.lower(),
                             sector="测试", address="新街1号")
    assert changed["name"] == "甲烟花爆竹店" and changed["address"] == "新街1号"
    assert store.db["changelog"].count_where("op = 'update'") == 1
    with pytest.raises(ValidationError, match="identifies this subject"):
        update_subject(store, a["id"], name="甲", code=CODE_B, sector="mini")
    with pytest.raises(ValidationError, match="check character"):
        update_subject(store, a["id"], name="甲", code=VALID_CODE[:-1] + "X", sector="mini")
    assert get_subject(store, a["id"])["name"] == "甲烟花爆竹店"


def write_register(tmp_path):
    path = tmp_path / "register.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(REGISTER)
    return path


def test_preview_names_bad_rows_and_writes_nothing(store, checklist_dir, tmp_path):
    rows = preview_import(write_register(tmp_path))
    assert [(r.number, r.error is None) for r in rows] == [
        (2, True), (3, False), (4, True), (6, False)]
    assert "check character" in rows[1].error
    assert list_subjects(store) == []


def test_import_can_be_cancelled_and_rolls_back(store, checklist_dir, tmp_path):
    from inspector.subjects import import_subjects

    with pytest.raises(Cancelled):
        import_subjects(store, write_register(tmp_path), progress=lambda done, total: False)
    assert list_subjects(store) == []
    seen = []
    result = import_subjects(store, write_register(tmp_path),
                             progress=lambda done, total: seen.append((done, total)))
    assert len(result.added) == 2 and seen == [(1, 2), (2, 2)]


def test_date_filter_takes_beijing_days_and_reads_the_start_index(store, two, mini):
    a, _ = two
    starts = ["2026-03-31T15:59:59.999Z",  # 3-31 23:59:59 in Beijing
              "2026-03-31T16:00:00.000Z",  # 4-1 00:00, the first moment of the day
              "2026-04-01T15:59:59.999Z",  # 4-1 23:59:59
              "2026-04-01T16:00:00.000Z"]  # 4-2 00:00
    made = [inspections.start(store, subject=a["id"], checklist=mini, inspectors=["张", "李"],
                              started_at=started) for started in starts]

    def found(**days):
        where = queries.InspectionFilter(**days)
        rows = queries.inspections_page(store, where, 0, 10)
        assert queries.count_inspections(store, where) == len(rows)
        return sorted(made.index(row["id"]) for row in rows)

    assert found(since="2026-04-01", until="2026-04-01") == [1, 2]
    assert found(since="2026-04-01") == [1, 2, 3]
    assert found(until="2026-04-01") == [0, 1, 2]
    assert found(until="2026-03-31") == [0]
    assert found(since="2026-04-02", until="2026-04-02") == [3]
    assert found(since="2026-04-03") == []
    # the column is compared as stored, so the day's bounds are a range on its index
    sql, params = queries.InspectionFilter(since="2026-04-01", until="2026-04-01").where()
    plan = " ".join(row[3] for row in store.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM inspections i{sql}", params))
    assert "inspections_started (started_at>? AND started_at<?)" in plan, plan


def test_a_given_start_is_stored_in_utc_so_it_sorts_filters_and_shows_right(store, two, mini):
    a, _ = two
    given = {"evening": "2026-04-01T20:00:00+08:00",  # 12:00 UTC
             "typed": "2026-04-01 07:30",  # no zone: Beijing time, 3-31 23:30 UTC
             "utc": "2026-04-01T16:00:00Z",  # 4-2 00:00 in Beijing
             "stored": "2026-03-31T23:00:00.000Z"}  # already as stored
    made = {inspections.start(store, subject=a["id"], checklist=mini, inspectors=["张", "李"],
                              started_at=started): name for name, started in given.items()}
    assert {name: inspections.get(store, made_id)["started_at"]
            for made_id, name in made.items()} == {
        "evening": "2026-04-01T12:00:00.000Z", "typed": "2026-03-31T23:30:00.000Z",
        "utc": "2026-04-01T16:00:00.000Z", "stored": "2026-03-31T23:00:00.000Z"}

    def shown(**days):  # newest first, with the start as the table shows it
        rows = queries.inspections_page(store, queries.InspectionFilter(**days), 0, 10)
        return [(made[row["id"]], ids.local_time(row["started_at"])) for row in rows]

    assert shown() == [("utc", "2026-04-02 00:00"), ("evening", "2026-04-01 20:00"),
                       ("typed", "2026-04-01 07:30"), ("stored", "2026-04-01 07:00")]
    assert shown(since="2026-04-01", until="2026-04-01") == shown()[1:]
    assert [made[row["id"]] for row in inspections.list_inspections(store)] == [
        "utc", "evening", "typed", "stored"]  # as the CLI lists them
