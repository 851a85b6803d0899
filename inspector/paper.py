"""Paper fallback: an inspection done on a paper form and transcribed afterwards (补录).

When the laptop could not be used on site, the officers fill in a printed form
(`checklists blank`, with a number reserved for it), the party signs it, and the
record is entered later from the paper. Such an inspection says so from its
creation (`paper` in its creation entry: the day of the paper inspection, who
transcribed it and when, the form's number), its report prints 根据纸质记录补录,
and completing it needs a photo of the signed sheet (evidence not tied to an
item): the paper is the signed record, so no on-screen signature is asked for.
"""

import json
from datetime import date

from . import ids
from .errors import ValidationError
from .i18n import t
from .store import Store

SHEET_CAPTION = "纸质记录签字页"  # printed under the photo in the report, as recorded


def paper_day(text: str) -> str:
    """The day of the paper inspection (YYYY-MM-DD), not after today (Beijing)."""
    try:
        day = date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValidationError(t("paper.bad_date", value=text)) from None
    if day.isoformat() > ids.today():
        raise ValidationError(t("paper.future_date", value=day.isoformat()))
    return day.isoformat()


def paper_details(store: Store, day: str, number: str | None = None) -> dict:
    """What a transcribed inspection's creation carries (inside its transaction): the
    paper day, the transcriber (this store's identity, by name), when, and the number
    reserved for the blank form it was written on, if one is given."""
    from . import numbering

    row = store.conn.execute("SELECT name FROM identities WHERE id = ?",
                             (store.actor,)).fetchone()
    details = {"date": paper_day(day), "transcriber": row[0] if row else None,
               "transcribed_at": ids.now()}
    if number is not None and number.strip():
        form = numbering.reserved(store, number)
        if form is None:
            raise ValidationError(t("paper.no_such_number", number=number.strip()))
        details |= {"number": form.number, "document_id": form.id}
    return details


def details(inspection: dict) -> dict | None:
    """A stored inspection's paper details, or None when it was recorded on screen."""
    return json.loads(inspection["paper"]) if inspection.get("paper") else None


def sheet_photos(store: Store, inspection_id: str) -> int:
    """How many photos of the signed paper sheet the inspection has."""
    return store.conn.execute(
        "SELECT COUNT(*) FROM kept_evidence WHERE inspection_id = ? AND item_id IS NULL",
        (inspection_id,)).fetchone()[0]


def add_sheet_photo(store: Store, inspection_id: str, data: bytes,
                    file_name: str | None = None) -> str:
    """Attach a photo of the signed paper sheet to a transcribed draft."""
    from .evidence import add_evidence
    from .inspections import get
    from .photos import prepare

    if details(get(store, inspection_id)) is None:
        raise ValidationError(t("paper.not_paper", id=inspection_id))
    photo = prepare(data)
    return add_evidence(store, inspection_id, None, photo.data, mime=photo.mime,
                        original_sha256=photo.original_sha256, file_name=file_name,
                        caption=SHEET_CAPTION)


def require_sheet(store: Store, inspection: dict) -> None:
    """Refuse to complete a transcribed inspection without a photo of its signed sheet."""
    if details(inspection) is not None and not sheet_photos(store, inspection["id"]):
        raise ValidationError(t("paper.no_sheet", id=inspection["id"]))
