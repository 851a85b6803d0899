"""The rectification loop across three stores, by files, from the command line:
inspector finds, company answers, inspector re-checks, supervisor sees it all."""

import json
from datetime import date, timedelta

import pytest

from inspector import identity
from inspector.cli import main

CODE = "91110108MA01ABCD5T"


@pytest.fixture
def world(tmp_path, checklist_dir, monkeypatch, capsys):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "shared test passphrase")
    dbs = {role: tmp_path / f"{role}.db" for role in ("inspector", "company", "supervisor")}

    def run(role, *args, ok=True):
        code = main(["--db", str(dbs[role]), *args])
        out, err = capsys.readouterr()
        if ok:
            assert code == 0, err
        return code, out, err

    names = {"inspector": "张伟", "company": "讯达公司", "supervisor": "陈静"}
    for role, name in names.items():
        code = ["--code", CODE] if role == "company" else []
        run(role, "keys", "init", "--name", name, "--role", role, "--org", "某县", *code)
        run(role, "keys", "export-public", "-o", str(tmp_path / f"{role}.pem"))
    for role in names:
        for other in names:
            if other != role:  # the fingerprint each read out to the others
                pem = tmp_path / f"{other}.pem"
                fp = identity.fingerprint(identity.load_certificate(pem.read_bytes(), str(pem)))
                run(role, "keys", "trust", str(pem), "--fingerprint", fp)
    run.tmp = tmp_path
    return run


def ship(run, source, target, name):
    path = run.tmp / f"{name}.zip"
    run(source, "export", "-o", str(path))
    return run(target, "import", str(path))


def history(run, role, item):
    out = run(role, "rectifications", "show", item)[1]
    return [line.strip().split("  ") for line in out.splitlines() if line.startswith("  20")]


def inspect_with_one_finding(run):
    run("inspector", "subjects", "add", "--name", "讯达公司", "--code", CODE, "--sector", "mini")
    inspection = run("inspector", "inspections", "start", "--subject", CODE,
                     "--inspector", "张伟", "--inspector", "李娜")[1].strip()
    for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", "25"),
                        ("m-06", "extinguisher,sand")]:
        run("inspector", "inspections", "answer", inspection, item, value, "--note", "现场")
    photo = run.tmp / "photo.png"
    from PIL import Image

    Image.new("RGB", (40, 30), "white").save(photo)
    from inspector.evidence import add_evidence
    from inspector.store import Store

    with Store(run.tmp / "inspector.db") as store:
        add_evidence(store, inspection, "m-07", photo.read_bytes(), mime="image/png")
    assert "1" in run("inspector", "inspections", "complete", inspection)[1]
    items = json.loads(run("inspector", "rectifications", "list", "--json")[1])
    assert len(items) == 1 and items[0]["status"] == "open"
    return items[0]["id"], photo


def test_the_whole_loop_across_three_stores(world):
    run = world
    item, photo = inspect_with_one_finding(run)
    ship(run, "inspector", "company", "1-notice")
    (mine,) = json.loads(run("company", "rectifications", "list", "--json")[1])
    assert mine["id"] == item and mine["status"] == "open"
    run("company", "rectifications", "respond", item, "--measure", "已申领许可证",
        "--evidence", str(photo))
    ship(run, "company", "inspector", "2-answer")
    assert json.loads(run("inspector", "rectifications", "list", "--json")[1])[0]["status"] \
        == "submitted"
    run("inspector", "rectifications", "review", item, "--accept", "--note", "复查合格")
    ship(run, "inspector", "company", "3-review")
    ship(run, "inspector", "supervisor", "4-up")
    ship(run, "company", "supervisor", "5-up")
    timelines = [history(run, role, item) for role in ("inspector", "company", "supervisor")]
    assert timelines[0] == timelines[1] == timelines[2]
    assert [step[1] for step in timelines[0]] == ["open", "submitted", "closed"]
    for role in ("inspector", "company", "supervisor"):
        (row,) = json.loads(run(role, "rectifications", "list", "--json")[1])
        assert row["status"] == "closed" and row["overdue"] is False


def test_reject_then_accept(world):
    run = world
    item, photo = inspect_with_one_finding(run)
    ship(run, "inspector", "company", "1")
    run("company", "rectifications", "respond", item, "--measure", "已整改",
        "--evidence", str(photo))
    ship(run, "company", "inspector", "2")
    later = (date.today() + timedelta(days=10)).isoformat()
    code, _, err = run("inspector", "rectifications", "review", item, "--reject", ok=False)
    assert code == 1 and "needs a note" in err
    run("inspector", "rectifications", "review", item, "--reject", "--note", "证件仍未取得",
        "--deadline", later)
    ship(run, "inspector", "company", "3")
    (row,) = json.loads(run("company", "rectifications", "list", "--json")[1])
    assert row["status"] == "reopened" and row["deadline"] == later
    run("company", "rectifications", "respond", item, "--measure", "许可证已取得")
    ship(run, "company", "inspector", "4")
    run("inspector", "rectifications", "review", item, "--accept")
    steps = [s[1] for s in history(run, "inspector", item)]
    assert steps == ["open", "submitted", "reopened", "submitted", "closed"]


def test_wrong_steps_are_refused(world):
    run = world
    item, _ = inspect_with_one_finding(run)
    ship(run, "inspector", "company", "1")
    code, _, err = run("company", "rectifications", "review", item, "--accept", ok=False)
    assert code == 1 and "a company may not write rectification_event" in err
    code, _, err = run("inspector", "rectifications", "respond", item, "--measure", "x",
                       ok=False)
    assert code == 1 and "an inspector may not write rectification_event" in err
    code, _, err = run("company", "rectifications", "respond", "nosuchitem", "--measure", "x",
                       ok=False)
    assert code == 1 and "no rectification item" in err
    not_evidence = run.tmp / "notes.txt"
    not_evidence.write_text("不是图片")
    code, _, err = run("company", "rectifications", "respond", item, "--measure", "x",
                       "--evidence", str(not_evidence), ok=False)
    assert code == 1 and "notes.txt" in err and "image or a PDF" in err
    code, _, err = run("company", "rectifications", "respond", item, "--measure", "x",
                       "--evidence", str(run.tmp / "missing.jpg"), ok=False)
    assert code == 1 and "missing.jpg" in err
    assert json.loads(run("company", "rectifications", "list", "--json")[1])[0]["status"] \
        == "open"
    run("inspector", "rectifications", "review", item, "--accept")
    code, _, err = run("inspector", "rectifications", "review", item, "--accept", ok=False)
    assert code == 1 and "already closed" in err
