"""Drives the app on a demo store and saves screenshots to docs/ (run by scripts/screenshots).

    python scripts/screenshots.py STORE.db OUT_DIR

The Sync shot previews a bundle from a colleague's temporary store (made here,
trusted by the demo store) and a copy of it with one byte changed.
"""

import sys
import tempfile
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QSettings, QTimer

QSettings.setDefaultFormat(QSettings.Format.IniFormat)
for kind in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):  # the app's is native
    QSettings.setPath(kind, QSettings.Scope.UserScope, str(Path(sys.argv[2]) / ".settings"))

from inspector import checklists, identity, inspections, sync, uscc  # noqa: E402
from inspector.store import Store  # noqa: E402
from inspector.subjects import add_subject  # noqa: E402
from inspector.ui import supervision  # noqa: E402
from inspector.ui.app import make_app  # noqa: E402
from inspector.ui.mainwindow import MainWindow  # noqa: E402


def settle(app, rounds=5):
    for _ in range(rounds):
        app.processEvents()


LIMIT = 250 * 1024  # README images stay small


def shoot(app, window, out: Path, name: str) -> None:
    settle(app)
    target = out / name
    window.grab().save(str(target))
    # Qt writes PNGs unoptimised; a busy screen in 256 colours still reads well
    image = Image.open(target)
    image.save(target, "PNG", optimize=True)
    if target.stat().st_size > LIMIT:
        image.quantize(256, method=Image.Quantize.MEDIANCUT).save(target, "PNG", optimize=True)
    print(target)


def colleague_bundles(store: Store, folder: Path) -> list[Path]:
    """Another inspector's store with one inspection, exported as a bundle that `store`
    trusts, plus a copy with one byte changed (refused in the preview)."""
    with Store(folder / "colleague.db") as other:
        identity.init_identity(other, name="李娜", role="inspector",
                               org="湖州市南浔区市场监督管理局", secret="colleague passphrase",
                               kdf={"n": 2**10, "r": 8, "p": 1})
        subject = add_subject(other, name="南浔区双林镇鸿运烟花爆竹零售点",
                              sector="fireworks_retail", code=uscc.complete("92330503MA2B7QXK3"),
                              address="双林镇东栅路12号")
        checklist = checklists.find("fireworks_retail")
        started = inspections.start(other, subject=subject["id"], checklist=checklist,
                                    inspectors=["李娜", "陈刚"])
        for item in checklist.items[:6]:
            if item["type"] == "yes_no":
                inspections.record_answer(other, started, item["id"], "yes")
        me, key = identity.signing_key(other, "colleague passphrase")
        good = folder / "inspector-李娜-南浔.zip"
        sync.export(other, good, me, key)
        identity.trust(store, identity.export_public(other),
                       expected=identity.own_identity(other).fingerprint)
    bad = folder / "inspector-李娜-南浔（U盘副本）.zip"
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad.write_bytes(bytes(data))
    return [good, bad]


def main() -> None:
    app = make_app()
    store = Store(sys.argv[1])
    out = Path(sys.argv[2])
    window = MainWindow(store)
    window.resize(1024, 600)  # the small laptop screen the app is made to fit
    window.show()
    draft = next(r for r in inspections.list_inspections(store, status="draft")
                 if r["sector"] == "clinic")

    def run():
        window.show_subjects()
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
        folder = Path(tempfile.mkdtemp())
        paths = colleague_bundles(store, folder)
        window.show_identity()
        shoot(app, window, out, "identity.png")
        window.show_sync()
        window.sync.open_paths([str(p) for p in paths])
        window.sync.operations.wait()
        settle(app, 20)
        shoot(app, window, out, "sync.png")
        supervision.show(window, "ledger")
        window.ledger.table.selectRow(1)
        shoot(app, window, out, "ledger.png")
        supervision.show(window, "overview")
        shoot(app, window, out, "overview.png")
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
