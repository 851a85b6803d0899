"""Inspections: start, answer (autosave unit), skip logic, progress, completion, locking."""

import re
import sqlite3
from datetime import date, timedelta

import pytest

from inspector import checklists, evaluation, i18n, inspections
from inspector.errors import StoreError, ValidationError
from inspector.evidence import add_evidence, add_signature
from inspector.reports import render_inspection_report

from .helpers.pdftools import pdf_text
from .helpers.variants import OBSERVES_AREA, mini_variant

PEOPLE = ["张伟", "李娜"]
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture
def started(store, mini, subject):
    today = date.today().isoformat()
    return inspections.start(store, subject=subject["id"], checklist=mini, inspectors=PEOPLE,
                             started_at=f"{today}T09:00:00.000Z")


def answer_all_compliant(store, inspection_id):
    later = (date.today() + timedelta(days=300)).isoformat()
    for item_id, value in [("m-01", "yes"), ("m-02", later), ("m-03", "shop"),
                           ("m-05", 25), ("m-06", ["extinguisher"])]:
        inspections.record_answer(store, inspection_id, item_id, value)
    add_evidence(store, inspection_id, "m-07", b"\xff\xd8jpeg", mime="image/jpeg")


def test_on_site_inspection_needs_two_inspectors(store, mini, subject):
    with pytest.raises(ValidationError, match="at least two inspectors"):
        inspections.start(store, subject=subject["id"], checklist=mini, inspectors=["张伟", " "])
    self_check = inspections.start(store, subject=subject["id"], checklist=mini,
                                   kind="self_check", inspectors=["沈福根"])
    assert inspections.get(store, self_check)["kind"] == "self_check"


@pytest.mark.parametrize("nobody", [[], [" ", ""]])
def test_a_self_check_needs_the_checkers_name(store, mini, subject, nobody):
    with pytest.raises(ValidationError) as refused:
        inspections.start(store, subject=subject["id"], checklist=mini, kind="self_check",
                          inspectors=nobody)
    assert refused.value.message == "a self-check needs the name of the person who checked"
    assert store.conn.execute("SELECT count(*) FROM inspections").fetchone()[0] == 0
    i18n.set_language("zh")
    with pytest.raises(ValidationError) as refused:
        inspections.start(store, subject=subject["id"], checklist=mini, kind="self_check",
                          inspectors=nobody)
    assert refused.value.message == "企业自查需要填写自查人姓名"


@pytest.mark.parametrize("given", ["yesterday", "2026-13-01 07:30", "01/04/2026 07:30"])
def test_a_start_time_that_is_not_a_date_and_time_is_refused(store, mini, subject, given):
    with pytest.raises(ValidationError) as refused:
        inspections.start(store, subject=subject["id"], checklist=mini, inspectors=PEOPLE,
                          started_at=given)
    assert refused.value.message == (
        f'the start time "{given}" is not a date and time '
        "(e.g. 2026-04-01 07:30, Beijing time, or 2026-04-01T07:30:00+08:00)")
    assert store.conn.execute("SELECT count(*) FROM inspections").fetchone()[0] == 0
    i18n.set_language("zh")
    with pytest.raises(ValidationError) as refused:
        inspections.start(store, subject=subject["id"], checklist=mini, inspectors=PEOPLE,
                          started_at=given)
    assert refused.value.message == (
        f"无法识别开始时间“{given}”（格式如 2026-04-01 07:30，北京时间；"
        "或 2026-04-01T07:30:00+08:00）")


def test_checklist_must_fit_the_subjects_sector(store, mini, subject):
    clinic = checklists.find("clinic")
    with pytest.raises(ValidationError, match="is for sector clinic"):
        inspections.start(store, subject=subject["id"], checklist=clinic, inspectors=PEOPLE)


def test_start_pins_the_checklist_and_defaults_from_subject(store, mini, started):
    inspection = inspections.get(store, started)
    assert inspection["status"] == "draft"
    assert inspection["checklist_id"] == "mini" and inspection["checklist_version"] == "1.0"
    assert inspection["checklist_hash"] == mini.hash
    assert inspection["place"] == "武康街道永安街58号"
    assert inspection["representative"] == "沈福根"
    assert inspection["inspectors"] == PEOPLE
    assert inspections.get(store, started[:13])["id"] == started  # unique prefix works


