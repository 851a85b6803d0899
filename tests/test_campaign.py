"""Campaigns (双随机、一公开): the plan, the draw and its verification, tasks that travel
to the inspectors drawn, results, coverage and the publication table."""

import hashlib
import hmac
import json
import math
from fractions import Fraction

import pytest

from inspector import authorization, identity, sync
from inspector.campaign import algorithm, draws, plans, registers, results, tasks
from inspector.campaign.algorithm import Matter, Officer, Subject
from inspector.errors import InspectorError, NotFound, ValidationError
from inspector.store import Store
from inspector.subjects import add_subject

from .helpers import campaigns as camp
from .helpers.forge import append
from .helpers.stores import SECRET, befriend, export, make_store

# --- the algorithm ---------------------------------------------------------------------


def _register(n=40, sectors=("clinic",)):
    subjects = [Subject(f"s{i:03d}", sectors[i % len(sectors)],
                        ("abnormal",) if i % 10 == 0 else ()) for i in range(n)]
    officers = [Officer(f"o{i:02d}", ("clinic",), frozenset({"s001"}) if i == 0 else frozenset(),
                        {"clinic": frozenset({"s002"})} if i == 1 else {})
                for i in range(6)]
    return subjects, officers


def _reference(seed, matters, subjects, officers, rule):
    """The draw as the algorithm module's docstring specifies it, written again from the
    text alone, the way an auditor would."""
    key = bytes.fromhex(seed)

    def u(*parts):
        return int.from_bytes(hmac.new(key, "\x1f".join(parts).encode(), hashlib.sha256)
                              .digest()[:8], "big")

    out = []
    for m in sorted(matters, key=lambda m: m.id):
        pop = sorted((s for s in subjects if s.sector == m.sector), key=lambda s: s.id)
        n = min(len(pop), math.ceil(len(pop) * Fraction(m.ratio)))
        certain = [s for s in pop if any(rule.get(f) == "all" for f in s.flags)]
        others = [s for s in pop if s not in certain]
        keys = {s.id: max(u("subject", m.id, s.id, str(j))
                          for j in range(max([rule.get(f, 1) for f in s.flags] or [1])))
                for s in others}
        ranked = sorted(others, key=lambda s: (-keys[s.id], s.id))
        chosen = certain + ranked[:max(0, n - len(certain))]
        pool = sorted((o for o in officers if m.sector in o.sectors), key=lambda o: o.id)
        drawn = []
        for s in sorted(chosen, key=lambda s: s.id):
            ok = [o.id for o in pool if s.id not in o.conflicts
                  and s.id not in (o.last or {}).get(m.sector, ())]
            if len(ok) <= 2:
                people = sorted(ok)
            else:
                people, k = [], 0
                while len(people) < 2:
                    x = u("officer", m.id, s.id, str(k))
                    k += 1
                    if x >= 2**64 - 2**64 % len(pool):
                        continue
                    pick = pool[x % len(pool)].id
                    if pick in ok and pick not in people:
                        people.append(pick)
            drawn.append({"id": s.id, "certain": s in certain, "officers": people})
        out.append({"matter_id": m.id, "population": len(pop), "quota": n, "subjects": drawn})
    return out


def test_the_draw_is_what_its_specification_says():
    subjects, officers = _register()
    matters = [Matter("m1", "clinic", "0.25"), Matter("m0", "clinic", "0.1")]
    rule = {"abnormal": 3, "complaint": 2}
    for seed in ("00" * 32, "ab" * 32, camp.SEED):
        got = algorithm.run(seed, matters, subjects, officers, rule)
        assert got == _reference(seed, matters, subjects, officers, rule)
        assert [m["matter_id"] for m in got] == ["m0", "m1"]
        assert [len(m["subjects"]) for m in got] == [4, 10]  # ceil(40 × ratio)


def test_a_known_draw_stays_the_same():
    """A fixed answer: a change to the algorithm would make every earlier draw fail to
    verify (such a change needs a new ALGORITHM name)."""
    subjects, officers = _register(12)
    got = algorithm.run("01" * 32, [Matter("m", "clinic", "0.25")], subjects, officers, {})
    assert [(s["id"], s["officers"]) for s in got[0]["subjects"]] == [
        ("s006", ["o05", "o03"]), ("s007", ["o05", "o02"]), ("s008", ["o02", "o01"])]
    assert algorithm.seed_hash("01" * 32) == hashlib.sha256(b"01" * 32).hexdigest()


