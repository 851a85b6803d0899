"""The rectification notice (责令整改通知书), or for a self-check the company's own
rectification list (自查整改清单), as an A4 PDF.

Fields follow the order-to-correct documents in use (卫生监督意见书 and the
like): a number (year + serial), the party, each problem with its legal basis,
requirement and deadline, where to send evidence of the rectification, the
issuing authority and date, the party's acknowledgement, and two copies.
"""

from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from ..errors import ValidationError
from ..i18n import language, pick
from ..store import Store
from .content import report_content
from .inspection_pdf import item_of, rectification_texts
from .layout import (
    Styles,
    build_pdf,
    flowing_table,
    grid_style,
    local_date,
    make_styles,
    table_style,
)
from .messages import label
from .service_receipt import service_receipt


def issue_notice(store: Store, inspection_id: str, *, lang: str = "zh",
                 submit_to: str | None = None):
    """The notice of an inspection with its document number (文号): the one it has, or
    the next free one of this store's blocks, recorded in the register with the digest
    of the content it orders. Returns (PDF, numbering.Issued); the second is None when
    this store has no number to give (the notice then carries a provisional one)."""
    from .. import numbering
    from ..digest import digest

    content = _content(store, inspection_id)
    inspection = content["inspection"]
    issued = None
    if inspection["kind"] == "inspection":
        issued = numbering.issue_number(
            store, {"id": inspection["id"], "subject_id": content["subject"]["id"]},
            digest(content))
    pdf = render_rectification_notice(store, inspection_id, lang=lang, submit_to=submit_to,
                                      number=issued and issued.number)
    return pdf, issued


def _content(store: Store, inspection_id: str) -> dict:
    """The inspection's content, refused for a draft or when nothing failed."""
    content = report_content(store, inspection_id)
    inspection = content["inspection"]
    if inspection["draft"]:
        raise ValidationError(label("notice.draft", language(), id=inspection["id"]))
    if not content["rectifications"]:
        raise ValidationError(label("notice.nothing", language(), id=inspection["id"]))
    return content


def render_rectification_notice(store: Store, inspection_id: str, *, lang: str = "zh",
                                submit_to: str | None = None, issuer: str | None = None,
                                issued_on: date | str | None = None,
                                number: str | None = None) -> bytes:
    """The notice for a completed inspection (or the list for a self-check) as PDF bytes.

    `submit_to`: where and how to send rectification evidence (default: a standard
    sentence); `issuer`: the issuing organisation (default: the inspecting
    authority, or the company for a self-check); `issued_on`: default the day
    the inspection was completed; `number`: its document number (issue_notice
    draws one; without it, a provisional one from the inspection's id). Refused for
    a draft or when nothing failed.
    """
    content = _content(store, inspection_id)
    inspection = content["inspection"]
    kind = inspection["kind"]
    notice = _Notice(content, lang, make_styles(10.5, official=kind == "inspection"), number)
    day = date.fromisoformat(str(issued_on)) if issued_on else local_date(
        inspection["finished_at"] or inspection["started_at"])
    if issuer is None:
        issuer = content["subject"]["name"] if kind == "self_check" else content["authority"]
    if kind == "inspection":  # the proof of service, filled once recorded
        from .. import service
        from ..evidence import blob

        notice.served = service.latest(store, inspection["id"])
        notice.load_blob = lambda sha: blob(store, sha)
    story = notice.story(submit_to or label(f"notice.submit.{kind}", lang), issuer or "", day)
    title = label(f"notice.title.{kind}", lang)
    return build_pdf(story, pagesize=A4, lang=lang, title=f"{title} — {content['subject']['name']}",
                     author=issuer or "", subject=notice.number(),
                     footer_left=f"{title} · {notice.number()}")