def test_pinned_version_survives_checklist_file_change(store, mini, started, checklist_dir):
    path = checklist_dir / "mini.yaml"
    path.write_text(path.read_text("utf-8").replace("持有有效许可证", "持证经营")
                    .replace('version: "1.0"', 'version: "1.1"'), "utf-8")
    assert checklists.find("mini").version == "1.1"
    pinned = inspections.checklist_of(store, inspections.get(store, started))
    assert pinned.version == "1.0"
    assert pinned.item("m-01")["text"]["zh"] == "持有有效许可证"


@pytest.mark.parametrize("item_id, value, stored", [
    ("m-01", "no", "no"),
    ("m-03", "stall", "stall"),
    ("m-05", "12.50", 12.5),
    ("m-05", 30, 30),
    ("m-06", ["sand", "extinguisher", "sand"], ["extinguisher", "sand"]),
    ("m-08", "  门口堆放杂物  ", "门口堆放杂物"),
])
def test_answers_are_normalised_and_saved(store, started, item_id, value, stored):
    inspections.record_answer(store, started, item_id, value, note=" 备注 ")
    saved = inspections.answers(store, started)[item_id]
    assert saved["value"] == stored and saved["note"] == "备注"
    assert inspections.position(store, started) == item_id


@pytest.mark.parametrize("item_id, value, message", [
    ("m-01", "maybe", "not one of yes/no/na"),
    ("m-03", "kiosk", "not one of shop/counter/stall"),
    ("m-05", "big", "not a number"),
    ("m-05", -1, "outside 0-10000"),
    ("m-05", "nan", "not a number"),
    ("m-06", ["fire"], "not one of"),
    ("m-02", "2026-02-30", "not a date"),
])
def test_bad_answers_refused_and_nothing_saved(store, started, item_id, value, message):
    if item_id == "m-02":
        inspections.record_answer(store, started, "m-01", "yes")
    before = store.db["changelog"].count
    with pytest.raises(ValidationError, match=message):
        inspections.record_answer(store, started, item_id, value)
    assert item_id not in inspections.answers(store, started)
    assert store.db["changelog"].count == before


def test_each_answer_appends_one_log_entry(store, started):
    before = store.db["changelog"].count
    inspections.record_answer(store, started, "m-01", "yes")
    inspections.record_answer(store, started, "m-01", "no", note="许可证已过期")
    entries = list(store.db.query(
        "SELECT op, data FROM changelog WHERE entity = 'answer' ORDER BY seq"))
    assert store.db["changelog"].count == before + 2
    assert entries[-1]["op"] == "set" and "许可证已过期" in entries[-1]["data"]
    assert store.verify_log() == []


def test_skip_logic_hides_and_clears(store, mini, started):
    checklist = inspections.checklist_of(store, inspections.get(store, started))
    shown = lambda: [i["id"] for i in evaluation.visible_items(  # noqa: E731
        checklist, inspections.values(inspections.answers(store, started)))]
    assert "m-04" not in shown() and "m-02" not in shown()
    inspections.record_answer(store, started, "m-03", "counter")
    assert "m-04" in shown()
    inspections.record_answer(store, started, "m-04", "no", note="与日用品混放")
    cleared = inspections.record_answer(store, started, "m-03", "shop")
    assert cleared == ["m-04"]
    assert "m-04" not in inspections.answers(store, started)
    assert "m-04" not in shown()


def test_progress_counts_per_section(store, started):
    inspections.record_answer(store, started, "m-01", "no", note="无证经营")
    inspections.record_answer(store, started, "m-05", 8)
    state = inspections.progress(store, started)
    basics, site = state.sections
    assert (basics.shown, basics.answered, basics.non_compliant) == (2, 1, 1)  # m-02 hidden
    assert (site.shown, site.answered, site.non_compliant) == (4, 1, 1)
    assert state.required == 5 and state.required_answered == 2
    assert [i["id"] for i in state.non_compliant] == ["m-01", "m-05"]
    assert state.by_severity == {"critical": 1, "minor": 1}
    assert [i["id"] for i in state.missing_required] == ["m-03", "m-06", "m-07"]


