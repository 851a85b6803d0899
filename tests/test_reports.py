"""Inspection reports, rectification notices, fonts and safe writing, read back as users do."""

import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from inspector import checklists, fonts, inspections
from inspector.checklists import cite
from inspector.digest import digest
from inspector.errors import InspectorError, ValidationError
from inspector.evidence import add_evidence
from inspector.files import write_atomically as write_bytes
from inspector.reports import (
    render_inspection_report,
    render_rectification_notice,
    report_content,
)
from inspector.reports.images import QrCode
from inspector.reports.inspection_pdf import item_of

from .helpers.pdftools import biggest_inspection, demo_store, page_count, pdf_text
from .helpers.pdftools import fonts as pdf_fonts
from .helpers.variants import ORDERS_AT_ONCE, mini_variant

PEOPLE = ["张伟", "李娜"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = demo_store(tmp_path_factory)
    yield store
    store.close()


@pytest.fixture(scope="module")
def big(demo):
    return biggest_inspection(demo)


@pytest.fixture(scope="module")
def big_pdf(demo, big):
    return render_inspection_report(demo, big, qr_text="INSPECTOR:1:example-payload")


def by_kind_status(store, kind, status):
    return next(r["id"] for r in inspections.list_inspections(store, status=status)
                if r["kind"] == kind)


# --- the report ------------------------------------------------------------------


def test_report_shows_what_the_inspector_recorded(demo, big, big_pdf, tmp_path):
    content = report_content(demo, big)
    text = pdf_text(big_pdf, tmp_path)
    flat = re.sub(r"\s+", "", text)  # pdftotext breaks lines inside table cells
    assert "现场检查记录" in text
    assert content["subject"]["name"] in flat and content["subject"]["uscc"] in flat
    assert "合格" in text and "不合格" in text
    failed = [i for s in content["sections"] for i in s["items"] if i["compliance"] == "fail"]
    assert len(failed) == content["summary"]["failed"] >= 3
    law = failed[0]["basis"][0]
    assert cite(law) in flat
    assert failed[0]["note"][:8] in flat  # cells wrap: the start is on one line
    for rect in content["rectifications"]:
        assert rect["deadline"] in flat
    assert "整改要求及期限" in text and "扫码核验" in text
    assert "稿" not in text  # completed: no draft watermark


def test_internal_codes_stay_out_of_the_printed_body(demo, big, big_pdf, tmp_path):
    """Items print by their place (section.item); the checklist's id and digest are not
    the body's business: the digest sits with the QR code, under 扫码核验."""
    content = report_content(demo, big)
    flat = re.sub(r"\s+", "", pdf_text(big_pdf, tmp_path))
    codes = [i["id"] for s in content["sections"] for i in s["items"]]
    assert not [code for code in codes if code in flat]
    assert f"（{content['checklist']['id']}" not in flat
    assert "1.1" in flat and f"{len(content['sections'])}.1" in flat
    first = re.sub(r"\s+", "", pdf_text(big_pdf, tmp_path, first=1, last=1))
    assert f"扫码核验检查表摘要{content['checklist']['hash'][:16]}" in first


def test_every_page_is_numbered_x_of_y(big_pdf, tmp_path):
    pages = page_count(big_pdf, tmp_path)
    assert pages >= 2
    for page in range(1, pages + 1):
        text = re.sub(r"\s+", "", pdf_text(big_pdf, tmp_path, first=page, last=page))
        assert f"第{page}页/共{pages}页" in text  # printed as "第 1 页 / 共 4 页"


def test_report_embeds_its_cjk_font(big_pdf, tmp_path):
    used = pdf_fonts(big_pdf, tmp_path)
    assert used, "the report uses no font at all"
    assert all(row["emb"] == "yes" for row in used), used
    assert any("TrueType" in row["type"] for row in used)


def test_qr_code_and_caption_are_on_the_first_page(demo, big, big_pdf, tmp_path):
    assert "扫码核验" in pdf_text(big_pdf, tmp_path, first=1, last=1)
    without = render_inspection_report(demo, big)
    assert "扫码核验" not in pdf_text(without, tmp_path)


def test_qr_code_draws_exactly_the_code_modules():
    import qrcode

    text = "INSPECTOR:1:" + "x" * 120
    drawn_code = QrCode(text, 100)
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    matrix = code.get_matrix()
    module = 100 / len(matrix)
    drawn = [[False] * len(matrix) for _ in matrix]
    for x, y, width, _ in drawn_code.runs:
        row = round((100 - y) / module) - 1
        for col in range(round(x / module), round((x + width) / module)):
            drawn[row][col] = True
    assert drawn == matrix
    assert drawn_code.wrap(500, 500) == (100, 100)


def test_rendering_is_deterministic(demo, big, big_pdf):
    assert render_inspection_report(demo, big, qr_text="INSPECTOR:1:example-payload") == big_pdf
    assert report_content(demo, big) == report_content(demo, big)


def test_content_is_json_and_records_evidence_signatures_and_deadlines(demo, big):
    content = report_content(demo, big)
    assert json.loads(json.dumps(content)) == content
    assert content["checklist"]["hash"] == inspections.get(demo, big)["checklist_hash"]
    assert {s["role"] for s in content["signatures"]} == {"inspector", "representative"}
    blobs = {r[0] for r in demo.conn.execute("SELECT sha256 FROM blobs")}
    assert all(s["image_sha256"] in blobs for s in content["signatures"])
    evidence = [e["sha256"] for s in content["sections"] for i in s["items"]
                for e in i["evidence"]]
    stored = [r[0] for r in demo.conn.execute(
        "SELECT sha256 FROM evidence WHERE inspection_id = ?", (big,))]
    assert sorted(evidence + [e["sha256"] for e in content["general_evidence"]]) == sorted(stored)
    deadlines = dict(demo.conn.execute(
        "SELECT item_id, deadline FROM rectifications WHERE inspection_id = ?", (big,)))
    assert {r["item_id"]: r["deadline"] for r in content["rectifications"]} == deadlines
    assert content["summary"]["by_severity"]
    assert len(digest(content)) == 64


def test_content_hash_follows_the_answers(demo):
    draft = by_kind_status(demo, "inspection", "draft")
    before = digest(report_content(demo, draft))
    assert digest(report_content(demo, draft)) == before
    item = next(i for s in report_content(demo, draft)["sections"] for i in s["items"]
                if i["type"] == "yes_no" and i["answer"] is None)
    inspections.record_answer(demo, draft, item["id"], "no", "现场发现问题")
    after = report_content(demo, draft)
    assert digest(after) != before
    changed = next(i for s in after["sections"] for i in s["items"] if i["id"] == item["id"])
    assert changed["compliance"] == "fail" and changed["answer_label"]["zh"] == "不合格"


def test_marking_the_inspection_signed_keeps_the_content_its_signature_covers(tmp_path_factory):
    store = demo_store(tmp_path_factory)
    done = biggest_inspection(store)
    before = digest(report_content(store, done))
    inspections.mark_signed(store, done)
    assert digest(report_content(store, done)) == before
    store.close()


def test_a_draft_is_printed_with_a_watermark_on_every_page(demo, tmp_path):
    draft = by_kind_status(demo, "inspection", "draft")
    pdf = render_inspection_report(demo, draft)
    for page in range(1, page_count(pdf, tmp_path) + 1):
        # the diagonal "草稿 — 未完成" comes out of pdftotext one character a line
        lines = pdf_text(pdf, tmp_path, first=page, last=page).splitlines()
        assert {"草", "稿", "—", "未"} <= set(lines)
    assert "检查尚未完成" in pdf_text(pdf, tmp_path)  # no rectification items yet


def test_self_check_report_is_worded_as_the_companys(demo, tmp_path):
    own = by_kind_status(demo, "self_check", "completed")
    text = pdf_text(render_inspection_report(demo, own), tmp_path)
    assert text.startswith("企业自查报告")
    assert "自查单位" in text and "自查人员" in text and "本单位已按检查表逐项自查" in text
    assert "被检查单位" not in text and "检查人员" not in text.replace("自查人员", "")


def test_english_labels(demo, big, tmp_path):
    text = pdf_text(render_inspection_report(demo, big, lang="en"), tmp_path)
    assert "On-site inspection record" in text and "Page 1 of" in text
    assert "Non-compliant" in text and "Rectification requirements and deadlines" in text


# --- photos that cannot be read ---------------------------------------------------------


def start(store, mini, subject, kind="inspection"):
    people = PEOPLE if kind == "inspection" else ["沈福根"]
    return inspections.start(store, subject=subject["id"], checklist=mini, kind=kind,
                             inspectors=people,
                             started_at=f"{date.today().isoformat()}T01:00:00.000Z")


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 40, 40)).save(out, "JPEG")
    return out.getvalue()


