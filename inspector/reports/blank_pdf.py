"""The paper fallback: a sector's checklist as a blank record to fill in by hand
(现场检查笔录，纸质备用) when the laptop fails in the field.

Every item with its boxes to tick (□ 是 □ 否 …), a line for a number or a text, its
legal basis and room for a note; the facts of the inspection as blank fields; the
statements the record must carry (credentials shown, the right to ask for
withdrawal, read back), the party's statement, and the signatures, with a witness
for a refusal to sign. Each page asks for the party's initials in its footer.
"""

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from ..checklists import Checklist
from ..i18n import pick
from .inspection_pdf import basis_text
from .layout import Styles, build_pdf, flowing_table, grid_style, make_styles
from .messages import label

WIDTH = A4[0] - 36 * mm  # the frame's width (build_pdf's margins)
BOX = "□"
BLANK = "＿" * 8


def render_blank_checklist(checklist: Checklist, *, lang: str = "zh",
                           number: str | None = None) -> bytes:
    """The blank paper record of `checklist`, as PDF bytes; `number`, the document
    number reserved for this one form, is printed in its number cell and on every page."""
    form = _Blank(checklist, lang, make_styles(9.5, official=True), number)
    title = label("blank.title", lang, title=pick(checklist.content["title"], lang))
    footer = label("blank.initials", lang) + (f"　{number}" if number else "")
    return build_pdf(form.story(), pagesize=A4, lang=lang, title=title, footer_left=footer)


class _Blank:
    def __init__(self, checklist: Checklist, lang: str, styles: Styles,
                 form_number: str | None = None):
        self.form_number = form_number
        self.checklist = checklist
        self.lang = lang
        self.s = styles
        # items are numbered 1, 2, … on paper (ids are internal); the version printed
        # under the title ties the numbers to the items when the record is transcribed
        self.number = {item["id"]: n for n, item in enumerate(checklist.items, 1)}

    def L(self, key: str, **values) -> str:
        return label(key, self.lang, **values)

    def story(self) -> list:
        s, content = self.s, self.checklist.content
        flow = [s.p(self.L("blank.heading"), s.title),
                s.p(self.L("blank.title", title=pick(content["title"], self.lang)) + " · " +
                    self.L("blank.version", version=content["version"]), s.subtitle),
                self._facts(),
                Spacer(1, 2 * mm),
                s.p(self.L("blank.credentials"), s.body)]
        for section in content["sections"]:
            flow.append(s.p(pick(section["title"], self.lang), s.heading))
            flow.append(self._items(section["items"]))
        flow.append(KeepTogether(self._closing()))
        return flow

    def _facts(self):
        s = self.s
        rows = [("blank.subject", "blank.uscc"), ("blank.address", "blank.legal_rep"),
                ("blank.place", "blank.time"), ("blank.officer", "blank.officer"),
                ("blank.representative", "blank.number")]
        data = [[s.p(self.L(a), s.cell_bold), "", s.p(self.L(b), s.cell_bold), ""]
                for a, b in rows]
        if self.form_number:
            data[-1][3] = s.p(self.form_number, s.cell_bold)
        authority = pick(self.checklist.content.get("authority"), self.lang)
        data.insert(0, [s.p(self.L("blank.authority"), s.cell_bold), s.p(authority, s.cell),
                        "", ""])
        table = flowing_table(data, colWidths=[30 * mm, WIDTH / 2 - 30 * mm] * 2,
                              rowHeights=[None] + [9 * mm] * len(rows))
        table.setStyle(grid_style(("SPAN", (1, 0), (3, 0)), header=False))
        return table

    def _items(self, items: list[dict]):
        s = self.s
        data = [[s.p(self.L(key), s.cell_bold) for key in
                 ("blank.col_no", "blank.col_item", "blank.col_answer", "blank.col_note")]]
        for item in items:
            text = pick(item["text"], self.lang)
            if item.get("required", True):
                text += self.L("blank.required")
            if item.get("observation"):  # recorded, orders nothing
                text += self.L("blank.observation")
            lines = [s.p(text, s.cell)]
            when = self._condition(item)
            if when:
                lines.append(s.p(when, s.small))
            basis = basis_text(item.get("basis", []))
            if basis:
                lines.append(s.p(self.L("blank.basis", basis=basis), s.small))
            answer = [s.p(line, s.cell) for line in self._answer(item)]
            data.append([s.p(str(self.number[item["id"]]), s.cell), lines, answer, ""])
        table = flowing_table(data, colWidths=[10 * mm, WIDTH - 10 * mm - 60 * mm - 34 * mm,
                                               60 * mm, 34 * mm], repeatRows=1)
        table.setStyle(grid_style())
        return table

    def _answer(self, item: dict) -> list[str]:
        """What to tick or write for the item's type, a line each."""
        kind = item["type"]
        if kind == "yes_no":
            choices = [self.L("blank.yes"), self.L("blank.no")]
            if item.get("allow_na", True):
                choices.append(self.L("blank.na"))
            return ["　".join(f"{BOX} {c}" for c in choices)]
        if kind in ("single_choice", "multi_choice"):
            hint = self.L("blank.one" if kind == "single_choice" else "blank.several")
            return [hint, *(f"{BOX} {pick(o['label'], self.lang)}" for o in item["options"])]
        if kind == "number":
            return [f"{BLANK} {item.get('unit', '')}".rstrip()]
        if kind == "date":
            return [self.L("blank.date")]
        if kind == "photo":
            return [f"{BOX} {self.L('blank.photo')}"]
        return [BLANK * 2]

    def _condition(self, item: dict) -> str:
        condition = item.get("condition")
        if not condition:
            return ""
        target = self.checklist.item(condition["item"])
        labels = {o["value"]: pick(o["label"], self.lang) for o in target.get("options", [])}
        labels |= {"yes": self.L("blank.yes"), "no": self.L("blank.no"), "na": self.L("blank.na")}
        if "equals" in condition:
            key, values = "blank.when_equals", [condition["equals"]]
        elif "not_equals" in condition:
            key, values = "blank.when_not", [condition["not_equals"]]
        else:
            key, values = "blank.when_in", condition["in"]
        shown = "、".join(str(labels.get(v, v)) for v in values)
        return self.L(key, item=self.number.get(condition["item"], "?"), values=shown)

    def _closing(self) -> list:
        s = self.s
        lines = [s.p(self.L("blank.party_statement"), s.heading),
                 Spacer(1, 22 * mm),
                 s.p(self.L("blank.read_back"), s.body),
                 Spacer(1, 3 * mm)]
        signatures = [[s.p(self.L(key), s.cell_bold), "", s.p(self.L("blank.date_line"), s.cell)]
                      for key in ("blank.sign_officer", "blank.sign_officer",
                                  "blank.sign_party", "blank.sign_witness")]
        table = flowing_table(signatures, colWidths=[52 * mm, WIDTH - 52 * mm - 48 * mm, 48 * mm],
                              rowHeights=[12 * mm] * len(signatures))
        table.setStyle(grid_style(header=False))
        return [*lines, table, Spacer(1, 2 * mm), s.p(self.L("blank.transcribe"), s.small)]
