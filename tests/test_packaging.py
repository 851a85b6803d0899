"""The wheel a user installs carries what the program needs: the checklists and their
schema, the translations and the bundled font. Built from this checkout and run from
outside it, on the dependencies already installed (no network for those)."""

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel, built and unpacked as pip would install it."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(CHECKOUT), "--no-deps",
                    "--quiet", "--wheel-dir", str(out)], check=True, timeout=600,
                   capture_output=True)
    (wheel,) = out.glob("inspector-*.whl")
    site = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def run(site: Path, tmp_path: Path, *args: str, **env) -> subprocess.CompletedProcess:
    """The installed program, away from the checkout: -S keeps this venv's editable
    install (a .pth) out, so only the wheel's inspector is found."""
    deps = sysconfig.get_paths()["purelib"]
    environment = {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{deps}",
                   "INSPECTOR_CACHE": str(tmp_path / "cache"), "QT_QPA_PLATFORM": "offscreen",
                   **env}
    environment.pop("INSPECTOR_CHECKLISTS", None)
    return subprocess.run([sys.executable, "-S", *args], cwd=tmp_path, env=environment,
                          capture_output=True, text=True, timeout=300)


def test_the_wheel_carries_checklists_translations_and_font(installed):
    names = {str(p.relative_to(installed)) for p in installed.rglob("*") if p.is_file()}
    for sector in ("clinic", "fireworks_retail", "ride_hailing", "telecom_vas"):
        assert f"inspector/_checklists/{sector}.yaml" in names
    for needed in ("inspector/_checklists/checklist.schema.json",
                   "inspector/_resources/fonts/wqy-microhei.ttc",
                   "inspector/_resources/translations/inspector_zh_CN.ts",
                   "inspector/credit/default_rules.yaml"):
        assert needed in names


def test_the_installed_program_lists_validates_and_makes_the_demo(installed, tmp_path):
    done = run(installed, tmp_path, "-m", "inspector", "--db", "x.db", "checklists", "list",
               "--json")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 4
    where = run(installed, tmp_path, "-c", "import inspector; print(inspector.__file__)")
    assert where.stdout.startswith(str(installed))  # the wheel's, not the checkout's
    assert run(installed, tmp_path, "-m", "inspector", "checklists", "validate").returncode == 0
    demo = run(installed, tmp_path, "-m", "inspector", "--db", "demo.db", "demo", "--out",
               "demo", INSPECTOR_PASSPHRASE="a passphrase for the packaged demo")
    assert demo.returncode == 0, demo.stderr
    assert (tmp_path / "demo" / "整改台账.xlsx").exists()


def test_the_installed_app_starts_in_chinese(installed, tmp_path):
    started = run(installed, tmp_path, "-c", (
        "from PySide6.QtCore import QCoreApplication\n"
        "from inspector.ui.app import make_app\n"
        "app = make_app()\n"
        "print(QCoreApplication.translate('MainWindow', '&File'))\n"))
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "文件(&F)"
