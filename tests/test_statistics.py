"""The monthly report (统计报表): figures on known data, Beijing period boundaries,
corrections counted once, figures entered by hand (and who may enter them), the
template mapping, the PDF's cover block, and the same report at the county and,
after import, at the city."""

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from reportlab.lib.units import mm

from inspector import corrections, ids, inspections, ledger_query, sync
from inspector.authorization import Unauthorized
from inspector.cli import main
from inspector.errors import InspectorError, ValidationError
from inspector.i18n import t
from inspector.statistics import figures, mapping, pdf, spreadsheet
from inspector.statistics.compute import Cover, ItemRow, Scope, report
from inspector.statistics.manual import enter_case, enter_figure
from inspector.statistics.periods import parse
from inspector.store import Store

from .helpers.pdftools import page_count, pdf_text
from .helpers.stores import VALID_CODE, export
from .test_authorization import World

TODAY = ids.today()
MONTH = TODAY[:7]
STAMP = "2026-01-01T00:00:00Z"


@pytest.fixture
def world(tmp_path, checklist_dir):
    made = World(tmp_path)
    yield made
    made.close()


def scope(period: str = MONTH, store=None, **given) -> Scope:
    return Scope(parse(period, store), today=TODAY, **given)


def figures_of(store, **given) -> dict:
    result = report(store, scope(**given))
    return {"rows": {r.sector: r.values for r in result.rows}, "total": result.total.values,
            "items": [(i.sector, i.item_id, i.problems, i.by_severity) for i in result.items],
            "cases": result.cases}


# --- the figures ----------------------------------------------------------------------


def test_figures_count_what_the_ledger_shows(world):
    """Two completed on-site inspections (the draft does not count), each with its
    findings; one item closed; the counts match the ledger's items one by one."""
    items = ledger_query.items(world.inspector, ledger_query.LedgerFilter(today=TODAY))
    total = report(world.inspector, scope()).total
    assert total["subjects_checked"] == 2 and total["officers"] == 4
    assert total["self_checks"] == 0
    assert total["problems"] == total["ordered"] == len(items) > 1
    for severity in figures.SEVERITIES:
        assert total[f"problems_{severity}"] == sum(i["severity"] == severity for i in items)
    assert total["completed"] == 1 == sum(i["status"] == "closed" for i in items)
    assert total["rate"] == pytest.approx(1 / len(items))
    assert total["overdue"] == sum(bool(i["overdue"]) for i in items) == 0
    assert [r.sector for r in report(world.inspector, scope()).rows] == ["mini"]


def test_overdue_is_as_of_the_reports_day(world):
    later = Scope(parse(MONTH), today="2099-01-01")
    total = report(world.inspector, later).total
    assert total["overdue"] == total["problems"] - total["completed"] > 0


def test_problems_by_check_item_add_up(world):
    result = report(world.inspector, scope())
    assert sum(i.problems for i in result.items) == result.total["problems"]
    assert {i.item_id for i in result.items} == {"m-01", "m-05"}
    assert all(i.problems == 2 for i in result.items)  # both inspections found both


def test_area_and_unit_narrow_the_figures(world):
    unit = world.inspector.conn.execute("SELECT authority FROM inspections").fetchone()[0]
    assert figures_of(world.inspector, unit=unit)["total"] == figures_of(world.inspector)["total"]
    assert figures_of(world.inspector, unit="别的局")["total"]["problems"] == 0
    assert figures_of(world.inspector, area="不存在的区")["total"]["subjects_checked"] == 0


def test_a_corrected_record_is_counted_once(world):
    before = figures_of(world.inspector)["total"]
    correction = corrections.start(world.inspector, world.signed, "面积误记")
    inspections.complete(world.inspector, correction)
    after = figures_of(world.inspector)["total"]
    assert after["subjects_checked"] == before["subjects_checked"]
    assert after["problems"] == before["problems"]
    counted = ledger_query.count(world.inspector, ledger_query.LedgerFilter())
    assert after["problems"] == counted


def test_credit_figures_count_the_listings_proposed_in_the_period(world):
    from inspector.credit import service as credit

    before = report(world.inspector, scope())
    assert before.pending == () and before.total["listings_proposed"] in (0, None)
    credit.enter_penalty(world.inspector, VALID_CODE, decision_no="某市监罚〔2026〕1号",
                         decided_on=TODAY, heavier=True)
    assert credit.propose(world.inspector, today=TODAY)  # a heavier penalty: 严重违法失信
    total = report(world.inspector, scope()).total
    assert total["listings_proposed"] == 1
    assert total["listings_decided"] in (0, None) and total["repairs"] in (0, None)
    assert report(world.inspector, scope(area="不存在的区")).total["listings_proposed"] in (0, None)
    with pytest.raises(ValueError):
        figures.register_provider("problems", lambda store, scope: {})


