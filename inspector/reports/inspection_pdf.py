"""The inspection report (现场检查记录) or self-check report (企业自查报告) as an A4 PDF.

Laid out from report_content() alone (plus the image blobs it names), so what
is printed is exactly what the content hash covers. A draft may be printed, for
review on site, but carries a diagonal "草稿 — 未完成" on every page.
"""

from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table

from ..checklists import cite, requirement_text
from ..errors import InspectorError
from ..evaluation import OBSERVED
from ..evidence import blob
from ..i18n import pick
from ..store import Store
from .content import report_content
from .images import QrCode, picture
from .layout import (
    FAIL_BG,
    Styles,
    build_pdf,
    flowing_table,
    grid_style,
    local_time,
    make_styles,
    table_style,
)
from .messages import label

WIDTH = A4[0] - 30 * mm  # frame width with 15 mm margins
QR_SIZE = 32 * mm
HEADER_ROOM = A4[1] - 90 * mm  # what page 1 leaves below the titles, with room to spare
CN_NUMBERS = "一二三四五六七八九十"

BlobLoader = Callable[[str], bytes]


def render_inspection_report(store: Store, inspection_id: str, *, qr_text: str | None = None,
                             lang: str = "zh") -> bytes:
    """The report of one inspection or self-check as PDF bytes.

    `qr_text` (the signed verification payload) is printed as a QR code on the
    first page; `lang` is zh or en for the labels and checklist texts.
    """
    from .. import corrections, inspections

    content = report_content(store, inspection_id)
    newer = corrections.superseded_by(store, content["inspection"]["id"])
    # printed on the record, outside its content: the content hash stays what was signed
    superseded = newer and {k: v for k, v in inspections.get(store, newer).items()
                            if k in ("id", "started_at")}
    return render_content(content, lambda sha: blob(store, sha), qr_text=qr_text, lang=lang,
                          superseded=superseded)


def render_content(content: dict, load_blob: BlobLoader, *, qr_text: str | None = None,
                   lang: str = "zh", superseded: dict | None = None) -> bytes:
    """Lay out a report_content() dict; `load_blob(sha256)` returns image bytes;
    `superseded` names the correction (id, started_at) that replaces this record."""
    report = _Report(content, load_blob, lang)
    report.superseded = superseded
    kind = content["inspection"]["kind"]
    title = label(f"report.title.{kind}", lang)
    draft = content["inspection"]["draft"]
    subject = content["subject"]["name"]
    return build_pdf(
        report.story(qr_text), pagesize=A4, lang=lang, title=f"{title} — {subject}",
        author=content["authority"] or "、".join(content["inspection"]["inspectors"]),
        subject=pick(content["checklist"]["title"], lang),
        footer_left=f"{title} · {subject} · {content['inspection']['id'][:8]}",
        watermark=label("report.draft_mark", lang) if draft else None,
        # every page of an on-site record is initialled by the party and the officers
        footer_line=label("report.initials", lang) if kind == "inspection" else "")