def test_certain_subjects_are_always_drawn_and_avoided_officers_never():
    subjects, officers = _register()
    for seed in ("00" * 32, "11" * 32, "22" * 32):
        got = algorithm.run(seed, [Matter("m", "clinic", "0.1")], subjects, officers,
                            {"abnormal": "all"})[0]["subjects"]
        ids_ = {s["id"] for s in got}
        assert {s.id for s in subjects if s.flags} <= ids_  # 4 certain of 4 drawn
        assert all(s["certain"] for s in got)
    for seed in (f"{i:02x}" * 32 for i in range(30)):
        got = algorithm.run(seed, [Matter("m", "clinic", "1")], subjects, officers, {})
        people = {s["id"]: s["officers"] for s in got[0]["subjects"]}
        assert "o00" not in people["s001"]  # related to s001
        assert "o01" not in people["s002"]  # checked s002 last time
        assert all(len(p) == 2 and len(set(p)) == 2 for p in people.values())


def test_too_few_eligible_officers_is_a_short_pair_never_an_avoided_one():
    subjects = [Subject("s1", "clinic")]
    officers = [Officer("a", ("clinic",), frozenset({"s1"})), Officer("b", ("clinic",)),
                Officer("c", ("fireworks_retail",))]
    got = algorithm.run("00" * 32, [Matter("m", "clinic", "1")], subjects, officers, {})
    assert got[0]["subjects"][0]["officers"] == ["b"]


def test_weights_favour_flagged_subjects():
    subjects = [Subject(f"s{i:04d}", "clinic", ("complaint",) if i < 500 else ())
                for i in range(1000)]
    got = algorithm.run("42" * 32, [Matter("m", "clinic", "0.1")], subjects, [],
                        {"complaint": 10})[0]["subjects"]
    flagged = sum(s["id"] < "s0500" for s in got)
    assert flagged > 70  # weight 10 against 1: about 91 of 100 (deterministic here)


def test_the_pinned_registers_read_back_as_they_were_written():
    subjects, officers = _register()
    assert algorithm.read_subjects(algorithm.subjects_text(subjects)) == sorted(
        subjects, key=lambda s: s.id)
    text = algorithm.officers_text(officers)
    assert algorithm.officers_text(algorithm.read_officers(text)) == text


# --- planning, drawing, verifying --------------------------------------------------------


@pytest.fixture
def bureau(tmp_path):
    store = make_store(tmp_path / "bureau.db", "某县局", "supervisor")
    yield store
    store.close()


def test_a_plan_with_its_matters(bureau):
    plan = camp.campaign(bureau, ratio="5%", rule=plans.parse_rule("abnormal=all,complaint=2"))
    assert plan["rule"] == {"abnormal": "all", "complaint": 2}
    (matter,) = plans.matters(bureau, plan["id"])
    assert (matter["ratio"], matter["sector"], matter["authority"], matter["due_days"]) == \
        ("0.05", "clinic", "某县卫生健康局", 20)
    assert plans.get_campaign(bureau, plan["id"][:10])["name"] == plan["name"]
    for bad in ("abnormal=11", "nothing=2", "complaint=x"):
        with pytest.raises(ValidationError):
            plans.parse_rule(bad)
    with pytest.raises(ValidationError):
        plans.add_matter(bureau, plan["id"], title="x", checklist="clinic", ratio="120%")
    with pytest.raises(ValidationError):
        plans.new_campaign(bureau, name="x", authority="y", starts_on="2026-12-01",
                           ends_on="2026-11-01")


