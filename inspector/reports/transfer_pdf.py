"""The transfer letter (案件移送函) of an inspection's findings that no bureau on it is
competent for (inspector.authorities.transfers), as a signed A4 PDF.

A market-regulation bureau cannot order a telecom item corrected: such a finding is
on none of its notices and is sent, in the lead bureau's name, to an authority of
the competent kind, with the facts found, the law under which that authority is
competent, and the record and the evidence list attached. One letter per receiving
kind, numbered from the lead bureau's block of transfer numbers (or a blank number
to fill by hand); the number is recorded in the register with the receiver's kind
and name, so the letter travels and is checked like a notice.
"""

from dataclasses import dataclass
from datetime import date

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from ..checklists import cite
from ..errors import ValidationError
from ..i18n import language
from ..store import Store
from .content import report_content
from .inspection_pdf import item_of, rectification_texts
from .layout import build_pdf, flowing_table, grid_style, local_date, make_styles
from .messages import label

BLANK_NAME = "＿" * 14  # the receiving bureau's name, to fill by hand


@dataclass(frozen=True)
class Transfer:
    """One letter's matter: the kind of authority it goes to and the findings it sends."""

    kind: str
    rectifications: list[dict]


@dataclass(frozen=True)
class IssuedTransfer:
    receiver: object  # numbering.Receiver: kind, name (None: a line to fill)
    pdf: bytes  # signed
    issued: object | None  # numbering.Issued, or None: a blank number to fill by hand


def transfers(store: Store, content: dict) -> list[Transfer]:
    """The letters an inspection's findings call for, in the items' order (none for a
    self-check, or when every finding is an inspecting bureau's to order)."""
    from .. import inspections

    if content["inspection"]["kind"] != "inspection":
        return []
    record = inspections.get(store, content["inspection"]["id"])
    sent = set(inspections.transferred_items(store, record["id"]))
    checklist = inspections.checklist_of(store, record)
    letters: dict[str, list[dict]] = {}
    for rect in content["rectifications"]:
        if rect["item_id"] in sent:
            kind = checklist.competent_kind(checklist.item(rect["item_id"]))
            letters.setdefault(kind, []).append(rect)
    return [Transfer(kind, rects) for kind, rects in letters.items()]


def issue_transfers(store: Store, inspection_id: str, *, names: dict[str, str] | None = None,
                    lang: str = "zh", secret: str | None = None) -> list[IssuedTransfer]:
    """The inspection's transfer letters, signed by this store's identity (an officer of
    the inspection), each numbered from the lead bureau's transfer block: the number it
    has, or the next free one, recorded with the receiver's kind and `names[kind]` (the
    bureau's name as the officer gives it; none: the one recorded, or a line to fill)."""
    from .. import authorities, identity, inspections, numbering, pdfsign
    from ..digest import digest
    from ..signing import refuse_issuer

    content = report_content(store, inspection_id)
    if content["inspection"]["draft"]:
        raise ValidationError(label("notice.draft", language(), id=content["inspection"]["id"]))
    letters = transfers(store, content)
    if not letters:
        raise ValidationError(label("transfer.none", language(), id=content["inspection"]["id"]))
    record = inspections.get(store, content["inspection"]["id"])
    refuse_issuer(identity.own_identity(store), record, None)
    me, key = identity.signing_key(store, secret)
    named = [a["name"] for a in authorities.of_inspection(record)]
    lead = numbering.Issuer(named[0] if named else None, lead=True, others=tuple(named[1:]))
    out = []
    for letter in letters:
        given = ((names or {}).get(letter.kind) or "").strip() or None
        receiver = numbering.Receiver(letter.kind, given)
        issued = numbering.issue_number(
            store, {"id": record["id"], "subject_id": content["subject"]["id"]},
            digest({"receiver": letter.kind, "rectifications": letter.rectifications}),
            kind=numbering.TRANSFER, issuer=lead, receiver=receiver)
        if given is None and issued is not None:
            receiver = numbering.Receiver(letter.kind, numbering.receiver_name(store, issued.id))
        pdf = render_transfer(store, content, letter, receiver_name=receiver.name,
                              number=issued and issued.number, lang=lang)
        signed = pdfsign.sign(pdf, me, key, reason=label("transfer.reason", lang),
                              location=record["place"])
        out.append(IssuedTransfer(receiver, signed, issued))
    return out


