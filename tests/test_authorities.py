"""Competent authorities: a checklist names the kind competent for its items (an item
another, by the law it cites), an inspection the bureaus issuing its notices, and a
joint inspection gets one notice per competent authority, each in its own name."""

import random
import re
from datetime import date

import pytest

from inspector import authorities, checklists, identity, ids, inspections, numbering, sync
from inspector.cli import main
from inspector.demo_answers import answer_all
from inspector.digest import digest
from inspector.errors import ValidationError
from inspector.reports import issue_notices, report_content
from inspector.reports.notice_pdf import notice_groups
from inspector.subjects import add_subject

from .helpers.pdftools import pdf_text
from .helpers.stores import SECRET, VALID_CODE, befriend, export, make_store, records

HEALTH, MARKET = "卫生健康行政部门", "市场监督管理部门"
OWN = "某县市场监督管理局"  # make_store's organisation
HEALTH_BUREAU = "某县卫生健康局"
YEAR = int(ids.today()[:4])
AD, SIGNS = "cli-19", "cli-06"  # illegal medical ads (广告法), posted licence (条例)


def flat(pdf: bytes, tmp_path) -> str:
    return re.sub(r"\s+", "", pdf_text(pdf, tmp_path))


def clinic_inspection(store, given=(), complete=True) -> str:
    """A clinic inspection by `given` authorities that finds the ads and the postings
    wrong (the first the market regulator's, the second the health bureau's)."""
    clinic = checklists.find("clinic")
    if not store.conn.execute("SELECT 1 FROM subjects WHERE uscc = ?", (VALID_CODE,)).fetchone():
        add_subject(store, name="某某诊所", code=VALID_CODE, sector="clinic", legal_rep="王医生")
    started = inspections.start(store, subject=VALID_CODE, checklist=clinic,
                                inspectors=["张伟", "李娜"], authorities=list(given))
    if complete:
        answer_all(store, started, clinic, {AD: {"value": "no", "note": "门头灯箱写有“包治”"},
                                            SIGNS: {"value": "no"}},
                   date.fromisoformat(ids.today()), random.Random(1))
        inspections.complete(store, started)
    return started


@pytest.fixture
def team(tmp_path, checklist_dir):
    made = {"zhang": make_store(tmp_path / "zhang.db", "张伟", "inspector"),
            "bureau": make_store(tmp_path / "bureau.db", "陈静", "supervisor"),
            "company": make_store(tmp_path / "company.db", "某某诊所", "company")}
    befriend(*made.values())
    yield made
    for store in made.values():
        store.close()


# --- checklists ---------------------------------------------------------------------


def test_each_sector_names_its_competent_authority_and_the_items_of_another():
    kinds = {c.id: c.authority_kind for c in checklists.load_bundled()}
    assert kinds == {"clinic": HEALTH, "telecom_vas": "通信管理局",
                     "fireworks_retail": "应急管理部门", "ride_hailing": "交通运输主管部门"}
    clinic = checklists.find("clinic")
    assert clinic.competent_kind(clinic.item(AD)) == MARKET  # 广告法 第五十八条
    assert clinic.competent_kind(clinic.item(SIGNS)) == HEALTH
    assert clinic.authority_kinds == [HEALTH, MARKET]
    overrides = {i["id"]: i["authority"] for c in checklists.load_bundled() for i in c.items
                 if "authority" in i}
    assert overrides == {"cli-19": MARKET, "tel-13": MARKET, "rh-18": MARKET,
                         "rh-04": "通信管理局"}


def test_an_item_authority_needs_the_checklists_own(tmp_path, checklist_dir):
    text = (checklist_dir / "mini.yaml").read_text("utf-8")
    assert "authority:" not in text.split("sections:")[0]
    first_item = re.search(r"\n(\s+)- id: (m-01)\n", text)
    indent = first_item.group(1) + "  "
    broken = text.replace(first_item.group(0),
                          f"{first_item.group(0)}{indent}authority: {MARKET}\n", 1)
    path = tmp_path / "broken.yaml"
    path.write_text(broken, "utf-8")
    problems = checklists.validate_file(path)
    assert [p.item for p in problems] == ["m-01"]
    assert "authority: kind:" in str(problems[0])
    fixed = broken.replace("\nsections:", "\nauthority:\n  kind: 应急管理部门\n"
                                          "  zh: 应急管理部门\nsections:", 1)
    path.write_text(fixed, "utf-8")
    assert checklists.validate_file(path) == []
    path.write_text(fixed.replace(f"authority: {MARKET}", "authority: {zh: 市场}"), "utf-8")
    assert any(p.item == "m-01" for p in checklists.validate_file(path))  # the schema: a kind
    assert main(["checklists", "validate", str(path)]) == 1


# --- choosing them --------------------------------------------------------------------


