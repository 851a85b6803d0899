"""The command line shows text from anyone, never lets the terminal obey it (issue #13).

Names, notes and certificate holders may carry ANSI escape sequences, C1 controls,
bidi overrides and line breaks: every command prints them as \\uXXXX codes.
"""

import json
import os
import re
import subprocess
import sys

import pytest

from inspector.cli import main, width
from inspector.store import Store
from inspector.subjects import subject_id

from .helpers import forge
from .helpers.stores import SECRET, befriend, export, make_store
from .helpers.subjects import CODE_B, VALID_CODE

# recolour, clear the screen, retitle the window (OSC, ended by BEL), a C1 CSI, DEL,
# a right-to-left override and a line break that would forge a line of output
HOSTILE = "红\x1b[31m字\x1b[2J\x1b]0;pwned\x07\x9b1m\x7f\u202eabc\u2066\nFAKE LINE"
SHOWN = "红\\u001b[31m字\\u001b[2J\\u001b]0;pwned\\u0007\\u009b1m\\u007f\\u202eabc\\u2066" \
        "\\u000aFAKE LINE"
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


@pytest.fixture
def run(capsys, db_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)

    def run(*args, db=db_path):
        code = main([*(["--db", str(db)] if db else []), *args])
        out, err = capsys.readouterr()
        assert not RAW.search(out) and not RAW.search(err), (out, err)
        assert "\nFAKE LINE" not in out + err  # no line forged
        return code, out, err
    return run


def arrived(store: Store, code: str, name: str, **fields) -> None:
    """A subject record as it may arrive from anyone (no local input check)."""
    forge.record_unchecked(store, "subject", subject_id(code), "create", {
        "name": name, "uscc": code, "sector": "mini", "address": None, "legal_rep": None,
        "phone": None, "licences": [], **fields})


@pytest.fixture
def hostile(db_path, checklist_dir):
    with Store(db_path) as store:
        arrived(store, VALID_CODE, HOSTILE)
        arrived(store, CODE_B, "正常公司")
    return db_path


