"""The on-site record's details (issue #14): badge numbers, the party's statement, the
recorder, refusal to sign with a witness; printed on the report, carried by bundles."""

import io
import json

import pytest
from PIL import Image

from inspector import inspections, onsite, sync
from inspector.cli import main
from inspector.digest import digest
from inspector.errors import ValidationError
from inspector.evidence import add_signature
from inspector.reports import render_inspection_report, report_content
from inspector.subjects import add_subject

from .conftest import VALID_CODE
from .helpers.pdftools import page_count, pdf_text
from .helpers.stores import befriend, export, make_store


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (120, 40), (20, 30, 90, 255)).save(out, "PNG")
    return out.getvalue()


def answer_required(store, started):
    for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", 20), ("m-06", ["sand"])]:
        inspections.record_answer(store, started, item, value, note="现场发现")
    from inspector.evidence import add_evidence

    add_evidence(store, started, "m-07", png(), mime="image/png")


def started_with_badges(store, mini) -> str:
    return inspections.start(store, subject=VALID_CODE, checklist=mini,
                             inspectors=["张伟", "李娜"],
                             badges={"张伟": "33010012345", "李娜": " 33010054321 "})


def test_report_states_the_record_details(store, subject, mini, tmp_path):
    started = started_with_badges(store, mini)
    answer_required(store, started)
    onsite.set_details(store, started, badges={"张伟": "33010012345", "李娜": "33010054321"},
                       representative="沈小根", statement="对检查记录无异议，将按期整改。",
                       recorder="李娜", refused=True)
    for name in ("张伟", "李娜"):
        add_signature(store, started, role="inspector", signer_name=name, image_png=png())
    assert not onsite.party_acknowledged(store, started)  # refused: a witness must sign
    with pytest.raises(ValidationError, match="witness"):
        onsite.require_party(store, started)
    add_signature(store, started, role="witness", signer_name="王五", image_png=png())
    assert onsite.party_acknowledged(store, started)
    inspections.complete(store, started)
    pdf = render_inspection_report(store, started)
    text = pdf_text(pdf, tmp_path).replace("\n", "")
    for expected in ("张伟（执法证号：33010012345）", "李娜（执法证号：33010054321）",
                     "记录人", "现场负责人", "沈小根", "当事人意见",
                     "对检查记录无异议，将按期整改。",
                     "出示执法证件", "申请回避", "第五十五条、第四十三条",
                     "宣读（或交其阅读），核对无误", "当事人拒绝签名，由见证人签名证明",
                     "见证人：王五"):
        assert expected in text, expected
    # every page carries the lines for the party's and the officers' initials
    pages = page_count(pdf, tmp_path)
    for page in range(1, pages + 1):
        assert "当事人签名：" in pdf_text(pdf, tmp_path, first=page, last=page)
    english = pdf_text(render_inspection_report(store, started, lang="en"), tmp_path)
    assert "badge no. 33010012345" in english and "Witness: 王五" in english


def test_an_inspection_without_details_keeps_its_report_content(store, subject, mini,
                                                                 tmp_path):
    """An inspection from before the details (or without any) has the same report
    content as before, so reports signed earlier still verify; it prints blanks."""
    started = inspections.start(store, subject=VALID_CODE, checklist=mini,
                                inspectors=["张伟", "李娜"])
    content = report_content(store, started)
    assert set(content["inspection"]) == {"id", "kind", "place", "inspectors",
                                          "representative", "started_at", "finished_at",
                                          "corrects", "draft"}
    entry = json.loads(store.conn.execute(
        "SELECT data FROM changelog WHERE entity = 'inspection' AND op = 'create'").fetchone()[0])
    assert "badges" not in entry  # the creation entry is as it was
    text = pdf_text(render_inspection_report(store, started), tmp_path).replace("\n", "")
    assert "张伟（执法证号：＿＿＿＿＿＿＿＿）" in text and "当事人意见" in text
    assert "见证人（当事人拒绝签名时）" in text  # a line to sign by hand


