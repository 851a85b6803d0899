"""Checklist files: the bundled four are real and valid; broken files are reported
with file, line and item, one line per problem."""

import re
from pathlib import Path

import pytest

from inspector import checklists
from inspector.checklists import ChecklistInvalid, can_fail, cite, is_observation

from .conftest import BUNDLED, DATA

ARTICLE = re.compile("第[一二三四五六七八九十百零]+条")
SECTORS = {"telecom_vas", "clinic", "fireworks_retail", "ride_hailing"}
TYPES = {"yes_no", "single_choice", "multi_choice", "text", "number", "date", "photo"}


def test_four_bundled_sectors_are_valid_and_substantial():
    loaded = {c.sector: c for c in checklists.load_bundled()}
    assert set(loaded) >= SECTORS
    for sector in SECTORS:
        checklist = loaded[sector]
        assert len(checklist.items) >= 20, sector
        assert checklists.validate_file(checklist.path) == []
        # every basis records the text it was checked against: no warnings either
        assert checklists.load_file(checklist.path).warnings == []
        kinds = {item["type"] for item in checklist.items}
        assert kinds >= TYPES, (sector, TYPES - kinds)
        for item in checklist.items:
            assert item["text"]["zh"] and item["text"].get("en"), item["id"]
            if can_fail(item):
                assert item["basis"] and item["basis"][0]["law"], item["id"]
                # an observation orders nothing; everything else says what to do
                assert is_observation(item) != bool(item.get("requirement")), item["id"]


def test_bundled_item_ids_unique_across_sectors():
    seen = {}
    for checklist in checklists.load_bundled():
        for item in checklist.items:
            assert item["id"] not in seen, (item["id"], checklist.id, seen.get(item["id"]))
            seen[item["id"]] = checklist.id


def test_content_hash_ignores_formatting(tmp_path):
    text = (DATA / "mini.yaml").read_text("utf-8")
    reformatted = tmp_path / "mini.yaml"
    block_title = "title:\n  zh: 测试检查表\n  en: Test checklist"
    reformatted.write_text("# another comment\n" + text.replace(
        "title: {zh: 测试检查表, en: Test checklist}", block_title), "utf-8")
    assert checklists.load_file(DATA / "mini.yaml").hash == checklists.load_file(reformatted).hash


def broken(tmp_path, old: str, new: str, name="clinic.yaml") -> tuple[Path, list[str]]:
    """mini.yaml with one change; returns the path and the problems as printed lines."""
    text = (DATA / "mini.yaml").read_text("utf-8")
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path, [str(p) for p in checklists.validate_file(path, f"checklists/{name}")]


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_unknown_type_names_file_line_item_and_suggestion(tmp_path):
    path, problems = broken(tmp_path, "type: single_choice", "type: singlechoice")
    line = line_of(path, "type: singlechoice")
    assert problems == [f'checklists/clinic.yaml:{line}: item m-03: unknown type "singlechoice", '
                        'did you mean "single_choice"?']


def test_the_issue_example_yesno(tmp_path):
    path, problems = broken(tmp_path, "type: yes_no", "type: yesno")
    line = line_of(path, "type: yesno")
    assert problems == [f'checklists/clinic.yaml:{line}: item m-01: unknown type "yesno", '
                        'did you mean "yes_no"?']


def test_unknown_key_gets_did_you_mean(tmp_path):
    path, problems = broken(tmp_path, "        severity: critical", "        severty: critical")
    line = line_of(path, "severty")
    assert f'checklists/clinic.yaml:{line}: item m-01: unknown key "severty", did you mean ' \
           '"severity"?' in problems


def test_duplicate_yaml_key_is_rejected_not_last_wins(tmp_path):
    path, problems = broken(tmp_path, "        severity: critical",
                            "        severity: critical\n        severity: minor")
    line = line_of(path, "severity: minor")
    assert f'checklists/clinic.yaml:{line}: duplicate key "severity"' in problems


def test_duplicate_item_id(tmp_path):
    _, problems = broken(tmp_path, "id: m-04", "id: m-02")
    assert any("item m-02: duplicate item id (first used on line" in p for p in problems)


def test_condition_on_later_item(tmp_path):
    path, problems = broken(tmp_path, "condition: {item: m-01, equals: \"yes\"}",
                            "condition: {item: m-05, equals: 3}")
    line = line_of(path, "condition: {item: m-05")
    assert f'checklists/clinic.yaml:{line}: item m-02: condition refers to a later item "m-05" ' \
           "(only earlier items may be used)" in problems