# --- periods --------------------------------------------------------------------------


def bare_store(path: Path) -> Store:
    """Records straight into the schema: inspections and items at chosen moments."""
    store = Store(path)
    with store.transaction():
        store.conn.execute(
            "INSERT INTO checklist_versions (hash, checklist_id, version, sector, title, "
            "content, pinned_at) VALUES ('h', 'clinic', '1', 'clinic', 't', '{}', ?)", (STAMP,))
        store.conn.execute(
            "INSERT INTO subjects (id, name, uscc, sector, address, rev, rev_at, created_at, "
            "updated_at, device_id) VALUES ('s', '某诊所', '91330000000000000X', 'clinic', "
            "'浙江省杭州市西湖区', 'r', ?, ?, ?, 'd')", (STAMP, STAMP, STAMP))
        for n, started in enumerate(("2026-10-31T15:59:59.999Z", "2026-10-31T16:00:00.000Z",
                                     "2026-11-30T15:59:59.999Z", "2026-11-30T16:00:00.000Z")):
            store.conn.execute(
                "INSERT INTO inspections (id, kind, subject_id, checklist_hash, checklist_id, "
                "checklist_version, sector, status, inspectors, started_at, created_at, "
                "updated_at, device_id) VALUES (?, 'inspection', 's', 'h', 'clinic', '1', "
                "'clinic', 'completed', '[\"甲\", \"乙\", \"丙\"]', ?, ?, ?, 'd')",
                (f"i{n}", started, STAMP, STAMP))
        for n, found in enumerate(("2026-10-31", "2026-11-01", "2026-11-30", "2026-12-01")):
            store.conn.execute(
                "INSERT INTO rectifications (id, inspection_id, subject_id, item_id, sector, "
                "problem, basis, requirement, severity, found_on, deadline, created_at, "
                "updated_at, device_id, status, current_deadline) VALUES (?, ?, 's', 'cli-06', "
                "'clinic', 'p', 'b', 'r', 'minor', ?, '2026-12-10', ?, ?, 'd', 'open', "
                "'2026-12-10')", (f"r{n}", f"i{n}", found, STAMP, STAMP))
    return store


def test_a_month_is_a_beijing_month(tmp_path):
    with bare_store(tmp_path / "s.db") as store:
        november = report(store, Scope(parse("2026-11"), today="2026-12-15")).total
        # started 00:00 on 1 November and 23:59:59.999 on 30 November, Beijing time
        assert november["subjects_checked"] == 2 and november["officers"] == 6
        assert november["problems"] == 2 and november["overdue"] == 2
        october = report(store, Scope(parse("2026-10"), today="2026-12-15")).total
        assert october["subjects_checked"] == 1 and october["problems"] == 1
        quarter = report(store, Scope(parse("2026-Q4"), today="2026-12-15")).total
        assert quarter["subjects_checked"] == 4 and quarter["problems"] == 4
        area = report(store, Scope(parse("2026-Q4"), area="西湖区")).total
        assert area["subjects_checked"] == 4


def test_periods_are_read_strictly():
    assert parse("2026-02").last_day == "2026-02-28"
    assert parse("2026-12").last_day == "2026-12-31"
    assert parse("2026-q1").months == ("2026-01", "2026-02", "2026-03")
    assert parse("2026-11").utc_bounds() == ("2026-10-31T16:00:00.000Z",
                                             "2026-11-30T16:00:00.000Z")
    for bad in ("2026-13", "2026-Q5", "11/2026", "", "campaign:none"):
        with pytest.raises(ValidationError, match="2026-11"):
            parse(bad)


def test_a_campaign_period_is_its_dates(tmp_path):
    with bare_store(tmp_path / "s.db") as store:
        with store.transaction():
            store.conn.execute(
                "INSERT INTO campaigns (id, name, authority, starts_on, ends_on, created_at, "
                "device_id) VALUES ('c1', '专项', '局', '2026-11-01', '2026-11-30', ?, 'd')",
                (STAMP,))
        assert parse("campaign:c1", store).first_day == "2026-11-01"
        total = report(store, Scope(parse("campaign:c1", store), today="2026-12-15")).total
        assert total["subjects_checked"] == 2


# --- figures entered by hand ----------------------------------------------------------