def test_a_bureaus_kind_is_told_by_its_name():
    kinds = [HEALTH, MARKET, "通信管理局", "交通运输主管部门", "应急管理部门"]
    assert authorities.kind_of("杭州市西湖区市场监督管理局", kinds) == MARKET
    assert authorities.kind_of("西湖区卫生健康局", kinds) == HEALTH
    assert authorities.kind_of("浙江省通信管理局", kinds) == "通信管理局"
    assert authorities.kind_of("杭州市交通运输局", kinds) == "交通运输主管部门"
    assert authorities.kind_of("某县综合行政执法局", kinds) is None


def test_the_lead_defaults_to_the_identitys_org_and_joint_ones_are_one_per_kind(checklist_dir):
    clinic = checklists.find("clinic")
    assert authorities.choose(clinic, [], OWN) == [{"kind": MARKET, "name": OWN}]
    assert authorities.choose(clinic, [], None) == []
    assert authorities.choose(clinic, ["某县综合行政执法局"], OWN) == [
        {"kind": None, "name": "某县综合行政执法局"}]  # the lead: of none of the kinds
    assert authorities.choose(clinic, [OWN, f"{HEALTH}=某县卫生监督所"], None) == [
        {"kind": MARKET, "name": OWN}, {"kind": HEALTH, "name": "某县卫生监督所"}]
    with pytest.raises(ValidationError, match="KIND=NAME"):
        authorities.choose(clinic, [OWN, "某县综合行政执法局"], None)
    with pytest.raises(ValidationError, match="one of"):
        authorities.choose(clinic, [OWN, "应急管理部门=某县应急管理局"], None)
    with pytest.raises(ValidationError, match="repeats"):
        authorities.choose(clinic, [HEALTH_BUREAU, "某县卫生健康委员会"], None)


def test_an_inspection_records_its_authorities_and_only_a_draft_changes_them(team):
    zhang = team["zhang"]
    started = clinic_inspection(zhang, complete=False)
    assert authorities.of_inspection(inspections.get(zhang, started)) == [
        {"kind": MARKET, "name": OWN}]
    chosen = inspections.set_authorities(zhang, started, [HEALTH_BUREAU, OWN])
    record = inspections.get(zhang, started)
    assert authorities.of_inspection(record) == chosen == [
        {"kind": HEALTH, "name": HEALTH_BUREAU}, {"kind": MARKET, "name": OWN}]
    assert record["authority"] == HEALTH_BUREAU  # the lead is the authority of record
    done = clinic_inspection(zhang)
    with pytest.raises(ValidationError, match="locked"):
        inspections.set_authorities(zhang, done, [HEALTH_BUREAU])


def test_a_self_check_has_no_authority(team):
    with pytest.raises(ValidationError, match="self-check"):
        add_subject(team["company"], name="某某诊所", code=VALID_CODE, sector="clinic")
        inspections.start(team["company"], subject=VALID_CODE,
                          checklist=checklists.find("clinic"), kind="self_check",
                          inspectors=["王医生"], authorities=[OWN])


# --- notices ------------------------------------------------------------------------------


def test_a_joint_inspection_gives_one_notice_per_authority_in_its_name(team, tmp_path):
    zhang = team["zhang"]
    holder = identity.own_identity(zhang).fingerprint[:16]
    numbering.assign_block(team["bureau"], holder=holder, prefix="某县市监责改", year=YEAR,
                           first=1, last=10)
    sync.import_bundle(zhang, export(team["bureau"], tmp_path / "block.zip"))
    joint = clinic_inspection(zhang, [OWN, HEALTH_BUREAU])
    notices = issue_notices(zhang, joint)
    assert [(n.authority["name"], n.authority["lead"]) for n in notices] == [
        (OWN, True), (HEALTH_BUREAU, False)]
    market, health = (flat(n.pdf, tmp_path) for n in notices)
    assert f"{OWN}（盖章）" in market and "门头灯箱" in market and "公示" not in market
    assert f"{HEALTH_BUREAU}（盖章）" in health and "门头灯箱" not in health
    assert "诊疗科目、诊疗时间和收费标准" in health and f"{OWN}（盖章）" not in health
    assert "联合检查" in market and "联合检查" in health
    # the lead's number from its bureau's block; the health bureau has none here
    assert notices[0].issued.number == f"某县市监责改〔{YEAR}〕1号"
    assert notices[1].issued is None and f"〔{YEAR}〕" in health and "由出具机关填写" in health
    assert [d["number"] for d in numbering.documents(zhang)] == [notices[0].issued.number]
    again = issue_notices(zhang, joint)  # a reprint keeps its number, issues no other
    assert again[0].issued.number == notices[0].issued.number and not again[0].issued.new
    assert len(numbering.documents(zhang)) == 1