def test_condition_on_unknown_item_and_impossible_value(tmp_path):
    _, problems = broken(tmp_path, "condition: {item: m-01", "condition: {item: m-99")
    assert any('condition refers to unknown item "m-99"' in p for p in problems)
    _, problems = broken(tmp_path, "equals: counter}", "equals: countr}")
    assert any('condition value "countr" is not an answer of item m-03' in p
               and 'did you mean "counter"' in p for p in problems)


def test_bad_ranges(tmp_path):
    _, problems = broken(tmp_path, "max: 10000", "max: -5")
    assert any("item m-05: bad range: min 0 is greater than max -5" in p for p in problems)
    _, problems = broken(tmp_path, "expect: {min: 10}", "expect: {min: 20000}")
    assert any("item m-05: expected bound 20000 lies outside" in p for p in problems)


def test_fail_capable_item_needs_severity_and_basis(tmp_path):
    rule = ("        severity: critical\n        basis: [{law: 测试条例, articles: 第七条, "
            'version: "2020-01-01", checked: "2026-11-29", penalty: [{articles: 第二十条}]}]\n')
    _, problems = broken(tmp_path, rule, "")
    assert any("item m-01: an item that can be non-compliant needs a severity" in p
               for p in problems)
    assert any("item m-01: an item that can be non-compliant needs a legal basis" in p
               for p in problems)


def test_yaml_syntax_error_has_line(tmp_path):
    _, problems = broken(tmp_path, "title: {zh: 基本情况, en: Basics}",
                            "title: {zh: 基本情况, en: Basics")
    assert len(problems) == 1
    assert problems[0].startswith("checklists/clinic.yaml:") and "YAML syntax error" in problems[0]


def test_missing_required_key_and_wrong_type(tmp_path):
    _, problems = broken(tmp_path, "        text: {zh: 现场照片, en: Site photo}\n", "")
    assert any('item m-07: missing required key "text"' in p for p in problems)
    _, problems = broken(tmp_path, "        required: false", "        required: maybe")
    assert any("item m-08: required must be boolean" in p for p in problems)


def test_every_problem_reported_once_sorted_by_line(tmp_path):
    text = (DATA / "mini.yaml").read_text("utf-8")
    text = text.replace("type: yes_no", "type: yesno", 1).replace("id: m-04", "id: m-02")
    path = tmp_path / "two.yaml"
    path.write_text(text, "utf-8")
    problems = checklists.validate_file(path)
    assert len(problems) == len(set(problems)) >= 2
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_load_raises_with_all_problems(tmp_path):
    path, _ = broken(tmp_path, "type: yes_no", "type: yesno")
    with pytest.raises(ChecklistInvalid) as info:
        checklists.load_file(path)
    assert "yesno" in str(info.value)


def test_adding_a_sector_is_adding_a_file(checklist_dir):
    assert "mini" in checklists.sectors()
    assert checklists.find("mini").title == "Test checklist"


def test_unknown_sector_lists_known(checklist_dir):
    with pytest.raises(checklists.NotFound, match=r"known: .*clinic"):
        checklists.find("bakery")


def test_bundled_dir_is_the_repository_folder():
    assert checklists.bundled_dir() == BUNDLED


