"""Corrections (更正): a signed record is never changed; a new record corrects it,
states why, supersedes it; the ledger and statistics follow the latest record, the
original stays verifiable, and no one but its authors may correct it."""

import pytest

from inspector import corrections, identity, inspections, ledger_query, sync
from inspector.authorization import Unauthorized
from inspector.cli import main
from inspector.digest import digest
from inspector.errors import ValidationError
from inspector.evidence import add_evidence
from inspector.ids import uuid7
from inspector.overview import overview_stats
from inspector.rectifications import review
from inspector.reports import report_content
from inspector.signing import issue_report

from .helpers import forge
from .helpers.pdftools import pdf_text
from .helpers.stores import SECRET, VALID_CODE, befriend, export, make_store
from .test_authorization import World
from .test_bundle import fill

REASON = "营业面积误记为6平方米，实测12平方米"


def counted(store) -> list[tuple[str, str]]:
    """(inspection, check item) of every item the ledger shows."""
    return sorted((r["inspection_id"], r["item_id"])
                  for r in ledger_query.items(store, ledger_query.LedgerFilter()))


@pytest.fixture
def world(tmp_path, checklist_dir):
    made = World(tmp_path)
    yield made
    made.close()


@pytest.fixture
def signed(tmp_path, checklist_dir):
    """An inspector's store with a signed inspection: m-01 and m-05 non-compliant."""
    store = make_store(tmp_path / "inspector.db", "张伟", "inspector")
    original = fill(store)
    inspections.mark_signed(store, original)
    yield store, original
    store.close()


def corrected(store, original: str, **answers) -> str:
    correction = corrections.start(store, original, REASON)
    for item, value in answers.items():
        inspections.record_answer(store, correction, item.replace("_", "-"), value)
    inspections.complete(store, correction)
    return correction


# --- starting a correction ------------------------------------------------------------


def test_a_correction_copies_the_record_and_leaves_the_original_untouched(signed):
    store, original = signed
    before = store.conn.execute("SELECT * FROM inspections WHERE id = ?", (original,)).fetchone()
    correction = corrections.start(store, original, REASON)
    record = inspections.get(store, correction)
    assert (record["status"], record["corrects"], record["correction_reason"]) == (
        "draft", original, REASON)
    assert record["inspectors"] == ["张伟", "李娜"] and record["kind"] == "inspection"
    assert inspections.values(inspections.answers(store, correction)) == \
        inspections.values(inspections.answers(store, original))
    assert inspections.photographed(store, correction) == {"m-07"}
    assert store.conn.execute("SELECT COUNT(*) FROM signatures WHERE inspection_id = ?",
                              (correction,)).fetchone()[0] == 0  # they signed the old text
    assert store.conn.execute("SELECT * FROM inspections WHERE id = ?",
                              (original,)).fetchone() == before
    assert corrections.changes(store, record) == []
    assert store.verify_log() == []


def test_a_correction_needs_a_reason_and_a_signed_record(signed):
    store, original = signed
    with pytest.raises(ValidationError, match="what it changes and why"):
        corrections.start(store, original, "  ")
    draft = corrections.start(store, original, REASON)
    with pytest.raises(ValidationError, match="not signed"):
        corrections.start(store, draft, REASON)


def test_changes_list_old_and_new_per_answer(signed):
    store, original = signed
    correction = corrections.start(store, original, REASON)
    inspections.record_answer(store, correction, "m-05", 12, note="复测")
    found = corrections.changes(store, inspections.get(store, correction))
    assert found == [{"item": "m-05", "text": {"zh": "营业面积", "en": "Floor area"},
                      "old": {"answer": {"zh": "6 m²", "en": "6 m²"}, "note": "现场发现"},
                      "new": {"answer": {"zh": "12 m²", "en": "12 m²"}, "note": "复测"}}]


# --- superseding, and what the ledger counts ------------------------------------------------


