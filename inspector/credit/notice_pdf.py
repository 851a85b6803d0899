"""The notice of intended listing (拟列入告知书) as an A4 PDF, in Chinese as issued:
the party, the ground and basis, the facts, its right to state its case
(陈述申辩) and the deadline, the authority and the day, the office's contact."""

from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from .. import contact, ids
from ..files import write_atomically
from ..messages import MESSAGES
from ..reports.layout import build_pdf, make_styles
from ..store import Store
from . import rulesets


def _zh(key: str, **values) -> str:
    return MESSAGES[key][0].format(**values)


def _chinese_day(day: str) -> str:
    d = date.fromisoformat(day)
    return f"{d.year}年{d.month}月{d.day}日"


def _facts(facts: dict) -> str:
    """What the proposal rests on, as the notice states it to the party: sentences by
    the kind of fact, never the store's field names or record ids."""
    if "penalty_id" in facts:
        on = _chinese_day(facts["decided_on"]) if facts.get("decided_on") else ""
        key = "credit.fact_penalty_heavier" if facts.get("heavier") else "credit.fact_penalty"
        return _zh(key, on=on and on + "，", no=facts.get("decision_no") or "")
    if "task_id" in facts:
        result = facts.get("result") or ""
        shown = MESSAGES[f"result.{result}"][0] if f"result.{result}" in MESSAGES else result
        on = _chinese_day(ids.local_date(facts["at"]).isoformat()) if facts.get("at") else ""
        note = f"（{facts['note']}）" if facts.get("note") else ""
        return _zh("credit.fact_task", on=on and on + "，", result=shown, note=note)
    if "rectification_id" in facts:
        deadline = _chinese_day(facts["deadline"]) if facts.get("deadline") else ""
        return _zh("credit.fact_overdue", problem=facts.get("problem") or "",
                   deadline=deadline)
    return ""


def render_notice(store: Store, notice: dict) -> bytes:
    """The notice `service.notify` returned, as PDF bytes."""
    p = notice["proposal"]
    authority = store.conn.execute("SELECT org FROM identities WHERE id = ?",
                                   (store.actor,)).fetchone()
    authority = (authority and authority[0]) or ""
    listed = _zh(f"credit.list.{p['list']}")
    s = make_styles(10.5, official=True)
    office = contact.get(store)
    reach = "　".join(v for v in (office.phone, office.address) if v) or "＿" * 20
    story = [s.p(_zh("credit.notice_title", list=listed), s.title), Spacer(1, 6 * mm),
             s.p(_zh("credit.notice_to", name=p["subject_name"], uscc=p["uscc"])),
             s.p(_zh("credit.notice_body", ground=p["ground"], basis=p["basis"],
                     list=listed))]
    facts = _facts(p["facts"] or {})
    if facts:
        story.append(s.p(_zh("credit.notice_facts", facts=facts)))
    story += [s.p(_rights(p["list"], _chinese_day(notice["deadline"]))),
              s.p(_zh("credit.notice_contact", contact=reach)), Spacer(1, 12 * mm)]
    story += [s.p(line, s.body) for line in _zh(
        "credit.notice_authority", authority=authority,
        date=_chinese_day(notice["notified_on"])).split("\n")]
    return build_pdf(story, pagesize=A4, lang="zh", title=_zh("credit.notice_title",
                                                              list=listed),
                     author=authority, footer_left=p["id"][:8])


def _rights(listed: str, deadline: str) -> str:
    """The right to state its case, citing the text that gives it where the rules
    name one for the list (default_rules.yaml, statement_basis)."""
    basis = rulesets.load().statement_basis.get(listed)
    if basis:
        return _zh("credit.notice_rights_under", basis=basis, deadline=deadline)
    return _zh("credit.notice_rights", deadline=deadline)


def write_notice(store: Store, notice: dict, path: str | Path) -> None:
    write_atomically(path, render_notice(store, notice))
