"""Chinese line breaking in every document: no line starts with ，。；：、》）” and the
like (reportlab's own list lacks the full-width Chinese punctuation). Known limit: of
two closing marks in a row (。”) reportlab hangs only the first."""

import io

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from inspector.reports.layout import NO_LINE_START, make_styles

from .helpers.pdftools import poppler


def line_starts(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "lines.pdf"
    path.write_bytes(pdf)
    text = poppler("pdftotext", "-layout", "-enc", "UTF-8", str(path), "-")
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_no_line_starts_with_closing_punctuation(tmp_path):
    styles = make_styles()
    # one closing mark at a time: reportlab hangs one in the margin, not a run of them
    sentence = "发现问题；整改期限：三十日。《医疗机构管理条例》第二十六条！"
    # every offset, so each mark in turn falls where a line would break
    texts = ["检" * n + "，" + sentence * 3 for n in range(1, 60)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(
        [Paragraph(text, style) for text in texts for style in (styles.body, styles.cell)])
    starts = line_starts(out.getvalue(), tmp_path)
    assert len(starts) > 300
    assert [line for line in starts if line[0] in NO_LINE_START] == []
