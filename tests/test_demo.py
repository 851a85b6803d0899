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


STEPS = ("penalty", "proposal", "notice", "statement", "decision", "repair")


def test_the_demo_walks_a_listing_through_to_repair_and_fills_this_months_report(
        tmp_path, monkeypatch):
    """The heavier penalty's listing: notified (its notice among the demo's notices),
    the company's statement from its own store, the decision, the lists as published on
    its first day, the company's repair application and its grant; and a second
    proposal (a subject not reachable) notified, waiting for its deadline."""
    from openpyxl import load_workbook

    from inspector.credit import service
    from inspector.statistics.compute import Scope, report
    from inspector.statistics.periods import parse

    from .helpers.pdftools import pdf_text

    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "demo-passphrase")
    out = tmp_path / "out"
    with Store(tmp_path / "demo.db") as store:
        made = demo.make_demo(store, out, seed=7)
        proposals = {p["list"]: p for p in service.proposals(store)}
        assert {k: p["status"] for k, p in proposals.items()} == {
            "serious": "approved", "abnormal": "notified"}
        serious = proposals["serious"]
        record = [e["kind"] for e in service.credit_record(store, serious["subject_id"])]
        assert [k for k in record if k in STEPS] == [*STEPS, "repair"]
        [repair] = service.repairs(store)
        assert repair["status"] == "approved" and repair["evidence"]
        assert service.listings(store, published=True, as_of="9999-01-01") == []  # repaired
        month = report(store, Scope(parse(ids.today()[:7])))
        assert month.total["fines"] == 20000
        assert (month.total["listings_proposed"], month.total["listings_decided"],
                month.total["repairs"]) == (2, 1, 1)
        assert [case["title"] for case in month.cases] == ["某信息技术公司拒不整改被从重处罚"]
    notice = out / "notices" / f"{serious['subject_name']}_拟列入告知书.pdf"
    text = pdf_text(notice.read_bytes(), tmp_path).replace("\n", "")
    assert "拟列入严重违法失信名单告知书" in text and serious["uscc"] in text
    assert len(list((out / "notices").glob("*_拟列入告知书.pdf"))) == 2
    published = load_workbook(out / "信用名单公示.xlsx").worksheets[0]
    assert [row[1] for row in published.iter_rows(min_row=2, values_only=True)] == [
        serious["uscc"]]
    company = next(path for name, path in made["stores"].items()
                   if name == f"company-{serious['sector']}")
    with Store(company) as store:  # the statement is the company's own record
        assert len(service.statements(store, serious["id"])) == 1
        assert store.conn.execute("SELECT device_id FROM credit_statements").fetchone()[0] \
            == store.device_id
        assert service.repairs(store)[0]["status"] == "approved"
    with Store(made["stores"]["supervisor"]) as supervisor:
        assert {p["id"] for p in service.proposals(supervisor)} == {
            p["id"] for p in proposals.values()}


PROPOSALS_SCRIPT = """
import json, sys
from pathlib import Path
from inspector import demo
from inspector.credit import service
from inspector.store import Store
out = Path(sys.argv[1])
with Store(out / "demo.db") as store:
    demo.make_demo(store, out / "files", seed=7)
    print(json.dumps(sorted((p["rule"], p["list"], p["status"])
                            for p in service.proposals(store))))
"""


def test_the_demos_proposals_are_the_same_at_every_hour(tmp_path):
    """Run at 01:00, 17:30 (Beijing: the next day) and 23:30 UTC, with libfaketime:
    the same proposals, in the same states. (The subject not reachable comes from a
    secret draw, so it varies; it is never one of the companies with a store.)"""
    import json
    import os
    import subprocess
    import sys

    seen = {}
    for instant in ("2026-11-30 01:00:00", "2026-11-30 17:30:00", "2026-11-30 23:30:00"):
        folder = tmp_path / instant[11:13]
        folder.mkdir()
        run = subprocess.run(
            ["faketime", "-f", f"@{instant}", sys.executable, "-c", PROPOSALS_SCRIPT,
             str(folder)], capture_output=True, text=True, check=True,
            env={**os.environ, "INSPECTOR_PASSPHRASE": "demo-passphrase"})
        seen[instant] = json.loads(run.stdout.splitlines()[-1])
    assert list(seen.values()) == [[
        ["heavier_penalty", "serious", "approved"],
        ["unreachable_at_registered_address", "abnormal", "notified"]]] * 3