def test_a_draw_verifies_and_a_changed_seed_or_register_is_found(bureau, tmp_path):
    camp.subjects(bureau, 10)
    people = camp.officers(bureau)
    registers.set_flag(bureau, camp.code(3), "abnormal")
    plan, statement = camp.drawn(bureau, rule={"abnormal": "all"})
    (matter,) = statement["result"]
    assert len(matter["subjects"]) == 5 and matter["population"] == 10
    assert any(s["certain"] for s in matter["subjects"])
    assert statement["seed_hash"] == algorithm.seed_hash(camp.SEED)
    found = draws.verify(bureau, plan["id"])
    assert found.ok and found.registers_changed == []

    assert not draws.verify(bureau, plan["id"], seed="1f" * 32).ok
    seed_check = next(c for c in draws.verify(bureau, plan["id"], seed="1f" * 32).checks
                      if c.key == "seed")
    assert not seed_check.ok
    text = draws.snapshot(bureau, plan["id"], "subjects")
    changed = text.replace(b'"flags":["abnormal"]', b'"flags":[]')
    found = draws.verify(bureau, plan["id"], subjects_file=changed)
    assert {c.key: c.ok for c in found.checks} == {
        "signature": True, "seed": True, "one_commitment": True, "register_subjects": False,
        "register_officers": True, "result": False}

    registers.add_officer(bureau, name="钱七", badge="330109999", sectors=["clinic"])
    found = draws.verify(bureau, plan["id"])
    assert found.ok and found.registers_changed == ["officers"]
    assert people[0]["id"] == registers.officer_id(people[0]["badge"])


def test_a_draw_is_made_once_and_its_plan_is_fixed_then(bureau):
    camp.subjects(bureau, 4)
    camp.officers(bureau)
    plan, _ = camp.drawn(bureau)
    with pytest.raises(ValidationError):
        draws.draw(bureau, plan["id"], secret=SECRET)
    with pytest.raises(ValidationError):
        plans.add_matter(bureau, plan["id"], title="另一事项", checklist="clinic", ratio="1")


def test_a_wrong_passphrase_writes_nothing(bureau):
    camp.subjects(bureau, 4)
    plan = camp.campaign(bureau)
    count = bureau.conn.execute("SELECT COUNT(*) FROM changelog").fetchone()[0]
    with pytest.raises(InspectorError):
        draws.draw(bureau, plan["id"], secret="wrong passphrase")
    assert bureau.conn.execute("SELECT COUNT(*) FROM changelog").fetchone()[0] == count


def test_the_draw_reveals_the_seed_committed_before(bureau):
    camp.subjects(bureau, 4)
    camp.officers(bureau)
    plan = camp.campaign(bureau)
    made = draws.commit(bureau, plan["id"])
    assert bureau.conn.execute("SELECT COUNT(*) FROM changelog WHERE data LIKE ?",
                               (f"%{bureau.setting('campaign_seed:' + made['id'])}%",)
                               ).fetchone()[0] == 0  # the seed is nowhere in the log yet
    statement = draws.draw(bureau, plan["id"], secret=SECRET)
    assert statement["commit_id"] == made["id"]
    assert algorithm.seed_hash(statement["seed"]) == made["seed_hash"]
    with pytest.raises(ValidationError):  # one seed: never a choice among several
        draws.commit(bureau, plan["id"])


# --- who may -----------------------------------------------------------------------------


def test_only_the_planner_draws_and_makes_tasks(tmp_path, bureau):
    camp.subjects(bureau, 4)
    camp.officers(bureau)
    plan, statement = camp.drawn(bureau)
    inspector = make_store(tmp_path / "i.db", "张三", "inspector")
    company = make_store(tmp_path / "c.db", "测试诊所000", "company", code=camp.code(0))
    befriend(bureau, inspector, company)
    for other in (inspector, company):
        with pytest.raises(authorization.Unauthorized), other.transaction():
            other.record("campaign", "x", "create", {
                "name": "x", "authority": "y", "starts_on": "2026-01-01",
                "ends_on": "2026-02-01", "rule": {}})
        with pytest.raises(authorization.Unauthorized), other.transaction():
            other.record("officer", "x", "create", {"name": "x", "badge": "1",
                                                    "sectors": ["clinic"]})
    sync.import_bundle(company, export(bureau, tmp_path / "b.zip"))
    forged = {**statement, "result": [{**statement["result"][0], "subjects": []}]}
    row = bureau.query("SELECT * FROM draws")[0]
    for store, entity, op, data in [
            (company, "draw", "create", {"statement": forged, "signature": row["signature"],
                                         "certificate": row["certificate"]}),
            (company, "task", "create", {"campaign_id": plan["id"], "draw_id": row["id"],
                                         "matter_id": statement["result"][0]["matter_id"],
                                         "subject_id": statement["result"][0]["subjects"][0]["id"],
                                         "kind": "self_check", "due_on": "2026-12-01",
                                         "officers": []})]:
        with pytest.raises(authorization.Unauthorized), store.transaction():
            store.record(entity, "forged", op, data)
    inspector.close()
    company.close()


