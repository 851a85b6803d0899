"""Credit consequences: proposals from facts by rules written as data, the notice
before a decision takes effect, the supervisor's decision, repair, publication and
sharing files, what a company may write, and the command line."""

import csv
import json
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from inspector import authorization, identity, ids, sync
from inspector.campaign import tasks
from inspector.credit import exports, rulesets, service
from inspector.errors import InspectorError, ValidationError
from inspector.store import Store

from .helpers import campaign as small
from .helpers import campaigns as camp
from .helpers.forge import append
from .helpers.pdftools import pdf_text
from .helpers.stores import SECRET, befriend, export, make_store


@pytest.fixture
def bureau(tmp_path):
    store = make_store(tmp_path / "bureau.db", "某县局", "supervisor")
    yield store
    store.close()


def _listed(bureau) -> dict:
    """A subject with a heavier penalty, proposed, notified on 11-01 for 10 days."""
    subject = camp.subjects(bureau, 2)[0]
    service.enter_penalty(bureau, subject["uscc"], decision_no="某市监罚〔2026〕1号",
                          decided_on="2026-10-20", heavier=True, note="=HYPERLINK(\"x\")")
    [proposal] = service.propose(bureau, today="2026-11-01")
    service.notify(bureau, proposal["id"], days=10, on="2026-11-01")
    return service.decide(bureau, proposal["id"], approve=True, reason="事实清楚",
                          on="2026-11-02")


# --- proposals from facts ---------------------------------------------------------------


def test_a_heavier_penalty_proposes_a_serious_listing_once(bureau):
    first, second = camp.subjects(bureau, 2)
    service.enter_penalty(bureau, first["id"], decision_no="罚1号", decided_on="2026-10-01",
                          heavier=True)
    service.enter_penalty(bureau, second["id"], decision_no="罚2号", decided_on="2026-10-01",
                          heavier=False)
    made = service.propose(bureau, today="2026-11-01")
    assert [(p["subject_id"], p["list"], p["rule"]) for p in made] == [
        (first["id"], "serious", "heavier_penalty")]
    assert "第44号" in made[0]["basis"] and made[0]["facts"]["decision_no"] == "罚1号"
    assert service.propose(bureau, today="2026-11-02") == []  # a fact proposes once


def test_an_unreachable_task_result_proposes_an_abnormal_listing(bureau, tmp_path):
    camp.subjects(bureau, 4)
    camp.officers(bureau)
    plan, _ = camp.drawn(bureau, ratio="100%")
    tasks.make_tasks(bureau, plan["id"], on="2026-11-02")
    task = tasks.tasks(bureau, plan["id"])[0]
    tasks.record_result(bureau, task["id"], "unreachable", note="登记住所已无人")
    made = service.propose(bureau, today="2026-11-10")
    assert [(p["subject_id"], p["list"], p["campaign_id"]) for p in made] == [
        (task["subject_id"], "abnormal", plan["id"])]
    assert made[0]["ground"] == "通过登记的住所或者经营场所无法联系"
    assert "第68号" in made[0]["basis"] and "第九条" in made[0]["basis"]
    # no text verified to give the right before this listing: the notice says so generally
    from inspector.credit.notice_pdf import render_notice

    notice = service.notify(bureau, made[0]["id"], days=10, on="2026-11-10")
    text = pdf_text(render_notice(bureau, notice), tmp_path).replace("\n", "")
    assert "根据有关规定，你单位有权进行陈述、申辩" in text and "第九条" in text
    # the facts as sentences to the party: the result and its note, no field names or ids
    assert "结果为：通过登记的住所或经营场所无法联系（登记住所已无人）。" in text
    assert "task_id" not in text and task["id"] not in text


def test_the_default_rules_cite_each_text_with_its_version_and_articles():
    """docs/citations.md, "Credit listings and repair": every basis a default rule
    prints names its decree and year, and the articles that were found quoted."""
    rules = {r.id: r for r in rulesets.load().rules}
    serious = rules["heavier_penalty"].basis
    assert "国家市场监督管理总局令第44号" in serious and "2021年" in serious
    assert serious.endswith("第二条、第十二条")
    assert "第68号" in rules["unreachable_at_registered_address"].basis
    assert rulesets.load().statement_basis == {"serious": serious.removesuffix("第二条、第十二条")}


