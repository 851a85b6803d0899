"""The proof of service (送达回证, issue #14): signed on screen by the recipient, or
refused before a witness; recorded by an officer of the inspection, carried by
bundles, printed on the notice's receipt page."""

import io

import pytest
from PIL import Image

from inspector import ids, inspections, service, sync
from inspector.cli import main
from inspector.errors import ValidationError
from inspector.reports import render_rectification_notice

from .helpers import forge
from .helpers.pdftools import pdf_text, poppler
from .helpers.stores import SECRET, befriend, export, make_store
from .test_bundle import fill


def png(colour=(20, 30, 90, 255)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (160, 50), colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def team(tmp_path, checklist_dir):
    made = {"zhang": make_store(tmp_path / "zhang.db", "张伟", "inspector"),
            "bureau": make_store(tmp_path / "bureau.db", "陈静", "supervisor"),
            "company": make_store(tmp_path / "company.db", "讯达公司", "company")}
    befriend(*made.values())
    yield made
    for store in made.values():
        store.close()


def images_in(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "images.pdf"
    path.write_bytes(pdf)
    return len(poppler("pdfimages", "-list", str(path)).splitlines()) - 2


def test_a_signed_service_fills_the_receipt(team, tmp_path):
    zhang = team["zhang"]
    started = fill(zhang)
    blank = render_rectification_notice(zhang, started)
    service.record_service(zhang, started, recipient="沈福根", method=service.DIRECT,
                           served_on=ids.today(), signature_png=png())
    served = service.latest(zhang, started)
    assert served["recipient"] == "沈福根" and served["server"] == "张伟"
    assert not served["refused"] and served["recipient_sha256"]
    pdf = render_rectification_notice(zhang, started)
    text = pdf_text(pdf, tmp_path).replace("\n", "")
    assert "直接送达" in text and "沈福根" in text
    assert images_in(pdf, tmp_path) == images_in(blank, tmp_path) + 1  # the signature


def test_a_refusal_is_witnessed(team, tmp_path):
    zhang = team["zhang"]
    started = fill(zhang)
    with pytest.raises(ValidationError, match="witness"):
        service.record_service(zhang, started, recipient="沈福根", method=service.LODGED,
                               refused=True)
    service.record_service(zhang, started, recipient="沈福根", method=service.LODGED,
                           refused=True, reason="称负责人不在", witness="社区主任王五",
                           witness_png=png((90, 20, 20, 255)))
    served = service.latest(zhang, started)
    assert served["refused"] and served["recipient_sha256"] is None and served["witness_sha256"]
    text = pdf_text(render_rectification_notice(zhang, started), tmp_path).replace("\n", "")
    for expected in ("留置送达", "拒绝签收", "称负责人不在", "社区主任王五"):
        assert expected in text


@pytest.mark.parametrize(("given", "error"), [
    ({"recipient": " "}, "recipient"),
    ({"method": "pigeon"}, "manner of service"),
    ({"signature_png": None}, "have the recipient sign"),
    ({"signature_png": b"GIF89a"}, "PNG"),
    ({"served_on": "2000-01-01"}, "between the inspection"),
    ({"served_on": "tomorrow"}, "not a date"),
])
def test_what_a_service_needs(team, given, error):
    zhang = team["zhang"]
    started = fill(zhang)
    values = {"recipient": "沈福根", "method": service.DIRECT, "signature_png": png()} | given
    with pytest.raises(ValidationError, match=error):
        service.record_service(zhang, started, **values)
    assert service.latest(zhang, started) is None


def test_a_draft_has_no_notice_to_serve(team, mini):
    zhang = team["zhang"]
    fill(zhang)
    draft = inspections.start(zhang, subject="91110108MA01ABCD5T", checklist=mini,
                              inspectors=["张伟", "李娜"])
    with pytest.raises(ValidationError, match="not a finished inspection"):
        service.record_service(zhang, draft, recipient="沈福根", method=service.DIRECT,
                               signature_png=png())


def test_the_service_travels_and_a_forged_one_is_refused(team, tmp_path):
    zhang, office, company = team["zhang"], team["bureau"], team["company"]
    started = fill(zhang)
    service.record_service(zhang, started, recipient="沈福根", method=service.DIRECT,
                           signature_png=png())
    sync.import_bundle(office, export(zhang, tmp_path / "zhang.zip"))
    assert service.latest(office, started)["recipient"] == "沈福根"
    sync.import_bundle(company, export(zhang, tmp_path / "again.zip"))
    forged = {**{k: v for k, v in service.latest(zhang, started).items()
                 if k in ("inspection_id", "document", "number", "recipient", "method",
                          "served_on", "place", "server")},
              "recipient_sha256": None, "refused": True, "witness": "假见证人",
              "reason": None, "witness_sha256": None}
    forge.append(company, "service", ids.uuid7(), "create", forged)
    with pytest.raises(sync.BundleError, match="officer of the inspection"):
        sync.import_bundle(office, export(company, tmp_path / "forged.zip"))
    assert service.latest(office, started)["recipient"] == "沈福根"


def test_cli_records_a_service(team, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    started = fill(team["zhang"])
    team["zhang"].close()
    db = str(tmp_path / "zhang.db")
    signature = tmp_path / "sig.png"
    signature.write_bytes(png())
    assert main(["--lang", "en", "--db", db, "service", "record", started, "--recipient",
                 "沈福根", "--method", "lodged", "--refused"]) == 1
    assert "witness" in capsys.readouterr().err
    assert main(["--db", db, "service", "record", started, "--recipient", "沈福根",
                 "--method", "direct", "--signature", str(signature)]) == 0
    out = tmp_path / "notice.pdf"
    assert main(["--db", db, "notice", started, "-o", str(out)]) == 0
    assert "in person" in pdf_text(out.read_bytes(), tmp_path)
