"""Drives the app on a demo store and saves screenshots to docs/ (run by scripts/screenshots).

    python scripts/screenshots.py STORE.db OUT_DIR
"""

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer

QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                  str(Path(sys.argv[2]) / ".settings"))

from inspector import inspections  # noqa: E402
from inspector.store import Store  # noqa: E402
from inspector.ui.app import make_app  # noqa: E402
from inspector.ui.mainwindow import MainWindow  # noqa: E402


def settle(app, rounds=5):
    for _ in range(rounds):
        app.processEvents()


def shoot(app, window, out: Path, name: str) -> None:
    settle(app)
    window.grab().save(str(out / name))
    print(out / name)


def main() -> None:
    app = make_app()
    store = Store(sys.argv[1])
    out = Path(sys.argv[2])
    window = MainWindow(store)
    window.resize(1400, 880)
    window.show()
    draft = next(r for r in inspections.list_inspections(store, status="draft")
                 if r["sector"] == "clinic")

    def run():
        shoot(app, window, out, "subjects.png")
        window.open_inspection(draft["id"])
        runner = window.runner
        target = runner.state.next_unanswered(None)
        runner.go_to(target)
        runner.key_answer(2)  # 不合格: the note and photo strip appear
        runner.page().note.setText("抽查3份诊断证明，其中1份无对应门诊记录")
        runner.page().flush()
        runner.page().show_guidance(True)
        shoot(app, window, out, "form-runner.png")
        for item in list(runner.state.visible)[:-2]:
            if not runner.state.is_answered(item) and item["type"] == "yes_no":
                inspections.record_answer(store, draft["id"], item["id"], "yes")
        window.show_summary(draft["id"])
        shoot(app, window, out, "complete.png")
        app.quit()

    QTimer.singleShot(300, run)
    app.exec()


if __name__ == "__main__":
    main()
