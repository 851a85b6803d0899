"""A small campaign made with the services: two sectors, inspections, a self-check,
rectification items in every state. Shared by the ledger and overview tests."""

from datetime import date, timedelta

from inspector import checklists, ids, inspections
from inspector.evidence import add_evidence
from inspector.subjects import add_subject
from inspector.uscc import complete

from ..conftest import DATA

FOUND = "2026-11-01"  # items found then; deadlines: critical +7, minor +30 days
TODAY = "2026-11-20"  # critical items are overdue by then, minor ones are not


def second_sector(checklist_dir) -> None:
    """The mini checklist again as sector "mini2" (第二测试行业)."""
    text = (DATA / "mini.yaml").read_text("utf-8")
    text = text.replace("id: mini\nsector: mini\n", "id: mini2\nsector: mini2\n")
    text = text.replace("{zh: 测试行业, en: Test sector}", "{zh: 第二测试行业, en: Second sector}")
    text = text.replace("sector_aliases: [测试]", "sector_aliases: [测试二]")
    (checklist_dir / "mini2.yaml").write_text(text, "utf-8")


def compliant(store, inspection_id) -> None:
    later = (date.fromisoformat(ids.today()) + timedelta(days=300)).isoformat()  # Beijing
    for item_id, value in [("m-01", "yes"), ("m-02", later), ("m-03", "shop"),
                           ("m-05", 25), ("m-06", ["extinguisher"])]:
        inspections.record_answer(store, inspection_id, item_id, value)
    add_evidence(store, inspection_id, "m-07", b"\xff\xd8jpeg", mime="image/jpeg")


def inspect(store, subject, sector, people, findings, kind="inspection", finish=True):
    started = inspections.start(store, subject=subject["id"], checklist=checklists.find(sector),
                                inspectors=people, kind=kind,
                                started_at=f"{FOUND}T01:00:00.000Z")
    compliant(store, started)
    for item_id, value in findings:
        inspections.record_answer(store, started, item_id, value, note="现场发现")
    if finish:
        inspections.complete(store, started, finished_at=f"{FOUND}T03:00:00.000Z")
    return started


def add_event(store, item_id, status, note=None, deadline=None) -> None:
    with store.transaction():  # as the services record it, roles aside
        store.record("rectification_event", ids.uuid7(), "create",
                     {"rectification_id": item_id, "status": status, "note": note,
                      "deadline": deadline})


def build(store, checklist_dir) -> dict:
    """Sector mini: 甲 (2 items + a self-check with 1), 乙 (3 items); mini2: 丙 (1 item)
    and a draft. States: 甲 licence closed, 乙 stall submitted, 乙 fire reopened."""
    second_sector(checklist_dir)
    a = add_subject(store, name="甲烟花店", code=complete("91330100MA2AAAA10"), sector="mini")
    b = add_subject(store, name="乙烟花店", code=complete("91330100MA2BBBB20"), sector="mini")
    c = add_subject(store, name="丙诊所", code=complete("91330100MA2CCCC30"), sector="mini2")
    inspect(store, a, "mini", ["张伟", "李娜"], [("m-01", "no"), ("m-05", 5)])
    inspect(store, a, "mini", ["甲店长"], [("m-05", 6)], kind="self_check")
    inspect(store, b, "mini", ["王芳", "李娜"],
            [("m-01", "no"), ("m-03", "stall"), ("m-06", ["none"])])
    inspect(store, c, "mini2", ["张伟", "刘洋"], [("m-01", "no")])
    inspect(store, c, "mini2", ["张伟", "刘洋"], [], finish=False)
    items = {(r["subject_id"], r["item_id"], r["inspection_id"]): r["id"]
             for r in store.db["rectifications"].rows}
    by = {}
    for (subject, item, _), rid in items.items():
        by.setdefault((subject, item), []).append(rid)
    closed = by[(a["id"], "m-01")][0]
    submitted = by[(b["id"], "m-03")][0]
    reopened = by[(b["id"], "m-06")][0]
    add_event(store, closed, "closed", note="复查合格")
    add_event(store, submitted, "submitted", note="已搬入店内")
    add_event(store, reopened, "submitted", note="已购灭火器")
    add_event(store, reopened, "reopened", note="灭火器过期", deadline="2026-11-15")
    return {"subjects": (a, b, c), "closed": closed, "submitted": submitted,
            "reopened": reopened}