def test_a_damaged_photo_is_noted_not_fatal(store, mini, subject, tmp_path):
    inspection = start(store, mini, subject)
    good = jpeg()
    add_evidence(store, inspection, "m-07", good, mime="image/jpeg", caption="完好照片")
    add_evidence(store, inspection, "m-07", good[: len(good) // 2], mime="image/jpeg",
                 caption="截断照片")
    add_evidence(store, inspection, None, b"this is not a picture", mime="image/jpeg")
    pdf = render_inspection_report(store, inspection)
    text = re.sub(r"\s+", "", pdf_text(pdf, tmp_path))
    assert text.count("照片无法读取") == 2
    assert "完好照片" in text and "截断照片" in text


# --- fonts ---------------------------------------------------------------------------------


def test_a_character_no_font_has_is_a_clear_error(store, mini, subject):
    inspection = start(store, mini, subject)
    inspections.record_answer(store, inspection, "m-01", "no", "店主说 \U0001F600")
    with pytest.raises(InspectorError, match="U\\+1F600"):
        render_inspection_report(store, inspection)


def test_characters_missing_in_the_primary_font_come_from_the_fallback():
    import reportlab

    cjk = fonts.cjk_fonts()
    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("TestVera", str(vera)))
    latin_first = fonts.Fonts("TestVera", "TestVera", cjk.regular, str(vera))
    assert fonts.markup("No. 7 <检查>", latin_first) == \
        f'No. 7 &lt;<font face="{cjk.regular}">检查</font>&gt;'
    assert fonts.missing_glyphs("a\U0001F600b\n", latin_first) == ["\U0001F600"]