class _Notice:
    def __init__(self, content: dict, lang: str, styles: Styles, number: str | None = None):
        self.given = number
        self.served: dict | None = None  # the service recorded (inspector.service)
        self.load_blob = None
        self.c = content
        self.lang = lang
        self.s = styles
        self.kind = content["inspection"]["kind"]
        base = styles.body
        self.para = ParagraphStyle("notice-body", parent=base, firstLineIndent=2 * base.fontSize,
                                   spaceAfter=2 * mm)
        self.right = ParagraphStyle("notice-right", parent=base, alignment=TA_RIGHT)

    def L(self, key: str, **values) -> str:
        return label(key, self.lang, **values)

    def number(self) -> str:
        """The document number given, or a provisional one: year of the inspection + a
        serial from its id, 整改〔2026〕第BC9BA9DC号."""
        if self.given:
            return self.given
        inspection = self.c["inspection"]
        year = local_date(inspection["started_at"]).year
        serial = inspection["id"].replace("-", "")[-8:].upper()
        prefix = self.L(f"notice.prefix.{self.kind}")
        if self.lang == "zh":
            return f"{prefix}〔{year}〕第{serial}号"
        return f"{prefix}-{year}-{serial}"

    def story(self, submit_to: str, issuer: str, day: date) -> list:
        s, c = self.s, self.c
        inspected = local_date(c["inspection"]["started_at"])
        intro = self.L(f"notice.intro.{self.kind}", date=self._date(inspected),
                       place=c["inspection"]["place"] or c["subject"]["address"] or "",
                       checklist=pick(c["checklist"]["title"], self.lang))
        flow = [s.p(self.L(f"notice.title.{self.kind}"), s.title),
                s.p(self.L("notice.number", number=self.number()), self.right),
                Spacer(1, 4 * mm),
                s.p(self.L("notice.to", name=c["subject"]["name"]), s.heading),
                s.p(intro, self.para),
                self._items(),
                Spacer(1, 3 * mm)]
        # the last words stay on the page of the seal: a seal alone on a page is no notice
        last = [s.p(submit_to, self.para)]
        if self.kind == "inspection":
            last += [s.p(self.L("notice.warning"), self.para),
                     s.p(self.L("notice.rights"), self.para)]
        flow.append(KeepTogether([*last, *self._closing(issuer, day)]))
        if self.kind == "inspection":
            flow += service_receipt(
                s, self.lang, document=self.L("notice.title.inspection"), number=self.number(),
                recipient=c["subject"]["name"],
                place=c["inspection"]["place"] or c["subject"]["address"] or "",
                width=A4[0] - 36 * mm, served=self.served, load_blob=self.load_blob)
        return flow

    def _date(self, day: date) -> str:
        return f"{day.year}年{day.month}月{day.day}日" if self.lang == "zh" else day.isoformat()

    def _items(self) -> Table:
        s = self.s
        head = [s.p(self.L(k), s.cell_bold) for k in (
            "notice.col.no", "report.rect.problem", "report.basis", "report.rect.requirement",
            "report.rect.deadline")]
        head[2] = s.p(self.L("report.basis").rstrip("：: "), s.cell_bold)
        data = [head]
        for n, rect in enumerate(self.c["rectifications"], 1):
            problem, _ = rectification_texts(self.c, rect, self.lang)
            data.append([s.p(str(n), s.cell), s.p(problem, s.cell), s.p(rect["basis"], s.cell),
                         *self._requirement_cells(rect)])
        table = flowing_table(data, colWidths=[10 * mm, 52 * mm, 36 * mm, 46 * mm, 30 * mm],
                      repeatRows=1)
        table.setStyle(grid_style())
        return table

    def _requirement_cells(self, rect: dict) -> list:
        """The requirement and its deadline; a measure to take at once comes first, its
        deadline 立即, then what must be completed by the date."""
        s = self.s
        deadline = self._date(date.fromisoformat(rect["deadline"]))
        item = item_of(self.c, rect["item_id"])
        if not item or not item.get("immediate"):
            _, requirement = rectification_texts(self.c, rect, self.lang)
            return [s.p(requirement, s.cell), s.p(deadline, s.cell_bold)]
        requirement = pick(item["requirement"], self.lang) or rect["requirement"]
        return [[s.p(pick(item["immediate"], self.lang), s.cell), s.p(requirement, s.cell)],
                [s.p(self.L("notice.at_once"), s.cell_bold),
                 s.p(self.L("notice.by_deadline", date=deadline), s.cell_bold)]]

    def _closing(self, issuer: str, day: date) -> list:
        s = self.s
        blank = "＿" * 12
        flow = [Spacer(1, 10 * mm),
                s.p(self.L("notice.issuer", issuer=issuer or blank), self.right),
                s.p(self._date(day), self.right),
                Spacer(1, 10 * mm)]
        receipt = "notice.receipt_self" if self.kind == "self_check" else "notice.receipt"
        line = Table([[s.p(self.L(receipt)), "", s.p(self.L("notice.date_line")), ""]],
                     colWidths=[36 * mm, 60 * mm, 16 * mm, 40 * mm], rowHeights=[10 * mm],
                     hAlign="LEFT")
        line.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                  ("LINEBELOW", (1, 0), (1, 0), 0.5, colors.black),
                                  ("LINEBELOW", (3, 0), (3, 0), 0.5, colors.black)))
        flow.append(line)
        if self.kind == "inspection":
            flow += [Spacer(1, 6 * mm), s.p(self.L("notice.copies"), s.small)]
        return flow

