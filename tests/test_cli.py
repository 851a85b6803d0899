"""The command line as a user drives it: output, --json, exit codes, one-line errors."""

import json
import re
import subprocess
import sys

import pytest

from inspector.cli import main

from .conftest import DATA, VALID_CODE


@pytest.fixture
def run(capsys, db_path):
    def run(*args, db=True):
        code = main([*(["--db", str(db_path)] if db else []), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_checklists_list_json(run):
    code, out, err = run("checklists", "list", "--json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert {r["sector"] for r in rows} == {"telecom_vas", "clinic", "fireworks_retail",
                                           "ride_hailing"}
    assert all(set(r) == {"id", "sector", "version", "title", "item_count"} for r in rows)
    assert all(r["item_count"] >= 20 for r in rows)


def test_checklists_list_table_in_chinese(run, monkeypatch):
    code, out, _ = run("--lang", "zh", "checklists", "list")
    assert code == 0
    assert "医疗机构" in out and "检查项" in out.splitlines()[0]


@pytest.mark.parametrize(("lang", "clinic"), [("zh", "医疗机构"), ("en", "Medical institutions")])
def test_checklists_list_table_names_the_sector(run, lang, clinic):
    code, out, _ = run("--lang", lang, "checklists", "list")
    head, *lines = [re.split(r" {2,}", line) for line in out.splitlines()]
    assert code == 0 and head[1] == ("行业" if lang == "zh" else "sector")
    shown = {cells[0]: cells[1] for cells in lines}  # checklist id -> its 行业 cell
    assert shown["clinic"] == clinic  # the name, not the slug
    assert all(name != slug for slug, name in shown.items())
    # --json keeps the slug, for scripts
    rows = json.loads(run("--lang", lang, "checklists", "list", "--json")[1])
    assert {r["id"]: r["sector"] for r in rows}["clinic"] == "clinic"


def test_validate_bundled_passes(run):
    code, out, err = run("checklists", "validate")
    assert code == 0, err
    assert out.count(": ok (") == 4


def test_validate_broken_file_exits_1_one_line_per_problem(run, tmp_path):
    broken = tmp_path / "clinic.yaml"
    text = (DATA / "mini.yaml").read_text("utf-8")
    broken.write_text(text.replace("type: yes_no", "type: yesno", 1)
                      .replace("id: m-04", "id: m-02"), "utf-8")
    code, out, err = run("checklists", "validate", str(broken), str(DATA / "mini.yaml"))
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{broken}:") for line in lines)
    assert 'item m-01: unknown type "yesno", did you mean "yes_no"?' in lines[0]
    assert "mini.yaml: ok" in out


def test_subjects_add_and_list_json(run):
    code, out, _ = run("subjects", "add", "--name", "杭州康宁综合门诊部有限公司", "--code",
                       VALID_CODE, "--sector", "医疗机构", "--address", "湖墅南路186号")
    assert code == 0 and VALID_CODE in out
    code, out, _ = run("subjects", "list", "--json")
    (row,) = json.loads(out)
    assert row == {"id": row["id"], "name": "杭州康宁综合门诊部有限公司", "code": VALID_CODE,
                   "sector": "clinic"}


def test_subjects_add_invalid_code_exit_1_one_line(run):
    code, out, err = run("subjects", "add", "--name", "某公司", "--code", "91110108MA01ABCD5Z",
                         "--sector", "clinic")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "not allowed" in err


def test_inspections_start_refuses_a_self_check_without_a_checker(run):
    run("subjects", "add", "--name", "杭州康宁综合门诊部有限公司", "--code", VALID_CODE,
        "--sector", "clinic")
    code, out, err = run("--lang", "zh", "inspections", "start", "--subject", VALID_CODE,
                         "--kind", "self_check")
    assert (code, out, err) == (1, "", "企业自查需要填写自查人姓名\n")
    code, out, err = run("--lang", "en", "inspections", "start", "--subject", VALID_CODE,
                         "--kind", "self_check", "--inspector", " ")
    assert (code, out, err) == (1, "", "a self-check needs the name of the person who checked\n")
    code, out, err = run("--lang", "zh", "inspections", "start", "--subject", VALID_CODE,
                         "--inspector", "张伟")  # on site: two, as before
    assert code == 1 and out == "" and "至少两名执法人员" in err and "现有1名" in err
    assert json.loads(run("inspections", "list", "--json")[1]) == []
    code, out, err = run("inspections", "start", "--subject", VALID_CODE,
                         "--kind", "self_check", "--inspector", "沈福根")
    assert code == 0 and err == ""
    (row,) = json.loads(run("inspections", "list", "--json")[1])
    assert row["id"] == out.strip() and row["kind"] == "self_check"


def test_usage_errors_exit_2(run):
    assert run("subjects", "add", "--name", "x")[0] == 2
    assert run("frobnicate")[0] == 2
    assert run("inspections", "list", "--status", "lost")[0] == 2


def test_unknown_sector_exit_1(run):
    code, _, err = run("subjects", "list", "--sector", "bakery")
    assert code == 1 and 'unknown sector "bakery"' in err


def test_subjects_import_reports_rows(run, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(f"企业名称,统一社会信用代码,行业\n甲,{VALID_CODE},诊所\n乙,123,诊所\n",
                    "utf-8-sig")
    code, out, err = run("subjects", "import", str(path), "--sector", "clinic")
    assert code == 1
    assert err.strip() == f'{path}:3: credit code "123" must have 18 characters, not 3'
    assert "imported 1" in out


def test_not_a_database_exit_1(run, db_path):
    db_path.write_text("hello")
    code, _, err = run("subjects", "list")
    assert code == 1 and err.strip() == f"{db_path}: not an Inspector database " \
                                        "(not an SQLite file, or damaged)"


def test_demo_then_lists(run, tmp_path):
    code, out, err = run("demo", "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert "demo data written to" in out
    assert (tmp_path / "out" / "subjects-register.csv").exists()
    subjects = json.loads(run("subjects", "list", "--json")[1])
    assert len(subjects) == 12
    assert {s["sector"] for s in subjects} == {"telecom_vas", "clinic", "fireworks_retail",
                                               "ride_hailing"}
    rows = json.loads(run("inspections", "list", "--json")[1])
    assert set(rows[0]) == {"id", "kind", "sector", "subject", "status", "started_at",
                            "non_compliant"}
    assert {r["kind"] for r in rows} == {"inspection", "self_check"}
    assert {r["status"] for r in rows} == {"draft", "completed", "signed"}
    for sector in ("telecom_vas", "clinic", "fireworks_retail", "ride_hailing"):
        found = [r for r in rows if r["sector"] == sector and r["kind"] == "inspection"]
        assert any(r["non_compliant"] >= 3 for r in found), sector
        assert any(r["non_compliant"] == 0 or r["status"] == "draft" for r in found), sector
    code, out, _ = run("demo", "--out", str(tmp_path / "out"))
    assert code == 0 and "already" in out
    assert len(json.loads(run("subjects", "list", "--json")[1])) == 12
    # every stage of the rectification loop is in the demo, a transfer (移送), and the
    # other roles' stores
    statuses = {r["status"] for r in json.loads(run("rectifications", "list", "--json")[1])}
    assert statuses == {"open", "submitted", "closed", "reopened", "transferred"}
    for name in ("supervisor.db", "company-clinic.db", "reports", "notices", "transfers",
                 "整改台账.xlsx"):
        assert (tmp_path / "out" / name).exists(), name
    # the sample register imports
    code, out, _ = run("subjects", "import", str(tmp_path / "out" / "subjects-register.csv"))
    assert code == 0 and "imported 2" in out


def test_installed_entry_point(tmp_path):
    result = subprocess.run([sys.executable, "-m", "inspector", "--db", str(tmp_path / "x.db"),
                             "checklists", "list", "--json"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 4


def test_keys_exchange_and_verify_qr(run, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "long enough secret")
    company = tmp_path / "company.db"
    assert run("keys", "init", "--name", "张伟", "--org", "某县市场监督管理局")[0] == 0
    assert main(["--db", str(company), "keys", "init", "--name", "讯达公司", "--role",
                 "company", "--code", VALID_CODE]) == 0
    pem = tmp_path / "company.pem"
    assert main(["--db", str(company), "keys", "export-public", "-o", str(pem)]) == 0
    capsys.readouterr()
    from inspector import attest, identity

    fp = identity.fingerprint(identity.load_certificate(pem.read_bytes(), str(pem)))
    code, out, _ = run("keys", "trust", str(pem), "--fingerprint", fp[:16])
    assert code == 0 and "讯达公司" in out
    shown = json.loads(run("keys", "show", "--json")[1])
    assert [(r["name"], r["self"]) for r in shown] == [("张伟", True), ("讯达公司", False)]

    from inspector.store import Store

    with Store(company) as store:
        text = attest.make({"r": "01a2", "k": "self_check", "c": VALID_CODE, "s": {"x": 2}},
                           *identity.signing_key(store))
    code, out, _ = run("verify", "--qr", text)
    assert code == 0 and "讯达公司" in out and VALID_CODE in out and "x=2" in out
    code, _, err = run("verify", "--qr", text[:-3] + ("A" if text[-3] != "A" else "B") + text[-2:])
    assert code == 1 and err.count("\n") == 1


def test_keys_wrong_passphrase_and_missing_identity(run, monkeypatch, db_path):
    code, _, err = run("keys", "show")
    assert code == 1 and "no identity" in err
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "long enough secret")
    assert run("keys", "init", "--name", "张伟")[0] == 0
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "another secret")
    from inspector import identity
    from inspector.errors import InspectorError
    from inspector.store import Store

    with Store(db_path) as store, pytest.raises(InspectorError, match="wrong passphrase"):
        identity.signing_key(store)


def test_demo_prints_chosen_passphrase(run, tmp_path, monkeypatch):
    monkeypatch.delenv("INSPECTOR_PASSPHRASE", raising=False)
    code, out, _ = run("demo", "--out", str(tmp_path / "o"))
    assert code == 0 and "passphrase of the demo identity" in out
    secret = re.search(r"张伟: (\S+)", out).group(1)
    # a second run, the first one's output long gone: it says where the passphrase is
    code, out, _ = run("demo", "--out", str(tmp_path / "o"))
    kept = tmp_path / "o" / "demo-passphrase.txt"
    assert code == 0 and str(kept) in out and kept.read_text().strip() == secret


def test_global_options_may_follow_the_command(tmp_path, capsys, checklist_dir):
    """The README says every command takes --db: before the command or after it."""
    db = tmp_path / "after.db"
    assert main(["subjects", "add", "--name", "某店", "--code", VALID_CODE, "--sector",
                 "mini", "--db", str(db), "--lang", "en"]) == 0
    capsys.readouterr()
    assert main(["subjects", "list", "--db", str(db), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "某店" in out and "credit code" in out
    assert main(["--db", str(tmp_path / "other.db"), "subjects", "list"]) == 0
    assert "某店" not in capsys.readouterr().out


def test_without_a_display_the_app_says_so(tmp_path, monkeypatch, capsys):
    """No screen (an SSH session): one clear line, not Qt's hint about a missing library."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(["--lang", "en", "--db", str(tmp_path / "x.db")]) == 1
    assert "no graphical display" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize(("args", "bundles"), [
    (["a.zip", "目录/B.ZIP"], ["a.zip", "目录/B.ZIP"]),  # what a .desktop file's %F passes
    ([], []),
])
def test_bundle_files_alone_open_the_app_on_them(monkeypatch, db_path, args, bundles):
    opened = []
    monkeypatch.setattr("inspector.cli.open_app",
                        lambda options, files=(): opened.append((options.db, list(files))) or 0)
    assert main(["--db", str(db_path), *args]) == 0
    assert opened == [(str(db_path), bundles)]


def test_a_command_beside_a_bundle_stays_a_command(run):
    code, _, err = run("a.zip", "checklists", "list")
    assert code != 0 and "a.zip" in err  # not a command: the usage error names it
