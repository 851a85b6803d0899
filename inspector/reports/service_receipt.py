"""The proof of service (送达回证) that goes with a notice: which document, to whom,
where and how it was served, and the signatures that prove it — the recipient's, or,
when the recipient refuses, the server's note and a witness's signature."""

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from .layout import Styles, flowing_table, grid_style
from .messages import label

ROWS = ("service.document", "service.number", "service.recipient", "service.place",
        "service.method", "service.recipient_sign", "service.proxy", "service.server_sign",
        "service.refused")


def service_receipt(styles: Styles, lang: str, *, document: str, number: str, recipient: str,
                    place: str, width: float) -> list:
    """The receipt as flowables on a page of its own, to follow the document."""
    s = styles
    known = {"service.document": document, "service.number": number,
             "service.recipient": recipient, "service.place": place,
             "service.method": label("service.method_value", lang)}
    blank_sign = label("service.sign_line", lang)
    data = []
    for key in ROWS:
        value = known.get(key, blank_sign)
        data.append([s.p(label(key, lang), s.cell_bold), s.p(value, s.cell)])
    table = flowing_table(data, colWidths=[42 * mm, width - 42 * mm],
                          rowHeights=[None] * 5 + [16 * mm] * (len(ROWS) - 5))
    table.setStyle(grid_style(header=False))
    return [PageBreak(), s.p(label("service.title", lang), s.title), Spacer(1, 4 * mm), table,
            Spacer(1, 3 * mm), s.p(label("service.note", lang), s.small)]