def test_figures_entered_by_hand_count_and_a_new_entry_replaces_the_old(world):
    enter_figure(world.inspector, MONTH, "fines", 5000, sector="mini")
    enter_figure(world.inspector, MONTH, "fines", 7500.5, sector="mini")
    enter_figure(world.inspector, MONTH, "cases_transferred", 2)
    enter_case(world.inspector, MONTH, "某店无证经营", "责令停业整改，移送立案。")
    result = report(world.inspector, scope())
    assert result.total["fines"] == 7500.5 and result.total["cases_transferred"] == 2
    assert [c["title"] for c in result.cases] == ["某店无证经营"]
    quarter = f"{MONTH[:4]}-Q{(int(MONTH[5:]) + 2) // 3}"
    assert report(world.inspector, scope(quarter)).total["fines"] == 7500.5  # months add up
    with pytest.raises(ValidationError):
        enter_figure(world.inspector, MONTH, "problems", 3)  # counted, not entered
    with pytest.raises(ValidationError):
        enter_figure(world.inspector, MONTH, "cases_transferred", 1.5)


def test_a_store_rebuilt_from_its_log_holds_the_same_figures(world, tmp_path):
    from inspector.rebuild import rebuild

    enter_figure(world.inspector, MONTH, "fines", 100)
    enter_figure(world.inspector, MONTH, "fines", 250)  # the later entry holds
    enter_case(world.inspector, MONTH, "案例", "经过")
    with Store(rebuild(world.inspector, tmp_path / "rebuilt.db")) as copy:
        for table in ("manual_figures", "typical_cases"):
            sql = f"SELECT * FROM {table} ORDER BY id"
            assert copy.conn.execute(sql).fetchall() == \
                world.inspector.conn.execute(sql).fetchall()
        assert figures_of(copy) == figures_of(world.inspector)


def test_a_company_may_not_enter_figures(world):
    for write in (lambda: enter_figure(world.company, MONTH, "fines", 1),
                  lambda: enter_case(world.company, MONTH, "标题", "正文", unit="某公司")):
        with pytest.raises(Unauthorized):
            write()
    assert world.company.conn.execute("SELECT COUNT(*) FROM manual_figures").fetchone()[0] == 0
    enter_figure(world.supervisor, MONTH, "fines", 1)  # a supervisor may


def test_a_companys_forged_figure_is_refused_on_import(world):
    path = world.company_sends(("manual_figure", ids.uuid7(), "create", {
        "period": MONTH, "unit": "某公司", "area": "", "sector": "", "figure": "fines",
        "value": 1}))
    world.refused(path, "manual_figure")


def test_a_figure_is_filed_for_the_authors_own_unit_only(world):
    own = world.inspector.conn.execute("SELECT org FROM identities").fetchone()[0]
    for write in (lambda: enter_figure(world.inspector, MONTH, "fines", 1, unit="别的局"),
                  lambda: enter_case(world.inspector, MONTH, "标题", "正文", unit="别的局")):
        with pytest.raises(Unauthorized, match=r"manual_figure|typical_case"):
            write()
    assert enter_figure(world.inspector, MONTH, "fines", 1)["unit"] == own  # its own
    assert world.inspector.conn.execute("SELECT unit FROM manual_figures").fetchall() == [
        (own,)]


def test_a_bureau_files_for_the_unit_of_an_inspector_it_certified(world, tmp_path):
    from inspector import identity, trust_chain

    from .helpers.stores import FAST, SECRET

    with Store(tmp_path / "district.db") as district:
        identity.init_identity(district, name="王芳", role="inspector", org="某区市场监督管理局",
                               secret=SECRET, kdf=FAST)
        with pytest.raises(Unauthorized):
            enter_figure(world.supervisor, MONTH, "fines", 5, unit="某区市场监督管理局")
        trust_chain.vouch(world.supervisor, identity.export_public(district), "-",
                          secret=SECRET, expected=identity.own_identity(district).fingerprint)
    assert enter_figure(world.supervisor, MONTH, "fines", 5,
                        unit="某区市场监督管理局")["value"] == 5
    with pytest.raises(Unauthorized):  # an inspector certifies nobody's unit
        enter_figure(world.inspector, MONTH, "fines", 5, unit="某区市场监督管理局")


def test_a_figure_for_another_unit_is_refused_on_import(world, tmp_path):
    """A modified client files a fine for another bureau: the receiver refuses the
    bundle, naming the record, and holds nothing of it."""
    from inspector import sync

    from .helpers.forge import append
    from .helpers.stores import dump_hash

    append(world.supervisor, "manual_figure", "f-other", "create", {
        "period": MONTH, "unit": "别的局", "area": "", "sector": "", "figure": "fines",
        "value": 99999})
    before = dump_hash(world.inspector)
    with pytest.raises(sync.BundleError) as refused:
        sync.import_bundle(world.inspector, export(world.supervisor, tmp_path / "s.zip"))
    for words in ("s.zip", "manual_figure f-other"):
        assert words in str(refused.value)
    assert dump_hash(world.inspector) == before


