"""One evaluation of an inspection: the pure rules, and every view agreeing with them."""

import json
import re

import pytest

from inspector import evaluation, inspections, queries
from inspector.cli import main
from inspector.errors import ValidationError
from inspector.reports import report_content

from .helpers.evaluation_cases import CASES, STARTED, Case, make, tricky

# --- the pure module --------------------------------------------------------------


def judge(case: Case) -> evaluation.Evaluation:
    """The case evaluated directly: the answers as they end up stored."""
    values = dict(case.answers + case.stored)
    if ("t-03", "shop") in case.answers:
        values.pop("t-04", None)  # record_answer cleared it (skip logic)
    return evaluation.evaluate(tricky(), values, set(case.photos), STARTED)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_evaluate_the_tricky_cases(case):
    judged = judge(case)
    assert [s.id for s in judged.items] == list(case.visible)
    assert [s.id for s in judged.items if s.answered] == list(case.answered)
    assert [i["id"] for i in judged.non_compliant] == list(case.failed)
    assert [i["id"] for i in judged.missing_required] == list(case.missing)
    assert judged.complete == (not case.missing)


def test_a_hidden_answer_counts_nowhere():
    judged = evaluation.evaluate(tricky(), {"t-03": "shop", "t-04": "no"}, set(), STARTED)
    assert judged.state("t-04") is None and judged.non_compliant == []
    shown = evaluation.evaluate(tricky(), {"t-03": "counter", "t-04": "no"}, set(), STARTED)
    assert [i["id"] for i in shown.non_compliant] == ["t-04"]


def test_date_rule_uses_the_beijing_day_of_the_start():
    values = {"t-01": "yes", "t-02": "2026-11-19"}
    assert evaluation.evaluate(tricky(), values, set(), STARTED).state("t-02").non_compliant
    # the same start seen as a UTC day (2026-11-19) would find nothing past
    assert not evaluation.evaluate(tricky(), values, set(), "2026-11-19").state(
        "t-02").non_compliant


def test_none_gives_way_to_the_problems_chosen_with_it():
    state = evaluation.evaluate(tricky(), {"t-05": ["none", "no_price"]}, set(),
                                STARTED).state("t-05")
    assert state.value == ["no_price"] and state.compliance == "fail"
    alone = evaluation.evaluate(tricky(), {"t-05": ["none"]}, set(), STARTED).state("t-05")
    assert alone.value == ["none"] and alone.compliance == "pass"


def test_sections_and_severities():
    values = {"t-01": "no", "t-03": "counter", "t-04": "no", "t-05": ["hidden_terms"]}
    judged = evaluation.evaluate(tricky(), values, {"t-06"}, STARTED)
    assert [(s.id, s.answered, s.shown, s.non_compliant) for s in judged.sections] == [
        ("licence", 3, 3, 2), ("pages", 2, 3, 1)]
    assert list(judged.by_severity.items()) == [("critical", 1), ("major", 1), ("minor", 1)]
    judged = evaluation.evaluate(tricky(), {"t-01": "na", "t-05": ["none"]}, set(), STARTED)
    assert (judged.passed, judged.not_applicable, judged.by_severity) == (1, 1, {})


def test_ticking_none_unticks_the_problems_and_back():
    item = tricky().item("t-05")
    assert evaluation.toggled(item, ["no_price", "hidden_terms"], "none") == ["none"]
    assert evaluation.toggled(item, ["none"], "hidden_terms") == ["hidden_terms"]
    assert evaluation.toggled(item, ["hidden_terms"], "no_price") == ["no_price", "hidden_terms"]
    assert evaluation.toggled(item, ["no_price"], "no_price") == []


@pytest.mark.parametrize(("item_id", "value", "message"), [
    ("t-06", "/no/such/photo.jpg", "answered by its photos"),
    ("t-07", "  ", "the answer is empty"),
    ("t-05", [], "the answer is empty"),
    ("t-05", ["none", "no_price"], 'option "none" says none of the others was found'),
])
def test_check_value_refuses_what_would_not_count(item_id, value, message):
    with pytest.raises(ValidationError, match=message):
        inspections.check_value(tricky().item(item_id), value)


# --- every view agrees ----------------------------------------------------------------


def cli(capsys, db_path, *args) -> str:
    code = main(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def cli_show(capsys, db_path, inspection: str) -> dict:
    out = cli(capsys, db_path, "inspections", "show", inspection)
    answered, shown, failed, missing = map(int, re.search(
        r"answered (\d+)/(\d+), non-compliant (\d+), required unanswered (\d+)", out).groups())
    marks = {item: mark for mark, item in re.findall(r"^  (\S) (t-\d+) ", out, re.MULTILINE)}
    return {"shown": shown, "answered": answered, "failed": failed, "missing": missing,
            "visible": tuple(marks), "answered_ids": tuple(i for i, m in marks.items()
                                                           if m in "✓✗"),
            "failed_ids": tuple(i for i, m in marks.items() if m == "✗")}


def cli_list(capsys, db_path, inspection: str) -> dict:
    (row,) = [r for r in json.loads(cli(capsys, db_path, "inspections", "list", "--json"))
              if r["id"] == inspection]
    return {"failed": row["non_compliant"]}


def table_row(store, inspection: str) -> dict:
    (row,) = queries.inspections_page(store, queries.InspectionFilter(), 0, 10)
    return {"shown": row["items"], "answered": row["answered"], "failed": row["non_compliant"]}


def progress(store, inspection: str) -> dict:
    state = inspections.progress(store, inspection)
    return {"shown": state.shown, "answered": state.answered,
            "failed": len(state.non_compliant), "missing": len(state.missing_required),
            "visible": tuple(s.id for s in state.items),
            "answered_ids": tuple(s.id for s in state.items if s.answered),
            "failed_ids": tuple(i["id"] for i in state.non_compliant)}


def report(store, inspection: str) -> dict:
    content = report_content(store, inspection)
    items = [item for section in content["sections"] for item in section["items"]]
    summary = content["summary"]
    return {"shown": summary["shown"], "answered": summary["answered"],
            "failed": summary["failed"], "visible": tuple(i["id"] for i in items),
            "failed_ids": tuple(i["id"] for i in items if i["compliance"] == "fail")}


def completion(store, inspection: str) -> dict:
    try:
        created = inspections.complete(store, inspection)
    except ValidationError as exc:
        return {"missing": int(re.search(r"(\d+) required items? (is|are) unanswered",
                                         str(exc)).group(1))}
    return {"missing": 0, "failed": len(created)}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_view_agrees(case, store, db_path, subject, capsys):
    inspection = make(store, subject, case)
    views = {"cli show": cli_show(capsys, db_path, inspection),
             "cli list": cli_list(capsys, db_path, inspection),
             "inspections table": table_row(store, inspection),
             "progress": progress(store, inspection),
             "report": report(store, inspection),
             "completion": completion(store, inspection)}  # last: it locks the inspection
    expected = case.expected()
    assert {name: {k: expected[k] for k in shown} for name, shown in views.items()} == views


def test_report_never_says_none_found_with_a_problem(store, subject):
    inspection = make(store, subject, next(c for c in CASES if "none" in c.name))
    (item,) = [i for s in report_content(store, inspection)["sections"] for i in s["items"]
               if i["id"] == "t-05"]
    assert item["answer"] == ["no_price"]
    assert item["answer_label"]["zh"] == "未标明资费或计费方法"
