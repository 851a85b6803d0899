"""The two registers a draw uses (两库): subjects with the flags the plan's rule weighs,
and officers (name, 执法证号, department, the sectors they may inspect, the subjects
they must not: 回避), and the pinned snapshots the draw reads."""

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .. import ids
from ..errors import NotFound, ValidationError
from ..i18n import t
from ..store import Store
from ..subjects import get_subject, resolve_sector
from . import algorithm

# abnormal: 列入经营异常名录; complaint: 投诉举报; serious_finding: earlier serious findings
FLAGS = ("abnormal", "complaint", "serious_finding")
# an earlier finding of these severities flags its subject without anyone asking
SERIOUS = ("major", "critical")
_NAMESPACE = uuid.UUID("6d1f0c52-7b3e-5a49-8e2d-4c1b9f7a3e60")

OFFICER_HEADERS = {
    "name": ["姓名", "执法人员", "检查人员", "name"],
    "badge": ["执法证号", "执法证件号", "执法证编号", "证件号", "badge"],
    "department": ["部门", "所属部门", "科室", "单位", "所在单位", "department"],
    "sectors": ["检查领域", "可检查行业", "行业", "领域", "sectors"],
    "conflicts": ["回避", "回避对象", "利害关系企业", "回避企业", "conflicts"],
}


def officer_id(badge: str) -> str:
    """One officer is one record everywhere: the id follows from the badge number."""
    return str(uuid.uuid5(_NAMESPACE, badge))


def _split(text: str | None) -> list[str]:
    for mark in "、，,;；\n":
        text = (text or "").replace(mark, " ")
    return [p for p in text.split() if p]


def _officer_data(store: Store, *, name: str, badge: str, department: str | None,
                  sectors: list[str], conflicts: list[str]) -> dict:
    name, badge = (name or "").strip(), (badge or "").strip()
    if not name or not badge:
        raise ValidationError(t("officer.needs_name"))
    slugs = sorted({resolve_sector(s) for s in sectors})
    if not slugs:
        raise ValidationError(t("officer.needs_sector", name=name))
    related = sorted({get_subject(store, c)["id"] for c in conflicts})
    return {"name": name, "badge": badge, "department": (department or "").strip() or None,
            "sectors": slugs, "conflicts": related, "active": True}


def add_officer(store: Store, *, name: str, badge: str, department: str | None = None,
                sectors: list[str] = (), conflicts: list[str] = ()) -> dict:
    """Add an officer, or change one (same 执法证号): conflicts are subjects (ids or
    credit codes) the officer is related to."""
    with store.transaction():
        data = _officer_data(store, name=name, badge=badge, department=department,
                             sectors=list(sectors), conflicts=list(conflicts))
        _write(store, data)
    return get_officer(store, data["badge"])


def _write(store: Store, data: dict) -> str:
    record_id = officer_id(data["badge"])
    held = store.conn.execute("SELECT 1 FROM officers WHERE id = ?", (record_id,)).fetchone()
    store.record("officer", record_id, "update" if held else "create", data)
    return record_id


@dataclass
class OfficerImport:
    added: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)


def import_officers(store: Store, path: str | Path) -> OfficerImport:
    """Officers from a CSV or XLSX sheet with the usual headers (姓名, 执法证号, 部门,
    检查领域, 回避); each bad row named by its number, the good ones imported."""
    from ..tables import _cell, _read_csv, _read_xlsx

    path = Path(path)
    if not path.is_file():
        raise ValidationError(t("import.missing"), path=str(path))
    reader = _read_xlsx if path.suffix.lower() in (".xlsx", ".xlsm") else _read_csv
    raw = reader(path)
    lookup = {a.lower(): k for k, aliases in OFFICER_HEADERS.items() for a in aliases}
    header = next((i for i, (_, rec) in enumerate(raw[:10])
                   if {"name", "badge"} <= {lookup.get(_cell(c).lower()) for c in rec}), None)
    if header is None:
        raise ValidationError(t("officer.no_header"), path=str(path))
    columns = {}
    for index, cell in enumerate(raw[header][1]):
        key = lookup.get(_cell(cell).lower())
        if key and key not in columns:
            columns[key] = index
    result = OfficerImport()
    with store.transaction():
        for number, record in raw[header + 1:]:
            row = {k: _cell(record[i]) if i < len(record) else "" for k, i in columns.items()}
            if not any(row.values()):
                continue
            try:
                with store.transaction():
                    _write(store, _officer_data(
                        store, name=row.get("name"), badge=row.get("badge"),
                        department=row.get("department"), sectors=_split(row.get("sectors")),
                        conflicts=_split(row.get("conflicts"))))
                result.added += 1
            except (ValidationError, NotFound) as exc:
                result.errors.append((number, exc.message))
    return result


