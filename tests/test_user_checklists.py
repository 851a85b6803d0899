"""Checklists a user adds live in a folder of their own; a broken or clashing file is
skipped with a warning naming it, and every other checklist keeps working."""

import shutil

import pytest

from inspector import checklists
from inspector.cli import main

from .conftest import BUNDLED, DATA


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """The installed checklists in a folder a test may spoil."""
    folder = tmp_path / "installed"
    folder.mkdir()
    for path in BUNDLED.glob("*.yaml"):
        shutil.copy(path, folder)
    monkeypatch.setenv("INSPECTOR_CHECKLISTS", str(folder))
    return folder


def run(capsys, *args):
    code = main(["--db", str(capsys.db), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli(capsys, tmp_path):
    capsys.db = tmp_path / "store.db"
    return lambda *args: run(capsys, *args)


def test_a_broken_file_is_skipped_with_a_warning_and_the_rest_works(installed, cli):
    (installed / "broken.yaml").write_text("id: broken\nsector: x\n  bad: [\n", "utf-8")
    code, out, err = cli("checklists", "list")
    assert code == 0
    assert all(sector in out for sector in ("clinic", "fireworks_retail", "telecom_vas"))
    assert "broken.yaml:3" in err and "not loaded" in err and "indentation" in err
    assert checklists.find("clinic").id == "clinic"
    code, _, err = cli("--lang", "zh", "checklists", "validate", str(installed / "broken.yaml"))
    assert code == 1 and "broken.yaml:3" in err and "缩进" in err  # Chinese, not the parser's


def test_a_checklist_is_added_to_the_users_folder_and_used(installed, cli, tmp_path):
    code, out, err = cli("checklists", "add", str(DATA / "mini.yaml"))
    assert code == 0, err
    added = checklists.user_dir() / "mini.yaml"
    assert added.read_bytes() == (DATA / "mini.yaml").read_bytes() and str(added) in out
    assert "mini" in cli("checklists", "list", "--json")[1]
    code, out, err = cli("subjects", "add", "--name", "某店", "--code", "91330106MAQJWYLF58",
                         "--sector", "mini")
    assert code == 0, err
    code, out, err = cli("inspections", "start", "--subject", "91330106MAQJWYLF58",
                         "--checklist", "mini", "--inspector", "张伟", "--inspector", "李娜")
    assert code == 0, err
    # a new version of the user's own checklist replaces the old one
    newer = tmp_path / "mini-1.1.yaml"
    newer.write_text((DATA / "mini.yaml").read_text("utf-8").replace('version: "1.0"',
                                                                    'version: "1.1"'), "utf-8")
    assert cli("checklists", "add", str(newer))[0] == 0
    assert checklists.find("mini").version == "1.1"


def test_a_broken_or_clashing_file_is_not_added(installed, cli, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\nsector: x\n\tbad: 1\n", "utf-8")
    code, _, err = cli("checklists", "add", str(broken))
    assert code == 1 and f"{broken}:3" in err and "tabs" in err
    clash = tmp_path / "clinic-copy.yaml"
    shutil.copy(installed / "clinic.yaml", clash)
    code, _, err = cli("checklists", "add", str(clash))
    assert code == 1 and "already used" in err
    assert not checklists.user_dir().exists() or not list(checklists.user_dir().iterdir())


def test_a_clashing_file_in_the_users_folder_is_skipped(installed, cli):
    checklists.user_dir().mkdir(parents=True)
    shutil.copy(installed / "clinic.yaml", checklists.user_dir() / "my-clinic.yaml")
    code, out, err = cli("checklists", "list", "--json")
    assert code == 0 and out.count('"id": "clinic"') == 1
    assert "my-clinic.yaml" in err and "already used" in err