def test_fonts_without_truetype_outlines_are_skipped(tmp_path):
    not_a_font = tmp_path / "fake.ttc"
    not_a_font.write_bytes(b"OTTO" + b"\0" * 64)
    assert fonts.load_face("Broken", not_a_font) is None
    assert fonts.BUNDLED.is_file(), "the fallback font must ship with Inspector"
    assert fonts.load_face("Bundled", fonts.BUNDLED) is not None


@pytest.fixture
def fresh_font_registry():
    """Find fonts again for one test, and again afterwards for the rest of the run."""
    fonts.cjk_fonts.cache_clear()
    yield
    fonts.cjk_fonts.cache_clear()
    fonts.cjk_fonts()


def test_without_a_usable_system_font_the_bundled_one_is_used(fresh_font_registry, tmp_path,
                                                               monkeypatch):
    not_a_font = tmp_path / "msyh.ttc"
    not_a_font.write_bytes(b"OTTO" + b"\0" * 64)  # what a CFF-only font would give
    monkeypatch.setattr(fonts, "candidates", lambda: [not_a_font, tmp_path / "missing.ttf"])
    found = fonts.cjk_fonts()
    assert found.path == str(fonts.BUNDLED) and found.fallback is None
    assert fonts.missing_glyphs("整改通知书 No.1（逾期）") == []


# --- the rectification notice ---------------------------------------------------------------