def test_an_item_overdue_after_a_rejected_review_proposes_by_its_rules(store, checklist_dir,
                                                                        tmp_path):
    built = small.build(store, checklist_dir)
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n  - id: overdue\n    fact: overdue_after_rejection\n"
        "    severity: [minor, major, critical]\n    list: watch\n"
        "    ground: {zh: 复查不合格后逾期未整改}\n    basis: \"{basis}\"\n", "utf-8")
    ruleset = rulesets.load(rules)
    assert service.propose(store, ruleset, today="2026-11-15") == []  # not overdue yet
    [made] = service.propose(store, ruleset, today="2026-11-16")
    assert made["facts"]["rectification_id"] == built["reopened"]
    item = store.db["rectifications"].get(built["reopened"])
    assert made["basis"] == item["basis"] and made["list"] == "watch"


def test_a_bad_rules_file_names_its_line(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: x\n    fact: nothing\n    list: watch\n", "utf-8")
    with pytest.raises(ValidationError, match=r"rules\.yaml:2"):
        rulesets.load(rules)
    rules.write_text("statement_basis: {blacklist: 《某办法》}\nrules: []\n", "utf-8")
    with pytest.raises(ValidationError, match=r"rules\.yaml.*statement_basis"):
        rulesets.load(rules)


# --- notice and decision ----------------------------------------------------------------


def test_no_decision_before_the_notice_and_it_takes_effect_after_its_deadline(bureau):
    subject = camp.subjects(bureau, 1)[0]
    service.enter_penalty(bureau, subject["id"], decision_no="罚1号", decided_on="2026-10-01",
                          heavier=True)
    [proposal] = service.propose(bureau)
    with pytest.raises(ValidationError, match="notif"):
        service.decide(bureau, proposal["id"], approve=True, reason="事实清楚")
    with pytest.raises(authorization.Unauthorized), bureau.transaction():  # the rule too
        bureau.record("credit_decision", "d1", "create", {
            "proposal_id": proposal["id"], "decision": "approve", "reason": "x",
            "effective_on": "2026-11-02", "publish_until": "2029-11-01"})
    notice = service.notify(bureau, proposal["id"], days=10, on="2026-11-01")
    assert notice["deadline"] == "2026-11-11"
    done = service.decide(bureau, proposal["id"], approve=True, reason="事实清楚",
                          on="2026-11-03", years=3)
    listing = bureau.query("SELECT * FROM credit_listings")[0]
    assert done["status"] == "approved"
    assert (listing["effective_on"], listing["publish_until"]) == ("2026-11-12", "2029-11-11")
    assert service.listings(bureau, published=True, as_of="2026-11-11") == []
    assert len(service.listings(bureau, published=True, as_of="2026-11-12")) == 1
    with pytest.raises(ValidationError):
        service.decide(bureau, proposal["id"], approve=False, reason="again")


def test_a_declined_proposal_lists_nothing_and_the_notice_pdf_states_the_rights(bureau,
                                                                                 tmp_path):
    from inspector.credit.notice_pdf import write_notice

    subject = camp.subjects(bureau, 1)[0]
    service.enter_penalty(bureau, subject["id"], decision_no="罚1号", decided_on="2026-10-01",
                          heavier=True)
    [proposal] = service.propose(bureau)
    notice = service.notify(bureau, proposal["id"], days=10, on="2026-11-01")
    write_notice(bureau, notice, tmp_path / "notice.pdf")
    text = pdf_text((tmp_path / "notice.pdf").read_bytes(), tmp_path)
    for words in ("拟列入严重违法失信名单告知书", "陈述、申辩", "2026年11月11日", subject["name"],
                  "第44号", "第二条、第十二条"):
        assert words in text.replace("\n", ""), words
    facts = "事实：2026年10月1日，本机关以罚1号对你单位作出从重行政处罚决定。"
    assert facts in text.replace("\n", "")
    assert "decision_no" not in text and "penalty_id" not in text
    # the right to state its case, under the text that gives it (the rules' statement_basis)
    assert f"依据{rulesets.load().statement_basis['serious']}的规定，你单位有权进行陈述、申辩" \
        in text.replace("\n", "")
    service.decide(bureau, proposal["id"], approve=False, reason="情节轻微")
    assert bureau.query("SELECT COUNT(*) AS n FROM credit_listings")[0]["n"] == 0
    kinds = [e["kind"] for e in service.credit_record(bureau, subject["id"])]
    assert kinds == ["penalty", "proposal", "notice", "decision"]


# --- bundles: who may write what ---------------------------------------------------------


def test_a_company_cannot_forge_a_decision_and_its_repair_hides_the_listing(bureau, tmp_path):
    listed = _listed(bureau)
    company = make_store(tmp_path / "c.db", "某诊所", "company", code=camp.code(0))
    befriend(bureau, company)
    sync.import_bundle(company, export(bureau, tmp_path / "b1.zip"))
    assert service.get_proposal(company, listed["id"])["status"] == "approved"
    with pytest.raises(authorization.Unauthorized), company.transaction():  # not its to decide
        company.record("credit_repair", "r0", "decide", {"decision": "approve",
                                                          "reason": "x"})
    # a modified client: a decision on its own listing, signed with its own key
    append(company, "credit_decision", "forged", "create", {
        "proposal_id": listed["id"], "decision": "decline", "reason": "自己说了算"})
    with pytest.raises(InspectorError, match="credit_decision"):
        sync.import_bundle(bureau, export(company, tmp_path / "forged.zip"))
    assert service.get_proposal(bureau, listed["id"])["decision"] == "approve"
    company.close()


def test_a_company_writes_only_its_statement_and_its_repair_application(bureau, tmp_path):
    listed = _listed(bureau)
    company = make_store(tmp_path / "c.db", "某诊所", "company", code=camp.code(0))
    befriend(bureau, company)
    sync.import_bundle(company, export(bureau, tmp_path / "b1.zip"))
    other = camp.subjects(bureau, 1, start=5)[0]
    service.enter_penalty(bureau, other["id"], decision_no="罚9号", decided_on=None,
                          heavier=True)  # a fact nobody proposed from yet
    sync.import_bundle(company, export(bureau, tmp_path / "b2.zip"))
    with pytest.raises(authorization.Unauthorized):
        service.enter_penalty(company, other["id"], decision_no="x", decided_on=None,
                              heavier=True)
    with pytest.raises(authorization.Unauthorized):
        service.propose(company)  # the penalty's fact is there, the proposal is not its own
    with pytest.raises(authorization.Unauthorized), company.transaction():
        company.record("credit_notice", "n2", "create", {
            "proposal_id": listed["id"], "notified_on": "2026-11-01", "deadline": "2026-11-02"})
    company.close()


def test_a_company_bundle_carries_its_own_credit_records_only(bureau, tmp_path):
    listed = _listed(bureau)
    other = camp.subjects(bureau, 1, start=5)[0]
    service.enter_penalty(bureau, other["id"], decision_no="罚9号", decided_on=None,
                          heavier=True)
    service.propose(bureau)
    me, key = identity.signing_key(bureau, SECRET)
    sync.export(bureau, tmp_path / "for.zip", me, key, subject=listed["subject_id"])
    company = make_store(tmp_path / "c.db", "某诊所", "company", code=camp.code(0))
    befriend(bureau, company)
    sync.import_bundle(company, tmp_path / "for.zip")
    assert [p["id"] for p in service.proposals(company)] == [listed["id"]]
    assert service.get_proposal(company, listed["id"])["status"] == "approved"
    company.close()


def test_repair_hides_from_publication_but_keeps_the_history(bureau, tmp_path):
    listed = _listed(bureau)
    company = make_store(tmp_path / "c.db", "某诊所", "company", code=camp.code(0))
    befriend(bureau, company)
    sync.import_bundle(company, export(bureau, tmp_path / "b1.zip"))
    # its statement, written in time (the notice's deadline is 2026-11-11) and sent
    # along with its repair application weeks later
    append(company, "credit_statement", "s-in-time", "create", {
        "proposal_id": listed["id"], "text": "我们已经改正"}, at="2026-11-10T02:00:00Z")
    repair = service.apply_repair(company, listed["id"], application="已整改，申请修复",
                                  promise="守信承诺")
    sync.import_bundle(bureau, export(company, tmp_path / "c1.zip"))
    as_of = "2026-12-01"
    assert len(service.listings(bureau, published=True, as_of=as_of)) == 1
    service.decide_repair(bureau, repair["id"], approve=True, reason="已履行义务")
    assert service.listings(bureau, published=True, as_of=as_of) == []
    assert len(service.listings(bureau)) == 1  # the history keeps it
    kinds = [e["kind"] for e in service.credit_record(bureau, listed["subject_id"])]
    assert kinds.count("repair") == 2 and "decision" in kinds and "statement" in kinds
    company.close()


# --- the time to state its case (陈述申辩期限) ---------------------------------------------


def _notified_days_ago(bureau, tmp_path, days_ago: int):
    """The penalised company's store, holding the bureau's proposal about it, notified
    `days_ago` days ago (Beijing days) with 10 days to state its case."""
    subject = camp.subjects(bureau, 2)[0]
    service.enter_penalty(bureau, subject["uscc"], decision_no="某市监罚〔2026〕2号",
                          decided_on=None, heavier=True)
    [proposal] = service.propose(bureau)
    on = date.fromisoformat(ids.today()) - timedelta(days=days_ago)
    notice = service.notify(bureau, proposal["id"], days=10, on=on.isoformat())
    company = make_store(tmp_path / "c.db", "某诊所", "company", code=camp.code(0))
    befriend(bureau, company)
    sync.import_bundle(company, export(bureau, tmp_path / "b1.zip"))
    return company, proposal, notice["deadline"]


def test_a_statement_counts_by_its_signed_beijing_day_against_the_deadline():
    from inspector.credit.rules import stated_late

    assert not stated_late("2026-11-11T15:59:59.999Z", "2026-11-11")  # 23:59 in Beijing
    assert stated_late("2026-11-11T16:00:00.000Z", "2026-11-11")  # the next Beijing day
    assert stated_late("not a time", "2026-11-11")


def test_a_late_statement_is_refused_here_by_the_cli_and_on_import(bureau, tmp_path, capsys,
                                                                    monkeypatch):
    from inspector.cli import main

    company, proposal, deadline = _notified_days_ago(bureau, tmp_path, 20)
    with pytest.raises(authorization.Unauthorized, match=deadline):
        service.state_case(company, proposal["id"], "我们已经改正")
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    assert main(["--db", str(company.path), "credit", "state", proposal["id"][:13],
                 "我们已经改正"]) == 1
    assert deadline in capsys.readouterr().err
    assert service.statements(company, proposal["id"]) == []
    # a modified client writes it anyway, with the time its clock gives: refused on
    # import, naming the bundle, the record and the deadline; nothing comes in
    late = append(company, "credit_statement", "s-late", "create",
                  {"proposal_id": proposal["id"], "text": "迟到的申辩"})
    bundle = export(company, tmp_path / "late.zip")
    with pytest.raises(sync.BundleError) as refused:
        sync.import_bundle(bureau, bundle)
    for words in ("late.zip", "s-late", deadline):
        assert words in str(refused.value)
    assert bureau.query("SELECT COUNT(*) AS n FROM changelog WHERE id = ?",
                        (late["id"],))[0]["n"] == 0
    company.close()


def test_a_statement_written_in_time_counts_whenever_it_arrives(bureau, tmp_path):
    """The signed time decides, so every store judges alike; a statement written on the
    last day that travels for days more (在途时间 does not count) comes in. A company
    could set its clock back: only the arrival would tell, and a late arrival is no
    proof (see inspector.credit.rules.stated_late)."""
    company, proposal, deadline = _notified_days_ago(bureau, tmp_path, 20)
    last_day = f"{deadline}T15:00:00Z"  # 23:00 on the last day, in Beijing
    append(company, "credit_statement", "s-ok", "create",
           {"proposal_id": proposal["id"], "text": "按期提出的申辩"}, at=last_day)
    sync.import_bundle(bureau, export(company, tmp_path / "c1.zip"))
    assert [s["text"] for s in service.statements(bureau, proposal["id"])] == ["按期提出的申辩"]
    company.close()


def test_a_statement_needs_the_notice_and_is_taken_until_its_deadline(bureau, tmp_path):
    company, proposal, deadline = _notified_days_ago(bureau, tmp_path, 3)
    assert deadline > ids.today()
    service.state_case(company, proposal["id"], "我们已经改正")  # in time
    assert len(service.statements(company, proposal["id"])) == 1
    # a second proposal about the same company, not notified yet: nothing to answer
    service.enter_penalty(bureau, proposal["subject_id"], decision_no="罚9号",
                          decided_on=None, heavier=True)
    [unnotified] = service.propose(bureau)
    sync.import_bundle(company, export(bureau, tmp_path / "b2.zip"))
    with pytest.raises(authorization.Unauthorized, match="credit_statement"):
        service.state_case(company, unnotified["id"], "先行申辩")
    company.close()


def test_a_listing_waits_until_the_party_was_heard_or_its_time_ran_out(bureau, tmp_path):
    company, proposal, deadline = _notified_days_ago(bureau, tmp_path, 3)
    with pytest.raises(authorization.Unauthorized, match=deadline):
        service.decide(bureau, proposal["id"], approve=True, reason="事实清楚")
    assert service.get_proposal(bureau, proposal["id"])["status"] == "notified"
    # a bureau that lists early anyway (a modified client): its city refuses the bundle
    city = make_store(tmp_path / "city.db", "某市局", "supervisor")
    befriend(bureau, city)
    append(bureau, "credit_decision", "d-early", "create", {
        "proposal_id": proposal["id"], "decision": "approve", "reason": "未听取申辩",
        "basis": proposal["basis"], "effective_on": deadline, "publish_until": deadline})
    with pytest.raises(sync.BundleError, match="d-early"):
        sync.import_bundle(city, export(bureau, tmp_path / "early.zip"))
    city.close()
    # once the party has stated its case, the bureau may decide before the deadline
    other = make_store(tmp_path / "b2.db", "某县局", "supervisor")
    company.close()
    company, proposal, deadline = _notified_days_ago(other, tmp_path / "again", 3)
    service.state_case(company, proposal["id"], "我们已经改正")
    sync.import_bundle(other, export(company, tmp_path / "heard.zip"))
    done = service.decide(other, proposal["id"], approve=True, reason="已听取申辩，事实清楚")
    assert done["status"] == "approved"
    [listing] = service.listings(other)
    assert listing["effective_on"] > deadline  # still the day after it
    company.close()
    other.close()


def test_a_listing_may_be_declined_while_the_party_may_still_speak(bureau, tmp_path):
    company, proposal, _ = _notified_days_ago(bureau, tmp_path, 3)
    done = service.decide(bureau, proposal["id"], approve=False, reason="情节轻微")
    assert done["status"] == "declined"
    company.close()


# --- files ------------------------------------------------------------------------------


def test_publication_has_no_personal_data_and_no_formulas(bureau, tmp_path):
    listed = _listed(bureau)
    with bureau.transaction():  # a name that would run in a spreadsheet
        bureau.conn.execute("UPDATE subjects SET name = '=1+1' WHERE id = ?",
                            (listed["subject_id"],))
    black = exports.public_rows(service.listings(bureau, published=True, as_of="2026-12-01"),
                                "某县市场监督管理局")
    exports.write_publication(tmp_path / "p.xlsx", black, [])
    sheet = load_workbook(tmp_path / "p.xlsx").worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row]
    values = " ".join(str(c.value) for c in cells)
    assert sheet.cell(2, 1).value == "=1+1" and sheet.cell(2, 1).data_type == "s"
    assert sheet.cell(2, 1).quotePrefix
    for private in ("法人0", "某路0号", "0571", "HYPERLINK", "事实清楚"):
        assert private not in values
    rows = exports.shared_rows(service.listings(bureau))
    exports.write_shared(tmp_path / "s.csv", rows)
    shared = list(csv.DictReader((tmp_path / "s.csv").read_text("utf-8-sig").splitlines()))
    assert shared[0]["subject_name"] == "'=1+1" and shared[0]["legal_rep"] == "法人0"
    exports.write_shared(tmp_path / "s.json", rows)
    assert json.loads((tmp_path / "s.json").read_text("utf-8"))[0]["reason"] == "事实清楚"