# --- county and city ------------------------------------------------------------------


def test_the_city_after_import_reports_what_the_county_reports(world, tmp_path):
    enter_figure(world.inspector, MONTH, "fines", 3000, sector="mini")
    enter_case(world.inspector, MONTH, "典型案例一", "现场检查发现问题并立案。")
    unit = world.inspector.conn.execute("SELECT org FROM identities").fetchone()[0]
    sync.import_bundle(world.supervisor, export(world.inspector, tmp_path / "county.zip"))
    for given in ({}, {"unit": unit}):
        assert figures_of(world.supervisor, **given) == figures_of(world.inspector, **given)
    assert figures_of(world.supervisor)["total"]["fines"] == 3000


# --- exports --------------------------------------------------------------------------


def test_the_default_xlsx_follows_the_shipped_mapping(world, tmp_path):
    result = report(world.inspector, scope(), "合计")
    spreadsheet.write_default(result, Cover(unit="某县局"), tmp_path / "r.xlsx")
    layout = mapping.load()
    sheet = load_workbook(tmp_path / "r.xlsx")[layout.sheet]
    columns = {f: c for c, f in layout.rows.columns.items()}
    first, total_row = layout.rows.first_row, layout.rows.first_row + len(result.rows)
    assert sheet[f"{columns['sector']}{first}"].value == result.rows[0].name
    assert sheet[f"{columns['problems']}{total_row}"].value == result.total["problems"]
    assert sheet[f"{columns['rate']}{total_row}"].number_format == "0.0%"
    assert sheet[f"{columns['repairs']}{total_row}"].value in (0, None)
    assert sheet[f"{columns['problems']}{first - 1}"].value == t("stats.figure.problems")
    # the shipped template filled through the shipped mapping holds the same figures
    shipped = mapping.default_path().parent
    spreadsheet.fill_template(result, Cover(unit="某县局"), shipped / "default_template.xlsx",
                              mapping.default_path(), tmp_path / "t.xlsx")
    filled = load_workbook(tmp_path / "t.xlsx")[layout.sheet]
    for row in range(first, total_row + 1):
        for column in layout.rows.columns:
            assert filled[f"{column}{row}"].value == sheet[f"{column}{row}"].value


def test_a_users_template_is_filled_where_its_mapping_says(world, tmp_path):
    enter_figure(world.inspector, MONTH, "fines", 1234.5, sector="mini")
    enter_case(world.inspector, MONTH, "=HYPERLINK(\"x\")", "正文")
    book = Workbook()
    sheet = book.active
    sheet.title = "附件2"
    sheet["A1"] = "XX专项整治工作进展情况统计表"
    sheet["A3"], sheet["B3"], sheet["C3"] = "出动人次", "检查户次", "罚没款"
    book.create_sheet("案例")
    book.save(tmp_path / "notice.xlsx")
    (tmp_path / "notice.yaml").write_text(
        "sheet: 附件2\ncells:\n  D1: unit\n  F1: period\ntotals:\n  A4: officers\n"
        "  B4: subjects_checked\n  C4: fines\n  D4: rate\nrows:\n  first_row: 8\n  total: false\n"
        "  columns: {A: sector, B: problems, C: completed}\n"
        "cases:\n  sheet: 案例\n  first_row: 2\n  columns: {A: title, B: text}\n",
        encoding="utf-8")
    result = report(world.inspector, scope())
    spreadsheet.fill_template(result, Cover(unit="某某县局"), tmp_path / "notice.xlsx",
                              tmp_path / "notice.yaml", tmp_path / "out.xlsx")
    out = load_workbook(tmp_path / "out.xlsx")
    sheet = out["附件2"]
    assert sheet["A1"].value == "XX专项整治工作进展情况统计表"  # the template's own text kept
    assert sheet["D1"].value == "某某县局" and sheet["F1"].value.startswith(MONTH)
    assert (sheet["A4"].value, sheet["B4"].value, sheet["C4"].value) == (4, 2, 1234.5)
    assert sheet["D4"].number_format == "0.0%"
    first = result.rows[0]
    assert (sheet["A8"].value, sheet["B8"].value) == (first.name, first["problems"])
    assert sheet["A9"].value is None  # total: false
    case = out["案例"]["A2"]
    assert case.value == "=HYPERLINK(\"x\")" and case.data_type == "s"  # text, never a formula