def test_a_joint_authoritys_block_numbers_its_own_notice_only(team, tmp_path):
    """A health bureau that certified the inspector and gave them a block: its notice
    is numbered from it; the lead's is not (its bureau gave none here)."""
    from inspector import trust_chain
    from inspector.store import Store

    from .helpers.stores import FAST

    zhang = team["zhang"]
    with Store(tmp_path / "health.db") as health:
        identity.init_identity(health, name="刘敏", role="supervisor", org=HEALTH_BUREAU,
                               secret=SECRET, kdf=FAST)
        befriend(health, zhang)
        me = identity.own_identity(zhang)
        trust_chain.vouch(health, identity.export_public(zhang), "-",
                          expected=me.fingerprint, secret=SECRET)
        numbering.assign_block(health, holder=me.fingerprint[:16], prefix="某县卫健责改",
                               year=YEAR, first=5, last=9)
        sync.import_bundle(zhang, export(health, tmp_path / "health-block.zip"))
    notices = issue_notices(zhang, clinic_inspection(zhang, [OWN, HEALTH_BUREAU]))
    assert notices[0].issued is None  # the lead's bureau gave no block here
    assert notices[1].issued.number == f"某县卫健责改〔{YEAR}〕5号"
    assert numbering.documents(zhang)[0]["issued_by"] == "张伟"


def test_items_of_a_kind_nobody_on_the_inspection_is_of_are_transferred(team, tmp_path):
    """A market regulator alone orders the ads, not the postings (the health bureau's:
    transferred, inspector.reports.transfer_pdf); a lead of no known kind still orders
    every item, as every lead did before transfers were recorded."""
    zhang = team["zhang"]
    alone = clinic_inspection(zhang)  # the market regulator alone
    (notice,) = issue_notices(zhang, alone)
    text = flat(notice.pdf, tmp_path)
    assert f"{OWN}（盖章）" in text and "门头灯箱" in text and "收费标准" not in text
    assert "联合检查" not in text and f"属于{HEALTH}职责范围的问题" in text
    health_led = clinic_inspection(zhang, [HEALTH_BUREAU])
    (notice,) = issue_notices(zhang, health_led)
    assert notice.authority["name"] == HEALTH_BUREAU
    text = flat(notice.pdf, tmp_path)
    assert "门头灯箱" not in text and "收费标准" in text
    unknown = clinic_inspection(zhang, ["某县综合行政执法局"])  # of none of the kinds
    (notice,) = issue_notices(zhang, unknown)
    text = flat(notice.pdf, tmp_path)
    assert "门头灯箱" in text and "收费标准" in text and "职责范围" not in text
    # its content, and so its number's digest, is the report's: as before authorities
    assert digest(report_content(zhang, unknown)) == digest(
        notice_groups(zhang, report_content(zhang, unknown))[0][1])


def test_the_report_names_a_joint_inspections_authorities(team):
    joint = clinic_inspection(team["zhang"], [OWN, HEALTH_BUREAU])
    assert report_content(team["zhang"], joint)["authorities"] == [OWN, HEALTH_BUREAU]
    assert digest(report_content(team["zhang"], joint)) == digest(
        report_content(team["zhang"], joint))


# --- travelling and who may write ---------------------------------------------------


def test_bundles_carry_the_authorities_and_their_changes(team, tmp_path):
    zhang, bureau = team["zhang"], team["bureau"]
    joint = clinic_inspection(zhang, [OWN, HEALTH_BUREAU])
    draft = clinic_inspection(zhang, complete=False)
    inspections.set_authorities(zhang, draft, [OWN, f"{HEALTH}=某县卫生监督所"])
    sync.import_bundle(bureau, export(zhang, tmp_path / "zhang.zip"))
    for inspection in (joint, draft):
        assert authorities.of_inspection(inspections.get(bureau, inspection)) == \
            authorities.of_inspection(inspections.get(zhang, inspection))
    assert inspections.get(bureau, draft)["authority"] == OWN
    assert records(bureau, bureau) == records(zhang, bureau)


def test_only_the_creator_names_the_authorities(team, tmp_path):
    """A company cannot name another bureau on the inspector's draft (nor can a second
    officer: the one who started it chose them)."""
    from inspector.authorization import Unauthorized

    from .helpers import forge

    zhang, company, bureau = team["zhang"], team["company"], team["bureau"]
    draft = clinic_inspection(zhang, complete=False)
    sync.import_bundle(company, export(zhang, tmp_path / "zhang.zip"))
    sync.import_bundle(bureau, export(zhang, tmp_path / "zhang.zip"))
    with pytest.raises(Unauthorized):
        inspections.set_authorities(company, draft, ["某县卫生健康局"])
    forge.append(company, "inspection", draft, "authorities", {
        "authorities": [{"kind": HEALTH, "name": "别的卫生健康局"}], "base": None})
    with pytest.raises(sync.BundleError, match="authorities"):
        sync.import_bundle(bureau, export(company, tmp_path / "company.zip"))
    assert inspections.get(bureau, draft)["authority"] == OWN


