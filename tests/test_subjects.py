"""Subjects: adding with a checked credit code, and importing registers as they come."""

import openpyxl
import pytest

from inspector.errors import NotFound, ValidationError
from inspector.subjects import (
    add_subject,
    get_subject,
    import_subjects,
    list_subjects,
    update_subject,
)

from .conftest import VALID_CODE
from .helpers.subjects import CODE_B, REGISTER


def test_add_normalises_and_lists(store, checklist_dir):
    subject = add_subject(store, name=" 德清县吉祥烟花爆竹零售店 ", code=VALID_CODE.lower(),
                          sector="测试行业", address="武康街道永安街58号", legal_rep="沈福根")
    assert subject["name"] == "德清县吉祥烟花爆竹零售店"
    assert subject["uscc"] == VALID_CODE and subject["sector"] == "mini"
    assert get_subject(store, VALID_CODE)["id"] == subject["id"]
    assert get_subject(store, subject["id"])["legal_rep"] == "沈福根"
    assert [s["name"] for s in list_subjects(store)] == ["德清县吉祥烟花爆竹零售店"]
    assert subject["created_at"] and subject["device_id"] == store.device_id


@pytest.mark.parametrize("kwargs, message", [
    ({"code": "91110108MA01ABCD5X"}, "check character"),
    ({"code": "91110108MA01ABCDST"}, "not allowed"),
    ({"sector": "bakery"}, 'unknown sector "bakery"'),
    ({"name": "  "}, "name is empty"),
])
def test_add_rejects_bad_input_and_saves_nothing(store, checklist_dir, kwargs, message):
    values = {"name": "某公司", "code": VALID_CODE, "sector": "mini", **kwargs}
    with pytest.raises(ValidationError, match=message):
        add_subject(store, **values)
    assert list_subjects(store) == []
    assert store.db["changelog"].count == 0


def test_duplicate_code_refused(store, checklist_dir):
    add_subject(store, name="甲", code=VALID_CODE, sector="mini")
    with pytest.raises(ValidationError, match=f"{VALID_CODE} already exists"):
        add_subject(store, name="乙", code=VALID_CODE, sector="mini")


def test_unknown_subject(store):
    with pytest.raises(NotFound):
        get_subject(store, "nobody")


def write_csv(path, rows, encoding):
    text = "\r\n".join(",".join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_import_csv_reports_bad_rows_and_keeps_good(store, checklist_dir, tmp_path, encoding):
    path = write_csv(tmp_path / "名录.csv", [["某县2026年专项整治企业名录"], *REGISTER], encoding)
    result = import_subjects(store, path)
    assert len(result.added) == 2
    assert [row for row, _ in result.errors] == [4, 7]  # spreadsheet row numbers
    assert "check character" in result.errors[0][1]
    assert "unknown sector" in result.errors[1][1]
    names = {s["name"] for s in list_subjects(store)}
    assert names == {"杭州讯达信息技术有限公司", "福州某某有限公司"}
    assert get_subject(store, VALID_CODE)["phone"] == "0571-88216630"
    again = import_subjects(store, path)
    assert again.added == [] and len(again.already_present) == 2


def test_import_strict_imports_nothing(store, checklist_dir, tmp_path):
    path = write_csv(tmp_path / "r.csv", REGISTER, "utf-8")
    result = import_subjects(store, path, strict=True)
    assert result.added == [] and len(result.errors) == 2
    assert list_subjects(store) == []


def test_import_xlsx_with_sector_option(store, checklist_dir, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位名称", "统一社会信用代码", "住所", "法人代表"])
    sheet.append(["甲诊所", VALID_CODE, "某路1号", "张三"])
    sheet.append(["乙诊所", CODE_B, None, None])
    sheet.append(["乙诊所（重复）", CODE_B, None, None])
    path = tmp_path / "r.xlsx"
    book.save(path)
    result = import_subjects(store, path, sector="mini")
    assert len(result.added) == 2
    assert result.errors == [(4, f"credit code {CODE_B} repeats row 3")]
    assert get_subject(store, VALID_CODE)["legal_rep"] == "张三"


def test_import_without_sector_column_needs_option(store, checklist_dir, tmp_path):
    path = write_csv(tmp_path / "r.csv", [["企业名称", "统一社会信用代码"], ["甲", VALID_CODE]],
                     "utf-8")
    result = import_subjects(store, path)
    assert result.errors == [(2, "no sector: the file has no sector column, give --sector")]


@pytest.mark.parametrize("name, content, message", [
    ("r.csv", "名字,号码\n甲,1\n", "no header row"),
    ("r.xlsx", "not really a workbook", "not a valid Excel file"),
    ("r.pdf", "%PDF", "unsupported file type"),
])
def test_import_unreadable_files(store, checklist_dir, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(ValidationError, match=message) as info:
        import_subjects(store, path)
    assert str(path) in str(info.value)


def test_update_subject_records_revision(store, checklist_dir):
    made = add_subject(store, name="甲", code=VALID_CODE, sector="mini", address="旧址")
    changed = update_subject(store, VALID_CODE, address="新址", phone="0571-1")
    assert changed["address"] == "新址" and changed["phone"] == "0571-1"
    assert changed["rev"] != made["rev"]
    assert update_subject(store, VALID_CODE, address="新址")["rev"] == changed["rev"]  # no-op
    with pytest.raises(ValidationError, match="cannot change uscc"):
        update_subject(store, VALID_CODE, uscc=CODE_B)
    with pytest.raises(ValidationError, match="unknown sector"):
        update_subject(store, VALID_CODE, sector="bakery")
