"""Paged read queries for the app's tables: one page of rows at a time, in SQL.

Tables in the app show thousands of subjects and inspections; they ask for the
row count and then for pages (LIMIT/OFFSET) as the user scrolls.
"""

import json
from dataclasses import dataclass

from . import ids
from .rectification_rules import OUTSTANDING_SQL
from .store import Store
from .supersession import CURRENT_SQL, superseded_ids

# a subject's open items: those awaiting its answer, as the ledger's outstanding filter
_OPEN_ITEMS = f"""(SELECT COUNT(*) FROM rectifications r WHERE r.subject_id = s.id AND
    {OUTSTANDING_SQL} AND {CURRENT_SQL})"""


@dataclass
class SubjectFilter:
    text: str = ""  # part of the name, credit code, address or legal representative
    sector: str | None = None

    def where(self) -> tuple[str, dict]:
        clauses, params = [], {}
        if self.text.strip():
            clauses.append("(s.name LIKE :like OR s.uscc LIKE :like OR "
                           "COALESCE(s.address, '') LIKE :like OR "
                           "COALESCE(s.legal_rep, '') LIKE :like)")
            params["like"] = f"%{self.text.strip()}%"
        if self.sector:
            clauses.append("s.sector = :sector")
            params["sector"] = self.sector
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def count_subjects(store: Store, where: SubjectFilter) -> int:
    sql, params = where.where()
    return store.conn.execute(f"SELECT COUNT(*) FROM subjects s{sql}", params).fetchone()[0]


def subjects_page(store: Store, where: SubjectFilter, offset: int, limit: int) -> list[dict]:
    """Subjects by their names' pinyin (the stored sort key, in an index), with their
    last inspection and open rectification items."""
    sql, params = where.where()
    query = (f"SELECT s.id, s.name, s.uscc, s.sector, s.address, s.legal_rep, "
             f"(SELECT MAX(i.started_at) FROM inspections i WHERE i.subject_id = s.id) "
             f"AS last_inspection, {_OPEN_ITEMS} AS open_items FROM subjects s{sql} "
             f"ORDER BY s.sort_key, s.id LIMIT :limit OFFSET :offset")
    return list(store.query(query, {**params, "limit": limit, "offset": offset}))


@dataclass
class InspectionFilter:
    sector: str | None = None
    status: str | None = None
    kind: str | None = None
    since: str | None = None  # Beijing days (ISO dates) of the start, inclusive
    until: str | None = None
    subject: str | None = None

    def where(self) -> tuple[str, dict]:
        clauses, params = [], {}
        for column, value in (("sector", self.sector), ("status", self.status),
                              ("kind", self.kind), ("subject_id", self.subject)):
            if value:
                clauses.append(f"i.{column} = :{column}")
                params[column] = value
        # started_at is stored in UTC and its day is the Beijing day (as the table shows
        # it): compare with the UTC instants the days begin, which the index can seek
        if self.since:
            clauses.append("i.started_at >= :since")
            params["since"] = ids.day_span(self.since)[0]
        if self.until:
            clauses.append("i.started_at < :until")
            params["until"] = ids.day_span(self.until)[1]
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def count_inspections(store: Store, where: InspectionFilter) -> int:
    sql, params = where.where()
    return store.conn.execute(f"SELECT COUNT(*) FROM inspections i{sql}", params).fetchone()[0]


def inspections_page(store: Store, where: InspectionFilter, offset: int,
                     limit: int) -> list[dict]:
    """Newest first, with subject, answered and non-compliant counts (for this page only)."""
    sql, params = where.where()
    query = (f"SELECT i.id, i.kind, i.sector, i.status, i.started_at, i.finished_at, "
             f"i.checklist_id, i.checklist_version, i.checklist_hash, i.corrects, "
             f"s.name AS subject, "
             f"s.uscc FROM inspections i JOIN subjects s ON s.id = i.subject_id{sql} "
             f"ORDER BY i.started_at DESC, i.id DESC LIMIT :limit OFFSET :offset")
    rows = list(store.query(query, {**params, "limit": limit, "offset": offset}))
    from . import inspections  # the evaluation: not needed by the subjects list at start

    judged = inspections.evaluations(store, rows)
    superseded = superseded_ids(store)  # few: a set, not a query per row
    for row in rows:
        row["superseded"] = row["id"] in superseded
        state = judged[row["id"]]
        row["items"], row["answered"] = state.shown, state.answered
        row["non_compliant"] = len(state.non_compliant)
    return rows


def evidence_of(store: Store, inspection_id: str) -> list[dict]:
    """An inspection's evidence records (without the bytes), oldest first; those removed
    are left out."""
    return list(store.query(
        "SELECT id, item_id, sha256, original_sha256, file_name, caption, created_at "
        "FROM kept_evidence WHERE inspection_id = ? ORDER BY created_at, id", [inspection_id]))


def signatures_of(store: Store, inspection_id: str) -> list[dict]:
    """Who signed an inspection and when, oldest first (without the images)."""
    return list(store.query(
        "SELECT id, role, signer_name, image_sha256, signed_at FROM signatures "
        "WHERE inspection_id = ? ORDER BY signed_at, id", [inspection_id]))


def count_bundle_imports(store: Store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM bundle_imports").fetchone()[0]


def bundle_imports_page(store: Store, offset: int, limit: int) -> list[dict]:
    """Past bundle imports, newest first; `result` holds the counts as a dict."""
    rows = list(store.query(
        "SELECT bundle_id, file_name, sender, fingerprint, created_at, imported_at, result "
        "FROM bundle_imports ORDER BY imported_at DESC, bundle_id LIMIT :limit OFFSET :offset",
        {"limit": limit, "offset": offset}))
    for row in rows:
        row["result"] = json.loads(row["result"] or "{}")
    return rows
