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
from inspector.ui import supervision  # noqa: E402
from inspector.ui.app import make_app  # noqa: E402
from inspector.ui.mainwindow import MainWindow  # noqa: E402


def settle(app, rounds=5):
    for _ in range(rounds):
        app.processEvents()


def shoot(app, window, out: Path, name: str, colours: int = 0) -> None:
    """Save the window; `colours` > 0 saves a palette PNG (text-heavy pages stay small)."""
    settle(app)
    window.grab().save(str(out / name))
    if colours:
        from PIL import Image

        with Image.open(out / name) as shot:
            small = shot.convert("RGB").quantize(colours, method=Image.Quantize.MEDIANCUT)
        small.save(out / name, optimize=True)
    print(out / name)


def take_steps(store) -> None:
    """Move a few demo items through the loop so the ledger shows every state."""
    from datetime import date, timedelta

    from inspector import rectifications

    items = rectifications.list_items(store)
    later = (date.today() + timedelta(days=20)).isoformat()
    for item in items[:4]:
        rectifications.review(store, item["id"], accept=True, note="复查合格")
    rectifications.review(store, items[4]["id"], accept=False, note="整改不到位",
                          deadline=later)


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
        take_steps(store)
        supervision.show(window, "ledger")
        window.ledger.table.selectRow(1)
        shoot(app, window, out, "ledger.png", colours=128)
        supervision.show(window, "overview")
        shoot(app, window, out, "overview.png", colours=64)
        app.quit()

    def safely():
        try:
            run()
        except BaseException:
            app.exit(1)  # a failed step must not leave the app running under Xvfb
            raise

    QTimer.singleShot(300, safely)
    sys.exit(app.exec())


if __name__ == "__main__":
    main()