def test_expired_date_is_non_compliant(store, started):
    inspections.record_answer(store, started, "m-01", "yes")
    inspections.record_answer(store, started, "m-02", "2020-01-01")
    assert [i["id"] for i in inspections.progress(store, started).non_compliant] == ["m-02"]


def test_complete_refused_while_required_missing(store, started):
    inspections.record_answer(store, started, "m-01", "yes")
    with pytest.raises(ValidationError) as info:
        inspections.complete(store, started)
    assert "5 required items are unanswered" in str(info.value)
    assert "m-02" in str(info.value) and "m-07 Site photo" in str(info.value)
    assert inspections.get(store, started)["status"] == "draft"


def test_complete_creates_rectifications_with_deadlines(store, started, subject):
    answer_all_compliant(store, started)
    inspections.record_answer(store, started, "m-01", "no", note="许可证已于2026年3月31日过期")
    inspections.record_answer(store, started, "m-03", "counter")
    inspections.record_answer(store, started, "m-04", "no", note="与日用品混放")
    created = inspections.complete(store, started, finished_at="2026-11-20T03:00:00.000Z")
    assert len(created) == 2
    rows = {r["item_id"]: r for r in store.db["rectifications"].rows}
    licence = rows["m-01"]
    assert licence["problem"] == "持有有效许可证：许可证已于2026年3月31日过期"
    assert licence["basis"] == "《测试条例》第七条"
    assert licence["requirement"] == "立即办理许可证"
    assert licence["severity"] == "critical" and licence["deadline"] == "2026-11-27"  # +7 days
    assert rows["m-04"]["deadline"] == "2026-11-23"  # the item's own 3 days
    # no requirement of its own: the default, in Chinese although the app shows English
    assert rows["m-04"]["requirement"] == "按相关规定限期整改"
    assert licence["responsible"] == "沈福根" and licence["subject_id"] == subject["id"]
    events = list(store.db["rectification_events"].rows)
    assert {e["status"] for e in events} == {"open"} and len(events) == 2
    assert inspections.get(store, started)["status"] == "completed"


def test_a_finding_states_the_facts_found(store, started):
    """The record and the notice state the option chosen or the figure and the note;
    a yes/no answer is a verdict, so its note alone is the fact."""
    answer_all_compliant(store, started)
    inspections.record_answer(store, started, "m-03", "stall", note="占道经营")
    inspections.record_answer(store, started, "m-05", 6)
    inspections.complete(store, started)
    rows = {r["item_id"]: r["problem"] for r in store.db["rectifications"].rows}
    assert rows == {"m-03": "经营方式：摊点；占道经营", "m-05": "营业面积：6 m²"}


def test_completed_is_locked_and_signed_is_frozen_in_the_database(store, started):
    answer_all_compliant(store, started)
    add_signature(store, started, role="inspector", signer_name="张伟", image_png=PNG)
    inspections.complete(store, started)
    with pytest.raises(ValidationError, match="completed and locked"):
        inspections.record_answer(store, started, "m-01", "no")
    inspections.mark_signed(store, started)
    with pytest.raises(ValidationError, match="is signed"):
        inspections.record_answer(store, started, "m-01", "no")
    with pytest.raises(sqlite3.IntegrityError, match="signed inspection cannot be changed"):
        store.conn.execute("UPDATE answers SET value = '\"no\"' WHERE item_id = 'm-01'")
    with (pytest.raises((sqlite3.IntegrityError, StoreError), match="cannot be changed"),
          store.transaction() as conn):
        conn.execute("UPDATE inspections SET place = 'x' WHERE id = ?", (started,))
    assert inspections.answers(store, started)["m-01"]["value"] == "yes"


def test_sign_needs_completion(store, started):
    with pytest.raises(ValidationError, match="not completed"):
        inspections.mark_signed(store, started)


def test_signature_must_be_png(store, started):
    with pytest.raises(ValidationError, match="PNG"):
        add_signature(store, started, role="inspector", signer_name="张伟", image_png=b"GIF89a")