def officers(store: Store, sector: str | None = None) -> list[dict]:
    rows = store.query("SELECT * FROM officers WHERE active = 1 ORDER BY department, name, badge")
    out = [{**r, "sectors": json.loads(r["sectors"]), "conflicts": json.loads(r["conflicts"])}
           for r in rows]
    return [o for o in out if sector is None or sector in o["sectors"]]


def get_officer(store: Store, key: str) -> dict:
    for officer in officers(store):
        if key in (officer["id"], officer["badge"]):
            return officer
    raise NotFound(t("officer.not_found", key=key))


# --- flags on subjects ------------------------------------------------------------


def set_flag(store: Store, subject: str, flag: str, *, active: bool = True,
             note: str | None = None) -> None:
    """Mark a subject (id or credit code) 经营异常, complained about or seriously at
    fault before; `active=False` lifts the mark. The history stays."""
    if flag not in FLAGS:
        raise ValidationError(t("campaign.bad_flag", flag=flag, flags=", ".join(FLAGS)))
    with store.transaction():
        target = get_subject(store, subject)
        store.record("subject_flag", ids.uuid7(), "create", {
            "subject_id": target["id"], "flag": flag, "active": active,
            "note": (note or "").strip() or None})


def flags(store: Store) -> dict[str, set[str]]:
    """subject id -> its flags now: the latest mark of each, and serious earlier findings."""
    current: dict[str, set[str]] = {}
    for subject_id, flag, active in store.conn.execute(
            "SELECT subject_id, flag, active FROM subject_flags f WHERE id = (SELECT id FROM "
            "subject_flags g WHERE g.subject_id = f.subject_id AND g.flag = f.flag "
            "ORDER BY at DESC, id DESC LIMIT 1)"):
        if active:
            current.setdefault(subject_id, set()).add(flag)
    marks = ",".join("?" * len(SERIOUS))
    for (subject_id,) in store.conn.execute(
            f"SELECT DISTINCT subject_id FROM rectifications WHERE severity IN ({marks})",
            SERIOUS):
        current.setdefault(subject_id, set()).add("serious_finding")
    return current


# --- the snapshots a draw pins ------------------------------------------------------


def subject_register(store: Store) -> list[tuple]:
    """(id, sector, flags) of every subject (algorithm.Subject's fields), by id."""
    marked = {i: tuple(sorted(f)) for i, f in flags(store).items()}
    rows = store.conn.execute("SELECT id, sector FROM subjects").fetchall()
    rows.sort()  # here, not in SQL: the id index would visit the table row by row
    return [(i, sector, marked[i]) if i in marked else (i, sector, ())
            for i, sector in rows]


def officer_register(store: Store, before: str | None = None) -> list[algorithm.Officer]:
    """The officers, with the subjects each checked last time (as of `before`, a time:
    verify compares the register as the draw saw it, not the tasks it made since)."""
    last = last_checked(store, before)
    return [algorithm.Officer(o["id"], tuple(o["sectors"]), frozenset(o["conflicts"]),
                              {s: frozenset(v) for s, v in last.get(o["id"], {}).items()})
            for o in sorted(officers(store), key=lambda o: o["id"])]


def last_checked(store: Store, before: str | None = None) -> dict[str, dict[str, set[str]]]:
    """officer id -> sector -> the subjects whose last check in that sector the officer
    made: the latest task of a draw, or the latest inspection naming the officer's
    badge, whichever is later."""
    by_badge = {o["badge"]: o["id"] for o in officers(store)}
    latest: dict[tuple[str, str], tuple[str, set[str]]] = {}

    def note(subject_id, sector, at, people):
        if (subject_id, sector) not in latest or latest[subject_id, sector][0] < at:
            latest[subject_id, sector] = (at, people)

    for subject_id, sector, at, officers_json in store.conn.execute(
            "SELECT t.subject_id, m.sector, t.created_at, t.officers FROM tasks t "
            "JOIN campaign_matters m ON m.id = t.matter_id WHERE t.kind = 'inspection' "
            "AND t.created_at < ?", (before or "9999",)):
        note(subject_id, sector, at, {o["id"] for o in json.loads(officers_json)})
    for subject_id, sector, at, badges in store.conn.execute(
            "SELECT subject_id, sector, started_at, badges FROM inspections "
            "WHERE kind = 'inspection' AND badges IS NOT NULL AND started_at < ?",
            (before or "9999",)):
        people = {by_badge[b] for b in json.loads(badges).values() if b in by_badge}
        note(subject_id, sector, at, people)
    out: dict[str, dict[str, set[str]]] = {}
    for (subject_id, sector), (_, people) in latest.items():
        for officer in people:
            out.setdefault(officer, {}).setdefault(sector, set()).add(subject_id)
    return out
