"""Transfers (移送): a finding no bureau on the inspection is competent for is on none of
its notices; it is sent to the competent kind of authority by a signed transfer letter
(案件移送函) numbered from the lead bureau's block, and the ledger shows it transferred."""

import random
import re
import subprocess
from datetime import date

import pytest

from inspector import authorization, checklists, identity, ids, inspections, numbering, sync
from inspector.authorization import Unauthorized
from inspector.cli import main
from inspector.demo_answers import answer_all
from inspector.errors import ValidationError
from inspector.ledger_query import LedgerFilter, items
from inspector.rectifications import respond, review
from inspector.reports import issue_notices, issue_transfers, kinds_to_transfer, ledger_rows
from inspector.statistics import manual
from inspector.statistics.compute import Scope, report
from inspector.statistics.periods import parse
from inspector.subjects import add_subject

from .helpers import forge
from .helpers.pdftools import pdf_text
from .helpers.stores import SECRET, VALID_CODE, befriend, dump_hash, export, make_store

TELECOM, MARKET, TRANSPORT = "通信管理局", "市场监督管理部门", "交通运输主管部门"
OWN = "某县市场监督管理局"  # make_store's organisation
TELECOM_BUREAU = "某省通信管理局"
YEAR = int(ids.today()[:4])
ICP, PRICES = "rh-04", "rh-18"  # the ICP filing (通信管理局), fares marked (市场监管)


def flat(pdf: bytes, tmp_path) -> str:
    return re.sub(r"\s+", "", pdf_text(pdf, tmp_path))


def ride_hailing(store, given=()) -> str:
    """A completed ride-hailing inspection by `given` bureaus (default: the store's own,
    a market regulator) that finds the ICP filing missing and the fares not marked."""
    checklist = checklists.find("ride_hailing")
    if not store.conn.execute("SELECT 1 FROM subjects WHERE uscc = ?", (VALID_CODE,)).fetchone():
        add_subject(store, name="某某网约车平台公司", code=VALID_CODE, sector="ride_hailing",
                    legal_rep="赵强")
    started = inspections.start(store, subject=VALID_CODE, checklist=checklist,
                                inspectors=["张伟", "李娜"], authorities=list(given))
    answer_all(store, started, checklist, {ICP: {"value": "no", "note": "App未显示备案号"},
                                           PRICES: {"value": "no"}},
               date.fromisoformat(ids.today()), random.Random(3))
    inspections.complete(store, started)
    return started


def statuses(store, inspection_id: str) -> dict[str, str]:
    return dict(store.conn.execute("SELECT item_id, status FROM rectifications WHERE "
                                   "inspection_id = ?", (inspection_id,)).fetchall())


@pytest.fixture
def team(tmp_path, checklist_dir):
    made = {"zhang": make_store(tmp_path / "zhang.db", "张伟", "inspector"),
            "bureau": make_store(tmp_path / "bureau.db", "陈静", "supervisor"),
            "company": make_store(tmp_path / "company.db", "某某网约车平台公司", "company")}
    befriend(*made.values())
    yield made
    for store in made.values():
        store.close()


def transfer_block(team, tmp_path, kind=numbering.TRANSFER, prefix="某县市监移"):
    holder = identity.own_identity(team["zhang"]).fingerprint[:16]
    numbering.assign_block(team["bureau"], holder=holder, prefix=prefix, year=YEAR, first=1,
                           last=20, kind=kind)
    sync.import_bundle(team["zhang"], export(team["bureau"], tmp_path / f"{kind}.zip"))


# --- who orders, who is sent ----------------------------------------------------------


def test_a_joint_inspection_with_both_authorities_transfers_nothing(team):
    zhang = team["zhang"]
    joint = ride_hailing(zhang, [OWN, f"{TELECOM}={TELECOM_BUREAU}",
                                 f"{TRANSPORT}=某县交通运输局"])
    assert set(statuses(zhang, joint).values()) == {"open"}
    assert kinds_to_transfer(zhang, joint) == []
    with pytest.raises(ValidationError, match=r"没有需要移送|no finding to transfer"):
        issue_transfers(zhang, joint, secret=SECRET)
    notices = issue_notices(zhang, joint)
    assert [n.authority["name"] for n in notices] == [OWN, TELECOM_BUREAU]