def test_the_completed_correction_supersedes_and_the_ledger_follows_it(signed):
    store, original = signed
    assert counted(store) == [(original, "m-01"), (original, "m-05")]
    correction = corrections.start(store, original, REASON)
    inspections.record_answer(store, correction, "m-05", 12)
    assert corrections.superseded_by(store, original) is None  # a draft supersedes nothing
    assert len(counted(store)) == 2
    inspections.complete(store, correction)
    assert corrections.superseded_by(store, original) == correction
    # m-01's open item is replaced by the correction's, keeping its dates; m-05 withdrawn
    assert counted(store) == [(correction, "m-01")]
    old, new = (store.conn.execute(
        "SELECT found_on, deadline FROM rectifications WHERE inspection_id = ?",
        (record,)).fetchone() for record in (original, correction))
    assert new == old
    stats = {row.sector: row for row in overview_stats(store)}["mini"]
    assert (stats.problems, stats.subjects_inspected, stats.by_severity["critical"],
            stats.by_severity["minor"]) == (1, 1, 1, 0)
    # the original keeps its own items and says so in its own view
    own = ledger_query.items(store, ledger_query.LedgerFilter(inspection_id=original))
    assert len(own) == 2


def test_an_item_already_worked_on_carries_on(signed):
    store, original = signed
    item = {r["item_id"]: r["id"] for r in ledger_query.items(
        store, ledger_query.LedgerFilter())}
    review(store, item["m-01"], accept=False, note="未整改")
    correction = corrected(store, original, m_05=12)
    # m-01 was reopened: it carries on with its history, the correction adds no second
    assert counted(store) == [(original, "m-01")]
    assert store.conn.execute("SELECT COUNT(*) FROM rectifications WHERE inspection_id = ?",
                              (correction,)).fetchone()[0] == 0


def test_a_correction_of_a_correction_follows_the_chain(signed):
    store, original = signed
    first = corrected(store, original, m_05=12)
    inspections.mark_signed(store, first)
    second = corrected(store, first, m_01="yes", m_02="2099-01-01")
    assert corrections.latest(store, original) == second
    assert corrections.superseded_by(store, original) == first
    assert counted(store) == []  # m-01 withdrawn too: nothing left to rectify
    assert [a["id"] for a in corrections.ancestors(store, inspections.get(store, second))] == \
        [first, original]
    assert corrections.superseded_ids(store) == {original, first}
    # here, the superseded record is not corrected again: its copy would undo the fixes
    with pytest.raises(ValidationError, match=f"correct the latest record, {second}"):
        corrections.start(store, original, REASON)


def test_respond_to_a_replaced_item_after_the_correction_shows_it_again(signed):
    """Deterministic whatever the order: the company's answer to the original's item,
    arriving after the correction withdrew it, makes it count again (worked on)."""
    store, original = signed
    item = {r["item_id"]: r["id"] for r in ledger_query.items(
        store, ledger_query.LedgerFilter())}
    corrected(store, original, m_05=12)
    assert (original, "m-05") not in counted(store)
    review(store, item["m-05"], accept=True, note="已核实")  # decided: worked on
    assert (original, "m-05") in counted(store)


# --- who may correct ---------------------------------------------------------------------


def test_only_the_author_may_correct(world):
    # the company holds the inspector's signed record, but may not correct it
    with pytest.raises(Unauthorized, match="company only its own self-check"):
        corrections.start(world.company, world.signed, REASON)
    with pytest.raises(Unauthorized):
        corrections.start(world.supervisor, world.signed, REASON)
    assert corrections.start(world.inspector, world.signed, REASON)


def test_a_named_officer_of_the_bureau_may_correct(tmp_path, checklist_dir):
    author = make_store(tmp_path / "a.db", "张伟", "inspector")
    colleague = make_store(tmp_path / "b.db", "李娜", "inspector")
    stranger = make_store(tmp_path / "c.db", "王强", "inspector")
    befriend(author, colleague, stranger)
    original = fill(author)
    inspections.mark_signed(author, original)
    bundle = export(author, tmp_path / "a.zip")
    for other in (colleague, stranger):
        sync.import_bundle(other, bundle)
    correction = corrections.start(colleague, original, REASON)
    assert inspections.get(colleague, correction)["created_by"] == \
        identity.own_identity(colleague).id
    with pytest.raises(Unauthorized):
        corrections.start(stranger, original, REASON)
    for store in (author, colleague, stranger):
        store.close()


