"""Serving the rectification notice: the proof of service (送达回证) as a record.

Who received the notice, where, when and how (直接送达, 留置送达 …), proved by the
recipient's signature on screen, or, when the recipient refuses, by the refusal's
reason and a witness (named, and signing on screen when present). One `service`
entry a serving; it travels in bundles and only an officer of the finished
inspection may write it (authorization). The notice's receipt page prints the
latest one filled in.
"""

from datetime import date, timedelta

from . import ids
from .errors import ValidationError
from .evidence import put_blob
from .i18n import t
from .inspections import get
from .store import Store

# 《市场监督管理行政处罚程序规定》 and the Civil Procedure Law's ways of service
DIRECT, LODGED, POST, ELECTRONIC, ENTRUSTED = "direct", "lodged", "post", "electronic", "entrusted"
METHODS = (DIRECT, LODGED, POST, ELECTRONIC, ENTRUSTED)
NOTICE = "notice"  # the document served: the rectification notice (责令整改通知书)
MAX_TEXT = 200
PNG = b"\x89PNG\r\n\x1a\n"


def record_service(store: Store, inspection_id: str, *, recipient: str, method: str,
                   served_on: str | None = None, place: str | None = None,
                   signature_png: bytes | None = None, refused: bool = False,
                   reason: str | None = None, witness: str | None = None,
                   witness_png: bytes | None = None) -> str:
    """Record that the notice of a finished inspection was served; returns the record's
    id. Served in person: the recipient's signature (PNG). Refused: a witness by name
    (and their signature when they sign on screen) instead."""
    from . import numbering

    recipient = _text(recipient, "service.no_recipient")
    if method not in METHODS:
        raise ValidationError(t("service.bad_method", method=method, known=", ".join(METHODS)))
    witness = (witness or "").strip() or None
    if refused and witness is None:
        raise ValidationError(t("service.no_witness"))
    if not refused and signature_png is None:
        raise ValidationError(t("service.no_signature"))
    for image in (signature_png, witness_png):
        if image is not None and not image.startswith(PNG):
            raise ValidationError(t("signature.not_png"))
    with store.transaction():
        inspection = get(store, inspection_id)
        if inspection["kind"] != "inspection" or inspection["status"] == "draft":
            raise ValidationError(t("service.not_finished", id=inspection["id"]))
        day = _served_on(served_on, inspection)
        issued = numbering.issued_for(store, inspection["id"])
        service_id = ids.uuid7()
        store.record("service", service_id, "create", {
            "inspection_id": inspection["id"], "document": NOTICE,
            "number": issued and issued.number, "recipient": recipient, "method": method,
            "served_on": day, "place": (place or "").strip() or inspection["place"],
            "recipient_sha256": None if refused or signature_png is None
            else put_blob(store, signature_png, "image/png"),
            "refused": bool(refused), "reason": (reason or "").strip()[:MAX_TEXT] or None,
            "witness": witness,
            "witness_sha256": witness_png and put_blob(store, witness_png, "image/png"),
            "server": _server(store, inspection)})
    return service_id


def _text(value: str | None, missing: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(t(missing))
    return value[:MAX_TEXT]


def _served_on(given: str | None, inspection: dict) -> str:
    """The day of service: today unless given; not before the inspection, not ahead."""
    try:
        day = date.fromisoformat(given.strip()) if given else date.fromisoformat(ids.today())
    except ValueError:
        raise ValidationError(t("service.bad_date", value=given)) from None
    inspected = ids.local_date(inspection["started_at"])
    if day < inspected or day > date.fromisoformat(ids.today()) + timedelta(days=1):
        raise ValidationError(t("service.date_range", value=day.isoformat(),
                                start=inspected.isoformat()))
    return day.isoformat()


def _server(store: Store, inspection: dict) -> str | None:
    """Who served it: this store's identity by name (one of the officers)."""
    row = store.conn.execute("SELECT name FROM identities WHERE id = ?",
                             (store.actor,)).fetchone()
    return row[0] if row else (inspection["inspectors"] or [None])[0]


def latest(store: Store, inspection_id: str) -> dict | None:
    """The latest service of an inspection's notice (by day, then as recorded), or None."""
    rows = store.query("SELECT * FROM services WHERE inspection_id = ? "
                       "ORDER BY served_on DESC, created_at DESC, id DESC LIMIT 1",
                       [inspection_id])
    return rows[0] if rows else None