def test_a_market_regulator_alone_transfers_the_telecom_finding(team, tmp_path):
    zhang = team["zhang"]
    transfer_block(team, tmp_path)
    alone = ride_hailing(zhang, [OWN, f"{TRANSPORT}=某县交通运输局"])
    assert statuses(zhang, alone)[ICP] == "transferred"
    assert statuses(zhang, alone)[PRICES] == "open"
    (notice,) = issue_notices(zhang, alone)  # the market regulator's own: prices only
    text = flat(notice.pdf, tmp_path)
    assert "明码标价" in text and "备案" not in text
    assert "属于通信管理局职责范围的问题" in text  # it says where the rest went
    (letter,) = issue_transfers(zhang, alone, names={TELECOM: TELECOM_BUREAU}, secret=SECRET)
    assert letter.receiver == numbering.Receiver(TELECOM, TELECOM_BUREAU)
    assert letter.issued.number == f"某县市监移〔{YEAR}〕1号"
    text = flat(letter.pdf, tmp_path)
    for expected in ("案件移送函", f"某县市监移〔{YEAR}〕1号", f"{TELECOM_BUREAU}（{TELECOM}）：",
                     "某某网约车平台公司", VALID_CODE, "App未显示备案号",
                     "《网络预约出租汽车经营服务管理暂行办法》第十条", "不属于本机关管辖",
                     "现场检查笔录", "现场照片1张", f"{OWN}（盖章）", "联系人：张伟、李娜"):
        assert expected in text, expected
    assert "明码标价" not in text
    path = tmp_path / "移送函.pdf"
    path.write_bytes(letter.pdf)
    signature = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in signature and "张伟" in signature
    again = issue_transfers(zhang, alone, secret=SECRET)  # a reprint keeps number and name
    assert again[0].issued.number == letter.issued.number and not again[0].issued.new
    assert again[0].receiver.name == TELECOM_BUREAU
    registered = [d for d in numbering.documents(zhang) if d["kind"] == numbering.TRANSFER]
    assert [d["number"] for d in registered] == [letter.issued.number]


def test_without_a_block_or_a_name_the_letter_leaves_lines_to_fill(team, tmp_path):
    zhang = team["zhang"]
    alone = ride_hailing(zhang)  # the store's own bureau: every transport item goes too
    assert kinds_to_transfer(zhang, alone) == [TELECOM]  # the fares are the regulator's
    (letter,) = issue_transfers(zhang, alone, secret=SECRET)
    assert letter.issued is None and letter.receiver.name is None
    text = flat(letter.pdf, tmp_path)
    assert f"＿＿＿＿〔{YEAR}〕＿＿＿＿号" in text
    assert f"{'＿' * 14}（{TELECOM}）" in text


def test_the_ledger_shows_the_transfer_and_nobody_reviews_it(team, tmp_path):
    zhang, company = team["zhang"], team["company"]
    alone = ride_hailing(zhang)
    rows = {r["id"]: r for r in ledger_rows(items(zhang, LedgerFilter()))}
    sent = next(r for r in rows.values() if r["status_code"] == "transferred")
    assert sent["status"] == "已移送" and sent["review"] == "已移送通信管理局处理"
    assert not sent["overdue"]
    assert [r["id"] for r in items(zhang, LedgerFilter(status="transferred"))] == [sent["id"]]
    with pytest.raises(ValidationError, match=r"移送|transferred"):
        review(zhang, sent["id"], accept=True)
    sync.import_bundle(company, export(zhang, tmp_path / "zhang.zip"))
    with pytest.raises(ValidationError, match=r"移送|transferred"):
        respond(company, sent["id"], measure="已备案")
    # the monthly figures: found, but not ordered here
    figures = report(zhang, Scope(parse(ids.today()[:7]))).total
    assert (figures["problems"], figures["ordered"], figures["overdue"]) == (2, 1, 0)
    # one case transferred (one letter to one authority), and those entered by hand
    # (transfers made outside the tool) are added, not counted twice
    assert figures["cases_transferred"] == 1
    manual.enter_figure(zhang, ids.today()[:7], "cases_transferred", 2)
    assert report(zhang, Scope(parse(ids.today()[:7]))).total["cases_transferred"] == 3
    assert report(zhang, Scope(parse(ids.today()[:7]), unit="别的局")).total[
        "cases_transferred"] == 0
    assert alone


def test_cli_warns_on_the_notice_and_writes_the_letter(team, tmp_path, monkeypatch, capsys):
    zhang = team["zhang"]
    transfer_block(team, tmp_path)
    alone = ride_hailing(zhang, [OWN, f"{TRANSPORT}=某县交通运输局"])
    db = str(zhang.path)
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    assert main(["--db", db, "notice", alone, "-o", str(tmp_path / "通知书.pdf")]) == 0
    assert f"inspector transfer {alone}" in capsys.readouterr().err
    out = tmp_path / "移送函.pdf"
    assert main(["--db", db, "transfer", alone, "-o", str(out), "--to", "某县交通运输局"]) == 1
    assert "KIND=NAME" in capsys.readouterr().err
    assert main(["--db", db, "transfer", alone, "-o", str(out), "--to", TELECOM_BUREAU]) == 0
    printed = capsys.readouterr().out
    assert f"某县市监移〔{YEAR}〕1号" in printed and TELECOM_BUREAU in printed
    assert str(out) in printed  # the CLI speaks English here, and so does the letter
    assert f"To{TELECOM_BUREAU}({TELECOM}):" in flat(out.read_bytes(), tmp_path)


