"""Paper fallback (issue #14): blank forms printed with a reserved number, the paper
record transcribed afterwards (补录) with a photo of the signed sheet as evidence."""

import io
import json
from datetime import date, timedelta

import pytest
from PIL import Image

from inspector import checklists, identity, ids, inspections, numbering, onsite, paper, sync
from inspector.authorization import Unauthorized
from inspector.cli import main
from inspector.errors import ValidationError
from inspector.reports import render_blank_checklist, render_inspection_report, report_content
from inspector.subjects import add_subject

from .conftest import VALID_CODE
from .helpers import forge
from .helpers.pdftools import pdf_text
from .helpers.stores import SECRET, befriend, export, make_store

YEAR = int(ids.today()[:4])
PREFIX = "某县市监笔录"
PAPER_DAY = (date.fromisoformat(ids.today()) - timedelta(days=3)).isoformat()


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (240, 240, 230)).save(out, "JPEG")
    return out.getvalue()


def answer_required(store, started):
    for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", 20), ("m-06", ["sand"])]:
        inspections.record_answer(store, started, item, value, note="纸质记录")
    from inspector.evidence import add_evidence

    add_evidence(store, started, "m-07", photo(), mime="image/jpeg")


@pytest.fixture
def bureau(tmp_path, checklist_dir):
    """A bureau, two inspectors of its organisation and a company, trusting each other;
    the inspectors hold blocks of on-site record numbers."""
    made = {"bureau": make_store(tmp_path / "bureau.db", "陈静", "supervisor"),
            "zhang": make_store(tmp_path / "zhang.db", "张伟", "inspector"),
            "wang": make_store(tmp_path / "wang.db", "王芳", "inspector"),
            "company": make_store(tmp_path / "company.db", "讯达公司", "company")}
    befriend(*made.values())
    for who, first, last in (("zhang", 1, 3), ("wang", 4, 9)):
        holder = identity.own_identity(made[who]).fingerprint
        numbering.assign_block(made["bureau"], holder=holder[:16], prefix=PREFIX, year=YEAR,
                               first=first, last=last, kind=numbering.RECORD)
    for who in ("zhang", "wang"):
        sync.import_bundle(made[who], export(made["bureau"], tmp_path / f"blocks-{who}.zip"))
        add_subject(made[who], name="德清县吉祥烟花爆竹零售店", code=VALID_CODE, sector="mini",
                    address="武康街道永安街58号", legal_rep="沈福根")
    yield made
    for store in made.values():
        store.close()


def transcribed(store, number: str | None = None) -> str:
    return inspections.start(store, subject=VALID_CODE, checklist=checklists.find("mini"),
                             inspectors=["张伟", "李娜"], place="武康街道永安街58号",
                             from_paper=PAPER_DAY, paper_number=number)


# --- transcription ---------------------------------------------------------------


def test_transcribed_record_needs_a_photo_of_the_signed_sheet(bureau, tmp_path):
    zhang = bureau["zhang"]
    started = transcribed(zhang)
    record = inspections.get(zhang, started)
    details = paper.details(record)
    assert details["date"] == PAPER_DAY and details["transcriber"] == "张伟"
    assert ids.local_date(record["started_at"]).isoformat() == PAPER_DAY
    answer_required(zhang, started)
    assert onsite.party_acknowledged(zhang, started)  # signed on paper, not on screen
    with pytest.raises(ValidationError, match="photo of the signed paper record"):
        inspections.complete(zhang, started)
    assert inspections.get(zhang, started)["status"] == "draft"
    paper.add_sheet_photo(zhang, started, photo(), file_name="sheet.jpg")
    assert paper.sheet_photos(zhang, started) == 1
    inspections.complete(zhang, started)
    # finished on the paper record's day, and the deadlines run from it
    assert ids.local_date(inspections.get(zhang, started)["finished_at"]).isoformat() == PAPER_DAY
    found = {r["found_on"] for r in zhang.query("SELECT found_on FROM rectifications")}
    assert found == {PAPER_DAY}
    content = report_content(zhang, started)
    assert content["inspection"]["paper"]["date"] == PAPER_DAY
    assert content["general_evidence"][0]["caption"] == paper.SHEET_CAPTION
    text = pdf_text(render_inspection_report(zhang, started), tmp_path).replace("\n", "")
    assert "根据纸质记录补录" in text and PAPER_DAY in text and "补录人 张伟" in text
    assert paper.SHEET_CAPTION in text


