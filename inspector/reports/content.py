"""The canonical content of an inspection report, as plain JSON data.

Everything the PDF prints comes from this dict (plus the image blobs it names by
SHA-256), and nothing in it changes with time or language: texts carry both
languages, the rectification deadlines are the ones set at completion (later
extensions live in the rectification history, not in the report). So the same
store gives the same dict, and its digest can go into the QR payload and be
checked again later.
"""

from .. import authorities, evaluation, inspections, onsite, paper
from ..checklists import YES_NO_VALUES, can_fail, penalties
from ..evaluation import Evaluation, ItemState
from ..store import Store
from ..subjects import get_subject
from .messages import MESSAGES

FORMAT = "inspector.report/1"
LANGS = ("zh", "en")


def report_content(store: Store, inspection_id: str) -> dict:
    """The report content of an inspection or self-check (id or unique id prefix)."""
    inspection = inspections.get(store, inspection_id)
    checklist = inspections.checklist_of(store, inspection)
    subject = get_subject(store, inspection["subject_id"])
    answered = inspections.answers(store, inspection["id"])
    evidence = _evidence(store, inspection["id"])
    judged = evaluation.evaluate(checklist, inspections.values(answered),
                                 {item_id for item_id in evidence if item_id},
                                 inspection["started_at"])
    sections = _sections(checklist, judged, answered, evidence)
    return {
        "format": FORMAT,
        # "draft", not the status: marking a completed inspection signed after its
        # report is signed must not change the content that signature covers
        "inspection": {**{k: inspection[k] for k in (
            "id", "kind", "place", "inspectors", "representative", "started_at",
            "finished_at", "corrects")}, "draft": inspection["status"] == "draft",
            **_record_details(inspection), **_paper(inspection)},
        "authority": inspection["authority"],
        **_joint(inspection),
        # as recorded on the day: later edits of the subject do not change old reports
        "subject": {"id": subject["id"], **inspection["subject_snapshot"]},
        "sector_name": checklist.content.get("sector_name") or {"zh": checklist.sector},
        "checklist": {"id": checklist.id, "version": checklist.version, "hash": checklist.hash,
                      "title": checklist.content["title"]},
        "sections": sections,
        "general_evidence": evidence.get(None, []),
        "signatures": _signatures(store, inspection["id"]),
        "rectifications": _rectifications(store, inspection["id"], checklist),
        "summary": _summary(judged),
        # a correction's only: the content of every other report stays the same
        **_correction(store, inspection),
    }


def _joint(inspection: dict) -> dict:
    """A joint inspection's bureaus, lead first (only then: the content of a report of
    one authority, and of every report signed before, stays the same)."""
    named = authorities.of_inspection(inspection)
    return {"authorities": [a["name"] for a in named]} if len(named) > 1 else {}
def _correction(store: Store, inspection: dict) -> dict:
    """What a correction states: the record it corrects (id, days, content hash), why,
    and each change, old and new (inspector.corrections)."""
    if not inspection["corrects"]:
        return {}
    from .. import corrections  # it reads the corrected record's content from here

    return {"correction": {"reason": inspection["correction_reason"],
                           "corrects": corrections.corrected_record(store, inspection),
                           "changes": corrections.changes(store, inspection)}}


def _record_details(inspection: dict) -> dict:
    """The on-site record's details that were given (badges, the party's statement,
    recorder, refusal): only those, so the content of a report without them, and of
    every report signed before they existed, stays the same."""
    given = onsite.details(inspection)
    del given["representative"]  # in the record since its start
    return {key: value for key, value in given.items() if value}


def _paper(inspection: dict) -> dict:
    """A transcribed record's paper details (inspector.paper); nothing for the others,
    whose content stays as it was."""
    details = paper.details(inspection)
    return {"paper": details} if details else {}