def test_a_company_corrects_its_own_self_check(tmp_path, checklist_dir):
    from inspector import checklists
    from inspector.subjects import add_subject

    company = make_store(tmp_path / "company.db", "吉祥烟花", "company", VALID_CODE)
    add_subject(company, name="吉祥烟花", code=VALID_CODE, sector="mini", legal_rep="沈福根")
    check = inspections.start(company, subject=VALID_CODE, checklist=checklists.find("mini"),
                              kind="self_check", inspectors=["沈福根"])
    for item, value in [("m-01", "yes"), ("m-02", "2099-01-01"), ("m-03", "shop"),
                        ("m-05", 20), ("m-06", ["sand"])]:
        inspections.record_answer(company, check, item, value)
    add_evidence(company, check, "m-07", b"\xff\xd8\xff photo", mime="image/jpeg")
    inspections.complete(company, check)
    inspections.mark_signed(company, check)
    correction = corrected(company, check, m_05=8)
    assert inspections.get(company, correction)["kind"] == "self_check"
    assert counted(company) == [(correction, "m-05")]
    company.close()


def forged_correction(world, original: str) -> tuple:
    record = inspections.get(world.inspector, original)
    data = {k: record[k] for k in ("kind", "subject_id", "checklist_id", "checklist_version",
                                   "sector", "place", "inspectors", "checklist_hash")}
    return ("inspection", uuid7(), "create",
            {**data, "started_at": record["started_at"], "corrects": original,
             "correction_reason": "伪造"})


def test_a_forged_correction_by_the_company_is_refused_on_import(world):
    path = world.company_sends(forged_correction(world, world.signed))
    world.refused(path, "inspection", "(correction)", "a company only its own self-check")
    assert corrections.superseded_by(world.supervisor, world.signed) is None


def test_a_correction_of_an_unsigned_record_is_refused_on_import(world, tmp_path):
    entity, record_id, op, data = forged_correction(world, world.completed)
    forge.append(world.inspector, entity, record_id, op, data)
    with pytest.raises(sync.BundleError, match="only a signed record"):
        sync.import_bundle(world.supervisor, export(world.inspector, tmp_path / "f.zip"))


def test_corrections_travel_and_supersede_on_the_receiver(world, tmp_path):
    correction = corrected(world.inspector, world.signed, m_05=12)
    inspections.mark_signed(world.inspector, correction)
    sync.import_bundle(world.supervisor, export(world.inspector, tmp_path / "c.zip"))
    assert corrections.superseded_by(world.supervisor, world.signed) == correction
    assert counted(world.supervisor) == counted(world.inspector)
    assert world.supervisor.verify_log() == []


# --- two devices, offline ------------------------------------------------------------------


def test_two_corrections_made_apart_the_later_supersedes_everywhere(tmp_path, checklist_dir):
    author = make_store(tmp_path / "a.db", "张伟", "inspector")
    colleague = make_store(tmp_path / "b.db", "李娜", "inspector")
    befriend(author, colleague)
    original = fill(author)
    inspections.mark_signed(author, original)
    sync.import_bundle(colleague, export(author, tmp_path / "a0.zip"))
    mine = corrected(author, original, m_05=12)
    theirs = corrected(colleague, original, m_01="yes", m_02="2099-01-01")
    later = max(mine, theirs)  # UUIDv7: made later, sorts later
    sync.import_bundle(colleague, export(author, tmp_path / "a1.zip"))
    sync.import_bundle(author, export(colleague, tmp_path / "b1.zip"))
    for store in (author, colleague):
        assert corrections.superseded_by(store, original) == later
        assert corrections.latest(store, original) == later
        assert corrections.superseded_ids(store) == {original, min(mine, theirs)}
        assert counted(store) == [(later, i) for i in
                                  (["m-01"] if later == mine else ["m-05"])]
    assert counted(author) == counted(colleague)
    author.close()
    colleague.close()


# --- reports and verify ----------------------------------------------------------------------


