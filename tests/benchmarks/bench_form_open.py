"""Opening a 300-item checklist in the form runner vs creating bare Qt widgets.

Baseline: in the same run, the same number of bare widgets of the same kinds
(a label for the text, three buttons for 合格/不合格/不适用, a radio button or
check box per option, a line edit for typed answers). The runner builds an
item's page when it is first shown, so it is also timed with every page built
(visiting all 300 items). Goal: opening <= 2x the bare widgets.

    python tests/benchmarks/bench_form_open.py [ROUNDS]
"""

import sys
import time

from guibench import line, long_checklist, open_store, tempdir
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


def bare_widgets(checklist) -> QWidget:
    root = QWidget()
    layout = QVBoxLayout(root)
    for item in checklist.items:
        layout.addWidget(QLabel(item["text"]["zh"]))
        kind = item["type"]
        if kind == "yes_no":
            for text in ("合格", "不合格", "不适用"):
                layout.addWidget(QPushButton(text))
        elif kind in ("single_choice", "multi_choice"):
            cls = QRadioButton if kind == "single_choice" else QCheckBox
            for option in item["options"]:
                layout.addWidget(cls(option["label"]["zh"]))
        else:
            layout.addWidget(QLineEdit())
    root.show()
    QApplication.processEvents()
    return root


def main(rounds: int = 7) -> None:
    from inspector.ui.app import make_app
    from inspector.ui.forms.runner import FormRunner

    app = make_app()
    checklist = long_checklist(300)
    with tempdir() as tmp:
        from pathlib import Path

        store, inspection = open_store(Path(tmp), checklist)
        times = {"bare widgets": [], "form runner open": [], "form runner, all pages": []}
        for _ in range(rounds):
            start = time.perf_counter()
            widget = bare_widgets(checklist)
            times["bare widgets"].append(time.perf_counter() - start)
            widget.close()
            widget.deleteLater()
            start = time.perf_counter()
            runner = FormRunner(store, inspection)
            runner.show()
            QApplication.processEvents()
            times["form runner open"].append(time.perf_counter() - start)
            for item in checklist.items:
                runner.go_to(item["id"])
            QApplication.processEvents()
            times["form runner, all pages"].append(time.perf_counter() - start)
            runner.close()
            runner.deleteLater()
            QApplication.processEvents()
        store.close()
    print(f"{len(checklist.items)}-item checklist, {rounds} rounds, offscreen, same run")
    base = times["bare widgets"]
    for name, values in times.items():
        line(name, values, base if name != "bare widgets" else None)
    del app


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