def test_notice_lists_each_problem_with_basis_requirement_and_deadline(demo, big, tmp_path):
    content = report_content(demo, big)
    pdf = render_rectification_notice(demo, big)
    flat = re.sub(r"\s+", "", pdf_text(pdf, tmp_path))
    assert "责令整改通知书" in flat and content["subject"]["name"] + "：" in flat
    assert re.search(r"编号：整改〔20\d\d〕第[0-9A-F]{8}号", flat)
    for rect in content["rectifications"]:
        deadline = date.fromisoformat(rect["deadline"])
        assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in flat
        assert rect["requirement"][:8] in flat  # cells wrap: the start is on one line
    assert "请于期限届满前将整改报告及佐证材料报送检查机关" in flat
    assert "一式两份" in flat and "被检查单位签收" in flat
    assert content["authority"] + "（盖章）" in flat
    assert "六十日内依法申请行政复议" in flat and "六个月内依法向人民法院提起行政诉讼" in flat
    # the seal never stands alone: its page holds the last words with it; the proof of
    # service (送达回证) follows on a page of its own, with the notice's number
    pages = page_count(pdf, tmp_path)
    sealed = re.sub(r"\s+", "", pdf_text(pdf, tmp_path, first=pages - 1, last=pages - 1))
    assert "（盖章）" in sealed and "报送检查机关" in sealed and "行政复议" in sealed
    receipt = re.sub(r"\s+", "", pdf_text(pdf, tmp_path, first=pages, last=pages))
    assert receipt.startswith("送达回证") and "受送达人签名或盖章" in receipt
    number = re.search(r"编号：(整改〔20\d\d〕第[0-9A-F]{8}号)", flat).group(1)
    assert number in receipt and content["subject"]["name"] in receipt
    assert "见证人签名" in receipt and "第八十九条" in receipt
    custom = render_rectification_notice(demo, big, submit_to="请将整改材料发送至 zg@example.cn",
                                         issuer="某某县市场监督管理局执法大队",
                                         issued_on="2026-01-05")
    flat = re.sub(r"\s+", "", pdf_text(custom, tmp_path))
    assert "zg@example.cn" in flat and "执法大队（盖章）" in flat and "2026年1月5日" in flat


def test_no_notice_for_a_draft_or_without_problems(demo, store, mini, subject):
    with pytest.raises(ValidationError, match="not completed"):
        render_rectification_notice(demo, by_kind_status(demo, "inspection", "draft"))
    clean = start(store, mini, subject)
    later = (date.today() + timedelta(days=300)).isoformat()
    for item_id, value in [("m-01", "yes"), ("m-02", later), ("m-03", "shop"),
                           ("m-05", 25), ("m-06", ["extinguisher"])]:
        inspections.record_answer(store, clean, item_id, value)
    add_evidence(store, clean, "m-07", b"\xff\xd8 photo", mime="image/jpeg")
    inspections.complete(store, clean)
    with pytest.raises(ValidationError, match="nothing to rectify"):
        render_rectification_notice(store, clean)


def test_self_check_gets_a_rectification_list(store, mini, subject, tmp_path):
    own = start(store, mini, subject, kind="self_check")
    later = (date.today() + timedelta(days=300)).isoformat()
    for item_id, value in [("m-01", "yes"), ("m-02", later), ("m-03", "stall"),
                           ("m-05", 4), ("m-06", ["extinguisher"])]:
        inspections.record_answer(store, own, item_id, value)
    add_evidence(store, own, "m-07", jpeg(), mime="image/jpeg")
    inspections.complete(store, own)
    flat = re.sub(r"\s+", "", pdf_text(render_rectification_notice(store, own), tmp_path))
    assert "自查整改清单" in flat and "责令" not in flat
    assert "单位负责人签字" in flat and "德清县吉祥烟花爆竹零售店（盖章）" in flat
    assert "经营方式" in flat and "营业面积" in flat


# --- writing files --------------------------------------------------------------------------


