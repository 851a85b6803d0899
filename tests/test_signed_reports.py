"""Issuing signed reports from the command line, and checking them as a doubter would."""

import json
import subprocess

import pytest

from inspector import inspections, reports
from inspector.cli import main
from inspector.digest import digest
from inspector.store import Store
from inspector.subjects import update_subject


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signed")
    db = folder / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INSPECTOR_PASSPHRASE", "demo passphrase")
        patch.setenv("INSPECTOR_LANG", "en")
        assert main(["--db", str(db), "demo", "--out", str(folder / "out")]) == 0
    return db


@pytest.fixture
def cli(demo, capsys, monkeypatch):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "demo passphrase")

    def run(*args, db=demo):
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return run


def pick(cli, **want) -> str:
    rows = json.loads(cli("inspections", "list", "--json")[1])
    if want.get("status") == "completed":  # or already signed by an earlier test or the demo
        want["status"] = ("completed", "signed")
    return next(r["id"] for r in rows if all(
        r[k] in v if isinstance(v, tuple) else r[k] == v for k, v in want.items()))


def test_report_is_signed_verified_and_freezes_the_record(cli, tmp_path, demo):
    inspection = pick(cli, kind="inspection", status="completed", sector="clinic")
    pdf = tmp_path / "report.pdf"
    code, out, _ = cli("report", inspection, "-o", str(pdf))
    assert code == 0 and "signed" in out
    signature = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in signature and "Total document signed" in signature
    code, out, _ = cli("verify", str(pdf))
    assert code == 0
    assert "covering the whole file" in out and "matches this store's records" in out
    with Store(demo) as store:
        assert inspections.get(store, inspection)["status"] == "signed"
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                              text=True).stdout
        assert inspections.get(store, inspection)["subject_snapshot"]["name"] in text


def test_report_vouches_for_the_day_not_later_edits(cli, tmp_path, demo):
    inspection = pick(cli, kind="inspection", status="completed", sector="telecom_vas")
    pdf = tmp_path / "report.pdf"
    assert cli("report", inspection, "-o", str(pdf))[0] == 0
    with Store(demo) as store:
        code = inspections.get(store, inspection)["subject_snapshot"]["uscc"]
        update_subject(store, code, address="搬迁后的新地址")
    code, out, _ = cli("verify", str(pdf))
    assert code == 0 and "matches this store's records" in out


def test_changed_record_is_reported(cli, tmp_path, demo):
    inspection = pick(cli, kind="inspection", status="completed", sector="fireworks_retail")
    pdf = tmp_path / "report.pdf"
    assert cli("report", inspection, "-o", str(pdf))[0] == 0
    with Store(demo) as store:  # someone rewrites the record behind the services' back
        store.conn.execute("DROP TRIGGER answers_signed_update")
        store.conn.execute("UPDATE answers SET note = '改过' WHERE inspection_id = ?",
                           (inspection,))
        store.conn.commit()
    code, _, err = cli("verify", str(pdf))
    assert code == 1 and "differs from this store's records" in err


def test_qr_text_from_a_report_verifies_offline(cli, tmp_path, demo):
    inspection = pick(cli, kind="inspection", status="completed", sector="ride_hailing")
    pdf = tmp_path / "r.pdf"
    assert cli("report", inspection, "-o", str(pdf))[0] == 0
    from inspector import pdfsign

    with Store(demo) as store:
        qr = pdfsign.verify(pdf.read_bytes(), store, str(pdf)).qr_text
    code, out, _ = cli("verify", "--qr", qr)
    assert code == 0 and inspection in out
    code, _, err = cli("verify", "--qr", qr.replace(".", "!", 1))
    assert code == 1 and err


def test_wrong_passphrase_writes_nothing(cli, tmp_path, monkeypatch):
    inspection = pick(cli, kind="inspection", status="completed", sector="clinic")
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "not it at all")
    pdf = tmp_path / "r.pdf"
    code, _, err = cli("report", inspection, "-o", str(pdf))
    assert code == 1 and "wrong passphrase" in err
    assert not pdf.exists()


def test_draft_report_is_marked_and_stays_open(cli, tmp_path, demo):
    inspection = pick(cli, kind="inspection", status="draft")
    pdf = tmp_path / "draft.pdf"
    code, out, _ = cli("report", inspection, "-o", str(pdf))
    assert code == 0 and "marked draft" in out
    with Store(demo) as store:
        assert inspections.get(store, inspection)["status"] == "draft"


