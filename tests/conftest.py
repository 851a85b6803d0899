import shutil
from pathlib import Path

import pytest

from inspector import checklists, i18n
from inspector.store import Store
from inspector.subjects import add_subject

DATA = Path(__file__).parent / "data"
BUNDLED = Path(__file__).parent.parent / "checklists"


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def english(monkeypatch, cache_dir, tmp_path):
    """Tests read messages in English unless they switch language themselves."""
    monkeypatch.setenv("INSPECTOR_LANG", "en")
    monkeypatch.setenv("INSPECTOR_CACHE", str(cache_dir))  # not the user's cache
    # nor the user's own checklists
    monkeypatch.setenv("INSPECTOR_USER_CHECKLISTS", str(tmp_path / "user-checklists"))
    monkeypatch.delenv("INSPECTOR_DB", raising=False)
    i18n.set_language(None)
    yield
    i18n.set_language(None)


@pytest.fixture
def machine_zone():
    """Sets this machine's time zone (a POSIX TZ such as "CST-8"), as a laptop set to that
    zone would be; the zone before is restored afterwards."""
    import os
    import time

    before = os.environ.get("TZ")

    def set_zone(zone: str) -> None:
        os.environ["TZ"] = zone
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def checklist_dir(tmp_path, monkeypatch):
    """A checklist folder holding the bundled checklists plus the small test one."""
    folder = tmp_path / "checklists"
    folder.mkdir()
    for path in [*BUNDLED.glob("*.yaml"), DATA / "mini.yaml"]:
        shutil.copy(path, folder / path.name)
    monkeypatch.setenv("INSPECTOR_CHECKLISTS", str(folder))
    return folder


@pytest.fixture
def mini(checklist_dir):
    return checklists.find("mini")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "store.db"


@pytest.fixture
def store(db_path):
    with Store(db_path) as opened:
        yield opened


VALID_CODE = "91110108MA01ABCD5T"  # synthetic, from the domain notes


@pytest.fixture
def subject(store, mini):
    """A fireworks shop on the small test checklist."""
    return add_subject(store, name="德清县吉祥烟花爆竹零售店", code=VALID_CODE, sector="mini",
                       address="武康街道永安街58号", legal_rep="沈福根")
