"""Cold start: the real `inspector --db DEMO` command vs a bare QApplication + QMainWindow.

Each run is a fresh Python process (offscreen). A small prelude, the same for
both, watches the application's events and prints the seconds from just before
the process was spawned to the first paint of a main window; for the app it also
waits for the subjects table to paint its rows (the home page usable). Goal:
first window median <= 1.5x the bare window's.

It also prints the CPU time the process had used by then (time.process_time): on a
shared, busy machine the wall time is mostly waiting for a core, while the CPU time
is what the start-up itself costs and varies little from run to run.

    python tests/benchmarks/bench_startup.py [RUNS]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from guibench import line

# installed before anything else runs: an event filter on every main window and
# table viewport (not the whole application: that would slow the busier app down
# more than the bare window) notes the first paint of each, then quits
PRELUDE = """
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
class Watch(QObject):
    window = table = None
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            now = (time.time() - START, time.process_time())
            if isinstance(obj, QMainWindow):
                self.window = self.window or now
            elif obj.parent().model() is not None and obj.parent().model().rowCount():
                self.table = self.table or now
            if self.window is not None and (self.table is not None or not WAIT_TABLE):
                print(*self.window, *(self.table or (0, 0)))
                QTimer.singleShot(0, QApplication.instance().quit)
        return False
WATCH = Watch()
def watch(cls, target):
    init = cls.__init__
    def watched(self, *args, **kwargs):
        init(self, *args, **kwargs)
        target(self).installEventFilter(WATCH)
    cls.__init__ = watched
watch(QMainWindow, lambda window: window)
watch(QTableView, lambda table: table.viewport())
"""

BARE = """
WAIT_TABLE = False
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.exec()
"""

APP = """
WAIT_TABLE = True
import os, sys
from PySide6.QtCore import QSettings
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["SETTINGS"])
from inspector.cli import main
sys.exit(main(["--db", os.environ["DB"]]))
"""


def run(code: str, env: dict) -> tuple[float, float, float, float]:
    """Seconds to the window's and the table's first paint: wall, then CPU, each."""
    # START is the time just before the interpreter is spawned
    prelude = f"START = {time.time()!r}\n" + PRELUDE
    out = subprocess.run([sys.executable, "-c", prelude + code], env=env, check=True,
                         capture_output=True, text=True).stdout
    window, window_cpu, table, table_cpu = map(float, out.strip().splitlines()[-1].split())
    return window, table, window_cpu, table_cpu


def main(runs: int = 7) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        subprocess.run([sys.executable, "-m", "inspector", "--db", str(db), "demo", "--out",
                        str(Path(tmp) / "out")], check=True, capture_output=True)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DB": str(db),
               "SETTINGS": str(Path(tmp) / "settings")}
        # as on a user's machine, our modules' bytecode is cached after the first start
        # (PySide's came compiled with its wheel); a PYTHONDONTWRITEBYTECODE in this
        # environment would make every start compile our sources again
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare, window, home, bare_cpu, window_cpu, home_cpu = [], [], [], [], [], []
        run(APP, env)  # the first start fills the checklist and bytecode caches
        for _ in range(runs):
            shown, _, cpu, _ = run(BARE, env)
            bare.append(shown)
            bare_cpu.append(cpu)
            shown, listed, cpu, listed_cpu = run(APP, env)
            window.append(shown)
            home.append(listed)
            window_cpu.append(cpu)
            home_cpu.append(listed_cpu)
    print(f"{runs} cold starts each, offscreen, process spawn to first paint")
    line("bare QApplication + QMainWindow", bare)
    line("inspector: window painted", window, bare)
    line("inspector: subjects list painted", home, bare)
    print(f"  (medians {statistics.median(bare):.3f} s, {statistics.median(window):.3f} s, "
          f"{statistics.median(home):.3f} s)")
    print("CPU time used by then (time.process_time)")
    line("bare QApplication + QMainWindow", bare_cpu)
    line("inspector: window painted", window_cpu, bare_cpu)
    line("inspector: subjects list painted", home_cpu, bare_cpu)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