def test_a_forged_draw_in_a_bundle_is_refused(tmp_path, bureau):
    camp.subjects(bureau, 4)
    camp.officers(bureau)
    _, statement = camp.drawn(bureau)
    receiver = make_store(tmp_path / "i.db", "张三", "inspector")
    befriend(bureau, receiver)
    row = bureau.query("SELECT * FROM draws")[0]
    # the bureau's own key, a second draw whose result was changed after signing
    changed = {**statement, "result": [{**statement["result"][0], "subjects": []}]}
    append(bureau, "draw", "second", "create", {"statement": changed,
                                                "signature": row["signature"],
                                                "certificate": row["certificate"]})
    with pytest.raises(InspectorError, match="draw"):
        sync.import_bundle(receiver, export(bureau, tmp_path / "b.zip"))
    assert receiver.query("SELECT COUNT(*) AS n FROM draws")[0]["n"] == 0
    receiver.close()


# --- tasks to the inspectors, results back -------------------------------------------------


def test_tasks_travel_to_the_inspectors_drawn_and_results_come_back(tmp_path, bureau):
    camp.subjects(bureau, 6)
    camp.officers(bureau, names=("张三", "李四", "王五"))
    plan, statement = camp.drawn(bureau, ratio="100%")
    assert tasks.make_tasks(bureau, plan["id"], on="2026-11-02") == 6
    assert tasks.make_tasks(bureau, plan["id"]) == 0  # once
    # the tasks it made are next campaign's "last time", not a change to this draw's register
    assert draws.verify(bureau, plan["id"]).registers_changed == []
    inspector = make_store(tmp_path / "i.db", "张三", "inspector")
    befriend(bureau, inspector)
    sync.import_bundle(inspector, export(bureau, tmp_path / "plan.zip"))
    mine = tasks.tasks(inspector, mine=True, today="2026-11-10")
    drawn_for_me = [s for s in statement["result"][0]["subjects"]
                    if registers.officer_id("330100000") in s["officers"]]
    assert len(mine) == len(drawn_for_me) > 0
    assert all(t["due_on"] == "2026-11-22" and not t["overdue"] for t in mine)
    assert tasks.tasks(inspector, mine=True, today="2026-11-23")[0]["overdue"]

    first, second = mine[0], mine[-1]
    inspection_id = tasks.start_from_task(inspector, first["id"])
    started = inspector.query("SELECT * FROM inspections WHERE id = ?", (inspection_id,))[0]
    assert started["subject_id"] == first["subject_id"]
    assert started["checklist_id"] == "clinic"
    assert json.loads(started["inspectors"]) == [o["name"] for o in first["officers"]]
    assert json.loads(started["badges"]) == {o["name"]: o["badge"] for o in first["officers"]}
    assert started["authority"] == "某县卫生健康局"  # the plan's bureau issues the notices
    with pytest.raises(ValidationError):
        tasks.start_from_task(inspector, first["id"])
    tasks.record_result(inspector, second["id"], "unreachable", note="大门紧闭")
    with pytest.raises(ValidationError):
        tasks.record_result(inspector, second["id"], "made_up")

    sync.import_bundle(bureau, export(inspector, tmp_path / "back.zip"))
    (row,) = results.coverage(bureau, plan["id"])
    assert (row["drawn"], row["unreachable"], row["inspected"]) == (6, 1, 0)
    assert tasks.get_task(bureau, first["id"])["inspection_id"] == inspection_id
    inspector.close()


def test_an_inspector_not_drawn_cannot_take_up_a_task(tmp_path, bureau):
    camp.subjects(bureau, 2)
    camp.officers(bureau, names=("张三", "李四"))
    plan, _ = camp.drawn(bureau, ratio="100%")
    tasks.make_tasks(bureau, plan["id"])
    stranger = make_store(tmp_path / "s.db", "孙八", "inspector")
    befriend(bureau, stranger)
    sync.import_bundle(stranger, export(bureau, tmp_path / "plan.zip"))
    assert tasks.tasks(stranger, mine=True) == []
    task = tasks.tasks(stranger)[0]
    with pytest.raises(authorization.Unauthorized):
        tasks.record_result(stranger, task["id"], "no_problem")
    stranger.close()


