"""From a key press in the form runner to the answer committed in the store.

Each round goes to a yes/no item (not timed), then sends one key press (1 or 3,
alternating so the answer really changes) and takes the time when
record_answer() returns inside it (committed), and when the key event returns
(outline, status bar and the auto-advance to the next item included). In
lockstep, the baseline calls inspections.record_answer() with the same change on
a second inspection in the same store, before the key press in every other round
and after it in the others (a commit that follows another at once waits longer
for the disk, so a fixed order would favour one side). Goal: median and p99 <=
1.5x the service.

    python tests/benchmarks/bench_key_latency.py [N]
"""

import os
import sys
import time
from pathlib import Path

from guibench import line, long_checklist, open_store, tempdir
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from inspector import inspections


def service_call(record_answer, store, inspection, item, value) -> float:
    start = time.perf_counter()
    record_answer(store, inspection, item, value)
    return time.perf_counter() - start


def main(n: int = 600) -> None:
    from inspector.ui.app import make_app
    from inspector.ui.forms import runner as runner_module
    from inspector.ui.forms.runner import FormRunner

    make_app()
    checklist = long_checklist(300)
    yes_no = [i["id"] for i in checklist.items if i["type"] == "yes_no"]
    with tempdir() as tmp:
        store, inspection = open_store(Path(tmp), checklist)
        other = inspections.start(store, subject=inspections.get(store, inspection)["subject_id"],
                                  checklist=checklist, inspectors=["张伟", "李娜"])
        runner = FormRunner(store, inspection)
        runner.resize(1200, 800)
        runner.show()
        QTest.qWaitForWindowExposed(runner)
        runner.activateWindow()
        if not QTest.qWaitForWindowActive(runner):
            raise SystemExit("the runner window never became active: shortcuts would not fire")
        keys, handled, service = [], [], []
        committed = []
        real = inspections.record_answer

        def timed(*args, **kwargs):
            result = real(*args, **kwargs)
            committed.append(time.perf_counter())
            return result

        runner_module.inspections.record_answer = timed
        for i in range(n + 30):
            item = yes_no[i % len(yes_no)]
            key, value = (Qt.Key.Key_1, "yes") if (i // len(yes_no)) % 2 == 0 else \
                (Qt.Key.Key_3, "na")
            runner.go_to(item)
            target = runner.page().answer.focus_target()
            target.setFocus()
            QApplication.processEvents()
            QApplication.processEvents()
            if i % 2:  # the service call goes first every other round: a commit right
                bare = service_call(real, store, other, item, value)  # after another
                QApplication.processEvents()  # waits longer on the disk, whichever it is
            pressed = time.perf_counter()
            QTest.keyClick(target, key)
            done = time.perf_counter()
            assert inspections.answers(store, inspection)[item]["value"] == value
            if not i % 2:
                bare = service_call(real, store, other, item, value)
            if i >= 30:  # warm-up
                keys.append(committed[-1] - pressed)
                handled.append(done - pressed)
                service.append(bare)
        runner_module.inspections.record_answer = real
        runner.close()
        store.close()
    print(f"{n} key presses, 300-item checklist, WAL + synchronous=FULL, offscreen, same run")
    line("record_answer() (service)", service)
    line("key press -> committed (runner)", keys, service)
    line("key press -> event handled (+advance)", handled, service)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 600)
    sys.stdout.flush()
    os._exit(0)  # skip PySide's interpreter teardown, which can crash after a run like this
