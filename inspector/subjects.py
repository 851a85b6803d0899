"""Subjects (被检查对象): the companies, clinics, shops and platforms inspected."""

import json
import uuid
from dataclasses import dataclass, field

from . import checklists, uscc
from .errors import Cancelled, NotFound, ValidationError
from .i18n import t
from .store import Store

FIELDS = ("name", "uscc", "sector", "address", "legal_rep", "phone")
# a subject's id follows from its credit code, so the same company added on two
# machines is one record when their files meet
_NAMESPACE = uuid.UUID("0f5c1c3e-8d7a-5b1e-9a61-2b7c4e3d9f10")


def subject_id(code: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, code))


def resolve_sector(value: str, known: dict[str, set[str]] | None = None) -> str:
    """The sector slug for a slug, a name (中文 or English) or an alias."""
    known = known if known is not None else checklists.sector_names()
    text = value.strip()
    for slug, names in known.items():
        if text in names or text.lower() in names:
            return slug
    raise ValidationError(t("subject.unknown_sector", sector=value, known=", ".join(known)))


def add_subject(store: Store, *, name: str, code: str, sector: str, address: str | None = None,
                legal_rep: str | None = None, phone: str | None = None,
                licences: list[dict] | None = None) -> dict:
    """Create a subject after checking its name, credit code and sector."""
    record = _checked(name=name, code=code, sector=sector, address=address,
                      legal_rep=legal_rep, phone=phone)
    with store.transaction():
        _insert(store, record, licences or [])
    return get_subject(store, record["uscc"])


def _checked(*, name, code, sector, address=None, legal_rep=None, phone=None,
             known_sectors=None) -> dict:
    name = (name or "").strip()
    if not name:
        raise ValidationError(t("subject.no_name"))
    return {"name": name, "uscc": uscc.validate(code or ""),
            "sector": resolve_sector(sector or "", known_sectors),
            "address": _clean(address), "legal_rep": _clean(legal_rep), "phone": _clean(phone)}


def _clean(value) -> str | None:
    value = (str(value).strip() if value is not None else "")
    return value or None


def _insert(store: Store, record: dict, licences: list[dict]) -> str:
    existing = store.conn.execute("SELECT name FROM subjects WHERE uscc = ?",
                                  (record["uscc"],)).fetchone()
    if existing:
        raise ValidationError(t("subject.exists", code=record["uscc"], name=existing[0]))
    record_id = subject_id(record["uscc"])
    store.record("subject", record_id, "create", {**record, "licences": licences})
    return record_id


def update_subject(store: Store, key: str, **changes) -> dict:
    """Change a subject's details (not its credit code, which is its identity)."""
    code = changes.pop("code", None)  # forms send it back unchanged; it may not change
    allowed = {"name", "sector", "address", "legal_rep", "phone", "licences"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(t("subject.fixed_fields", fields=", ".join(sorted(unknown))))
    # the record the change is merged into is read under the write lock: read before
    # it, another process's edit in between would be overwritten unseen
    with store.transaction():
        subject = get_subject(store, key)
        if code is not None and uscc.validate(code) != subject["uscc"]:
            raise ValidationError(t("subject.code_fixed", code=subject["uscc"]))
        merged = {k: subject[k] for k in FIELDS} | {k: v for k, v in changes.items()
                                                  if k != "licences"}
        record = _checked(name=merged["name"], code=subject["uscc"], sector=merged["sector"],
                          address=merged["address"], legal_rep=merged["legal_rep"],
                          phone=merged["phone"])
        # the whole record travels, not the changed fields: concurrent edits then settle
        # to one complete version everywhere rather than a mix of both
        data = {**record, "licences": changes.get("licences", subject["licences"])}
        if any(data[k] != subject[k] for k in data):
            store.record("subject", subject["id"], "update", {**data, "base": subject["rev"]})
    return get_subject(store, subject["id"])


def get_subject(store: Store, key: str) -> dict:
    """A subject by id or credit code."""
    row = store.conn.execute("SELECT id FROM subjects WHERE id = ? OR uscc = ?",
                             (key, uscc.normalise(key))).fetchone()
    if not row:
        raise NotFound(t("subject.not_found", key=key))
    return _decode(store.db["subjects"].get(row[0]))


def list_subjects(store: Store, sector: str | None = None) -> list[dict]:
    """Subjects in the order every list shows them: by their names' pinyin (sortkey)."""
    where, params = ("sector = ?", [sector]) if sector else (None, None)
    rows = store.db["subjects"].rows_where(where, params, order_by="sort_key, id")
    return [_decode(r) for r in rows]


def _decode(row: dict) -> dict:
    return {**row, "licences": json.loads(row["licences"])}


# --- import from registers -------------------------------------------------


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    already_present: list[int] = field(default_factory=list)  # row numbers
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)


@dataclass
class PreviewRow:
    number: int  # the row number a spreadsheet shows
    values: dict  # the cells as read, by field
    record: dict | None = None  # checked and normalised, when the row is good
    error: str | None = None


def preview_import(path, *, sector: str | None = None) -> list[PreviewRow]:
    """Read and check a register without writing anything: one entry per data row."""
    from .tables import read_table

    table = read_table(path)
    known = checklists.sector_names()
    default_sector = resolve_sector(sector, known) if sector else None
    rows, seen = [], {}
    for number, row in table.rows:
        entry = PreviewRow(number, row)
        try:
            record = _checked(
                name=row.get("name"), code=row.get("uscc"),
                sector=row.get("sector") or default_sector or "",
                address=row.get("address"), legal_rep=row.get("legal_rep"),
                phone=row.get("phone"), known_sectors=known)
        except ValidationError as exc:
            no_sector = not row.get("sector") and not default_sector and row.get("name")
            entry.error = t("import.no_sector") if no_sector else exc.message
        else:
            if record["uscc"] in seen:
                entry.error = t("import.duplicate_row", code=record["uscc"],
                                row=seen[record["uscc"]])
            else:
                seen[record["uscc"]] = number
                entry.record = record
        rows.append(entry)
    return rows


def import_subjects(store: Store, path, *, sector: str | None = None,
                    strict: bool = False, progress=None) -> ImportResult:
    """Import subjects from a CSV or XLSX register.

    Bad rows are reported by row number; the good ones go in one transaction
    (with strict, any bad row means nothing is imported). `progress(done, total)`
    is called per row; when it returns False the import stops, is rolled back
    and Cancelled is raised.
    """
    result = ImportResult()
    good = []
    for row in preview_import(path, sector=sector):
        if row.error:
            result.errors.append((row.number, row.error))
        else:
            good.append((row.number, row.record))
    if strict and result.errors:
        return result
    with store.transaction():
        for done, (number, record) in enumerate(good, 1):
            present = store.conn.execute("SELECT 1 FROM subjects WHERE uscc = ?",
                                         (record["uscc"],)).fetchone()
            if present:
                result.already_present.append(number)
            else:
                result.added.append(_insert(store, record, []))
            if progress is not None and progress(done, len(good)) is False:
                raise Cancelled()
    return result
