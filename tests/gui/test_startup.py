"""Cold start: what the app loads before its subjects list is on screen. The heavy
libraries (reports, signatures, spreadsheets, photos, pinyin...) wait until a page or
an action needs them; tests/benchmarks/bench_startup.py measures the time."""

import os
import subprocess
import sys

import pytest

from inspector.cli import app_options

pytestmark = pytest.mark.gui

HEAVY = ("reportlab", "pyhanko", "cryptography", "openpyxl", "PIL", "yaml", "jsonschema",
         "sqlite_utils", "pypinyin", "qrcode", "zxcvbn", "inspector.authorization",
         "inspector.inspections", "inspector.ui.operations",
         # the check sheets' reader (adding a checklist) and the draw's arithmetic
         # (campaign plans): the status bar and the navigation's counts need neither
         "inspector.checklist_xlsx", "inspector.campaign.plans", "inspector.campaign.algorithm")

# starts the app as `inspector --db DB` does, and once the subjects table has painted
# its rows prints the modules loaded by then and quits
PROBE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView
class Watch(QObject):
    def eventFilter(self, obj, event):
        view = obj.parent()
        if event.type() == QEvent.Type.Paint and view.model() is not None and \\
                view.model().rowCount():
            print(" ".join(sorted(sys.modules)))
            QTimer.singleShot(0, QApplication.instance().quit)
        return False
WATCH = Watch()
init = QTableView.__init__
def watched(self, *args):
    init(self, *args)
    self.viewport().installEventFilter(WATCH)
QTableView.__init__ = watched
from inspector.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def test_the_subjects_list_paints_without_the_heavy_libraries(store, subject, db_path,
                                                              tmp_path):
    store.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", PROBE, str(db_path)], env=env, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    loaded = set(out.split())
    assert "inspector.ui.subjects_page" in loaded
    assert not [name for name in HEAVY if name in loaded or
                any(m.startswith(name + ".") for m in loaded)]


@pytest.mark.parametrize("argv, db, lang", [
    ([], None, None),
    (["--db", "x.db"], "x.db", None),
    (["--db=x.db", "--lang", "en"], "x.db", "en"),
    (["--lang=zh", "--db", "a b.db"], "a b.db", "zh"),
])
def test_the_apps_own_options_are_read_without_the_parser(argv, db, lang):
    options = app_options(argv)
    assert (options.db, options.lang) == (db, lang)


@pytest.mark.parametrize("argv", [
    ["subjects", "list"], ["--db"], ["--db", "--lang", "en"], ["--lang", "fr"],
    ["--db", "x.db", "--json"], ["-h"], ["--version"]])
def test_anything_else_goes_to_the_full_parser(argv):
    assert app_options(argv) is None