def test_tables_show_control_characters_as_codes_and_stay_aligned(run, hostile):
    code, out, _ = run("subjects", "list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3  # header and two rows: the line break forged none
    assert SHOWN in out
    # the credit codes, in the column after the names, start at one display column
    starts = {width(line[:line.index(code)]) for line in lines[1:]
              for code in (VALID_CODE, CODE_B) if code in line}
    assert len(starts) == 1


def test_json_stays_valid_json_with_the_same_value(run, hostile):
    code, out, _ = run("subjects", "list", "--json")
    assert code == 0
    assert {row["name"] for row in json.loads(out)} == {HOSTILE, "正常公司"}


def test_messages_quoting_a_name_show_it_escaped(run, hostile):
    code, _, err = run("subjects", "add", "--name", "新公司", "--code", VALID_CODE,
                       "--sector", "mini")
    assert code == 1 and SHOWN in err  # "already registered as <name>"
    assert len(err.splitlines()) == 1


def test_subjects_add_never_echoes_control_characters(run, checklist_dir):
    code, out, err = run("subjects", "add", "--name", HOSTILE, "--code", VALID_CODE,
                         "--sector", "mini")
    assert (code == 0 and SHOWN in out) or (code == 1 and len(err.splitlines()) == 1)


def test_error_messages_and_usage_errors_quote_arguments_escaped(run, hostile):
    code, _, err = run("subjects", "list", "--sector", "\x1b[2Jnone")
    assert code == 1 and "\\u001b[2Jnone" in err
    code, _, err = run("subjects", "list", "\x1b]0;title\x07")
    assert code == 2 and "\\u001b]0;title\\u0007" in err


def test_rectification_and_inspection_details_are_escaped(run, tmp_path, checklist_dir):
    from inspector import checklists, inspections, rectifications
    from inspector.evidence import add_evidence

    store = make_store(tmp_path / "i.db", "张伟", "inspector")
    arrived(store, VALID_CODE, HOSTILE, legal_rep=HOSTILE)
    started = inspections.start(store, subject=VALID_CODE, checklist=checklists.find("mini"),
                                inspectors=["张伟", "李娜"])
    for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", 6), ("m-06", ["sand"])]:
        inspections.record_answer(store, started, item, value, note=HOSTILE)
    add_evidence(store, started, "m-07", b"\xff\xd8\xff photo", mime="image/jpeg")
    item_id = inspections.complete(store, started)[0]
    rectifications.review(store, item_id, accept=False, note=HOSTILE)
    store.close()
    db = tmp_path / "i.db"
    code, out, _ = run("rectifications", "show", item_id, db=db)
    assert code == 0 and out.count(SHOWN) == 3  # the subject, the finding's and review's notes
    code, out, _ = run("rectifications", "list", db=db)
    assert code == 0 and SHOWN in out
    assert all(re.match("[0-9a-f-]{36}  ", line) for line in out.splitlines()[1:])
    code, out, _ = run("inspections", "show", started, db=db)
    assert code == 0 and SHOWN in out
    code, out, _ = run("inspections", "list", db=db)
    assert code == 0 and SHOWN in out


def test_keys_and_import_previews_show_a_hostile_holder_escaped(run, tmp_path, checklist_dir):
    me = make_store(tmp_path / "me.db", "陈静", "supervisor")
    other = make_store(tmp_path / "other.db", HOSTILE, "inspector")
    bundle = export(other, tmp_path / "other.zip")
    pem = tmp_path / "other.pem"
    from inspector import identity

    pem.write_bytes(identity.export_public(other))
    fingerprint = identity.own_identity(other).fingerprint
    me.close()
    other.close()
    db = tmp_path / "me.db"
    code, out, _ = run("keys", "trust", str(pem), "--fingerprint", fingerprint, db=db)
    assert code == 0 and SHOWN in out
    for command in (["keys", "show"], ["keys", "history"], ["import", "--dry-run", str(bundle)]):
        code, out, _ = run(*command, db=db)
        assert code == 0 and SHOWN in out, command
    code, out, _ = run("keys", "show", "--json", db=db)
    assert HOSTILE in {row["name"] for row in json.loads(out)}


def test_befriended_stores_import_with_escaped_sender(run, tmp_path, checklist_dir):
    a = make_store(tmp_path / "a.db", "陈静", "supervisor")
    b = make_store(tmp_path / "b.db", HOSTILE, "inspector")
    befriend(a, b)
    bundle = export(b, tmp_path / "b.zip")
    a.close()
    b.close()
    code, out, _ = run("import", str(bundle), db=tmp_path / "a.db")
    assert code == 0 and SHOWN in out


# --- arguments that are not UTF-8 --------------------------------------------------


def test_an_argument_that_is_not_utf8_is_refused_naming_it(run, checklist_dir, db_path):
    name = os.fsdecode(b"caf\xe9 \xff")  # as Python hands on undecodable bytes
    code, out, err = run("subjects", "add", "--name", name, "--code", VALID_CODE,
                         "--sector", "mini")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        'argument --name: "caf\\xe9 \\xff" is not UTF-8 text (\\x marks the bytes that '
        "cannot be read): check the terminal's or the file name's encoding"]
    assert not db_path.exists()  # refused before anything was opened
    code, _, err = run("subjects", "list", f"--sector={name}")
    assert code == 2 and err.startswith('argument --sector: "caf\\xe9 \\xff"')


def test_undecodable_bytes_on_a_real_command_line(tmp_path, checklist_dir):
    # 公司 typed in a GBK terminal: its last two bytes happen to be UTF-8 (˾)
    done = subprocess.run(
        [sys.executable, "-m", "inspector", "--db", str(tmp_path / "s.db"), "subjects", "add",
         "--name", b"\xb9\xab\xcb\xbe", "--code", VALID_CODE, "--sector", "mini"],
        capture_output=True, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().splitlines() == [
        'argument --name: "\\xb9\\xab˾" is not UTF-8 text (\\x marks the bytes that '
        "cannot be read): check the terminal's or the file name's encoding"]