def test_publication_holds_a_name_written_like_rich_text_as_one_cell(bureau, tmp_path):
    listed = _listed(bureau)
    hostile = ('<r><t>x</t></r></is></c><c r="Z9"><f>1+1</f></c>'
               '<c r="Z10" t="inlineStr"><is><r><t>y</t></r>')
    with bureau.transaction():
        bureau.conn.execute("UPDATE subjects SET name = ? WHERE id = ?",
                            (hostile, listed["subject_id"]))
    black = exports.public_rows(service.listings(bureau, published=True, as_of="2026-12-01"),
                                "某县市场监督管理局")
    exports.write_publication(tmp_path / "p.xlsx", black, [])
    sheet = load_workbook(tmp_path / "p.xlsx").worksheets[0]
    assert sheet.cell(2, 1).value == hostile
    assert sheet["Z9"].value is None and sheet["Z10"].value is None


# --- the command line -------------------------------------------------------------------


def test_the_command_line_proposes_notifies_decides_and_publishes(tmp_path, capsys,
                                                                   monkeypatch):
    from inspector.cli import main

    db = tmp_path / "bureau.db"
    make_store(db, "某县局", "supervisor").close()
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)

    def run(*args):
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    with Store(db) as store:
        camp.subjects(store, 2)
    assert run("credit", "penalty", camp.code(1), "--decision", "罚1号", "--heavier")[0] == 0
    code, out, _ = run("credit", "propose")
    assert code == 0 and "1 proposal" in out
    [proposal] = json.loads(run("credit", "proposals", "--json")[1])
    code, _, err = run("credit", "decide", proposal["id"][:13], "--approve", "--reason", "x")
    assert code == 1 and "notice" in err
    code, out, _ = run("credit", "notify", proposal["id"][:13], "-o", str(tmp_path / "n.pdf"),
                       "--on", "2026-11-01", "--days", "10")
    assert code == 0 and "2026-11-11" in out and (tmp_path / "n.pdf").exists()
    code, out, _ = run("credit", "decide", proposal["id"], "--approve", "--reason", "事实清楚")
    assert code == 0 and "listed" in out
    code, out, _ = run("credit", "record", camp.code(1))
    assert code == 0 and "listed on the list of serious" in out
    code, out, _ = run("credit", "list", "--sector", "clinic")
    assert code == 0 and camp.code(1) in out
    code, out, _ = run("credit", "publish", "-o", str(tmp_path / "p.xlsx"))
    assert code == 0 and (tmp_path / "p.xlsx").exists()
    code, out, _ = run("credit", "share", "-o", str(tmp_path / "s.json"))
    assert code == 0 and json.loads((tmp_path / "s.json").read_text("utf-8"))[0]["uscc"] == \
        camp.code(1)
    assert run("credit", "list", "--period", "2026-13")[0] == 1