def test_a_bad_mapping_is_refused_naming_the_file_and_the_place(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("rows:\n  first_row: 3\n  columns: {A: sector, B: problemz}\n", "utf-8")
    with pytest.raises(InspectorError, match=r"m\.yaml.*rows\.columns\.B.*problemz"):
        mapping.load(path)
    path.write_text("cells: {B2: unit}\ncells: {B3: unit}\n", "utf-8")
    with pytest.raises(InspectorError, match=r"m\.yaml"):
        mapping.load(path)


def test_the_pdf_has_the_cover_block_the_figures_and_the_cases(world, tmp_path):
    enter_case(world.inspector, MONTH, "某烟花店超量储存", "现场责令整改。")
    result = report(world.inspector, scope(), "合计")
    text = pdf_text(pdf.render(result, Cover(unit="某某县市场监督管理局", filer="王芳",
                                             phone="0572-8888888")), tmp_path)
    flat = "".join(text.split())
    labels = [t(k) for k in ("stats.filer", "stats.filed_by", "stats.phone", "stats.filed_on",
                             "stats.seal", "stats.cases")]
    for words in (*labels, "某某县市场监督管理局", "王芳", "0572-8888888", TODAY,
                  result.rows[0].name, "合计", "某烟花店超量储存", t("stats.figure.repairs")):
        assert "".join(words.split()) in flat, words


def with_items(world, n: int):
    """The world's report with `n` check items of long names and six-digit counts, and
    fines of 12,345,678.90 yuan."""
    result = report(world.inspector, scope(), "合计")
    sector = result.rows[0].sector
    result.items = [ItemRow(sector, f"x-{k:03d}", f"第{k:03d}号检查事项：经营者应当在经营场所"
                            "醒目位置公示营业执照、许可证件和投诉举报电话，并保存进货查验记录",
                            200000 + k, {"critical": 100000, "major": 100000 + k, "minor": 0,
                                         "info": 0}) for k in range(n)]
    result.rows[0].values["fines"] = result.total.values["fines"] = 12345678.90
    return result


def test_the_pdf_lists_every_check_item_over_as_many_pages_as_it_takes(world, tmp_path):
    cover = Cover(unit="某某县市场监督管理局")
    few, many = (pdf.render(with_items(world, n), cover) for n in (20, 200))
    assert page_count(few, tmp_path) < page_count(many, tmp_path)
    # the item column alone (right of the sector column), so a wrapped name reads whole
    column = (15 * mm + pdf.SECTOR + 2, 100 * mm)
    names = "".join(pdf_text(many, tmp_path, column=column).split())
    for k in range(200):
        assert f"第{k:03d}号检查事项：经营者应当在经营场所醒目位置公示营业执照" in names, k
    words = pdf_text(many, tmp_path).split()
    for k in range(200):
        assert str(200000 + k) in words and str(100000 + k) in words, k
    total = sum(200000 + k for k in range(200))
    assert str(total) in words  # the totals row
    last = page_count(many, tmp_path)
    for page in range(2, last):  # the item table continues with its header on every page
        assert t("stats.item") in pdf_text(many, tmp_path, first=page, last=page), page


def test_the_pdf_prints_the_fines_whole_on_one_line(world, tmp_path):
    lines = pdf_text(pdf.render(with_items(world, 200), Cover()), tmp_path).splitlines()
    assert sum("12,345,678.90" in line.split() for line in lines) == 2  # sector, total


# --- command line ---------------------------------------------------------------------


def test_the_cli_enters_figures_and_exports_both_formats(world, tmp_path, capsys):
    db = str(world.inspector.path)
    world.inspector.close()
    assert main(["--db", db, "stats", "enter", "--period", MONTH, "--figure",
                 "cases_transferred", "--value", "3"]) == 0
    assert main(["--db", db, "stats", "enter", "--period", MONTH, "--case", "案例",
                 "--text", "经过"]) == 0
    for name in ("r.xlsx", "r.pdf"):
        assert main(["--db", db, "stats", "report", "--period", MONTH, "-o",
                     str(tmp_path / name), "--filer", "王芳"]) == 0
        assert (tmp_path / name).stat().st_size > 1000
    assert main(["--db", db, "stats", "report", "--period", MONTH]) == 0
    shown = capsys.readouterr().out
    assert t("stats.figure.cases_transferred") in shown
    assert t("cli.stats_written", path=tmp_path / "r.pdf") in shown
    assert main(["--db", db, "stats", "report", "-o", str(tmp_path / "r.csv")]) == 1
    assert main(["--db", db, "stats", "report", "--period", "2026-13"]) == 1
    assert "2026-13" in capsys.readouterr().err