def test_list_counts_non_compliant(store, started):
    inspections.record_answer(store, started, "m-01", "no")
    inspections.record_answer(store, started, "m-05", 3)
    (row,) = inspections.list_inspections(store)
    assert row["non_compliant"] == 2 and row["subject"] == "德清县吉祥烟花爆竹零售店"
    assert inspections.list_inspections(store, status="completed") == []


def test_rectification_status_and_overdue_are_derived(store, started):
    from inspector import ledger_query, rectifications
    from inspector.ledger_query import LedgerFilter

    answer_all_compliant(store, started)
    inspections.record_answer(store, started, "m-01", "no", note="无证")
    inspections.record_answer(store, started, "m-05", 6)
    inspections.complete(store, started, finished_at="2026-11-01T03:00:00.000Z")
    items = {r["item_id"]: r for r in ledger_query.items(store, LedgerFilter(today="2026-11-10"))}
    assert items["m-01"]["deadline"] == "2026-11-08" and items["m-01"]["overdue"] is True
    assert items["m-05"]["deadline"] == "2026-12-01" and items["m-05"]["overdue"] is False
    assert all(r["status"] == "open" for r in items.values())
    overdue = ledger_query.items(store, LedgerFilter(overdue=True, today="2026-11-10"))
    assert [r["item_id"] for r in overdue] == ["m-01"]
    on_deadline_day = ledger_query.items(store, LedgerFilter(overdue=True, today="2026-11-08"))
    assert on_deadline_day == []
    (event,) = rectifications.history(store, items["m-01"]["id"])
    assert event["status"] == "open" and event["deadline"] == "2026-11-08"


def test_days_are_beijing_days(store, started):
    """An inspection finished at 01:00 Beijing time (17:00 UTC the day before) was
    found on the Beijing day, and its deadline counts from there."""
    answer_all_compliant(store, started)
    inspections.record_answer(store, started, "m-01", "no")
    inspections.complete(store, started, finished_at="2026-11-19T17:00:00.000Z")
    (row,) = store.db["rectifications"].rows
    assert row["found_on"] == "2026-11-20" and row["deadline"] == "2026-11-27"


def test_a_given_finish_time_is_stored_as_utc_and_dates_its_findings(store, started):
    """Finished at 07:30 Beijing time on 21 November: stored in UTC (still the 20th
    there), the findings are dated the Beijing day."""
    answer_all_compliant(store, started)
    inspections.record_answer(store, started, "m-01", "no", note="过期")
    inspections.complete(store, started, finished_at="2026-11-21 07:30")
    assert inspections.get(store, started)["finished_at"] == "2026-11-20T23:30:00.000Z"
    (item,) = store.db["rectifications"].rows
    assert item["found_on"] == "2026-11-21" and item["deadline"] == "2026-11-28"


def test_an_observation_is_noted_but_orders_no_rectification(store, checklist_dir, subject,
                                                             tmp_path):
    observing = mini_variant(checklist_dir, OBSERVES_AREA)
    inspection = inspections.start(store, subject=subject["id"], checklist=observing,
                                   inspectors=PEOPLE)
    answer_all_compliant(store, inspection)
    inspections.record_answer(store, inspection, "m-05", 6, note="约6平方米")
    inspections.record_answer(store, inspection, "m-01", "no")
    state = inspections.progress(store, inspection)
    assert [i["id"] for i in state.observations] == ["m-05"]
    assert [i["id"] for i in state.non_compliant] == ["m-01"]  # one rule for counts and orders
    assert state.state("m-05").compliance == "observed"
    assert inspections.list_inspections(store)[0]["non_compliant"] == 1
    created = inspections.complete(store, inspection)
    assert [r["item_id"] for r in store.db["rectifications"].rows] == ["m-01"]
    assert len(created) == 1
    # recorded and shown in the report, marked as an observation
    flat = re.sub(r"\s+", "", pdf_text(render_inspection_report(store, inspection), tmp_path))
    assert "约6平方米" in flat and "6m²" in flat and "观察事项" in flat