def test_a_self_check_task_reaches_its_company_only(tmp_path, bureau):
    camp.subjects(bureau, 2)
    camp.officers(bureau, names=("张三", "李四"))
    plan, _ = camp.drawn(bureau, ratio="100%", self_check=True)
    assert tasks.make_tasks(bureau, plan["id"]) == 4
    company = make_store(tmp_path / "c.db", "测试诊所000", "company", code=camp.code(0))
    befriend(bureau, company)
    subject = bureau.query("SELECT id FROM subjects WHERE uscc = ?", (camp.code(0),))[0]["id"]
    me, key = identity.signing_key(bureau, SECRET)
    sync.export(bureau, tmp_path / "c.zip", me, key, subject=subject)
    sync.import_bundle(company, tmp_path / "c.zip")
    mine = tasks.tasks(company, mine=True)
    assert [(t["kind"], t["uscc"]) for t in mine] == [("self_check", camp.code(0))]
    assert company.query("SELECT COUNT(*) AS n FROM draws")[0]["n"] == 0  # withheld
    inspection_id = tasks.start_from_task(company, mine[0]["id"])
    assert company.query("SELECT kind FROM inspections WHERE id = ?",
                         (inspection_id,))[0]["kind"] == "self_check"
    company.close()


def test_publication_has_results_and_no_personal_data(tmp_path, bureau):
    add_subject(bureau, name="=HYPERLINK(\"http://x\")", code=camp.code(900), sector="clinic",
                legal_rep="周建国", phone="13800000000", address="某路1号")
    camp.officers(bureau, names=("张三", "李四"))
    plan, _ = camp.drawn(bureau, ratio="100%")
    tasks.make_tasks(bureau, plan["id"])
    (task,) = tasks.tasks(bureau)
    tasks.record_result(bureau, task["id"], "not_disclosed")
    rows = results.publication(bureau, plan["id"])
    assert rows[0]["result"] == "did not publish the information required"
    for suffix in ("csv", "xlsx"):
        path = tmp_path / f"pub.{suffix}"
        results.write_publication(rows, path)
        if suffix == "csv":
            text = path.read_text("utf-8-sig")
        else:
            import openpyxl

            sheet = openpyxl.load_workbook(path).active
            text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row)
            assert sheet["C2"].value.startswith("=") and sheet["C2"].data_type == "s"
        for private in ("张三", "李四", "周建国", "13800000000", "某路1号"):
            assert private not in text
        assert camp.code(900) in text
    assert "'=HYPERLINK" in (tmp_path / "pub.csv").read_text("utf-8-sig")


def test_results_count_in_coverage(tmp_path, bureau):
    camp.subjects(bureau, 2)
    camp.officers(bureau, names=("张三", "李四"))
    plan, _ = camp.drawn(bureau, ratio="100%")
    tasks.make_tasks(bureau, plan["id"])
    (row,) = results.coverage(bureau, plan["id"])
    assert (row["drawn"], row["open"], row["findings"]) == (2, 2, 0)
    first, second = tasks.tasks(bureau)
    tasks.record_result(bureau, first["id"], "ordered_to_correct")
    tasks.record_result(bureau, second["id"], "no_problem")
    (row,) = results.coverage(bureau, plan["id"])
    assert (row["inspected"], row["findings"], row["open"]) == (2, 1, 0)


def test_officers_import_names_bad_rows(tmp_path, bureau):
    camp.subjects(bureau, 1)
    sheet = tmp_path / "officers.csv"
    sheet.write_text("执法人员名录\n姓名,执法证号,所属部门,检查领域,回避\n"
                     f"张三,33010001,一队,诊所、烟花爆竹,{camp.code(0)}\n"
                     ",33010002,一队,诊所,\n李四,33010003,二队,面包房,\n", "utf-8-sig")
    result = registers.import_officers(bureau, sheet)
    assert result.added == 1 and [n for n, _ in result.errors] == [4, 5]
    (officer,) = registers.officers(bureau)
    assert officer["sectors"] == ["clinic", "fireworks_retail"]
    assert officer["conflicts"] == [bureau.query("SELECT id FROM subjects")[0]["id"]]
    with pytest.raises(NotFound):
        registers.get_officer(bureau, "nobody")


