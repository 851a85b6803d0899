"""Evidence photos and handwritten signatures, stored content-addressed by SHA-256."""

import hashlib

from . import ids
from .errors import NotFound, ValidationError
from .i18n import t
from .inspections import checklist_of, draft_to_change, get
from .store import Store

MAX_BYTES = 20 * 1024 * 1024
# who signs a record: its officers and the party's representative (a company's own
# person for a self-check), or a witness when the party refuses to sign (拒签)
SIGNATURE_ROLES = ("inspector", "representative", "company", "witness")


def put_blob(store: Store, data: bytes, mime: str) -> str:
    """Store bytes once under their SHA-256 and return it (inside a transaction)."""
    if not data:
        raise ValidationError(t("evidence.empty"))
    if len(data) > MAX_BYTES:
        raise ValidationError(t("evidence.too_big", mb=MAX_BYTES // 2**20))
    digest = hashlib.sha256(data).hexdigest()
    store.conn.execute("INSERT OR IGNORE INTO blobs (sha256, mime, size, data) VALUES (?, ?, ?, ?)",
                       (digest, mime, len(data), data))
    return digest


def blob(store: Store, digest: str) -> bytes:
    row = store.conn.execute("SELECT data FROM blobs WHERE sha256 = ?", (digest,)).fetchone()
    if row is None:
        raise ValidationError(t("evidence.missing_blob", sha=digest[:12]))
    return row[0]


def add_evidence(store: Store, inspection_id: str, item_id: str | None, data: bytes, *,
                 mime: str, original_sha256: str | None = None, file_name: str | None = None,
                 caption: str | None = None) -> str:
    """Attach a file to an inspection item. `original_sha256` is the hash of the file
    before any downscaling, so the original can still be matched later."""
    if item_id is not None:
        checklist_of(store, get(store, inspection_id)).item(item_id)
    with store.transaction():
        inspection = draft_to_change(store, inspection_id)
        digest = put_blob(store, data, mime)
        evidence_id = ids.uuid7()
        store.record("evidence", evidence_id, "create", {
            "inspection_id": inspection["id"], "item_id": item_id, "sha256": digest,
            "original_sha256": original_sha256 or digest, "file_name": file_name,
            "caption": caption})
    return evidence_id


def remove_evidence(store: Store, evidence_id: str) -> None:
    """Take a photo out of a draft inspection. The history is append-only: a removal
    record naming the photo is added (the photo's record and bytes stay in the log),
    and the form, the evaluation and the report leave the photo out from then on."""
    with store.transaction():
        row = store.conn.execute("SELECT inspection_id FROM kept_evidence WHERE id = ?",
                                 (evidence_id,)).fetchone()
        if row is None:
            raise NotFound(t("evidence.not_found", id=evidence_id))
        inspection = draft_to_change(store, row[0])
        store.record("evidence", evidence_id, "remove", {"inspection_id": inspection["id"]})


def add_signature(store: Store, inspection_id: str, *, role: str, signer_name: str,
                  image_png: bytes) -> str:
    """Record a handwritten signature (PNG) by an inspector, the representative, a
    self-checking company's person or a witness (SIGNATURE_ROLES)."""
    get(store, inspection_id)  # an unknown inspection is named before the input is judged
    if role not in SIGNATURE_ROLES:
        raise ValidationError(t("signature.bad_role", role=role,
                                known=", ".join(SIGNATURE_ROLES)))
    if not signer_name.strip():
        raise ValidationError(t("signature.no_name"))
    if not image_png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValidationError(t("signature.not_png"))
    with store.transaction():
        inspection = get(store, inspection_id)  # under the write lock, as it is written
        if inspection["status"] == "signed":
            raise ValidationError(t("inspection.signed", id=inspection["id"]))
        digest = put_blob(store, image_png, "image/png")
        signature_id = ids.uuid7()
        store.record("signature", signature_id, "create", {
            "inspection_id": inspection["id"], "role": role, "signer_name": signer_name.strip(),
            "image_sha256": digest, "signed_at": ids.now()})
    return signature_id