def test_unwritable_output(cli, tmp_path):
    inspection = pick(cli, kind="inspection", status="completed", sector="clinic")
    code, _, err = cli("report", inspection, "-o", str(tmp_path / "missing" / "r.pdf"))
    assert code == 1 and "missing" in err and err.count("\n") == 1


def test_notice_and_ledgers(cli, tmp_path, demo):
    inspection = pick(cli, kind="inspection", status="completed", sector="clinic")
    assert cli("notice", inspection, "-o", str(tmp_path / "n.pdf"))[0] == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "n.pdf"), "-"], capture_output=True,
                          text=True).stdout
    with Store(demo) as store:
        name = inspections.get(store, inspection)["subject_snapshot"]["name"]
    assert "Rectification notice" in text and name in text
    for suffix in ("xlsx", "csv", "pdf"):
        code, _, _ = cli("ledger", "-o", str(tmp_path / f"l.{suffix}"), "--sector", "clinic")
        assert code == 0 and (tmp_path / f"l.{suffix}").stat().st_size > 0
    rows = (tmp_path / "l.csv").read_text("utf-8-sig").splitlines()
    assert rows[0].startswith("序号,被检查单位,统一社会信用代码")
    assert all("医疗机构" in row for row in rows[1:])
    assert cli("ledger", "-o", str(tmp_path / "l.txt"))[0] == 1


def test_content_hash_is_stable(demo):
    with Store(demo) as store:
        done = [r for r in inspections.list_inspections(store) if r["status"] != "draft"]
        first = digest(reports.report_content(store, done[0]["id"]))
        assert first == digest(reports.report_content(store, done[0]["id"]))


def test_qr_printed_on_the_report_decodes_and_verifies(cli, tmp_path, demo):
    """Read the QR code off the rendered first page, as a phone would, and verify it."""
    import zxingcpp
    from PIL import Image

    inspection = pick(cli, kind="inspection", status="completed", sector="clinic")
    pdf = tmp_path / "r.pdf"
    assert cli("report", inspection, "-o", str(pdf))[0] == 0
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    (page,) = tmp_path.glob("page*.png")
    (code,) = zxingcpp.read_barcodes(Image.open(page))
    assert code.format == zxingcpp.BarcodeFormat.QRCode
    text = code.text
    status, out, _ = cli("verify", "--qr", text)
    assert status == 0 and inspection in out and "matches this store's records" in out
    mutated = text[:-5] + ("A" if text[-5] != "A" else "B") + text[-4:]
    assert cli("verify", "--qr", mutated)[0] == 1


def test_report_is_signed_on_a_machine_with_a_posix_tz(cli, tmp_path, demo):
    """TZ=CST-8 is a usual way to set China time on Linux; the PDF library's clock
    lookup refused it and signing failed with a traceback."""
    import os
    import sys

    inspection = pick(cli, kind="inspection", status="completed", sector="fireworks_retail")
    pdf = tmp_path / "report.pdf"
    env = {**os.environ, "TZ": "CST-8", "INSPECTOR_PASSPHRASE": "demo passphrase"}
    run = subprocess.run([sys.executable, "-m", "inspector", "--db", str(demo), "report",
                          inspection, "-o", str(pdf)], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    signature = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in signature


# --- signed must mean authorized: who signed, and whether they may issue it ----------


def company_store(demo) -> Store:
    """A company the demo inspector trusts (the demo introduced everyone)."""
    return Store(sorted((demo.parent / "out").glob("company-*.db"))[0])


def forge(demo, inspection: str, qr_text: str | None, path) -> bytes:
    """The attack: the report re-rendered with page 1 overprinted, carrying the
    inspector's genuine QR statement (or none), signed with the company's own key."""
    import io

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.stamp import TextStamp, TextStampStyle

    from inspector import identity, pdfsign
    from inspector.reports import render_inspection_report

    with Store(demo) as store:
        pdf = render_inspection_report(store, inspection, qr_text=qr_text, lang="en")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    TextStamp(writer, TextStampStyle(stamp_text="ALL COMPLIANT")).apply(0, 150, 420)
    out = io.BytesIO()
    writer.write(out)
    with company_store(demo) as company:
        me, key = identity.signing_key(company, "demo passphrase")
        forged = pdfsign.sign(out.getvalue(), me, key, reason="report", qr_text=qr_text)
    path.write_bytes(forged)
    return forged


def genuine_qr(cli, tmp_path, demo, sector: str) -> tuple[str, str]:
    from inspector import pdfsign

    inspection = pick(cli, kind="inspection", status="completed", sector=sector)
    pdf = tmp_path / "genuine.pdf"
    assert cli("report", inspection, "-o", str(pdf))[0] == 0
    with Store(demo) as store:
        return inspection, pdfsign.verify(pdf.read_bytes(), store, str(pdf)).qr_text


def test_report_re_signed_around_the_inspectors_statement_is_refused(cli, tmp_path, demo):
    from inspector import pdfsign

    inspection, qr = genuine_qr(cli, tmp_path, demo, "clinic")
    path = tmp_path / "forged.pdf"
    forged = forge(demo, inspection, qr, path)
    assert "ALL COMPLIANT" in subprocess.run(["pdftotext", str(path), "-"],
                                             capture_output=True, text=True).stdout
    with Store(demo) as store:  # the signature alone is fine: a trusted company signed it
        assert pdfsign.verify(forged, store, str(path)).signer.role == "company"
    code, out, err = cli("verify", str(path))
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"{path}: ") and "not by the QR statement's issuer" in err
    assert "matches" not in out