# --- travelling and who may write ---------------------------------------------------


def test_the_transfer_travels_and_is_checked_on_import(team, tmp_path):
    zhang, bureau = team["zhang"], team["bureau"]
    transfer_block(team, tmp_path)
    alone = ride_hailing(zhang, [OWN, f"{TRANSPORT}=某县交通运输局"])
    (letter,) = issue_transfers(zhang, alone, names={TELECOM: TELECOM_BUREAU}, secret=SECRET)
    sync.import_bundle(bureau, export(zhang, tmp_path / "zhang.zip"))
    row = bureau.conn.execute("SELECT number, kind, authority, receiver, receiver_name FROM "
                              "documents WHERE inspection_id = ?", (alone,)).fetchone()
    assert row == (letter.issued.number, "transfer", OWN, TELECOM, TELECOM_BUREAU)
    assert statuses(bureau, alone) == statuses(zhang, alone)
    assert numbering.check(bureau) == []


def test_a_transfer_forged_by_a_company_key_is_refused(team, tmp_path):
    zhang, bureau, company = team["zhang"], team["bureau"], team["company"]
    transfer_block(team, tmp_path)
    alone = ride_hailing(zhang, [OWN, f"{TRANSPORT}=某县交通运输局"])
    sync.import_bundle(company, export(zhang, tmp_path / "zhang.zip"))
    sync.import_bundle(bureau, export(zhang, tmp_path / "zhang.zip"))
    block = numbering.blocks(company)[0]
    forged = {"number": f"某县市监移〔{YEAR}〕9号", "prefix": "某县市监移", "year": YEAR,
              "seq": 9, "block_id": block.id, "kind": "transfer", "inspection_id": alone,
              "subject_id": inspections.get(company, alone)["subject_id"],
              "issued_on": ids.today(), "content_hash": "0" * 64, "authority": OWN,
              "receiver": TELECOM, "receiver_name": "别的机关"}
    forge.append(company, "document", ids.uuid7(), "create", forged)
    before = dump_hash(bureau)
    with pytest.raises(sync.BundleError, match="number from a block assigned"):
        sync.import_bundle(bureau, export(company, tmp_path / "company.zip"))
    # nor may a company mark an open item of its own transferred (out of anyone's review)
    item = next(i for i, s in statuses(company, alone).items() if s == "open")
    item_id = company.conn.execute("SELECT id FROM rectifications WHERE item_id = ? AND "
                                   "inspection_id = ?", (item, alone)).fetchone()[0]
    with pytest.raises(Unauthorized), company.transaction():
        company.record("rectification_event", ids.uuid7(), "create",
                       {"rectification_id": item_id, "status": "transferred",
                        "note": TELECOM})
    assert dump_hash(bureau) == before


def test_a_numbered_documents_authority_must_be_one_its_blocks_bureau_numbers_for(
        team, tmp_path):
    """A joint bureau's notice numbered from the lead bureau's block, or a notice in the
    name of a bureau not on the inspection: refused here and on import."""
    zhang, bureau = team["zhang"], team["bureau"]
    transfer_block(team, tmp_path, kind=numbering.NOTICE, prefix="某县市监责改")
    joint = ride_hailing(zhang, [OWN, f"{TELECOM}={TELECOM_BUREAU}",
                                 f"{TRANSPORT}=某县交通运输局"])
    block = numbering.blocks(zhang)[0]
    good = {"number": f"某县市监责改〔{YEAR}〕3号", "prefix": "某县市监责改", "year": YEAR,
            "seq": 3, "block_id": block.id, "kind": "notice", "inspection_id": joint,
            "subject_id": inspections.get(zhang, joint)["subject_id"],
            "issued_on": ids.today(), "content_hash": "0" * 64, "authority": OWN}
    author = identity.own_identity(zhang).author()
    for authority, allowed in ((OWN, True), (TELECOM_BUREAU, False), ("别的市场监督管理局", False)):
        entry = forge.make_entry(device=zhang.device_id, actor=zhang.actor, prev=None,
                                 entity="document", record_id=ids.uuid7(), op="create",
                                 data={**good, "authority": authority})
        assert authorization.allowed(authorization.Facts(zhang.conn), author, entry) == \
            allowed, authority
    with pytest.raises(Unauthorized), zhang.transaction():  # Store.record asks the rule
        zhang.record("document", ids.uuid7(), "create", {**good, "authority": TELECOM_BUREAU})
    forge.append(zhang, "document", ids.uuid7(), "create", {**good, "authority": TELECOM_BUREAU})
    before = dump_hash(bureau)
    with pytest.raises(sync.BundleError, match="number from a block assigned"):
        sync.import_bundle(bureau, export(zhang, tmp_path / "zhang.zip"))
    assert dump_hash(bureau) == before
