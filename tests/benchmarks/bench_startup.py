"""Cold start to the first window shown: `inspector` vs a bare QApplication + QMainWindow.

Each run is a fresh Python process (offscreen) that prints the seconds from
process start to the first paint of its window. The app run opens a demo store
on its home page. Goal: median <= 1.5x the bare window's.

    python tests/benchmarks/bench_startup.py [RUNS]
"""

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from guibench import line

ROOT = Path(__file__).resolve().parent.parent.parent

SHOWN = """
import os, time
from PySide6.QtCore import QTimer
def report(app):
    print(time.time() - START); app.quit()
"""

BARE = SHOWN + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: report(app))
app.exec()
"""

APP = SHOWN + """
from PySide6.QtCore import QSettings
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["SETTINGS"])
from inspector.ui.app import make_app
from inspector.store import Store
from inspector.ui.mainwindow import MainWindow
app = make_app()
window = MainWindow(Store(os.environ["DB"]))
window.show()
QTimer.singleShot(0, lambda: report(app))
app.exec()
"""


def run(code: str, env: dict) -> float:
    # START is the time just before the interpreter is spawned
    prelude = f"START = {__import__('time').time()!r}\n"
    out = subprocess.run([sys.executable, "-c", prelude + code], env=env, check=True,
                         capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def main(runs: int = 7) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        subprocess.run([sys.executable, "-m", "inspector", "--db", str(db), "demo", "--out",
                        str(Path(tmp) / "out")], check=True, capture_output=True)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DB": str(db),
               "SETTINGS": str(Path(tmp) / "settings")}
        times = {"bare QApplication + QMainWindow": [], "inspector (demo store)": []}
        for _ in range(runs):
            times["bare QApplication + QMainWindow"].append(run(BARE, env))
            times["inspector (demo store)"].append(run(APP, env))
    print(f"{runs} cold starts each, offscreen, process start to first window shown")
    base = times["bare QApplication + QMainWindow"]
    for name, values in times.items():
        line(name, values, base if values is not base else None)
    print(f"  (medians {statistics.median(base):.3f} s vs "
          f"{statistics.median(times['inspector (demo store)']):.3f} s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
