"""Documents of hostile lengths (issue #13): a 5,000-character note, a 2,000-character
name, a 300-character token with no space print whole in the report, the notice and
the ledger, across as many pages as they need; the report is signed and verifies."""

import re
import subprocess

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from inspector.cli import main
from inspector.fonts import cjk_fonts
from inspector.reports import (
    ledger_rows,
    render_inspection_report,
    render_ledger_pdf,
    render_rectification_notice,
)
from inspector.reports.layout import elide

from .helpers.hostile_text import LONG_NAME, LONG_NOTE, TOKEN, hostile_store
from .helpers.pdftools import page_count, pdf_text, poppler
from .helpers.stores import SECRET


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    store, inspection = hostile_store(tmp_path_factory.mktemp("hostile"))
    yield store, inspection
    store.close()


def flat(pdf: bytes, tmp_path) -> str:
    """The text without line breaks: cells wrap long texts over many lines."""
    return re.sub(r"\s+", "", pdf_text(pdf, tmp_path))


def assert_whole(text: str, *long: str) -> None:
    """Each long text is there from its first characters to its last."""
    for value in long:
        assert value[:8] in text and value[-6:] in text


def test_report_prints_every_long_text(hostile, tmp_path):
    store, inspection = hostile
    pdf = render_inspection_report(store, inspection, qr_text="INSP1.example.payload")
    assert page_count(pdf, tmp_path) > 10
    text = flat(pdf, tmp_path)
    assert_whole(text, LONG_NOTE, LONG_NAME, TOKEN)
    # the note in the findings, the rectifications and the photo caption
    assert text.count(LONG_NOTE[-6:]) >= 3


def test_notice_prints_every_long_text(hostile, tmp_path):
    store, inspection = hostile
    pdf = render_rectification_notice(store, inspection)
    assert page_count(pdf, tmp_path) > 5
    assert_whole(flat(pdf, tmp_path), LONG_NOTE, LONG_NAME, TOKEN)


def test_ledger_pdf_prints_every_long_text(hostile, tmp_path):
    from inspector.ledger_query import LedgerFilter, items

    store, _ = hostile
    pdf = render_ledger_pdf(ledger_rows(items(store, LedgerFilter())))
    assert page_count(pdf, tmp_path) > 5
    assert_whole(flat(pdf, tmp_path), LONG_NOTE, LONG_NAME)
    assert TOKEN[:4] in flat(pdf, tmp_path)  # the person responsible: 11 mm wide


def test_ledger_command_writes_the_pdf(hostile, tmp_path, capsys):
    store, _ = hostile
    target = tmp_path / "ledger.pdf"
    assert main(["--db", str(store.path), "ledger", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF-")
    assert "Pages:" in poppler("pdfinfo", str(target))


def test_signed_report_with_long_texts_verifies(hostile, tmp_path, capsys, monkeypatch):
    store, inspection = hostile
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    pdf = tmp_path / "report.pdf"
    assert main(["--db", str(store.path), "report", inspection, "-o", str(pdf)]) == 0
    signature = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in signature and "Total document signed" in signature
    capsys.readouterr()
    assert main(["--db", str(store.path), "verify", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "covering the whole file" in out and "matches this store's records" in out
    assert_whole(flat(pdf.read_bytes(), tmp_path), LONG_NOTE, LONG_NAME, TOKEN)


def test_qr_of_a_long_name_is_short_and_scans(hostile, tmp_path, capsys, monkeypatch):
    """The code carries the name cut to 40 characters; its content hash vouches for
    the whole name, so the scanned code still matches the store's records."""
    import zxingcpp
    from PIL import Image

    from inspector.signing import NAME_CHARS, issue_report

    store, inspection = hostile
    issued = issue_report(store, inspection, tmp_path / "r.pdf", secret=SECRET)
    assert len(issued.qr_text) < 1000
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1",
                    str(tmp_path / "r.pdf"), str(tmp_path / "page")], check=True)
    (page,) = tmp_path.glob("page*.png")
    (code,) = zxingcpp.read_barcodes(Image.open(page))
    assert code.text == issued.qr_text
    capsys.readouterr()
    assert main(["--db", str(store.path), "verify", "--qr", code.text]) == 0
    out = capsys.readouterr().out
    assert LONG_NAME[:NAME_CHARS - 1] + "…" in out and LONG_NAME[NAME_CHARS:] not in out
    assert "matches this store's records" in out


def test_footer_cuts_a_long_name_to_its_room():
    font = cjk_fonts().regular
    assert elide("短名称", font, 7, 200) == "短名称"
    cut = elide(LONG_NAME, font, 7, 200)
    assert cut.endswith("…") and LONG_NAME.startswith(cut[:-1])
    assert stringWidth(cut, font, 7) <= 200  # and one character more would not fit:
    assert stringWidth(LONG_NAME[:len(cut)] + "…", font, 7) > 200