def test_writing_into_a_missing_folder_is_a_clear_error(tmp_path):
    target = tmp_path / "no such folder" / "report.pdf"
    with pytest.raises(InspectorError) as caught:
        write_bytes(target, b"%PDF-1.4")
    assert str(target) in str(caught.value)
    assert not target.parent.exists()


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    taken = tmp_path / "report.pdf"
    taken.mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(InspectorError, match=r"report\.pdf"):
        write_bytes(taken, b"%PDF-1.4")
    assert taken.is_dir() and list(taken.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_write_replaces_the_old_file_whole(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    write_bytes(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_notice_orders_an_immediate_measure_at_once_and_the_rest_by_the_deadline(
        store, checklist_dir, subject, tmp_path):
    ordering = mini_variant(checklist_dir, ORDERS_AT_ONCE)
    inspection = start(store, ordering, subject)
    answer_failing(store, inspection, {"m-01": "no", "m-02": None})  # m-02 asks m-01 "yes"
    inspections.complete(store, inspection)
    rect = report_content(store, inspection)["rectifications"][0]
    assert rect["requirement"] == "立即停止销售烟花爆竹；依法办理零售许可证"  # the ledger's text
    deadline = date.fromisoformat(rect["deadline"])
    assert deadline > date.today()
    flat = re.sub(r"\s+", "", pdf_text(render_rectification_notice(store, inspection), tmp_path))
    # the measure with 立即, the requirement with its date: no future date for "stop at once"
    assert re.search(r"立即停止销售烟花爆竹.*依法办理零售许可证.*立即"
                     f"{deadline.year}年{deadline.month}月{deadline.day}日前完成", flat)
    # read by column: the basis beside it (its duty and penalty) wraps over as many lines
    english = render_rectification_notice(store, inspection, lang="en")
    requirement = re.sub(r"\s+", " ", pdf_text(english, tmp_path, column=(116 * mm, 46 * mm)))
    assert "Stop selling fireworks at once" in requirement
    deadline_column = re.sub(r"\s+", " ", pdf_text(english, tmp_path, column=(162 * mm, 30 * mm)))
    assert "at once" in deadline_column
    assert f"complete by {deadline.isoformat()}" in deadline_column


def answer_failing(store, inspection_id, failing: dict) -> None:
    """Answer every required item of the mini checklist, compliant unless in `failing`
    (None: left unanswered)."""
    later = (date.today() + timedelta(days=300)).isoformat()
    answers = {"m-01": "yes", "m-02": later, "m-03": "shop", "m-05": 25,
               "m-06": ["extinguisher"]} | failing
    for item_id, value in answers.items():
        if value is not None:
            inspections.record_answer(store, inspection_id, item_id, value)
    add_evidence(store, inspection_id, "m-07", b"\xff\xd8 photo", mime="image/jpeg")


def test_notice_states_the_duty_breached_and_the_article_the_order_rests_on(
        store, checklist_dir, subject, tmp_path):
    """As the market-regulation templates word it: 违反了《…》…的规定, then 依据《…》…的
    规定 — the penalty articles, one of them in another law."""
    penal = mini_variant(checklist_dir, (
        "articles: 第七条, version: \"2020-01-01\", checked: \"2026-11-29\", "
        "penalty: [{articles: 第二十条}]",
        "articles: 第七条, version: \"2020-01-01\", checked: \"2026-11-29\", "
        "penalty: [{articles: 第二十条}, {law: 另一条例, articles: 第三条第一款, "
        "version: \"2021-01-01\", checked: \"2026-11-30\"}]"))
    inspection = start(store, penal, subject)
    answer_failing(store, inspection, {"m-01": "no", "m-02": None})
    inspections.complete(store, inspection)
    flat = re.sub(r"\s+", "", basis_column(render_rectification_notice(store, inspection),
                                            tmp_path))
    assert "违反了《测试条例》第七条的规定" in flat
    assert "依据《测试条例》第二十条；《另一条例》第三条第一款的规定" in flat
    english = re.sub(r"\s+", "", basis_column(
        render_rectification_notice(store, inspection, lang="en"), tmp_path))
    assert "Inbreachof《测试条例》第七条" in english
    assert "Orderedunder《测试条例》第二十条" in english


def test_a_notice_on_a_checklist_without_penalties_prints_the_basis_as_stored(
        store, checklist_dir, subject, tmp_path):
    """A checklist pinned before penalty articles were recorded: its notice reads as before."""
    path = checklist_dir / "mini.yaml"
    path.write_text(path.read_text("utf-8").replace(", penalty: [{articles: 第二十条}]", ""),
                    "utf-8")
    inspection = start(store, checklists.find("mini"), subject)
    answer_failing(store, inspection, {"m-01": "no", "m-02": None})
    inspections.complete(store, inspection)
    flat = re.sub(r"\s+", "", pdf_text(render_rectification_notice(store, inspection), tmp_path))
    assert "《测试条例》第七条" in flat
    assert "违反了" not in flat and "依据《" not in flat


def test_each_bundled_notice_item_names_its_duty_and_penalty(demo, big, tmp_path):
    content = report_content(demo, big)
    flat = re.sub(r"\s+", "", basis_column(render_rectification_notice(demo, big), tmp_path))
    for rect in content["rectifications"]:
        item = item_of(content, rect["item_id"])
        assert "违反了" + cite(item["basis"][0]) in flat, rect["item_id"]
        for basis in item["basis"]:
            for penalty in basis.get("penalty", []):
                assert cite(penalty) in flat, rect["item_id"]


def basis_column(pdf: bytes, tmp_path: Path) -> str:
    """The notice's basis column alone (18 mm margin, then 10 mm and 52 mm columns)."""
    return pdf_text(pdf, tmp_path, column=(80 * mm, 36 * mm))