def test_a_record_made_on_screen_keeps_its_content(bureau):
    zhang = bureau["zhang"]
    started = inspections.start(zhang, subject=VALID_CODE, checklist=checklists.find("mini"),
                                inspectors=["张伟", "李娜"])
    assert paper.details(inspections.get(zhang, started)) is None
    assert "paper" not in report_content(zhang, started)["inspection"]
    with pytest.raises(ValidationError, match="not transcribed from paper"):
        paper.add_sheet_photo(zhang, started, photo())
    assert not onsite.party_acknowledged(zhang, started)  # on screen, the party signs


@pytest.mark.parametrize(("day", "error"), [("2026-13-01", "not a date"),
                                            ("2999-01-01", "after today")])
def test_a_paper_date_must_be_a_past_day(bureau, day, error):
    with pytest.raises(ValidationError, match=error):
        inspections.start(bureau["zhang"], subject=VALID_CODE,
                          checklist=checklists.find("mini"), inspectors=["张伟", "李娜"],
                          from_paper=day)


def test_a_self_check_is_not_transcribed(bureau):
    with pytest.raises(ValidationError, match="only an inspection"):
        inspections.start(bureau["zhang"], subject=VALID_CODE,
                          checklist=checklists.find("mini"), kind="self_check",
                          inspectors=["沈福根"], from_paper=PAPER_DAY)


def test_transcription_travels_to_the_bureau(bureau, tmp_path):
    zhang, office = bureau["zhang"], bureau["bureau"]
    started = transcribed(zhang)
    answer_required(zhang, started)
    paper.add_sheet_photo(zhang, started, photo())
    inspections.complete(zhang, started)
    sync.import_bundle(office, export(zhang, tmp_path / "zhang.zip"))
    assert paper.details(inspections.get(office, started)) == paper.details(
        inspections.get(zhang, started))
    assert paper.sheet_photos(office, started) == 1


# --- numbers on blank forms -----------------------------------------------------------


def test_two_blank_forms_never_share_a_number(bureau, tmp_path):
    zhang, wang, office = bureau["zhang"], bureau["wang"], bureau["bureau"]
    mini = checklists.find("mini")
    mine = [numbering.reserve_number(zhang, mini.hash) for _ in range(3)]
    theirs = [numbering.reserve_number(wang, mini.hash) for _ in range(2)]
    assert [i.number for i in mine] == [f"{PREFIX}〔{YEAR}〕{n}号" for n in (1, 2, 3)]
    assert [i.seq for i in theirs] == [4, 5]
    assert numbering.reserve_number(zhang, mini.hash) is None  # the block is used up
    for store, name in ((zhang, "zhang"), (wang, "wang")):
        sync.import_bundle(office, export(store, tmp_path / f"{name}-forms.zip"))
    register = numbering.documents(office)
    assert sorted(d["seq"] for d in register) == [1, 2, 3, 4, 5]
    assert len({d["number"] for d in register}) == 5
    assert numbering.check(office) == []


def test_a_notice_block_does_not_number_blank_forms(bureau, tmp_path):
    zhang, office = bureau["zhang"], bureau["bureau"]
    holder = identity.own_identity(zhang).fingerprint
    numbering.assign_block(office, holder=holder[:16], prefix="某县市监责改", year=YEAR,
                           first=1, last=5)
    sync.import_bundle(zhang, export(office, tmp_path / "notice-block.zip"))
    issued = [numbering.reserve_number(zhang, "h") for _ in range(4)]
    assert [i and i.number.startswith(PREFIX) for i in issued] == [True] * 3 + [None]


def test_the_transcription_takes_the_forms_number_once(bureau, tmp_path):
    zhang = bureau["zhang"]
    form = numbering.reserve_number(zhang, checklists.find("mini").hash)
    pdf = render_blank_checklist(checklists.find("mini"), number=form.number)
    assert form.number in pdf_text(pdf, tmp_path).replace(" ", "")
    started = transcribed(zhang, number=str(form.seq))  # the serial is enough
    assert paper.details(inspections.get(zhang, started))["number"] == form.number
    register = {d["number"]: d for d in numbering.documents(zhang)}
    assert register[form.number]["subject"] == "德清县吉祥烟花爆竹零售店"
    assert register[form.number]["inspection_id"] is None  # the reservation stays as made
    with pytest.raises(ValidationError, match="not a number you reserved"):
        transcribed(zhang, number=form.number)  # one paper record, one transcription
    answer_required(zhang, started)
    paper.add_sheet_photo(zhang, started, photo())
    inspections.complete(zhang, started)
    text = pdf_text(render_inspection_report(zhang, started), tmp_path).replace("\n", "")
    assert f"编号 {form.number}" in text