def test_the_command_line_walks_statement_decision_and_repair(tmp_path, capsys, monkeypatch):
    """The company states its case and applies for repair from its store, the bureau
    decides both from its own; bundles carry the steps between them."""
    from inspector.cli import main

    bureau_db, company_db = tmp_path / "bureau.db", tmp_path / "company.db"
    with make_store(bureau_db, "某县局", "supervisor") as bureau, \
            make_store(company_db, "某诊所", "company", code=camp.code(1)) as company:
        befriend(bureau, company)
        camp.subjects(bureau, 2)
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)

    def run(db, *args) -> str:
        assert main(["--db", str(db), *args]) == 0, capsys.readouterr().err
        return capsys.readouterr().out

    def carry(source, target, name):
        with Store(source) as sending, Store(target) as receiving:
            sync.import_bundle(receiving, export(sending, tmp_path / name))

    run(bureau_db, "credit", "penalty", camp.code(1), "--decision", "罚1号", "--heavier")
    run(bureau_db, "credit", "propose")
    [proposal] = json.loads(run(bureau_db, "credit", "proposals", "--json"))
    run(bureau_db, "credit", "notify", proposal["id"], "-o", str(tmp_path / "n.pdf"))
    carry(bureau_db, company_db, "b1.zip")
    assert "statement" in run(company_db, "credit", "state", proposal["id"], "已整改")
    carry(company_db, bureau_db, "c1.zip")
    assert "listed" in run(bureau_db, "credit", "decide", proposal["id"], "--approve",
                           "--reason", "已听取申辩，事实清楚")
    carry(bureau_db, company_db, "b2.zip")
    applied = run(company_db, "credit", "repair", "apply", proposal["id"],
                  "--application", "申请信用修复", "--promise", "守信承诺")
    carry(company_db, bureau_db, "c2.zip")
    [repair] = json.loads(run(bureau_db, "credit", "repairs", "--status", "applied", "--json"))
    assert repair["id"][:13] in applied and repair["evidence"] == []
    assert repair["id"][:13] in run(bureau_db, "credit", "repairs")
    assert "repair granted" in run(bureau_db, "credit", "repair", "decide", repair["id"][:13],
                                   "--approve", "--reason", "已履行义务")
    [listed] = json.loads(run(bureau_db, "credit", "list", "--json"))
    assert listed["repaired_at"] is not None
    assert "repair granted" in run(bureau_db, "credit", "record", camp.code(1))


def test_the_credit_tables_rebuild_from_the_log(bureau, tmp_path):
    from inspector.rebuild import rebuild

    listed = _listed(bureau)
    rebuild(bureau, tmp_path / "again.db")
    with Store(tmp_path / "again.db") as again:
        for table in ("credit_penalties", "credit_proposals", "credit_notices",
                      "credit_listings"):
            assert again.query(f"SELECT * FROM {table}") == bureau.query(
                f"SELECT * FROM {table}"), table
        assert service.get_proposal(again, listed["id"])["status"] == "approved"
