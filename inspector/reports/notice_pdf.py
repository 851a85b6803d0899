"""The rectification notice (责令整改通知书), or for a self-check the company's own
rectification list (自查整改清单), as an A4 PDF.

Fields follow the order-to-correct documents in use (卫生监督意见书 and the
like): a number (year + serial), the party, each problem with its legal basis,
requirement and deadline, where to send evidence of the rectification, the
issuing authority and date, the party's acknowledgement, and two copies.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from ..checklists import cite
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


@dataclass(frozen=True)
class IssuedNotice:
    """One notice of an inspection: the authority it goes out in the name of (for a
    self-check, the company), the PDF, and its number (numbering.Issued, or None: a
    lead's then carries a provisional number, a joint authority's a blank to fill)."""

    authority: dict
    pdf: bytes
    issued: object | None


def issue_notices(store: Store, inspection_id: str, *, lang: str = "zh",
                  submit_to: str | None = None) -> list[IssuedNotice]:
    """The notices of an inspection, one per competent authority of the items it orders
    (inspector.authorities), lead first, each with its document number (文号): the one
    it has, or the next free one of this store's blocks for that authority, recorded in
    the register with the digest of the content it orders."""
    from .. import authorities, inspections, numbering
    from ..digest import digest

    content = _content(store, inspection_id)
    inspection = content["inspection"]
    named = [a["name"] for a in authorities.of_inspection(
        inspections.get(store, inspection["id"]))]
    notices = []
    for authority, ordered in notice_groups(store, content):
        issued = None
        if inspection["kind"] == "inspection":
            issuer = numbering.Issuer(authority["name"], lead=authority["lead"],
                                      others=tuple(x for x in named if x != authority["name"]))
            issued = numbering.issue_number(
                store, {"id": inspection["id"], "subject_id": content["subject"]["id"]},
                digest(ordered), issuer=issuer)
        pdf = _render(store, ordered, lang=lang, submit_to=submit_to,
                      number=issued and issued.number, blank=not authority["lead"])
        notices.append(IssuedNotice(authority, pdf, issued))
    return notices


def notice_path(first: Path, n: int) -> Path:
    """Where the n-th notice (from 0) of an inspection goes when the first goes to
    `first`: 通知书.pdf, 通知书-2.pdf, ..."""
    return first if n == 0 else first.with_name(f"{first.stem}-{n + 1}{first.suffix}")


def issue_notice(store: Store, inspection_id: str, *, lang: str = "zh",
                 submit_to: str | None = None):
    """The first of issue_notices() (the only one unless a joint inspection's items are
    of several authorities): (PDF, numbering.Issued or None)."""
    first = issue_notices(store, inspection_id, lang=lang, submit_to=submit_to)[0]
    return first.pdf, first.issued


def notice_groups(store: Store, content: dict) -> list[tuple[dict, dict]]:
    """[(authority, the content one notice orders)]: the report content with the
    authority as issuer and only its items; each authority has "lead" (whether it is
    the inspection's first). A self-check's list is the company's own, whole; so is the
    notice of an inspection whose items are all its lead's (its content unchanged).
    Items transferred to another authority (移送) are on no notice: none when all are."""
    from .. import authorities, inspections

    if content["inspection"]["kind"] == "self_check":
        return [({"kind": None, "name": None, "lead": True}, content)]
    record = inspections.get(store, content["inspection"]["id"])
    named = authorities.of_inspection(record)
    sent = set(inspections.transferred_items(store, record["id"]))
    rects = [r for r in content["rectifications"] if r["item_id"] not in sent]
    groups = authorities.issuers(named, inspections.checklist_of(store, record),
                                 [r["item_id"] for r in rects])
    whole = not sent
    lead = named[0]["name"] if named else None
    out = []
    for authority, item_ids in groups:
        ordered = content if whole and len(groups) == 1 and authority["name"] == lead else {
            **content, "authority": authority["name"],
            "rectifications": [r for r in rects if r["item_id"] in item_ids],
            **({"issuing": {"authorities": [a["name"] for a in named]}}
               if len(groups) > 1 else {}),
            **({"transferred": _kinds(store, record, sent)} if sent else {})}
        out.append(({**authority, "lead": authority["name"] == lead}, ordered))
    if not out:
        raise ValidationError(label("notice.all_transferred", language(), id=record["id"]))
    return out


def _kinds(store: Store, record: dict, item_ids: set[str]) -> list[str]:
    """The kinds of authority the transferred items went to, as the checklist names them."""
    from .. import inspections

    checklist = inspections.checklist_of(store, record)
    return sorted({checklist.competent_kind(checklist.item(i)) for i in item_ids})


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
                                number: str | None = None,
                                authority: str | None = None) -> bytes:
    """A notice of a completed inspection (or the list for a self-check) as PDF bytes.

    `authority`: the issuing authority whose notice (default: the first, the only one
    unless a joint inspection's items are of several); `submit_to`: where and how to
    send rectification evidence (default: a standard sentence); `issuer`: the issuing
    organisation as printed (default: that authority, or the company for a
    self-check); `issued_on`: default the day the inspection was completed; `number`:
    its document number (issue_notices draws one; without it, a provisional one from
    the inspection's id, or a blank for a joint authority's). Refused for a draft or
    when nothing failed.
    """
    groups = notice_groups(store, _content(store, inspection_id))
    chosen = next((g for g in groups if g[0]["name"] == authority), groups[0])
    return _render(store, chosen[1], lang=lang, submit_to=submit_to, issuer=issuer,
                   issued_on=issued_on, number=number, blank=not chosen[0]["lead"])


def _render(store: Store, content: dict, *, lang: str, submit_to: str | None,
            issuer: str | None = None, issued_on: date | str | None = None,
            number: str | None = None, blank: bool = False) -> bytes:
    inspection = content["inspection"]
    kind = inspection["kind"]
    notice = _Notice(content, lang, make_styles(10.5, official=kind == "inspection"), number,
                     blank)
    day = date.fromisoformat(str(issued_on)) if issued_on else local_date(
        inspection["finished_at"] or inspection["started_at"])
    if issuer is None:
        issuer = content["subject"]["name"] if kind == "self_check" else content["authority"]
    if kind == "inspection":  # the proof of service, filled once recorded
        from .. import service
        from ..evidence import blob

        notice.served = service.latest(store, inspection["id"])
        notice.load_blob = lambda sha: blob(store, sha)
    submit = submit_to or label(f"notice.submit.{kind}", lang)
    if kind == "inspection":
        submit = [submit, _contact(store, inspection, lang)]
    story = notice.story(submit, issuer or "", day)
    title = label(f"notice.title.{kind}", lang)
    return build_pdf(story, pagesize=A4, lang=lang, title=f"{title} — {content['subject']['name']}",
                     author=issuer or "", subject=notice.number(),
                     footer_left=f"{title} · {notice.number()}")


def _contact(store: Store, inspection: dict, lang: str) -> str:
    """Whom the party asks and where it sends its evidence: the officers, and this
    office's phone and address (inspector.contact), a line to fill in where not set."""
    from .. import contact

    office = contact.get(store)
    blank = "＿" * 8 if lang == "zh" else "_" * 16
    return label("notice.contact", lang, officers="、".join(inspection["inspectors"]) or blank,
                 phone=office.phone or blank, address=office.address or blank)


class _Notice:
    def __init__(self, content: dict, lang: str, styles: Styles, number: str | None = None,
                 blank: bool = False):
        self.given = number
        self.blank = blank  # no number here: the issuing authority writes its own
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
        if self.blank:
            return self.L("notice.number_blank", year=year)
        serial = inspection["id"].replace("-", "")[-8:].upper()
        prefix = self.L(f"notice.prefix.{self.kind}")
        if self.lang == "zh":
            return f"{prefix}〔{year}〕第{serial}号"
        return f"{prefix}-{year}-{serial}"

    def story(self, submit_to: str | list[str], issuer: str, day: date) -> list:
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
                *self._joint(),
                *self._transferred(),
                self._items(),
                Spacer(1, 3 * mm)]
        # the last words stay on the page of the seal: a seal alone on a page is no notice
        last = [s.p(text, self.para) for text in (
            [submit_to] if isinstance(submit_to, str) else submit_to)]
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

    def _joint(self) -> list:
        """A joint inspection's notice says who inspected and that it orders only its
        own authority's items."""
        named = self.c.get("issuing", {}).get("authorities") or []
        if len(named) < 2:
            return []
        return [self.s.p(self.L("notice.joint", authorities="、".join(named),
                                issuer=self.c["authority"]), self.para)]

    def _transferred(self) -> list:
        """Findings sent to another authority are on no notice: the notice says so."""
        kinds = self.c.get("transferred")
        return [self.s.p(self.L("notice.transferred", kinds="、".join(kinds)), self.para)] \
            if kinds else []

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
            data.append([s.p(str(n), s.cell), s.p(problem, s.cell), self._basis_cell(rect),
                         *self._requirement_cells(rect)])
        table = flowing_table(data, colWidths=[10 * mm, 52 * mm, 36 * mm, 46 * mm, 30 * mm],
                      repeatRows=1)
        table.setStyle(grid_style())
        return table

    def _basis_cell(self, rect: dict):
        """The duty breached (违反了…的规定) and the article the order rests on
        (依据…的规定), as the market-regulation templates state them, where the pinned
        checklist records penalty articles; otherwise the basis stored with the item."""
        s = self.s
        item = item_of(self.c, rect["item_id"])
        if item is None or not self._states_penalties():
            return s.p(rect["basis"], s.cell)
        cell = [s.p(self.L("notice.breach", duty="；".join(map(cite, item["basis"]))), s.cell)]
        under = "；".join(cite(p) for b in item["basis"] for p in b.get("penalty", []))
        if under:
            cell.append(s.p(self.L("notice.under", penalty=under), s.cell))
        return cell

    def _states_penalties(self) -> bool:
        """Whether the inspection's checklist records penalty articles (one pinned
        before it did prints its bases as they were)."""
        return any("penalty" in b for sec in self.c["sections"] for i in sec["items"]
                   for b in i["basis"])

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