def render_transfer(store: Store, content: dict, letter: Transfer, *,
                    receiver_name: str | None, number: str | None, lang: str = "zh") -> bytes:
    """The letter's PDF (unsigned)."""
    from .notice_pdf import _contact  # the same contact block as the notice

    inspection = content["inspection"]
    styles = make_styles(10.5, official=True)
    body = ParagraphStyle("transfer-body", parent=styles.body,
                          firstLineIndent=2 * styles.body.fontSize, spaceAfter=2 * mm)
    right = ParagraphStyle("transfer-right", parent=styles.body, alignment=TA_RIGHT)
    year = local_date(inspection["started_at"]).year
    shown_number = number or label("transfer.number_blank", lang, year=year)
    day = local_date(inspection["finished_at"] or inspection["started_at"])
    issuer = content["authority"] or ""
    subject = content["subject"]

    def L(key: str, **values) -> str:
        return label(key, lang, **values)

    def when(d: date) -> str:
        return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else d.isoformat()

    place = inspection["place"] or subject.get("address")
    facts = L("transfer.intro", date=when(local_date(inspection["started_at"])),
              issuer=issuer or BLANK_NAME, officers="、".join(inspection["inspectors"]),
              party=subject["name"], code=subject.get("uscc") or "",
              place=L("transfer.place", place=place) if place else "")
    laws = _competence(content, letter)
    reason = L("transfer.reason_text", kind=letter.kind) + (
        L("transfer.competence", laws=laws, kind=letter.kind) if laws else "")
    story = [styles.p(L("transfer.title"), styles.title),
             styles.p(L("notice.number", number=shown_number), right),
             Spacer(1, 4 * mm),
             styles.p(L("transfer.to", name=receiver_name or BLANK_NAME, kind=letter.kind),
                      styles.heading),
             styles.p(facts, body),
             _items(styles, content, letter, lang),
             Spacer(1, 3 * mm),
             styles.p(reason, body),
             styles.p(L("transfer.request"), body)]
    closing = [styles.p(L("transfer.attachments"), styles.body),
               *[styles.p(f"{n}．{text}", body) for n, text in
                 enumerate(_attachments(content, letter, lang), 1)],
               styles.p(_contact(store, inspection, lang), body),
               Spacer(1, 10 * mm),
               styles.p(L("notice.issuer", issuer=issuer or BLANK_NAME), right),
               styles.p(when(day), right),
               Spacer(1, 6 * mm),
               styles.p(L("transfer.copies"), styles.small)]
    story.append(KeepTogether(closing))  # the seal stays with the attachments and contact
    title = L("transfer.title")
    return build_pdf(story, pagesize=A4, lang=lang, title=f"{title} — {subject['name']}",
                     author=issuer, subject=shown_number, footer_left=f"{title} · {shown_number}")


def _items(styles, content: dict, letter: Transfer, lang: str):
    head = [styles.p(label(k, lang), styles.cell_bold) for k in (
        "notice.col.no", "report.rect.problem", "transfer.col.basis")]
    rows = [head]
    for n, rect in enumerate(letter.rectifications, 1):
        problem, _ = rectification_texts(content, rect, lang)
        rows.append([styles.p(str(n), styles.cell), styles.p(problem, styles.cell),
                     styles.p(_basis(content, rect, lang), styles.cell)])
    table = flowing_table(rows, colWidths=[10 * mm, 100 * mm, 64 * mm], repeatRows=1)
    table.setStyle(grid_style())
    return table


def _basis(content: dict, rect: dict, lang: str) -> str:
    """The duty breached and, where the checklist records it, the penalty article that
    gives the receiving authority its power; otherwise the basis stored with the item."""
    item = item_of(content, rect["item_id"])
    if item is None or not item["basis"]:
        return rect["basis"]
    text = label("notice.breach", lang, duty="；".join(map(cite, item["basis"])))
    under = "；".join(cite(p) for b in item["basis"] for p in b.get("penalty", []))
    return text + ("；" + label("transfer.penalty", lang, penalty=under) if under else "")


def _competence(content: dict, letter: Transfer) -> str:
    """The laws under which the receiving authority is competent, as the checklist cites
    them for these findings (their penalty articles where recorded): 《…》第…条、…"""
    cited = []
    for rect in letter.rectifications:
        item = item_of(content, rect["item_id"])
        for basis in (item or {}).get("basis", []):
            cited += [cite(p) for p in basis.get("penalty", [])] or [cite(basis)]
    return "、".join(dict.fromkeys(cited))


def _attachments(content: dict, letter: Transfer, lang: str) -> list[str]:
    """What travels with the letter: the on-site record, and the evidence of these
    findings (photos by item), or the list of it when none was taken."""
    listed = [label("transfer.att.record", lang,
                    date=local_date(content["inspection"]["started_at"]).isoformat())]
    photos = 0
    for rect in letter.rectifications:
        item = item_of(content, rect["item_id"])
        photos += len((item or {}).get("evidence") or [])
    listed.append(label("transfer.att.photos", lang, n=photos) if photos
                  else label("transfer.att.evidence", lang))
    listed.append(label("transfer.att.licence", lang))
    return listed


def transfer_path(first, n: int):
    """Where the n-th letter (from 0) goes when the first goes to `first`."""
    from .notice_pdf import notice_path

    return notice_path(first, n)


def kinds_to_transfer(store: Store, inspection_id: str) -> list[str]:
    """The kinds of authority an inspection's findings go to (the app asks, to offer
    the letter): [] for a draft, a self-check, or findings all ordered here."""
    from .. import inspections

    record = inspections.get(store, inspection_id)
    sent = inspections.transferred_items(store, record["id"])
    if not sent:
        return []
    checklist = inspections.checklist_of(store, record)
    return list(dict.fromkeys(checklist.competent_kind(checklist.item(i)) for i in sent))