def _evidence(store: Store, inspection_id: str) -> dict[str | None, list[dict]]:
    found: dict[str | None, list[dict]] = {}
    rows = store.conn.execute(
        "SELECT item_id, sha256, caption FROM kept_evidence WHERE inspection_id = ? "
        "ORDER BY created_at, id", (inspection_id,))
    for item_id, sha, caption in rows:
        found.setdefault(item_id, []).append({"sha256": sha, "caption": caption})
    return found


def _sections(checklist, judged: Evaluation, answered: dict, evidence: dict) -> list[dict]:
    sections = []
    for section in checklist.sections:
        items = [_item(state, answered.get(state.id), evidence.get(state.id, []))
                 for state in map(judged.state, (i["id"] for i in section["items"])) if state]
        if items:
            sections.append({"id": section["id"], "title": section["title"], "items": items})
    return sections


def _item(state: ItemState, answer: dict | None, evidence: list[dict]) -> dict:
    item, value = state.item, state.value
    return {
        "id": item["id"],
        "text": item["text"],
        "type": item["type"],
        "required": state.required,
        "answer": value,
        "answer_label": answer_label(item, value) if value is not None else None,
        "note": answer["note"] if answer else None,
        "basis": [_basis(b) for b in item.get("basis", [])],
        "severity": item.get("severity", "minor") if can_fail(item) else None,
        "requirement": item.get("requirement") if can_fail(item) else None,
        "compliance": state.compliance,
        "evidence": evidence,
        # only when the item has one: the content of reports signed before stays the same
        **({"immediate": item["immediate"]} if can_fail(item) and "immediate" in item else {}),
    }


def _basis(basis: dict) -> dict:
    """A legal basis as the report states it; its penalty articles only when the
    checklist records them (the content of reports signed before stays the same)."""
    shown = {k: basis[k] for k in ("law", "number", "articles") if k in basis}
    if basis.get("penalty"):
        shown["penalty"] = [{k: p[k] for k in ("law", "number", "articles") if k in p}
                            for p in penalties(basis)]
    return shown


def answer_label(item: dict, value) -> dict:
    """How an answer reads, in each language."""
    kind = item["type"]
    if kind == "yes_no" and value in YES_NO_VALUES:
        return dict(zip(LANGS, MESSAGES[f"answer.{value}"], strict=True))
    if kind in ("single_choice", "multi_choice"):
        chosen = value if isinstance(value, list) else [value]
        options = [o for o in item["options"] if o["value"] in chosen]
        return {lang: "；".join(o["label"].get(lang) or o["label"]["zh"] for o in options)
                for lang in LANGS}
    text = f"{value} {item['unit']}" if kind == "number" and item.get("unit") else str(value)
    return dict.fromkeys(LANGS, text)


def _signatures(store: Store, inspection_id: str) -> list[dict]:
    rows = store.conn.execute(
        "SELECT role, signer_name, signed_at, image_sha256 FROM signatures "
        "WHERE inspection_id = ? ORDER BY signed_at, id", (inspection_id,))
    return [{"role": r, "name": n, "signed_at": at, "image_sha256": sha}
            for r, n, at, sha in rows]


def _rectifications(store: Store, inspection_id: str, checklist) -> list[dict]:
    rows = store.conn.execute(
        "SELECT id, item_id, problem, basis, requirement, severity, deadline, responsible "
        "FROM rectifications WHERE inspection_id = ?", (inspection_id,))
    found = [dict(zip(("id", "item_id", "problem", "basis", "requirement", "severity",
                       "deadline", "responsible"), row, strict=True)) for row in rows]
    order = {item["id"]: n for n, item in enumerate(checklist.items)}
    return sorted(found, key=lambda r: order.get(r["item_id"], len(order)))


def _summary(judged: Evaluation) -> dict:
    return {
        "shown": judged.shown,
        "answered": judged.answered,
        "passed": judged.passed,
        "failed": len(judged.non_compliant),
        "not_applicable": judged.not_applicable,
        "by_severity": judged.by_severity,
    }
