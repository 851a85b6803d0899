"""The on-site record's details from the command line, and the party's request for an
officer's withdrawal (回避): recorded yes/no with what it asked, printed on the record,
which states the officers showed credentials and told the party of that right."""

import pytest

from inspector import inspections, onsite
from inspector.cli import main
from inspector.errors import ValidationError
from inspector.reports import render_inspection_report, report_content
from inspector.store import Store

from .conftest import VALID_CODE
from .helpers.pdftools import pdf_text


def test_withdrawal_is_recorded_and_printed(store, subject, mini, tmp_path):
    started = inspections.start(store, subject=VALID_CODE, checklist=mini,
                                inspectors=["张伟", "李娜"])
    text = pdf_text(render_inspection_report(store, started), tmp_path).replace("\n", "")
    assert "出示执法证件" in text and "申请回避" in text
    assert "当事人是否申请回避：□ 否" in text  # not recorded: boxes to tick by hand
    assert "withdrawal" not in report_content(store, started)["inspection"]
    onsite.set_details(store, started, withdrawal=False)
    text = pdf_text(render_inspection_report(store, started), tmp_path).replace("\n", "")
    assert "当事人是否申请回避：否。" in text
    onsite.set_details(store, started, withdrawal=True, withdrawal_request="申请李娜回避，系亲属")
    assert onsite.details(inspections.get(store, started))["withdrawal"] == {
        "asked": True, "request": "申请李娜回避，系亲属"}
    text = pdf_text(render_inspection_report(store, started), tmp_path).replace("\n", "")
    assert "当事人是否申请回避：是。申请内容：申请李娜回避，系亲属" in text


def test_a_request_needs_a_yes(store, subject, mini):
    started = inspections.start(store, subject=VALID_CODE, checklist=mini,
                                inspectors=["张伟", "李娜"])
    with pytest.raises(ValidationError, match="only when the party asked"):
        onsite.set_details(store, started, withdrawal=False, withdrawal_request="某某回避")


def test_cli_sets_the_statement_recorder_and_withdrawal(db_path, store, subject, mini, capsys):
    started = inspections.start(store, subject=VALID_CODE, checklist=mini,
                                inspectors=["张伟", "李娜"], badges={"张伟": "33010012345"})
    store.close()
    db = str(db_path)
    assert main(["--lang", "en", "--db", db, "inspections", "record", started,
                 "--statement", "对记录无异议", "--recorder", "李娜"]) == 0
    assert main(["--db", db, "inspections", "record", started, "--withdrawal", "yes",
                 "--withdrawal-request", "申请张伟回避"]) == 0
    assert main(["--db", db, "inspections", "record", started, "--recorder", "王五"]) == 1
    assert "recorder" in capsys.readouterr().err
    with Store(db_path) as reopened:
        details = onsite.details(inspections.get(reopened, started))
    assert details["statement"] == "对记录无异议" and details["recorder"] == "李娜"
    assert details["badges"] == {"张伟": "33010012345"}  # what was not given stays
    assert details["withdrawal"] == {"asked": True, "request": "申请张伟回避"}
    assert main(["--db", db, "inspections", "record", started, "--withdrawal", "no",
                 "--refused"]) == 0
    with Store(db_path) as reopened:
        details = onsite.details(inspections.get(reopened, started))
    assert details["withdrawal"] == {"asked": False, "request": None} and details["refused"]