class _Report:
    """Builds the story of one report; photos are numbered in order of appearance."""

    def __init__(self, content: dict, load_blob: BlobLoader, lang: str):
        self.c = content
        self.load_blob = load_blob
        self.lang = lang
        self.kind = content["inspection"]["kind"]
        # an on-site record is an official document: 宋体 (GB/T 9704)
        self.s: Styles = make_styles(official=self.kind == "inspection")
        self.photos: list[tuple[int, str, dict]] = []  # (number, item id, evidence)
        self.superseded: dict | None = None
        # items are printed by their place (section.item, 2.3): a checklist's internal
        # codes stay out of an official document
        self.numbers = {item["id"]: f"{n}.{m}"
                        for n, section in enumerate(content["sections"], 1)
                        for m, item in enumerate(section["items"], 1)}

    def L(self, key: str, **values) -> str:
        return label(key, self.lang, **values)

    def text(self, value: dict | None) -> str:
        return pick(value, self.lang)

    def story(self, qr_text: str | None) -> list:
        s = self.s
        story = [s.p(self.L(f"report.title.{self.kind}"), s.title),
                 s.p(self.text(self.c["checklist"]["title"]), s.subtitle),
                 *self._superseded(), *self._paper(), *self._header(qr_text),
                 *self._correction()]
        if self.kind == "inspection":
            story.append(Spacer(1, 2 * mm))
            story.append(s.p(self.L("report.credentials")))
            story.append(s.p(self._withdrawal()))
        story += self._summary()
        story += self._findings()
        story += self._rectifications()
        story += self._photos()
        if self.kind == "inspection":
            story += self._party_statement()
        story += self._signatures()
        return story

    def _paper(self) -> list:
        """根据纸质记录补录: the paper record's day and number, who transcribed it, when."""
        paper = self.c["inspection"].get("paper")
        if not paper:
            return []
        number = self.L("report.paper_number", number=paper["number"]) \
            if paper.get("number") else ""
        blank = self.L("report.blank")
        text = self.L("report.paper", date=paper.get("date") or blank, number=number,
                      transcriber=paper.get("transcriber") or blank,
                      at=local_time(paper.get("transcribed_at")) or blank)
        return [self.s.p(text, self.s.cell_bold), Spacer(1, 2 * mm)]

    def _withdrawal(self) -> str:
        """Whether the party asked for an officer's withdrawal, or boxes to tick by hand."""
        withdrawal = self.c["inspection"].get("withdrawal")
        if withdrawal is None:
            return self.L("report.withdrawal.blank")
        if not withdrawal["asked"]:
            return self.L("report.withdrawal.no")
        return self.L("report.withdrawal.yes",
                      request=withdrawal.get("request") or self.L("report.blank"))

    # --- header --------------------------------------------------------------

    def _header(self, qr_text: str | None) -> list:
        """The facts table, the QR code beside it. Facts too long for page 1 go one
        to a row instead, the code above them: that table splits across pages (a
        table inside a table cannot, and reportlab splits a row's spanned cell at
        its first column's width)."""
        width = WIDTH - QR_SIZE - 4 * mm if qr_text else WIDTH
        table = self._header_table(width)
        if table.wrap(width, HEADER_ROOM)[1] > HEADER_ROOM:
            return [*self._qr_above(qr_text), self._long_header_table()]
        if not qr_text:
            return [table]
        outer = Table([[table, self._qr(qr_text)]], colWidths=[width + 4 * mm, QR_SIZE])
        outer.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)))
        return [outer]

    def _qr(self, qr_text: str) -> list:
        # the checklist's digest belongs with the verification, not in the record's body
        return [QrCode(qr_text, QR_SIZE), self.s.p(self.L("report.qr_caption"), self.s.caption),
                self.s.p(self.L("report.checklist_digest"), self.s.caption),
                self.s.p(self.c["checklist"]["hash"][:16], self.s.caption)]

    def _qr_above(self, qr_text: str | None) -> list:
        if not qr_text:
            return []
        above = Table([[self._qr(qr_text)]], colWidths=[QR_SIZE], hAlign="RIGHT")
        above.setStyle(table_style(("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)))
        return [above, Spacer(1, 2 * mm)]

    def _header_rows(self) -> list:
        c, inspection, subject = self.c, self.c["inspection"], self.c["subject"]
        started = local_time(inspection["started_at"])
        finished = local_time(inspection["finished_at"]) or self.L("report.unfinished")
        if finished[:10] == started[:10]:
            finished = finished[11:]  # same day: the date once is enough
        checklist = c["checklist"]
        rows = [
            (self.L(f"report.subject.{self.kind}"), subject["name"]),
            ((self.L("report.uscc"), subject["uscc"]),
             (self.L("report.sector"), self.text(c["sector_name"]))),
            (self.L("report.address"), subject["address"]),
            ((self.L("report.legal_rep"), subject["legal_rep"]),
             (self.L("report.phone"), subject["phone"])),
        ]
        if self.kind == "inspection" and c.get("authorities"):
            rows.append((self.L("report.authority_joint"), "、".join(c["authorities"])))
        elif self.kind == "inspection" and c["authority"]:
            rows.append((self.L("report.authority"), c["authority"]))
        rows += [
            (self.L(f"report.place.{self.kind}"), inspection["place"]),
            (self.L(f"report.time.{self.kind}"),
             self.L("report.time_range", start=started, end=finished)
             + self.L("report.time_zone")),
            (self.L(f"report.people.{self.kind}"), self._people()),
        ]
        if self.kind == "inspection":
            rows.append((self.L("report.recorder"),
                         inspection.get("recorder") or self.L("report.blank")))
            rows.append((self.L("report.representative"), inspection["representative"]))
        rows.append((self.L("report.checklist"), self.L(
            "report.checklist_ref", title=self.text(checklist["title"]),
            version=checklist["version"])))
        return rows

    def _people(self) -> str:
        """The inspectors; on an on-site record each with their 执法证号, or a blank to
        fill by hand where none was recorded."""
        names = self.c["inspection"]["inspectors"]
        if self.kind != "inspection":
            return "、".join(names)
        badges = self.c["inspection"].get("badges", {})
        return "、".join(self.L("report.officer_badge", name=name,
                               badge=badges.get(name) or self.L("report.blank"))
                        for name in names)

    def _header_table(self, width: float) -> Table:
        s, label_w = self.s, 31 * mm
        value_w = (width - 2 * label_w) / 2
        data, spans = [], []
        for n, row in enumerate(self._header_rows()):
            if isinstance(row[0], tuple):
                (l1, v1), (l2, v2) = row
                data.append([s.p(l1, s.cell_bold), s.p(v1 or "", s.cell),
                             s.p(l2, s.cell_bold), s.p(v2 or "", s.cell)])
            else:
                data.append([s.p(row[0], s.cell_bold), s.p(row[1] or "", s.cell), "", ""])
                spans.append(("SPAN", (1, n), (3, n)))
        table = Table(data, colWidths=[label_w, value_w, label_w, value_w])
        shade = [("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f5f6f7"))]
        shade += [("BACKGROUND", (2, n), (2, n), colors.HexColor("#f5f6f7"))
                  for n, row in enumerate(data) if row[2] != ""]
        table.setStyle(grid_style(*spans, *shade, header=False))
        return table

    def _long_header_table(self) -> Table:
        """The facts one label and value a row, at full width, no spans."""
        s, pairs = self.s, []
        for row in self._header_rows():
            pairs += row if isinstance(row[0], tuple) else [row]
        data = [[s.p(name, s.cell_bold), s.p(value or "", s.cell)] for name, value in pairs]
        table = flowing_table(data, colWidths=[31 * mm, WIDTH - 31 * mm])
        table.setStyle(grid_style(("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f5f6f7")),
                                  header=False))
        return table

    # --- corrections -----------------------------------------------------------

    def _superseded(self) -> list:
        if not self.superseded:
            return []
        text = self.L("report.superseded", id=self.superseded["id"],
                      date=local_time(self.superseded["started_at"])[:10])
        return [self.s.p(text, self.s.cell_fail), Spacer(1, 2 * mm)]

    def _correction(self) -> list:
        """What a correction corrects, why, and each change as old → new."""
        correction = self.c.get("correction")
        if not correction:
            return []
        s, original = self.s, correction["corrects"]
        flow = [s.p(self.L("report.correction"), s.heading),
                s.p(self.L("report.corrects", id=original["id"],
                           date=local_time(original["started_at"])[:10],
                           kind=self.L(f"report.kind.{self.kind}"),
                           hash=original["content_hash"][:16])),
                s.p(self.L("report.correction_reason", reason=correction["reason"]))]
        if not correction["changes"]:
            return [*flow, s.p(self.L("report.changes_none"))]
        data = [[s.p(self.L(k), s.cell_bold) for k in (
            "report.change.item", "report.change.old", "report.change.new")]]
        for change in correction["changes"]:
            if "item" in change:
                what = f"{self.numbers.get(change['item'], '')} {self.text(change['text'])}"
                old, new = self._side(change["old"]), self._side(change["new"])
            else:
                what = self.L(f"report.detail.{change['detail']}")
                old, new = change["old"], change["new"]
            none = self.L("report.change.none")
            data.append([s.p(what, s.cell), s.p(old or none, s.cell),
                         s.p(new or none, s.cell_bold)])
        table = flowing_table(data, colWidths=[54 * mm, 63 * mm, 63 * mm], repeatRows=1)
        table.setStyle(grid_style())
        return [*flow, Spacer(1, 1.5 * mm), table]

    def _side(self, side: dict) -> str:
        parts = [self.text(side["answer"])] if side["answer"] else []
        if side["note"]:
            parts.append(self.L("report.change.note", note=side["note"]))
        return "；".join(parts) if self.lang == "zh" else "; ".join(parts)

    # --- summary and findings ------------------------------------------------

    def _summary(self) -> list:
        summary = self.c["summary"]
        flow = [self.s.p(self.L("report.summary"), self.s.heading),
                self.s.p(self.L("report.summary_line", shown=summary["shown"],
                                answered=summary["answered"], passed=summary["passed"],
                                failed=summary["failed"], na=summary["not_applicable"]))]
        if summary["by_severity"]:
            counts = "，" if self.lang == "zh" else ", "
            counts = counts.join(self.L("report.severity_count", n=n,
                                        severity=self.L(f"severity.{severity}"))
                                 for severity, n in summary["by_severity"].items())
            flow.append(self.s.p(self.L("report.by_severity", counts=counts)))
        return flow

    def _findings(self) -> list:
        flow = [self.s.p(self.L(f"report.findings.{self.kind}"), self.s.heading)]
        for n, section in enumerate(self.c["sections"]):
            failed = sum(1 for item in section["items"] if item["compliance"] == "fail")
            answered = sum(1 for item in section["items"]
                           if item["answer"] is not None or item["evidence"])
            counts = self.L("report.section_counts", answered=answered,
                            shown=len(section["items"]), failed=failed)
            flow.append(CondPageBreak(30 * mm))  # a section title never ends a page alone
            flow.append(self.s.p(f"{self._ordinal(n)}{self.text(section['title'])}{counts}",
                                 self.s.cell_bold))
            flow.append(Spacer(1, 1.5 * mm))
            flow.append(self._section_table(section))
            flow.append(Spacer(1, 3 * mm))
        return flow

    def _ordinal(self, n: int) -> str:
        if self.lang == "zh" and n < len(CN_NUMBERS):
            return f"{CN_NUMBERS[n]}、"
        return f"{n + 1}. "

    def _section_table(self, section: dict) -> Table:
        s = self.s
        head = [s.p(self.L(k), s.cell_bold) for k in
                ("report.col.no", "report.col.item", "report.col.result", "report.col.severity")]
        data, fails = [head], []
        for item in section["items"]:
            if item["compliance"] == "fail":
                fails.append(len(data))
            data.append(self._item_row(item))
        table = flowing_table(data, colWidths=[15 * mm, 110 * mm, 33 * mm, 16 * mm], repeatRows=1)
        table.setStyle(grid_style(*[("BACKGROUND", (0, r), (-1, r), FAIL_BG) for r in fails]))
        return table

    def _item_row(self, item: dict) -> list:
        s = self.s
        check = [s.p(self.text(item["text"]), s.cell)]
        if item["note"]:
            check.append(s.p(self.L("report.note") + item["note"], s.small))
        if item["basis"]:
            check.append(s.p(self.L("report.basis") + basis_text(item["basis"]), s.small))
        result = []
        if item["answer_label"] is not None:
            style = s.cell_fail if item["compliance"] == "fail" else s.cell
            result.append(s.p(self.text(item["answer_label"]), style))
        refs = [self._photo_number(item["id"], ev) for ev in item["evidence"]]
        if refs:
            result.append(s.p(self.L("report.photo_ref", refs="、".join(map(str, refs))), s.small))
        if not result:
            result.append(s.p(self.L("report.unanswered"), s.small))
        severity = (self.L(f"severity.{item['severity']}") if item["compliance"] == "fail"
                    else self.L("report.observed") if item["compliance"] == OBSERVED else "")
        return [s.p(self.numbers[item["id"]], s.cell), check, result, s.p(severity, s.cell)]

    def _photo_number(self, item_id: str | None, evidence: dict) -> int:
        number = len(self.photos) + 1
        self.photos.append((number, item_id, evidence))
        return number

    # --- rectification ---------------------------------------------------------

    def _rectifications(self) -> list:
        s = self.s
        flow = [CondPageBreak(40 * mm), s.p(self.L("report.rectification"), s.heading)]
        items = self.c["rectifications"]
        if self.c["inspection"]["draft"]:
            return [*flow, s.p(self.L("report.rect.draft"))]
        if not items:
            return [*flow, s.p(self.L("report.rect.none"))]
        head = [s.p(self.L(k), s.cell_bold) for k in (
            "notice.col.no", "report.rect.problem", "report.basis", "report.rect.requirement",
            "report.rect.deadline")]
        head[2] = s.p(self.L("report.basis").rstrip("：: "), s.cell_bold)
        data = [head]
        for n, rect in enumerate(items, 1):
            problem, requirement = rectification_texts(self.c, rect, self.lang)
            data.append([s.p(str(n), s.cell), s.p(problem, s.cell), s.p(rect["basis"], s.cell),
                         s.p(requirement, s.cell), s.p(rect["deadline"], s.cell_bold)])
        table = flowing_table(data, colWidths=[10 * mm, 55 * mm, 36 * mm, 51 * mm, 22 * mm],
                      repeatRows=1)
        table.setStyle(grid_style())
        return [*flow, table]

    # --- photos and signatures ----------------------------------------------------

    def _photos(self) -> list:
        for evidence in self.c["general_evidence"]:
            self._photo_number(None, evidence)
        if not self.photos:
            return []
        s, per_row = self.s, 3
        cell_w = WIDTH / per_row
        cells = [self._photo_cell(number, item_id, ev, cell_w - 6 * mm)
                 for number, item_id, ev in self.photos]
        rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
        rows[-1] += [""] * (per_row - len(rows[-1]))
        table = flowing_table(rows, colWidths=[cell_w] * per_row)
        table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 6)))
        return [CondPageBreak(60 * mm), s.p(self.L("report.photos"), s.heading), table]

    def _photo_cell(self, number: int, item_id: str | None, evidence: dict,
                    width: float) -> list:
        s = self.s
        image = _load_picture(self.load_blob, evidence["sha256"], width, 40 * mm)
        caption = self.L("report.photo_caption", n=number,
                         item=self.L("report.item_ref", n=self.numbers.get(item_id, ""))
                         if item_id else self.L("report.photo_general"))
        if evidence.get("caption"):
            caption += f"　{evidence['caption']}"
        if image is None:
            unreadable = s.p(self.L("report.photo_unreadable", sha=evidence["sha256"][:12]),
                             s.caption_fail)
            return [Spacer(1, 12 * mm), unreadable, Spacer(1, 12 * mm), s.p(caption, s.caption)]
        return [image, Spacer(1, 1 * mm), s.p(caption, s.caption)]

    def _party_statement(self) -> list:
        """当事人意见: as given on site, or lines to write it on the printed copy."""
        s = self.s
        given = self.c["inspection"].get("statement")
        lines = [s.p(given)] if given else [s.p(self.L("report.statement_blank"))
                                            for _ in range(3)]
        return [CondPageBreak(30 * mm), s.p(self.L("report.party_statement"), s.heading),
                *lines]

    def _signatures(self) -> list:
        s = self.s
        flow = [s.p(self.L("report.signatures"), s.heading)]
        statement = ("report.self_statement" if self.kind == "self_check"
                     else "report.record_statement")
        flow.append(s.p(self.L(statement)))
        if self.c["inspection"].get("refused"):
            flow.append(s.p(self.L("report.refused"), s.cell_bold))
        signatures = self.c["signatures"]
        if not signatures:
            return [KeepTogether([*flow, Spacer(1, 4 * mm), self._signature_lines()])]
        per_row = 3
        cell_w = WIDTH / per_row
        cells = [self._signature_cell(sig, cell_w - 8 * mm) for sig in signatures]
        rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
        rows[-1] += [""] * (per_row - len(rows[-1]))
        table = flowing_table(rows, colWidths=[cell_w] * per_row)
        table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 8)))
        return [KeepTogether([*flow, Spacer(1, 2 * mm), table])]

    def _signature_lines(self) -> Table:
        """Blank lines to sign a printed copy by hand when nobody has signed on screen."""
        s = self.s
        roles = ([self.L("role.company")] if self.kind == "self_check"
                 else [self.L("role.inspector"), self.L("role.inspector"),
                       self.L("role.representative"), self.L("report.sign_witness")])
        rows = [[s.p(self.L("report.sign_here", role=role), s.cell), "",
                 s.p(self.L("notice.date_line"), s.cell), ""] for role in roles]
        table = Table(rows, colWidths=[45 * mm, 55 * mm, 15 * mm, 40 * mm],
                      rowHeights=[11 * mm] * len(rows), hAlign="LEFT")
        table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black),
                                   ("LINEBELOW", (3, 0), (3, -1), 0.5, colors.black)))
        return table

    def _signature_cell(self, signature: dict, width: float) -> list:
        s = self.s
        image = _load_picture(self.load_blob, signature["image_sha256"], width, 16 * mm,
                              lossless=True)
        role = self.L(f"role.{signature['role']}")
        lines = [image or s.p(self.L("report.photo_unreadable",
                                     sha=signature["image_sha256"][:12]), s.small),
                 s.p(f"{role}：{signature['name']}" if self.lang == "zh"
                     else f"{role}: {signature['name']}", s.cell),
                 s.p(self.L("report.signed_at", at=local_time(signature["signed_at"])), s.small)]
        return lines


def rectification_texts(content: dict, rect: dict, lang: str) -> tuple[str, str]:
    """Problem and requirement of a rectification item: as stored (Chinese), or in
    English from the pinned checklist item and the inspector's note."""
    if lang == "zh":
        return rect["problem"], rect["requirement"]
    item = item_of(content, rect["item_id"])
    if item is None:
        return rect["problem"], rect["requirement"]
    problem = pick(item["text"], lang) + (f": {item['note']}" if item["note"] else "")
    return problem, requirement_text(item, lang) or rect["requirement"]


def item_of(content: dict, item_id: str) -> dict | None:
    """The item `item_id` as shown in the report content, None when hidden or unknown."""
    return next((i for sec in content["sections"] for i in sec["items"] if i["id"] == item_id),
                None)


def basis_text(basis: list[dict]) -> str:
    """Legal basis entries as 《法》第X条；《法》第Y条."""
    return "；".join(map(cite, basis))


def _load_picture(load_blob: BlobLoader, sha: str, width: float, height: float, *,
                  lossless: bool = False):
    try:
        data = load_blob(sha)
    except InspectorError:  # the blob is missing from the store
        return None
    return picture(data, width, height, lossless=lossless)
