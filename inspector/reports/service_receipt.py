"""The proof of service (送达回证) that goes with a notice: which document, to whom,
where and how it was served, and the signatures that prove it — the recipient's, or,
when the recipient refuses, the server's note and a witness's signature. Blank lines
to fill by hand, or, once the service is recorded (inspector.service), its values and
the signatures given on screen."""

from collections.abc import Callable
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from .images import picture
from .layout import Styles, flowing_table, grid_style
from .messages import label

ROWS = ("service.document", "service.number", "service.recipient", "service.place",
        "service.method", "service.recipient_sign", "service.proxy", "service.server_sign",
        "service.refused")
SIGN_HEIGHT = 14 * mm


def service_receipt(styles: Styles, lang: str, *, document: str, number: str, recipient: str,
                    place: str, width: float, served: dict | None = None,
                    load_blob: Callable[[str], bytes] | None = None) -> list:
    """The receipt as flowables on a page of its own, to follow the document; `served`
    (a row of inspector.service) fills it, `load_blob` reads its signature images."""
    s = styles
    known = {"service.document": document, "service.number": number,
             "service.recipient": recipient, "service.place": place,
             "service.method": label("service.method_value", lang)}
    cells = {}
    if served is not None:
        known |= _served(served, lang)
        cells = _signatures(styles, lang, served, load_blob, width - 42 * mm)
    blank_sign = label("service.sign_line", lang)
    data = []
    for key in ROWS:
        value = cells.get(key) or s.p(known.get(key, blank_sign), s.cell)
        data.append([s.p(label(key, lang), s.cell_bold), value])
    table = flowing_table(data, colWidths=[42 * mm, width - 42 * mm],
                          rowHeights=[None] * 5 + [None if served else 16 * mm] * (len(ROWS) - 5))
    table.setStyle(grid_style(header=False))
    return [PageBreak(), s.p(label("service.title", lang), s.title), Spacer(1, 4 * mm), table,
            Spacer(1, 3 * mm), s.p(label("service.note", lang), s.small)]


def _day(text: str, lang: str) -> str:
    day = date.fromisoformat(text)
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def _served(served: dict, lang: str) -> dict:
    """The recorded values, as the receipt's rows print them."""
    day = _day(served["served_on"], lang)
    values = {"service.recipient": served["recipient"], "service.method":
              label(f"service.method.{served['method']}", lang),
              "service.proxy": label("service.not_refused", lang),
              "service.server_sign": f"{served.get('server') or ''}　{day}",
              "service.refused": label("service.not_refused", lang)}
    if served.get("place"):
        values["service.place"] = served["place"]
    if served["refused"]:
        values["service.recipient_sign"] = "—"
        values["service.refused"] = label(
            "service.refused_value", lang, date=day, witness=served.get("witness") or "",
            reason=served.get("reason") or label("service.no_reason", lang))
    return values


def _signatures(s: Styles, lang: str, served: dict, load_blob, width: float) -> dict:
    """The recipient's signature (with the day) and the witness's, where given."""
    day = _day(served["served_on"], lang)
    cells = {}
    for key, sha, text in (
            ("service.recipient_sign", served.get("recipient_sha256"), day),
            ("service.refused", served.get("witness_sha256"), _served(served, lang)[
                "service.refused"])):
        image = load_blob and sha and picture(load_blob(sha), width / 2, SIGN_HEIGHT,
                                              lossless=True)
        if image:
            image.hAlign = "LEFT"
            cells[key] = [image, s.p(text, s.cell)]
    return cells
