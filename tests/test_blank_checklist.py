"""The paper fallback: a blank record of each sector's checklist, every item with its
boxes and basis, the statements and signature lines the record needs."""

import re

import pytest

from inspector import checklists
from inspector.cli import main
from inspector.i18n import pick
from inspector.reports import render_blank_checklist

from .helpers.pdftools import page_count, pdf_text

SECTORS = ("clinic", "fireworks_retail", "ride_hailing", "telecom_vas")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("sector", SECTORS)
def test_every_item_is_on_the_blank_record(sector, tmp_path):
    checklist = checklists.find(sector)
    pdf = render_blank_checklist(checklist)
    text = squeeze(pdf_text(pdf, tmp_path))
    for item in checklist.items:
        assert squeeze(pick(item["text"], "zh"))[:12] in text, item["id"]
    observed = sum(1 for i in checklist.items if i.get("observation"))
    assert text.count("观察事项，不责令整改") == observed
    yes_no = sum(1 for i in checklist.items if i["type"] == "yes_no")
    assert text.count("□是□否") >= yes_no > 0  # choices may be yes and no too
    for words in ("现场检查笔录", "出示执法证件", "申请执法人员回避", "当事人意见",
                  "已向当事人宣读", "见证人签名", f"检查表版本{checklist.version}",
                  pick(checklist.content["authority"], "zh")):
        assert squeeze(words) in text, words
    # internal identifiers stay out of the printed body: items are numbered 1, 2, …
    assert not re.search(r"\b[a-z]{2,4}-\d{2}\b", pdf_text(pdf, tmp_path))
    assert f"第1页/共{page_count(pdf, tmp_path)}页" in text


def test_the_cli_writes_it_in_english_too(tmp_path, capsys):
    path = tmp_path / "blank.pdf"
    assert main(["--lang", "en", "checklists", "blank", "clinic", "-o", str(path)]) == 0
    assert "blank record written" in capsys.readouterr().out
    text = pdf_text(path.read_bytes(), tmp_path)
    assert "paper backup" in text and "Officer's signature" in text
    assert main(["checklists", "blank", "no-such", "-o", str(tmp_path / "x.pdf")]) == 1
    assert not (tmp_path / "x.pdf").exists()
