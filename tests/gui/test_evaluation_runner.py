"""The form runner's status bar and outline agree with the other views of an inspection
(tests/test_evaluation.py holds the rest of the agreement test)."""

import re

import pytest

from inspector import inspections

from ..helpers.evaluation_cases import CASES, make

pytestmark = pytest.mark.gui


def runner_view(runner) -> dict:
    answered, shown, failed, missing = map(int, re.search(
        r"(\d+)/(\d+)\D+(\d+)\D+(\d+)", runner.status_text).groups())
    visible = tuple(item["id"] for item in runner.checklist.items
                    if not runner.outline.items[item["id"]].isHidden())
    marks = {item_id: runner._mark(runner.checklist.item(item_id)) for item_id in visible}
    return {"shown": shown, "answered": answered, "failed": failed, "missing": missing,
            "visible": visible,
            "answered_ids": tuple(i for i, m in marks.items() if m in ("ok", "finding")),
            "failed_ids": tuple(i for i, m in marks.items() if m == "finding")}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_runner_agrees(case, app, qtbot, store, subject):
    from inspector.ui.forms.runner import FormRunner

    runner = FormRunner(store, make(store, subject, case))
    qtbot.addWidget(runner)
    expected = case.expected()
    assert runner_view(runner) == expected
    sections = {s.id: (s.answered, s.shown) for s in runner.state.evaluation.sections}
    assert runner.outline.progress == sections
    assert sum(shown for _, shown in sections.values()) == expected["shown"]


def test_ticking_none_unticks_the_others(runner, qtbot, store, inspection):
    runner.go_to("m-06")
    widget = runner.page().answer
    widget.group.button(1).click()  # 灭火器
    widget.group.button(3).click()  # 无: the extinguisher is unticked
    assert widget.value() == ["none"]
    widget.group.button(2).click()  # 消防沙: "none" is unticked
    assert widget.value() == ["sand"]
    assert inspections.answers(store, inspection)["m-06"]["value"] == ["sand"]
    widget.key_answer(1)  # the digit keys follow the same rule
    assert widget.value() == ["extinguisher", "sand"]
    widget.key_answer(3)
    assert inspections.answers(store, inspection)["m-06"]["value"] == ["none"]
