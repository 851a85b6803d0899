import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector import uscc
from inspector.demo import credit_code
from inspector.errors import ValidationError

from .conftest import VALID_CODE

# codes taken from outside this project (the domain notes' example and a widely
# published sample), so the check-character algorithm is not tested against itself
KNOWN_VALID = [VALID_CODE, "91350100M000100Y43"]


@pytest.mark.parametrize("code", KNOWN_VALID)
def test_known_codes_pass(code):
    assert uscc.validate(code) == code


def test_normalises_case_spaces_and_full_width():
    assert uscc.validate(" 91110108ma01abcd5t ") == VALID_CODE
    assert uscc.validate("９１１１０１０８ＭＡ０１ＡＢＣＤ５Ｔ") == VALID_CODE
    assert uscc.validate("911101-08MA01ABCD5T") == VALID_CODE


@pytest.mark.parametrize("code, words", [
    ("91110108MA01ABCD5X", ["check character", '"X"', '"T"']),
    ("91110108MA01ABCD5", ["18 characters", "17"]),
    ("91110108MA01ABCD5TT", ["18 characters", "19"]),
    ("91110108MA01ABCO5T", ["not allowed", "O"]),
    ("91110108MA01IBCD5T", ["not allowed", "I"]),
    ("9111010SMA01ABCD5T", ["not allowed", "S"]),
    ("91110108MA01ABZV5T", ["not allowed", "VZ"]),
    ("911A0108MA01ABCD5T", ["region code"]),
    ("", ["18 characters"]),
])
def test_invalid_codes_name_the_problem(code, words):
    with pytest.raises(ValidationError) as info:
        uscc.validate(code)
    for word in words:
        assert word in str(info.value)


def test_message_in_chinese(monkeypatch):
    monkeypatch.setenv("INSPECTOR_LANG", "zh")
    with pytest.raises(ValidationError, match="校验位错误"):
        uscc.validate("91110108MA01ABCD5X")


body = st.text(alphabet=uscc.CHARSET, min_size=10, max_size=10)


@given(st.sampled_from("159"), st.sampled_from("123"),
       st.from_regex(r"\A[0-9]{6}\Z"), body)
def test_completed_codes_validate(first, second, region, rest):
    code = uscc.complete(first + second + region + rest[:9])
    assert uscc.validate(code) == code


@given(st.integers(0, 17), st.sampled_from(uscc.CHARSET))
def test_any_single_character_change_is_caught(position, char):
    original = VALID_CODE
    changed = original[:position] + char + original[position + 1:]
    if changed != original:
        assert uscc.problem(changed) is not None


def test_demo_codes_are_valid_with_inner_org_check():
    import random

    rng = random.Random(1)
    for _ in range(50):
        code = credit_code(rng, "330106")
        assert uscc.validate(code) == code