def test_validated_content_is_cached_by_file_hash(checklist_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_CACHE", str(tmp_path / "cache"))
    first = {c.id: c.content for c in checklists.load_bundled()}
    cached = sorted((tmp_path / "cache" / "checklists").glob("*.json"))
    assert len(cached) == len(first)
    checklists._load_versions.cache_clear()
    assert {c.id: c.content for c in checklists.load_bundled()} == first
    # a damaged cache entry is ignored and rebuilt from the validated source
    for path in cached:
        path.write_text("{broken", "utf-8")
    checklists._load_versions.cache_clear()
    assert {c.id: c.content for c in checklists.load_bundled()} == first
    # an edited source is validated again, not served from the cache
    path = checklist_dir / "mini.yaml"
    path.write_text(path.read_text("utf-8").replace("type: yes_no", "type: yesno", 1), "utf-8")
    assert "mini" not in {c.id for c in checklists.load_bundled()}  # skipped, the rest load
    assert "yesno" in str(checklists.skipped()[0]) and len(checklists.load_bundled()) == 4


def test_a_basis_without_the_text_it_was_checked_against_is_a_warning(tmp_path):
    """Still valid, but each basis lacking version or checked is named with its line."""
    path, problems = broken(tmp_path, ', version: "2020-01-01", checked: "2026-11-29", penalty',
                            ", penalty")
    assert problems == []  # a warning, not an error: the file loads
    warnings = [str(w) for w in checklists.load_file(path, "checklists/clinic.yaml").warnings]
    line = line_of(path, "articles: 第七条, penalty")
    assert warnings == [f"checklists/clinic.yaml:{line}: item m-01: warning: the basis 测试条例 "
                        "does not record the text it was checked against (missing version, "
                        "checked: text version, date checked)"]
    _, problems = broken(tmp_path, 'checked: "2026-11-29", penalty',
                         'checked: "29.11.2026", penalty')
    assert len(problems) == 1 and "checked" in problems[0]


def test_a_document_number_is_printed_after_the_title_never_as_one():
    assert cite({"law": "测试条例", "articles": "第七条"}) == "《测试条例》第七条"
    assert cite({"law": "应急管理部办公厅关于更新烟花爆竹经营许可证式样的通知",
                 "number": "应急厅〔2020〕31号"}) == (
        "《应急管理部办公厅关于更新烟花爆竹经营许可证式样的通知》（应急厅〔2020〕31号）")
    for checklist in checklists.load_bundled():
        for item in checklist.items:
            for basis in item.get("basis", []):
                assert "〔" not in basis["law"] and "号" not in basis["law"][-1:], item["id"]


def test_an_observation_orders_nothing(tmp_path):
    observed = "severity: critical\n        observation: true"
    path, problems = broken(tmp_path, "severity: critical", observed)
    line = line_of(path, "requirement: {zh: 立即办理许可证")
    assert problems == [f'checklists/clinic.yaml:{line}: item m-01: an observation orders '
                        'nothing: it cannot have "requirement"']


def test_a_duty_without_a_penalty_or_a_reason_for_none_is_a_warning(tmp_path):
    """Valid, but an item that orders a correction names its penalty article or says why
    none is recorded; a penalty in another law records the text it was checked against."""
    penalty = ", penalty: [{articles: 第二十条}]}]\n        requirement: {zh: 立即办理许可证"
    path, problems = broken(tmp_path, penalty, "}]\n        requirement: {zh: 立即办理许可证")
    assert problems == []
    warnings = [str(w) for w in checklists.load_file(path, "checklists/clinic.yaml").warnings]
    line = line_of(path, "articles: 第七条, version")
    assert warnings == [f"checklists/clinic.yaml:{line}: item m-01: warning: no penalty article "
                        "is recorded for this duty (penalty), nor why none applies (no_penalty)"]
    path, _ = broken(tmp_path, penalty, ', no_penalty: "本条例未设罚则"}]\n'
                                        "        requirement: {zh: 立即办理许可证")
    assert checklists.load_file(path).warnings == []
    path, _ = broken(tmp_path, penalty, ", penalty: [{law: 另一条例, articles: 第三条}]}]\n"
                                        "        requirement: {zh: 立即办理许可证")
    warnings = [str(w) for w in checklists.load_file(path, "checklists/clinic.yaml").warnings]
    assert len(warnings) == 1 and "the basis 另一条例 does not record" in warnings[0]
    _, problems = broken(tmp_path, "penalty: [{articles: 第二十条}]", "penalty: [{law: 另一条例}]")
    assert len(problems) == 1 and "articles" in problems[0]


def test_a_penalty_names_the_duty_s_law_unless_it_names_another():
    basis = {"law": "测试条例", "articles": "第七条",
             "penalty": [{"articles": "第二十条"}, {"law": "另一条例", "articles": "第三条"}]}
    assert [cite(p) for p in checklists.penalties(basis)] == ["《测试条例》第二十条",
                                                              "《另一条例》第三条"]
    assert checklists.penalties({"law": "测试条例"}) == []


def test_every_bundled_duty_records_its_penalty_or_why_none():
    for checklist in checklists.load_bundled():
        for item in checklist.items:
            if checklists.orders(item):
                assert any(b.get("penalty") or b.get("no_penalty") for b in item["basis"]), \
                    item["id"]
            for basis in item.get("basis", []):
                # a penalty article is not listed again among the duties
                duties = set(ARTICLE.findall(basis.get("articles", "")))
                for penalty in checklists.penalties(basis):
                    if penalty["law"] == basis["law"]:
                        assert not duties & set(ARTICLE.findall(penalty["articles"])), item["id"]