def test_the_campaign_tables_rebuild_from_the_log(tmp_path, bureau):
    from inspector.rebuild import rebuild

    camp.subjects(bureau, 3)
    camp.officers(bureau)
    plan, _ = camp.drawn(bureau, ratio="100%")
    tasks.make_tasks(bureau, plan["id"])
    rebuild(bureau, tmp_path / "again.db")
    with Store(tmp_path / "again.db") as again:
        for table in ("campaigns", "campaign_matters", "officers", "draws", "tasks"):
            assert again.query(f"SELECT * FROM {table} ORDER BY id") == \
                bureau.query(f"SELECT * FROM {table} ORDER BY id")
        assert draws.verify(again, plan["id"]).ok


# --- the command line ------------------------------------------------------------------


def test_the_command_line_plans_draws_verifies_and_publishes(tmp_path, capsys, monkeypatch):
    from inspector.cli import main

    db = tmp_path / "bureau.db"
    make_store(db, "某县局", "supervisor").close()
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)

    def run(*args):
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    with Store(db) as store:
        camp.subjects(store, 8)
    for n, name in enumerate(("张三", "李四", "王五")):
        assert run("officers", "add", "--name", name, "--badge", f"B{n}", "--sector", "clinic",
                   "--department", "一队")[0] == 0
    code, out, _ = run("officers", "list", "--json")
    assert code == 0 and [o["name"] for o in json.loads(out)] == ["张三", "李四", "王五"]
    assert run("plan", "new", "--name", "诊所抽查", "--authority", "某县市场监督管理局",
               "--from", "2026-11-01", "--to", "2026-12-31", "--rule", "abnormal=all")[0] == 0
    code, out, _ = run("plan", "matters", "诊所抽查", "--add", "执业资质", "--checklist",
                       "clinic", "--ratio", "25%", "--basis", "《医疗机构管理条例》")
    assert code == 0 and "0.25" in out
    assert run("plan", "flag", camp.code(1), "abnormal")[0] == 0
    code, out, _ = run("plan", "commit", "诊所抽查", "--seed", camp.SEED)
    assert code == 0 and algorithm.seed_hash(camp.SEED) in out
    code, out, _ = run("plan", "draw", "诊所抽查")
    assert code == 0 and "2 of 8" in out and camp.SEED in out
    code, out, _ = run("plan", "verify", "诊所抽查")
    assert code == 0 and "verified" in out and "FAIL" not in out

    folder = tmp_path / "registers"
    assert run("plan", "registers", "诊所抽查", "-o", str(folder))[0] == 0
    officers_file = folder / "officers.jsonl"
    officers_file.write_bytes(officers_file.read_bytes().replace(b'"clinic"', b'"x"', 1))
    code, out, _ = run("plan", "verify", "诊所抽查", "--officers", str(officers_file))
    assert code == 1 and "FAIL" in out and "does NOT verify" in out
    code, out, _ = run("plan", "verify", "诊所抽查", "--seed", "1f" * 32)
    assert code == 1

    code, out, _ = run("plan", "tasks", "诊所抽查", "--make")
    assert code == 0 and "2 task" in out
    code, out, _ = run("plan", "tasks", "诊所抽查", "--json")
    rows = json.loads(out)
    assert len(rows) == 2 and all(len(r["officers"]) == 2 for r in rows)
    assert run("plan", "result", rows[0]["id"], "unreachable")[0] == 0
    code, out, _ = run("plan", "coverage", "诊所抽查", "--json")
    assert json.loads(out)[0] | {"drawn": 2, "unreachable": 1, "open": 1} == json.loads(out)[0]
    code, out, _ = run("plan", "publish", "诊所抽查", "-o", str(tmp_path / "pub.xlsx"))
    assert code == 0 and (tmp_path / "pub.xlsx").exists()
    code, out, _ = run("--lang", "zh", "plan", "list")
    assert code == 0 and "诊所抽查" in out and "是" in out
    code, _, err = run("plan", "draw", "nothing")
    assert code == 1 and err.count("\n") == 1