def test_company_signed_pdf_without_statement_is_refused(cli, tmp_path, demo):
    inspection = pick(cli, kind="inspection", status="completed", sector="clinic")
    path = tmp_path / "no-qr.pdf"
    forge(demo, inspection, None, path)
    code, _, err = cli("verify", str(path))
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"{path}: ") and "carries no signed QR statement" in err


def test_company_statement_about_an_inspection_is_refused(cli, tmp_path, demo):
    """The company signs both the PDF and a QR statement of its own about the inspector's
    inspection: signer and issuer agree, but a company may not issue that report."""
    from inspector import attest, identity
    from inspector.signing import statement

    inspection = pick(cli, kind="inspection", status="completed", sector="clinic")
    with Store(demo) as store:
        facts = statement(reports.report_content(store, inspection))
    with company_store(demo) as company:
        qr = attest.make(facts, *identity.signing_key(company, "demo passphrase"))
    path = tmp_path / "company.pdf"
    forge(demo, inspection, qr, path)
    code, _, err = cli("verify", str(path))
    assert code == 1 and err.startswith(f"{path}: ")
    assert "may not issue this inspection report" in err
    code, _, err = cli("verify", "--qr", qr)  # the statement alone: refused too
    assert code == 1 and err.count("\n") == 1 and "may not issue this inspection report" in err


def test_only_who_may_issue_a_report_can_sign_it(demo, tmp_path):
    from inspector.errors import ValidationError
    from inspector.signing import issue_report

    with company_store(demo) as company:  # it holds its own subject's inspection
        held = [r for r in inspections.list_inspections(company) if r["kind"] == "inspection"]
        assert held
        target = tmp_path / "r.pdf"
        with pytest.raises(ValidationError, match="may not issue this inspection report"):
            issue_report(company, held[0]["id"], target, secret="demo passphrase")
    assert not target.exists()


def test_may_issue_rule():
    from inspector.authorization import may_issue
    from inspector.identity import Identity

    def person(role, name="张伟", id_="me"):
        return Identity(id_, name, role, None, None, True)

    visit = {"kind": "inspection", "created_by": "someone", "inspectors": ["张伟", "李娜"]}
    assert may_issue(person("inspector"), visit)  # named on it
    assert may_issue(person("inspector", "王芳"), {**visit, "created_by": "me"})  # created it
    assert not may_issue(person("inspector", "王芳"), visit)
    assert not may_issue(person("company", "张伟", "someone"), visit)
    assert not may_issue(person("supervisor"), visit)
    check = {"kind": "self_check", "created_by": "co", "inspectors": []}
    assert may_issue(person("company", "讯达", "co"), check)
    assert not may_issue(person("company", "讯达", "other"), check)
    assert not may_issue(person("inspector", "张伟", "co"), check)
    # not held: only the statement's kind is known, and with it the role
    assert may_issue(person("inspector"), {"kind": "inspection"})
    assert not may_issue(person("company"), {"kind": "inspection"})