def test_details_are_checked(store, subject, mini):
    started = started_with_badges(store, mini)
    with pytest.raises(ValidationError, match="王芳"):
        onsite.set_details(store, started, recorder="王芳")
    with pytest.raises(ValidationError, match="王芳"):
        onsite.set_details(store, started, badges={"王芳": "1"})
    with pytest.raises(ValidationError, match="王芳"):
        inspections.start(store, subject=VALID_CODE, checklist=mini,
                          inspectors=["张伟", "李娜"], badges={"王芳": "1"})
    assert inspections.get(store, started)["badges"] == json.dumps(
        {"张伟": "33010012345", "李娜": "33010054321"}, ensure_ascii=False, sort_keys=True)
    with pytest.raises(ValidationError, match="signer role"):
        add_signature(store, started, role="bystander", signer_name="某人", image_png=png())
    add_signature(store, started, role="representative", signer_name="沈福根", image_png=png())
    assert onsite.party_acknowledged(store, started)
    answer_required(store, started)
    inspections.complete(store, started)
    with pytest.raises(ValidationError, match="completed"):
        onsite.set_details(store, started, statement="晚了")


def test_cli_takes_badges_with_the_names(capsys, db_path, store, subject, mini):
    code = main(["--db", str(db_path), "inspections", "start", "--subject", VALID_CODE,
                 "--checklist", "mini", "--inspector", "张伟:33010012345",
                 "--inspector", "李娜：33010054321"])
    started = capsys.readouterr().out.strip()
    assert code == 0
    record = inspections.get(store, started)
    assert record["inspectors"] == ["张伟", "李娜"]
    assert report_content(store, started)["inspection"]["badges"] == {
        "张伟": "33010012345", "李娜": "33010054321"}
    assert onsite.parse_officer("王芳") == ("王芳", None)


def test_a_bundle_carries_the_details(tmp_path, checklist_dir, mini):
    a = make_store(tmp_path / "a.db", "张伟", "inspector")
    b = make_store(tmp_path / "b.db", "陈静", "supervisor")
    befriend(a, b)
    add_subject(a, name="德清县吉祥烟花爆竹零售店", code=VALID_CODE, sector="mini",
                legal_rep="沈福根")
    started = started_with_badges(a, mini)
    onsite.set_details(a, started, badges={"张伟": "33010012345"}, statement="无异议",
                       recorder="张伟", refused=True)
    add_signature(a, started, role="witness", signer_name="王五", image_png=png())
    sync.import_bundle(b, export(a, tmp_path / "1.zip"))
    there = report_content(b, started)
    assert there["inspection"]["statement"] == "无异议" and there["inspection"]["refused"]
    assert there["inspection"]["badges"] == {"张伟": "33010012345"}  # the later set wins
    assert [s["role"] for s in there["signatures"]] == ["witness"]
    assert digest(there) == digest(report_content(a, started))
    onsite.set_details(a, started, statement="有异议：灭火器已更换")  # a second edit moves on
    sync.import_bundle(b, export(a, tmp_path / "2.zip"))
    assert report_content(b, started)["inspection"]["statement"] == "有异议：灭火器已更换"
    assert "refused" not in report_content(b, started)["inspection"]
    assert not b.conn.execute("SELECT * FROM conflicts").fetchall()
    a.close()
    b.close()


def test_a_store_from_before_keeps_its_signatures(tmp_path, monkeypatch, checklist_dir, mini):
    """Migration 9 rebuilds the signatures table to admit a witness: what was signed
    stays, and the old inspection's report content is what it was."""
    from inspector import apply as apply_module
    from inspector import store as store_module
    from inspector.migrations import MIGRATIONS
    from inspector.store import Store

    path = tmp_path / "old.db"
    with monkeypatch.context() as old:
        old.setattr(store_module, "MIGRATIONS", MIGRATIONS[:8])
        old.setattr(store_module, "SCHEMA_VERSION", 8)
        # the code of the time wrote no sort key (a later migration adds the column)
        old.setattr(apply_module, "_subject_columns",
                    lambda data: {k: data.get(k) for k in apply_module.SUBJECT_FIELDS})
        with Store(path) as before:
            # ...and read every photo (removals came later): on this connection only
            before.conn.execute("CREATE TEMP VIEW kept_evidence AS SELECT * FROM evidence")
            add_subject(before, name="某店", code=VALID_CODE, sector="mini")
            started = inspections.start(before, subject=VALID_CODE, checklist=mini,
                                        inspectors=["张伟", "李娜"])
            add_signature(before, started, role="representative", signer_name="沈福根",
                          image_png=png())
            content = digest(report_content(before, started))
    with Store(path) as after:
        assert after.schema_version() == len(MIGRATIONS)  # 9 and any appended since
        assert digest(report_content(after, started)) == content
        add_signature(after, started, role="witness", signer_name="王五", image_png=png())
        assert [s["role"] for s in report_content(after, started)["signatures"]] == [
            "representative", "witness"]
