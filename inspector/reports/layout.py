"""Shared page furniture for the PDF documents: styles, tables, footer, watermark, build.

Every page gets "第 x 页 / 共 y 页": the canvas keeps each finished page's
state and draws the footers once the total is known (one layout pass). A draft
watermark is drawn over the content, translucent, so table shading cannot hide it.
"""

import io
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib import textsplit as _textsplit
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as _paragraph

from .. import ids
from ..fonts import Fonts, canvas_font, cjk_fonts, markup, official_fonts
from .messages import label

BEIJING = ids.BEIJING

GRID = colors.HexColor("#9aa0a6")
HEAD_BG = colors.HexColor("#eceff1")
FAIL_BG = colors.HexColor("#fde7e7")
MUTED = colors.HexColor("#555555")
FAIL_TEXT = colors.HexColor("#b71c1c")


# Chinese line breaking: reportlab hangs a character that may not start a line on the
# end of the line before, but its list lacks the full-width Chinese punctuation (，；：
# ！？》”’ …), so a line could open with a comma. Added here, once, for every document.
NO_LINE_START = "，。、；：！？》〉」』】〕）”’…—"
for _module in (_paragraph, _textsplit):  # the CJK splitter of each paragraph path
    _module.ALL_CANNOT_START += "".join(
        c for c in NO_LINE_START if c not in _module.ALL_CANNOT_START)

local_time = ids.local_time  # stored UTC, shown in Beijing time
local_date = ids.local_date


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of one document, all in the CJK font."""

    fonts: Fonts
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_fail: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    caption_fail: ParagraphStyle

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of plain text (escaped, glyph-checked, fallback font runs)."""
        return Paragraph(markup(text or "", self.fonts), style or self.body)


def make_styles(base_size: float = 9.5, official: bool = False) -> Styles:
    """The styles of a document; `official`: in the 宋体 face (fonts.official_fonts)."""
    fonts = official_fonts() if official else cjk_fonts()

    def style(name, size=base_size, font=fonts.regular, **kw):
        # CJK wrapping breaks between any two ideographs, keeping punctuation rules
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.45,
                              wordWrap="CJK", **kw)

    return Styles(
        fonts=fonts,
        title=style("title", 18, fonts.bold, alignment=TA_CENTER, spaceAfter=2 * mm),
        subtitle=style("subtitle", base_size, alignment=TA_CENTER, textColor=MUTED,
                       spaceAfter=4 * mm),
        heading=style("heading", base_size + 2.5, fonts.bold, spaceBefore=4 * mm,
                      spaceAfter=2 * mm),
        body=style("body", spaceAfter=1.5 * mm),
        cell=style("cell", base_size - 1),
        cell_bold=style("cell_bold", base_size - 1, fonts.bold),
        cell_fail=style("cell_fail", base_size - 1, fonts.bold, textColor=FAIL_TEXT),
        small=style("small", base_size - 2, textColor=MUTED),
        caption=style("caption", base_size - 2, alignment=TA_CENTER, textColor=MUTED),
        caption_fail=style("caption_fail", base_size - 2, alignment=TA_CENTER,
                           textColor=FAIL_TEXT),
    )


def flowing_table(data: list, **options) -> Table:
    """A table whose rows split across pages, inside a row too: a note or a name of
    any length prints whole, even when one cell is taller than a page."""
    return Table(data, splitInRow=1, **options)


def table_style(*commands) -> TableStyle:
    """A table style whose plain-string cells (even empty ones) use the CJK font, so
    no unembedded Helvetica ends up in the PDF."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), cjk_fonts().regular), *commands])


def grid_style(*extra, header: bool = True) -> TableStyle:
    """Thin grid, top-aligned cells, optional shaded header row."""
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_BG))
    return table_style(*commands, *extra)


def _canvas_class(lang: str, footer_left: str, watermark: str | None, fonts: Fonts,
                  footer_line: str = ""):
    """A canvas that stamps page numbers (and the watermark) once all pages exist;
    `footer_line` is a line above them on every page (a record's initials)."""

    class FooterCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._footer(number, total)
                if watermark:
                    self._watermark()
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            width, _ = self._pagesize
            text = label("report.page", lang, page=number, pages=total)
            self.setFillColor(MUTED)
            self.setFont(canvas_font(text, fonts), 8)
            self.drawCentredString(width / 2, 9 * mm, text)
            if footer_left:
                font = canvas_font(footer_left, fonts)
                self.setFont(font, 7)
                # left of the centred page number, however long the subject's name
                room = width / 2 - 15 * mm - stringWidth(text, self._fontname, 8) / 2 - 4 * mm
                self.drawString(15 * mm, 9 * mm, elide(footer_left, font, 7, room))
            if footer_line:
                self.setFillColor(colors.black)
                self.setFont(canvas_font(footer_line, fonts), 8)
                self.drawRightString(width - 15 * mm, 13.5 * mm, footer_line)

        def _watermark(self) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFillColor(colors.HexColor("#c62828"))
            self.setFillAlpha(0.16)
            self.setFont(canvas_font(watermark, fonts), 54 if lang == "zh" else 44)
            self.translate(width / 2, height / 2)
            self.rotate(40)
            self.drawCentredString(0, -18, watermark)
            self.restoreState()

    return FooterCanvas


def elide(text: str, font: str, size: float, room: float) -> str:
    """`text` cut with an ellipsis to fit `room` points on one line."""
    if stringWidth(text, font, size) <= room:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + "…", font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


def build_pdf(story: list, *, pagesize, lang: str, title: str, author: str = "",
              subject: str = "", footer_left: str = "", watermark: str | None = None,
              margins=(15 * mm, 15 * mm, 15 * mm, 18 * mm), footer_line: str = "") -> bytes:
    """Lay out `story` and return the PDF bytes (deterministic: invariant mode)."""
    left, top, right, bottom = margins
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=pagesize, leftMargin=left, rightMargin=right,
                          topMargin=top, bottomMargin=bottom, title=title, author=author,
                          subject=subject, creator="Inspector", invariant=1,
                          initialFontName=cjk_fonts().regular,  # no stray Helvetica
                          lang="zh-CN" if lang == "zh" else "en")
    frame = Frame(left, bottom, pagesize[0] - left - right, pagesize[1] - top - bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame])])
    fonts = cjk_fonts()
    with _binary_streams():
        doc.build(story, canvasmaker=_canvas_class(lang, footer_left, watermark, fonts,
                                                         footer_line))
    return out.getvalue()


@contextmanager
def _binary_streams():
    """Binary (not ASCII85) PDF streams while building: reportlab's ASCII85 encoder
    is pure Python without its optional accelerator and took a third of a report's
    time on photos; binary streams are also a fifth smaller. A process-wide switch,
    but every value is valid PDF, so concurrent builds cannot be harmed by it."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved
