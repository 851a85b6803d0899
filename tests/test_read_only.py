"""Commands that only read open the store read-only: they never write it, and they
read a store in a write-protected folder (a locked USB stick)."""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from inspector import cli
from inspector.store import Store
from inspector.subjects import add_subject, list_subjects

from .helpers.readonly import unprivileged, write_protected
from .helpers.subjects import CODE_B, VALID_CODE


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def inspector(*args: str) -> subprocess.CompletedProcess:
    """The CLI in its own process, unable to write where file modes forbid it."""
    return subprocess.run(unprivileged([sys.executable, "-m", "inspector", *args]),
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def stick(tmp_path, checklist_dir) -> Path:
    """A folder holding a closed store with two subjects."""
    folder = tmp_path / "stick"
    with Store(folder / "inspector.db") as store:
        add_subject(store, name="甲公司", code=VALID_CODE, sector="mini")
        add_subject(store, name="乙公司", code=CODE_B, sector="mini")
    return folder


READS = [["subjects", "list", "--json"], ["inspections", "list"],
         ["rectifications", "list"], ["keys", "history"], ["numbers", "list"],
         ["numbers", "check"]]


@pytest.mark.parametrize("command", READS, ids=[" ".join(c[:2]) for c in READS])
def test_a_command_that_only_reads_never_writes_the_store(stick, command, capsys):
    path = stick / "inspector.db"
    before = fingerprint(stick)[path.name]
    assert cli.main(["--db", str(path), *command]) == 0
    assert fingerprint(stick)[path.name] == before


def test_the_read_only_commands_are_the_ones_that_only_read():
    """Every (command, action) named exists, and those left out write."""
    parser = cli.build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for command, action in cli.READ_ONLY:
        assert command in commands
        if action is not None:
            assert action in commands[command]._subparsers._group_actions[0].choices
    assert ("report", None) not in cli.READ_ONLY and ("import", None) not in cli.READ_ONLY
    assert ("notice", None) not in cli.READ_ONLY  # it records the notice's number


def test_a_write_protected_store_is_read_and_not_written(stick, tmp_path):
    path = stick / "inspector.db"
    ledger = tmp_path / "ledger.csv"  # written elsewhere
    with write_protected(stick):
        before = fingerprint(stick)
        listed = inspector("--db", str(path), "subjects", "list", "--json")
        exported = inspector("--db", str(path), "ledger", "-o", str(ledger))
        added = inspector("--db", str(path), "subjects", "add", "--name", "丙公司",
                          "--code", "91330106MA2AXXXX0X", "--sector", "mini")
        assert fingerprint(stick) == before
    assert listed.returncode == 0, listed.stderr
    assert {"甲公司", "乙公司"} <= set(listed.stdout.split('"'))
    assert exported.returncode == 0 and ledger.exists(), exported.stderr
    assert added.returncode == 1 and added.stderr == f"{path}: the database is read-only\n"


@pytest.fixture
def unmerged(stick, tmp_path) -> Path:
    """A copy of the store taken while a write sat in its write-ahead log (a stick
    pulled out while the app ran): the store, its -wal and its -shm."""
    copy = tmp_path / "pulled"
    copy.mkdir()
    with Store(stick / "inspector.db") as store:
        add_subject(store, name="丙公司", code="91330106MA2AXXXX0X", sector="mini")
        for name in ("inspector.db", "inspector.db-wal", "inspector.db-shm"):
            shutil.copy(stick / name, copy / name)
    return copy


def test_a_write_protected_store_with_its_log_reads_what_the_log_holds(unmerged):
    path = unmerged / "inspector.db"
    with write_protected(unmerged):
        before = fingerprint(unmerged)
        listed = inspector("--db", str(path), "subjects", "list", "--json")
        assert fingerprint(unmerged) == before
    assert listed.returncode == 0, listed.stderr
    assert "丙公司" in listed.stdout


def test_a_write_protected_store_whose_log_cannot_be_read_is_refused(unmerged):
    path = unmerged / "inspector.db"
    (unmerged / "inspector.db-shm").unlink()  # without it, the log can be read only by
    with write_protected(unmerged):           # writing one, which the folder forbids
        before = fingerprint(unmerged)
        listed = inspector("--db", str(path), "subjects", "list")
        assert fingerprint(unmerged) == before
    assert listed.returncode == 1
    assert listed.stderr.startswith(f"{path}: the folder is read-only")
    assert "-wal" in listed.stderr and listed.stderr.count("\n") == 1
    with Store(path) as store:  # copied to a writable folder (here: the same, unlocked)
        assert "丙公司" in {s["name"] for s in list_subjects(store)}


def test_no_store_is_made_in_a_write_protected_folder(tmp_path, checklist_dir):
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "new.db"
    with write_protected(folder):
        added = inspector("--db", str(path), "subjects", "add", "--name", "甲公司",
                          "--code", VALID_CODE, "--sector", "mini")
    assert added.returncode == 1
    assert added.stderr.startswith(f"{path}: cannot create the database: ")
    assert added.stderr.endswith("; nothing was written\n") and list(folder.iterdir()) == []