def test_another_inspectors_reserved_number_is_not_taken(bureau):
    form = numbering.reserve_number(bureau["wang"], "h")
    with pytest.raises(ValidationError, match="not a number you reserved"):
        transcribed(bureau["zhang"], number=form.number)


def test_a_forged_reservation_is_refused(bureau, tmp_path):
    """A number from someone else's block, or reserved by a company, is refused whole."""
    zhang, wang, office = bureau["zhang"], bureau["wang"], bureau["bureau"]
    block = next(b for b in numbering.blocks(wang) if b.assignee_name == "王芳")
    data = {"number": f"{PREFIX}〔{YEAR}〕4号", "prefix": PREFIX, "year": YEAR, "seq": 4,
            "block_id": block.id, "kind": numbering.RECORD, "inspection_id": None,
            "subject_id": None, "issued_on": ids.today(), "content_hash": "h"}
    forge.append(zhang, "document", ids.uuid7(), "reserve", data)
    with pytest.raises(sync.BundleError, match="record block assigned to the author"):
        sync.import_bundle(office, export(zhang, tmp_path / "forged.zip"))
    assert numbering.documents(office) == []


# --- command line ------------------------------------------------------------------------


def test_cli_blank_form_with_a_number_and_its_transcription(bureau, tmp_path, capsys,
                                                            monkeypatch):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    db = str(tmp_path / "zhang.db")
    bureau["zhang"].close()
    form = tmp_path / "form.pdf"
    assert main(["--lang", "en", "--db", db, "checklists", "blank", "mini", "-o", str(form),
                 "--number"]) == 0
    number = f"{PREFIX}〔{YEAR}〕1号"
    assert number in capsys.readouterr().out
    assert number in pdf_text(form.read_bytes(), tmp_path).replace(" ", "")
    assert main(["--db", db, "numbers", "list"]) == 0
    assert "(blank paper record)" in capsys.readouterr().out
    assert main(["--db", db, "inspections", "start", "--subject", VALID_CODE,
                 "--inspector", "张伟", "--inspector", "李娜", "--from-paper", PAPER_DAY,
                 "--paper-number", number]) == 0
    started = capsys.readouterr().out.strip()
    for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", "20"), ("m-06", "sand")]:
        assert main(["--db", db, "inspections", "answer", started, item, value]) == 0
    sheet = tmp_path / "sheet.jpg"
    sheet.write_bytes(photo())
    assert main(["--db", db, "inspections", "sheet", started, str(sheet)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "inspections", "show", started]) == 0
    assert f"paper record of {PAPER_DAY}, no. {number}, by 张伟; 1 photo" in \
        capsys.readouterr().out
    from inspector.store import Store

    with Store(db) as store:
        from inspector.evidence import add_evidence

        add_evidence(store, started, "m-07", photo(), mime="image/jpeg")
    assert main(["--db", db, "inspections", "complete", started]) == 0
    capsys.readouterr()
    assert main(["--db", db, "numbers", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [d["subject"] for d in listed["documents"]] == ["德清县吉祥烟花爆竹零售店"]


def test_cli_blank_form_without_a_record_block(tmp_path, checklist_dir, capsys):
    with make_store(tmp_path / "lone.db", "赵六", "inspector"):
        pass
    assert main(["--lang", "en", "--db", str(tmp_path / "lone.db"), "checklists", "blank",
                 "mini", "-o", str(tmp_path / "f.pdf"), "--number"]) == 1
    assert "numbers assign --kind record" in capsys.readouterr().err
    assert not (tmp_path / "f.pdf").exists()


def test_a_company_may_not_reserve_numbers(bureau):
    company = bureau["company"]
    entry = {"entity": "document", "op": "reserve", "record_id": ids.uuid7(),
             "actor": company.actor, "data": {"kind": numbering.RECORD}}
    from inspector import authorization

    with pytest.raises(Unauthorized):
        authorization.check(authorization.Facts(company.conn),
                            authorization.local_author(company.conn, company.actor), entry)