# --- officers' badges and the command line --------------------------------------------


def test_an_identitys_badge_is_the_default_on_its_inspections(tmp_path, checklist_dir):
    from inspector import onsite
    from inspector.store import Store

    from .helpers.stores import FAST

    with Store(tmp_path / "badge.db") as store:
        identity.init_identity(store, name="张伟", role="inspector", org=OWN, secret=SECRET,
                               kdf=FAST, badge=" 33010012345 ")
        assert identity.own_badge(store) == "33010012345"
        started = clinic_inspection(store, complete=False)
        assert onsite.details(inspections.get(store, started))["badges"] == {
            "张伟": "33010012345"}
        given = inspections.start(store, subject=VALID_CODE, checklist=checklists.find("clinic"),
                                  inspectors=["张伟", "李娜"],
                                  badges={"张伟": "1", "李娜": "2"})
        assert onsite.details(inspections.get(store, given))["badges"] == {
            "张伟": "1", "李娜": "2"}
    with Store(tmp_path / "company.db") as store, pytest.raises(ValidationError):
        identity.init_identity(store, name="某公司", role="company", org=None, secret=SECRET,
                               kdf=FAST, code=VALID_CODE, badge="123")


def test_cli_starts_a_joint_inspection_and_writes_its_notices(tmp_path, checklist_dir,
                                                              monkeypatch, capsys):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    db = str(tmp_path / "cli.db")
    assert main(["--db", db, "keys", "init", "--name", "张伟", "--org", OWN,
                 "--badge", "33010012345"]) == 0
    assert main(["--db", db, "keys", "show"]) == 0
    assert "33010012345" in capsys.readouterr().out
    assert main(["--db", db, "subjects", "add", "--name", "某某诊所", "--code", VALID_CODE,
                 "--sector", "clinic"]) == 0
    assert main(["--db", db, "inspections", "start", "--subject", VALID_CODE,
                 "--inspector", "张伟", "--inspector", "李娜:33010099999",
                 "--authority", OWN, "--authority", "某县综合行政执法局"]) == 1
    assert "KIND=NAME" in capsys.readouterr().err
    assert main(["--db", db, "inspections", "start", "--subject", VALID_CODE,
                 "--inspector", "张伟", "--inspector", "李娜:33010099999",
                 "--authority", OWN, "--authority", f"{HEALTH}=某县卫生监督所"]) == 0
    started = capsys.readouterr().out.strip()
    assert main(["--db", db, "inspections", "authority", started,
                 "--authority", OWN, "--authority", HEALTH_BUREAU]) == 0
    assert HEALTH_BUREAU in capsys.readouterr().out
    from inspector.store import Store

    with Store(db) as store:
        clinic = checklists.find("clinic")
        answer_all(store, started, clinic, {AD: {"value": "no"}, SIGNS: {"value": "no"}},
                   date.fromisoformat(ids.today()), random.Random(2))
        assert inspections.get(store, started)["badges"] == \
            '{"张伟": "33010012345", "李娜": "33010099999"}'
    assert main(["--db", db, "inspections", "complete", started]) == 0
    assert main(["--db", db, "inspections", "show", started]) == 0
    shown = capsys.readouterr().out
    assert f"{OWN} ({MARKET})" in shown and f"{HEALTH_BUREAU} ({HEALTH})" in shown
    out = tmp_path / "通知书.pdf"
    assert main(["--db", db, "notice", started, "-o", str(out)]) == 0
    printed = capsys.readouterr()
    second = tmp_path / "通知书-2.pdf"
    assert str(out) in printed.out and str(second) in printed.out
    assert HEALTH_BUREAU in printed.err  # no number of its own here: a blank to fill
    assert f"{OWN}(seal)" in flat(out.read_bytes(), tmp_path)
    assert f"{HEALTH_BUREAU}(seal)" in flat(second.read_bytes(), tmp_path)


def test_a_correction_of_a_joint_inspection_keeps_its_bureaus(team):
    from inspector import corrections

    zhang = team["zhang"]
    original = clinic_inspection(zhang, [OWN, f"{HEALTH}={HEALTH_BUREAU}"])
    inspections.mark_signed(zhang, original)
    correction = corrections.start(zhang, original, "执业许可证号误记")
    assert authorities.of_inspection(inspections.get(zhang, correction)) == \
        authorities.of_inspection(inspections.get(zhang, original))
    assert [a["name"] for a in authorities.of_inspection(inspections.get(zhang, correction))] \
        == [OWN, HEALTH_BUREAU]