@pytest.fixture
def reported(tmp_path, checklist_dir):
    """The original's signed report, then a signed correction of it with its report."""
    store = make_store(tmp_path / "inspector.db", "张伟", "inspector")
    original = fill(store)
    first = issue_report(store, original, tmp_path / "original.pdf", secret=SECRET)
    correction = corrections.start(store, original, REASON)
    inspections.record_answer(store, correction, "m-05", 12, note="复测")
    inspections.complete(store, correction)
    issue_report(store, correction, tmp_path / "correction.pdf", secret=SECRET)
    yield store, original, correction, first
    store.close()


def test_the_corrections_report_says_what_it_corrects_and_why(reported, tmp_path):
    store, original, correction, first = reported
    text = pdf_text((tmp_path / "correction.pdf").read_bytes(), tmp_path)
    flat = "".join(text.split())
    assert "更正说明" in flat and REASON in flat
    assert original in flat and first.content_hash[:16] in flat
    # old → new of the changed answer, in one row
    assert "2.1营业面积6m²；备注：现场发现12m²；备注：复测" in flat
    content = report_content(store, correction)
    assert content["correction"]["corrects"]["content_hash"] == first.content_hash
    assert content["inspection"]["corrects"] == original


def test_the_originals_report_stays_and_says_it_was_superseded(reported, tmp_path):
    store, original, correction, first = reported
    assert digest(report_content(store, original)) == first.content_hash  # still verifies
    again = issue_report(store, original, tmp_path / "again.pdf", secret=SECRET)
    assert again.content_hash == first.content_hash
    flat = "".join(pdf_text((tmp_path / "again.pdf").read_bytes(), tmp_path).split())
    assert "本记录已被更正" in flat and correction in flat


def test_verify_on_the_original_says_by_what_it_was_superseded(reported, tmp_path, capsys):
    store, _, correction, _ = reported
    code = main(["--db", str(store.path), "verify", str(tmp_path / "original.pdf")])
    out = capsys.readouterr().out
    assert code == 0
    assert "match" in out  # the signature and the content still verify
    assert f"superseded by correction {correction}" in out and REASON in out
    later = corrected(store, correction, m_01="yes", m_02="2099-01-01")
    main(["--db", str(store.path), "verify", str(tmp_path / "original.pdf")])
    out = capsys.readouterr().out
    assert f"superseded by correction {correction}" in out and later in out


def test_verify_on_a_record_not_superseded_says_nothing_of_it(reported, tmp_path, capsys):
    store = reported[0]
    assert main(["--db", str(store.path), "verify", str(tmp_path / "correction.pdf")]) == 0
    assert "superseded" not in capsys.readouterr().out


# --- the command line --------------------------------------------------------------------------


def test_cli_correct_starts_a_correction_and_the_list_marks_the_original(signed, capsys):
    store, original = signed
    db = str(store.path)
    assert main(["--db", db, "inspections", "correct", original[:12], "--reason", REASON]) == 0
    correction = capsys.readouterr().out.split()[-1].strip("()")
    made = store.conn.execute("SELECT id FROM inspections WHERE corrects = ?",
                              (original,)).fetchone()[0]
    inspections.complete(store, made)
    assert main(["--db", db, "inspections", "list"]) == 0
    line = next(row for row in capsys.readouterr().out.splitlines() if row.startswith(original))
    assert "(superseded)" in line
    assert correction == original  # the message names the original it corrects
    assert main(["--db", db, "inspections", "correct", original, "--reason", " "]) == 1
    assert "what it changes and why" in capsys.readouterr().err
    assert main(["--db", db, "inspections", "correct", original]) == 2  # --reason required


def test_cli_show_says_what_a_record_corrects_and_what_supersedes_it(signed, capsys):
    store, original = signed
    correction = corrected(store, original, m_05=12)
    assert main(["--db", str(store.path), "inspections", "show", correction]) == 0
    assert f"corrects inspection {original}" in capsys.readouterr().out
    assert main(["--db", str(store.path), "inspections", "show", original]) == 0
    assert f"superseded by correction {correction}" in capsys.readouterr().out
