"""The demo campaign is dated by Beijing's calendar, whatever this machine's clock says."""

from datetime import date, datetime, timedelta

import yaml

from inspector import checklists, demo, ids, inspections, ledger_query
from inspector.store import Store


def what_users_see(store) -> dict:
    """The demo's dates as the app and the CLI show them (Beijing days), with the
    rectification states they lead to, and every date answered."""
    listed = inspections.list_inspections(store)
    dated = {}
    for row in listed:
        checklist = inspections.checklist_of(store, inspections.get(store, row["id"]))
        for item_id, answer in inspections.answers(store, row["id"]).items():
            if checklist.item(item_id)["type"] == "date":
                dated[(row["subject"], row["kind"], item_id)] = answer["value"]
    return {
        "inspections": sorted((r["subject"], r["kind"], r["status"],
                               ids.local_date(r["started_at"]).isoformat()) for r in listed),
        "rectifications": [(r["subject"], r["item_id"], r["found_on"], r["first_deadline"],
                            r["deadline"], r["status"], r["overdue"])
                           for r in ledger_query.items(store, ledger_query.LedgerFilter())],
        "date answers": dated,
    }


def demo_in_zone(tmp_path, machine_zone, zone: str, name: str) -> dict:
    machine_zone(zone)
    with Store(tmp_path / f"{name}.db") as store:
        assert demo.make_demo(store, tmp_path / name, seed=7) is not None
        return what_users_see(store)


def other_day_zone() -> str:
    """A time zone whose calendar day is not Beijing's for the next hour or more: 20 hours
    behind until 20:00 in Beijing, 6 hours ahead from 18:00. (Zone names, not POSIX TZ
    strings: signing a report asks tzlocal for the zone, which takes names only.)"""
    hour = datetime.now(ids.BEIJING).hour
    return "Etc/GMT+12" if hour < 19 else "Etc/GMT-14"


def undated_second_scenarios(tmp_path, monkeypatch) -> None:
    """The demo's findings without the dates the second scenario gives: that scenario's
    inspections and the companies' self-checks then answer dates from their own day."""
    scenarios = yaml.safe_load(demo.FINDINGS.read_text("utf-8"))
    for sector, plans in scenarios.items():
        checklist = checklists.find(sector)
        answers = plans[1]["answers"]
        for item_id in [i for i in answers if checklist.item(i)["type"] == "date"]:
            del answers[item_id]
    findings = tmp_path / "findings.yaml"
    findings.write_text(yaml.safe_dump(scenarios, allow_unicode=True), "utf-8")
    monkeypatch.setattr(demo, "FINDINGS", findings)


def test_a_machine_on_another_day_makes_the_same_demo_as_one_in_beijing(
        tmp_path, machine_zone, monkeypatch):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "demo-passphrase")
    undated_second_scenarios(tmp_path, monkeypatch)
    in_beijing = demo_in_zone(tmp_path, machine_zone, "Asia/Shanghai", "beijing")
    elsewhere = demo_in_zone(tmp_path, machine_zone, other_day_zone(), "elsewhere")
    assert date.today().isoformat() != ids.today()  # this machine's calendar is off
    assert elsewhere["inspections"] == in_beijing["inspections"]
    assert elsewhere["rectifications"] == in_beijing["rectifications"]
    assert elsewhere["date answers"] == in_beijing["date answers"]
    # the companies' own self-checks (played by the demo loop) are dated today in Beijing,
    # and their licences run 400 days from then
    today = date.fromisoformat(ids.today())
    checked = [day for _, kind, _, day in elsewhere["inspections"] if kind == "self_check"]
    assert checked == [today.isoformat()] * 4
    valid_until = {value for (_, kind, _), value in elsewhere["date answers"].items()
                   if kind == "self_check"}
    assert valid_until == {(today + timedelta(days=400)).isoformat()}


def test_the_demo_proposes_a_listing_and_fills_this_months_report(tmp_path, monkeypatch):
    from inspector.credit import service
    from inspector.statistics.compute import Scope, report
    from inspector.statistics.periods import parse

    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "demo-passphrase")
    with Store(tmp_path / "demo.db") as store:
        made = demo.make_demo(store, tmp_path / "out", seed=7)
        # the heavier penalty's proposal; on some days the rules also find an item
        # overdue after a rejected review (the demo's dates run from today)
        proposals = service.proposals(store)
        [proposal] = [p for p in proposals if p["list"] == "serious"]
        assert proposal["status"] == "proposed"
        month = report(store, Scope(parse(ids.today()[:7])))
        assert month.total["fines"] == 20000
        assert month.total["listings_proposed"] == len(proposals)
        assert [case["title"] for case in month.cases] == ["某信息技术公司拒不整改被从重处罚"]
    with Store(made["stores"]["supervisor"]) as supervisor:  # it got the inspector's bundle
        assert proposal["id"] in [p["id"] for p in service.proposals(supervisor)]
