"""Checklists to and from the Excel check sheets regulators write: lossless round trip,
the usual layouts, ids kept, problems by sheet and row, hostile cells, the CLI."""

import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from inspector import checklist_xlsx, checklists
from inspector.checklist_xlsx import read, write
from inspector.cli import main
from inspector.errors import InspectorError

from .test_export_injection import HOSTILE

GOLD = Path(__file__).parent.parent / "docs" / "examples" / "gold_retail.xlsx"


def sheet_file(path: Path, rows: list[list], info: list[list] | None = None,
               merged: list[str] = ()) -> Path:
    """A check sheet as a person makes one in Excel: rows on 检查表, details on 基本信息."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "检查表"
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    if info:
        other = book.create_sheet("基本信息")
        for row in info:
            other.append(row)
    book.save(path)
    return path


def edit(path: Path, changes: dict[str, object], sheet: str = "检查表") -> None:
    book = openpyxl.load_workbook(path)
    for cell, value in changes.items():
        book[sheet][cell] = value
    book.save(path)


def column(header: str) -> str:
    keys = [c.header for c in checklist_xlsx.WRITTEN]
    return openpyxl.utils.get_column_letter(keys.index(header) + 1)


HEADER = ["序号", "检查事项", "检查要点", "法律依据", "核查要点", "严重程度", "整改措施",
          "期限（天）"]
INFO = [["行业代码", "pawn"], ["行业名称", "典当行"], ["版本", "2.0"],
        ["主管部门", "地方金融监管部门"]]


# --- round trip ----------------------------------------------------------------

def test_each_shipped_checklist_comes_back_equal(checklist_dir, tmp_path):
    shipped = checklists.load_bundled()
    assert len(shipped) >= 5  # the four sectors and the test checklist
    for checklist in shipped:
        path = tmp_path / f"{checklist.id}.xlsx"
        write(checklist, path)
        result = read(path)
        assert result.problems == [], checklist.id
        assert result.data == checklist.content
        assert result.checklist.hash == checklist.hash
        assert result.new_ids == []
        again = checklists.parse(checklist_xlsx.to_yaml(result.data), "again.yaml")
        assert again.content == checklist.content


def test_the_export_has_drop_downs_a_hidden_data_column_and_merged_sections(
        checklist_dir, tmp_path):
    path = tmp_path / "clinic.xlsx"
    write(checklists.find("clinic"), path)
    book = openpyxl.load_workbook(path)
    sheet = book["检查表"]
    assert [c.value for c in sheet[2]][:4] == ["序号", "检查项目", "检查内容", "检查依据"]
    lists = {openpyxl.utils.get_column_letter(next(iter(v.sqref.ranges)).min_col): v.formula1
             for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert lists[column("严重程度")] == '"提示,一般,较重,严重"'
    assert lists[column("必填")] == '"是,否"'
    assert sheet.column_dimensions[column("数据（勿改）")].hidden
    assert any(str(r).startswith("B3:B") for r in sheet.merged_cells.ranges)
    assert sheet["D4"].value.startswith("《医疗机构管理条例》第十四条、第二十三条")
    assert book["基本信息"]["B2"].value == "clinic"


def test_an_edited_cell_takes_effect_and_what_no_column_shows_stays(checklist_dir, tmp_path):
    path = tmp_path / "clinic.xlsx"
    clinic = checklists.find("clinic")
    write(clinic, path)
    row = 6  # cli-04, a yes/no item
    edit(path, {f"{column('检查内容')}{row}": "机构名称与登记一致",
                f"{column('严重程度')}{row}": "严重",
                f"{column('检查依据')}{row}": "《医疗机构管理条例》第十九条；《价格法》第13条",
                f"{column('整改期限（天）')}{row}": 10})
    result = read(path)
    assert result.problems == []
    item = result.checklist.item("cli-04")
    before = clinic.item("cli-04")
    assert item["text"] == {"zh": "机构名称与登记一致", "en": before["text"]["en"]}
    assert item["severity"] == "critical" and item["deadline_days"] == 10
    assert item["basis"][0] == before["basis"][0]  # version, checked and note kept
    assert item["basis"][1] == {"law": "价格法", "articles": "第十三条"}
    assert item["guidance"] == before["guidance"]


def test_keys_another_version_of_the_schema_adds_survive(checklist_dir, tmp_path):
    content = json.loads(json.dumps(checklists.find("mini").content))
    first = content["sections"][0]["items"][0]
    first["authority"] = {"zh": "县市场监管局"}
    content["owner"] = "citations"
    path = tmp_path / "newer.xlsx"
    write(checklists.Checklist(content), path)
    result = read(path)
    assert result.data["sections"][0]["items"][0]["authority"] == {"zh": "县市场监管局"}
    assert result.data["owner"] == "citations"
    # this schema does not know them yet: named at the item's row and the details
    assert {(p.path, p.line) for p in result.problems} == {
        ("newer.xlsx:检查表", 3), ("newer.xlsx:基本信息", None)}


# --- a regulator's own sheet ---------------------------------------------------------

def test_the_sample_gold_sheet_becomes_a_checklist(checklist_dir):
    result = read(GOLD)
    assert result.problems == []
    checklist = result.checklist
    assert (checklist.id, checklist.sector, checklist.version) == ("gold_retail",) * 2 + ("1.0",)
    assert checklist.title == "黄金饰品经营单位维护金融市场秩序专项检查表"
    assert checklist.content["authority"] == {"zh": "市场监督管理部门"}
    assert [s["title"]["zh"] for s in checklist.sections] == [
        "主体资格", "价格行为", "商品质量与标识", "计量"]  # merged cells carried down
    assert [i["id"] for i in checklist.items] == [f"gold-{n:02d}" for n in range(1, 12)]
    assert result.new_ids == [i["id"] for i in checklist.items]
    first = checklist.item("gold-01")
    assert first["severity"] == "major" and first["deadline_days"] == 15  # 重点项 *
    assert first["basis"] == [{"law": "市场主体登记管理条例", "articles": "第三条、第三十六条",
                               "version": "2021-07-27", "checked": "2026-11-30"}]
    assert checklist.item("gold-02")["basis"][1]["version"] == "国家市场监督管理总局令第56号"
    assert checklist.item("gold-07")["basis"][0]["note"].startswith("GB 11887 的现行版本未能核对")
    assert checklist.item("gold-09")["severity"] == "minor"  # not marked
    assert "适用条件：开展旧金回收业务的" in checklist.item("gold-06")["guidance"]["zh"]


def test_usual_variants_a_header_lower_down_and_a_details_sheet(checklist_dir, tmp_path):
    path = sheet_file(tmp_path / "pawn.xlsx", [
        ["典当行检查表"], [], HEADER,
        [1, "经营许可", "持有典当经营许可证", "《典当管理办法》第十二条", "查看证照", "严重",
         "停止经营", 7],
        [2, None, "许可证在有效期内", "《典当管理办法》第十二条", "", "一般", "办理换证", "30天"],
        [3, "档案", "当票连续编号", "《典当管理办法》第三十条（一）", "", "较重", "", ""],
    ], INFO)
    result = read(path)
    assert result.problems == []
    checklist = result.checklist
    assert (checklist.sector, checklist.version, checklist.title) == ("pawn", "2.0", "典当行检查表")
    assert [len(s["items"]) for s in checklist.sections] == [2, 1]
    assert checklist.item("pawn-02")["deadline_days"] == 30
    assert "deadline_days" not in checklist.item("pawn-03")


def test_version_checked_and_note_go_to_the_basis_they_name(checklist_dir, tmp_path):
    header = ["检查项目", "检查内容", "检查依据", "严重程度", "依据版本", "核对日期", "备注"]
    path = sheet_file(tmp_path / "details.xlsx", [header, [
        "价格", "明码标价", "《价格法》第十三条；《明码标价和禁止价格欺诈规定》第七条", "一般",
        "《价格法》1997-12-29\n《明码标价和禁止价格欺诈规定》总局令第56号", "2026-11-30",
        "《明码标价和禁止价格欺诈规定》第七条第四款\n设区的市可增加标示内容"]], INFO)
    price, rules = read(path).checklist.item("pawn-01")["basis"]
    assert price == {"law": "价格法", "articles": "第十三条", "version": "1997-12-29",
                     "checked": "2026-11-30"}
    assert rules == {"law": "明码标价和禁止价格欺诈规定", "articles": "第七条",
                     "version": "总局令第56号", "checked": "2026-11-30",
                     "note": "第七条第四款\n设区的市可增加标示内容"}


def test_a_sheet_of_items_alone_is_one_section_named_as_the_checklist(checklist_dir, tmp_path):
    path = sheet_file(tmp_path / "plain.xlsx", [
        ["检查内容", "检查依据", "重点项"],
        ["持证经营", "《典当管理办法》第十二条", "★"],
        ["当票连续编号", "《典当管理办法》第三十条", ""]], [["行业代码", "pawn"]])
    checklist = read(path).checklist
    assert [(s["id"], s["title"]) for s in checklist.sections] == [("s01", {"zh": "检查表"})]
    assert [i["severity"] for i in checklist.items] == ["major", "minor"]


def test_a_choice_item_with_its_options(checklist_dir, tmp_path):
    header = ["检查项目", "检查内容", "检查依据", "严重程度", "答案类型", "选项"]
    path = sheet_file(tmp_path / "choice.xlsx", [header, [
        "证照", "经营资格", "《典当管理办法》第十二条", "严重", "单选",
        "licence：持有许可证\nfiling:已备案\n无证经营（不合格）"]], INFO)
    item = read(path).checklist.item("pawn-01")
    assert item["type"] == "single_choice"
    assert item["options"] == [
        {"value": "licence", "label": {"zh": "持有许可证"}},
        {"value": "filing", "label": {"zh": "已备案"}},
        {"value": "o3", "label": {"zh": "无证经营"}, "compliant": False}]


def test_an_edited_option_keeps_its_english_label(checklist_dir, tmp_path):
    clinic = checklists.find("clinic")
    path = tmp_path / "clinic.xlsx"
    write(clinic, path)
    cell = f"{column('选项')}4"  # cli-02
    sheet = openpyxl.load_workbook(path)["检查表"]
    assert sheet[cell].value.splitlines()[2] == "none：未取得许可证也未备案（不合格）"
    edit(path, {cell: sheet[cell].value.replace("持有《医疗机构执业许可证》", "持证")})
    options = read(path).checklist.item("cli-02")["options"]
    before = clinic.item("cli-02")["options"]
    assert options[0] == {**before[0], "label": {**before[0]["label"], "zh": "持证"}}
    assert options[1:] == before[1:]


def test_a_sheet_without_a_sector_takes_the_one_given(checklist_dir, tmp_path):
    rows = [HEADER, [1, "证照", "持证经营", "《典当管理办法》第十二条", "", "严重", "停业", 7]]
    path = sheet_file(tmp_path / "x.xlsx", rows)
    problems = read(path).problems
    assert [(p.path, str(p)) for p in problems] == [
        (str(path), f"{path}: the sheet names no sector: fill in 行业代码 on the 基本信息 "
                    "sheet, or import with --sector")]
    assert read(path, sector="pawn").checklist.item("pawn-01")["severity"] == "critical"


def test_ids_are_generated_once_and_kept(checklist_dir, tmp_path, monkeypatch):
    installed = []
    first = read(GOLD)
    checklist, _ = checklist_xlsx.install(first)
    installed.append(checklist)

    def previous(sector):
        return next((c for c in installed if c.sector == sector), None)

    again = read(GOLD, previous=previous)
    assert again.new_ids == [] and again.data == first.data
    # exported, a row added and one moved: the ids travel with the rows
    path = tmp_path / "gold.xlsx"
    write(checklist, path)
    book = openpyxl.load_workbook(path)
    sheet = book["检查表"]
    sheet.append([None, "计量", "天平检定标志粘贴在显著位置", "《中华人民共和国计量法》第九条",
                  None, None, "严重"])
    book.save(path)
    grown = read(path, previous=previous)
    assert grown.problems == []
    assert grown.new_ids == ["gold-12"]
    assert [i["id"] for i in grown.checklist.items][:11] == [i["id"] for i in checklist.items]


# --- problems by sheet and row -------------------------------------------------------

def test_each_problem_names_the_sheet_and_row(checklist_dir, tmp_path):
    path = sheet_file(tmp_path / "bad.xlsx", [
        HEADER,
        [1, "证照", "持证经营", "典当管理办法第十二条", "", "严重", "停业", 7],
        [2, None, "有效期内", "《典当管理办法》第十二条", "", "很严重", "换证", "一周"],
        [3, None, None, "《典当管理办法》第十二条", "", "一般", "", ""],
        [4, None, "当票连续编号", "《典当管理办法》第三十条", "", "", "", ""],
    ], INFO)
    assert [str(p) for p in read(path).problems] == [
        "bad.xlsx:检查表:2: legal basis not understood: \"典当管理办法第十二条\" "
        "(write 《title》第N条, several laws separated by ；, a 规范性文件 with its 文号)",
        "bad.xlsx:检查表:3: \"很严重\" is not one of the choices (提示、一般、较重、严重)",
        "bad.xlsx:检查表:3: rectification deadline \"一周\" must be a whole number of days",
        "bad.xlsx:检查表:4: the item's text (检查内容) is empty",
        "bad.xlsx:检查表:5: item pawn-04: an item that can be non-compliant needs a severity",
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_wrong_detail_is_named_at_its_row_of_the_details(checklist_dir, tmp_path, lang,
                                                           monkeypatch):
    monkeypatch.setenv("INSPECTOR_LANG", lang)
    path = sheet_file(tmp_path / "meta.xlsx", [
        HEADER, [1, "证照", "持证经营", "《典当管理办法》第十二条", "", "严重", "停业", 7]],
        [["行业代码", "pawn"], ["版本", "v1"], ["默认整改期限", "一般30；很重5"]])
    assert [(p.path, p.line) for p in read(path).problems] == [
        ("meta.xlsx:基本信息", 2), ("meta.xlsx:基本信息", 3)]


def test_what_is_not_a_check_sheet_is_one_line(checklist_dir, tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook", "utf-8")
    assert [p.path for p in read(text).problems] == [str(text)]
    assert "cannot read this Excel file" in str(read(text).problems[0])
    empty = sheet_file(tmp_path / "empty.xlsx", [["名单"], ["张三", "李四"]])
    assert "no header row found" in str(read(empty).problems[0])
    assert "file not found" in str(read(tmp_path / "missing.xlsx").problems[0])


# --- hostile cells -------------------------------------------------------------------

def test_a_formula_or_an_oversized_cell_is_refused_at_its_row(checklist_dir, tmp_path):
    path = sheet_file(tmp_path / "hostile.xlsx", [
        HEADER,
        [1, "证照", '=HYPERLINK("http://x","持证")', "《典当管理办法》第十二条", "", "严重", "", 7],
        [2, "证照", "HUGE", "《典当管理办法》第十二条", "", "严重", "", 7],
    ], INFO)
    # Excel and openpyxl cut a cell at 32 767 characters: another program may not
    huge = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(huge, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            target.writestr(entry, data.replace(b">HUGE<", b">" +
                                                ("有效期" * 11000).encode() + b"<"))
    assert [str(p) for p in read(huge).problems] == [
        "huge.xlsx:检查表:2: cell C2 holds a formula: a checklist takes text only",
        "huge.xlsx:检查表:3: cell C3 holds 33000 characters, more than an Excel cell's 32767"]


@pytest.mark.parametrize("data", [
    "[" * 30000, "{" * 100 + "}" * 100, "not json", "[1, 2]", '{"item": "text"}',
    '{"item": {"text": "no zh"}}', '{"item": {"options": 5, "basis": [1]}}'])
def test_a_damaged_hidden_cell_is_named_and_the_row_read_from_its_cells(
        checklist_dir, tmp_path, data):
    path = tmp_path / "mini.xlsx"
    write(checklists.find("mini"), path)
    edit(path, {f"{column('数据（勿改）')}3": data})
    assert str(read(path).problems[0]) == (
        "mini.xlsx:检查表:3: the hidden data cell is damaged: clear it to import the row "
        "from its visible cells")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_text_that_could_run_is_written_as_text_and_reads_back(checklist_dir, tmp_path,
                                                               hostile):
    content = json.loads(json.dumps(checklists.find("mini").content))
    item = content["sections"][0]["items"][0]
    item["text"]["zh"] = hostile
    item["guidance"] = {"zh": hostile}
    content["sections"][0]["title"]["zh"] = hostile
    path = tmp_path / "formula.xlsx"
    write(checklists.Checklist(content), path)
    sheet = openpyxl.load_workbook(path)["检查表"]
    for header in ("检查内容", "检查方法", "检查项目"):
        cell = sheet[f"{column(header)}3"]
        assert cell.data_type == "s" and cell.value == hostile and cell.quotePrefix, header
    assert read(path).data == content


def test_control_characters_are_shown_as_codes_not_written_raw(checklist_dir, tmp_path):
    content = json.loads(json.dumps(checklists.find("mini").content))
    content["sections"][0]["items"][0]["text"]["zh"] = "铃\x07声"
    path = tmp_path / "bell.xlsx"
    write(checklists.Checklist(content), path)
    result = read(path)
    assert result.data["sections"][0]["items"][0]["text"]["zh"] == "铃\\u0007声"


def test_text_too_long_for_a_cell_is_refused_naming_the_item(checklist_dir, tmp_path):
    content = json.loads(json.dumps(checklists.find("mini").content))
    item = content["sections"][0]["items"][0]
    item["guidance"] = {"zh": "长" * 40000}
    path = tmp_path / "long.xlsx"
    with pytest.raises(InspectorError, match=f"{item['id']} holds 40000 characters"):
        write(checklists.Checklist(content), path)
    assert list(tmp_path.glob("*long*")) == []  # nothing half-written


# --- the command line ----------------------------------------------------------------

@pytest.fixture
def run(capsys, monkeypatch):
    def run(*args, answer=None):
        if answer is None:
            monkeypatch.setattr("builtins.input", lambda _: (_ for _ in ()).throw(EOFError))
        else:
            monkeypatch.setattr("builtins.input", lambda question: answer)
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_import_previews_and_writes_only_when_confirmed(run, checklist_dir, tmp_path):
    sheet = tmp_path / "gold.xlsx"
    shutil.copy(GOLD, sheet)
    target = checklists.user_dir() / "gold_retail.yaml"
    code, out, _ = run("checklists", "import", str(sheet), answer="n")
    assert code == 1 and not target.exists()
    assert "11 items, 11 of them with new ids" in out
    assert f"to be written to: {target}" in out
    assert "  gold-01[new]  主体资格 | 依法办理登记" in out
    assert out.rstrip().endswith("nothing written")
    code, out, _ = run("checklists", "import", str(sheet), answer="y")
    assert code == 0 and target.exists()
    assert "gold_retail" in checklists.sectors()
    code, out, _ = run("checklists", "import", str(sheet), "--yes")
    assert code == 0 and "(replaces the checklist already there)" in out
    assert "11 items, 0 of them with new ids" in out


def test_import_with_problems_lists_them_and_writes_nothing(run, checklist_dir, tmp_path):
    path = sheet_file(tmp_path / "bad.xlsx", [
        HEADER, [1, "证照", "持证经营", "典当管理办法第十二条", "", "严重", "停业", 7]], INFO)
    code, _, err = run("checklists", "import", str(path), "--yes")
    assert code == 1
    assert err.splitlines()[0].startswith("bad.xlsx:检查表:2: legal basis not understood")
    assert not checklists.user_dir().exists()


def test_import_of_an_installed_sector_is_refused(run, checklist_dir, tmp_path):
    path = tmp_path / "clinic.xlsx"
    assert run("checklists", "export", "clinic", str(path))[0] == 0
    code, _, err = run("checklists", "import", str(path), "--yes")
    assert code == 1 and 'its id "clinic" or sector "clinic" is already used' in err


def test_export_writes_the_sheet(run, checklist_dir, tmp_path):
    path = tmp_path / "fw.xlsx"
    code, out, err = run("checklists", "export", "fireworks_retail", str(path))
    assert code == 0 and err == ""
    assert out.strip() == f"checklist fireworks_retail exported " \
        f"({len(checklists.find('fireworks_retail').items)} items): {path}"
    assert read(path).data == checklists.find("fireworks_retail").content
