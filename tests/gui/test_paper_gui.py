"""Paper fallback and the proof of service on screen: the new-inspection dialog's
transcription box, the summary's paper record and withdrawal fields, the service dialog."""

import io
import os

import pytest
from PIL import Image
from PySide6.QtWidgets import QLabel

from inspector import ids, inspections, onsite, paper, service

pytestmark = pytest.mark.gui

CODE = "91110108MA01ABCD5T"


def photo_file(tmp_path):
    path = tmp_path / "sheet.jpg"
    Image.new("RGB", (320, 240), (235, 235, 225)).save(path, "JPEG")
    return path


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (160, 50), (20, 30, 90, 255)).save(out, "PNG")
    return out.getvalue()


def shoot(widget, name: str) -> None:
    """A screenshot to look at, when INSPECTOR_SHOTS names a folder."""
    folder = os.environ.get("INSPECTOR_SHOTS")
    if folder:
        widget.grab().save(os.path.join(folder, name))


def test_a_transcription_is_started_from_the_dialog(app, qtbot, store, subject):
    from inspector.ui.new_inspection import NewInspectionDialog

    dialog = NewInspectionDialog(store, subject["id"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.inspector1.setText("张伟")
    dialog.inspector2.setText("李娜")
    assert dialog.from_paper.isVisible()
    dialog.from_paper.setChecked(True)
    shoot(dialog, "new-inspection-paper.png")
    dialog.start()
    assert dialog.inspection_id, dialog.error.text()
    details = paper.details(inspections.get(store, dialog.inspection_id))
    assert details is not None and details["date"] == dialog.paper_day()
    dialog.kind.button(1).setChecked(True)  # a self-check is never transcribed
    assert not dialog.from_paper.isVisible() and dialog.paper_day() is None


def test_the_summary_takes_the_sheet_photo_and_the_withdrawal(app, qtbot, store, subject, mini,
                                                              tmp_path):
    from inspector.ui.summary import SummaryPage

    started = inspections.start(store, subject=subject["id"], checklist=mini,
                                inspectors=["张伟", "李娜"], from_paper=ids.today())
    summary = SummaryPage(store, started)
    qtbot.addWidget(summary)
    summary.resize(900, 1400)
    texts = [w.text() for w in summary.body.findChildren(QLabel)]
    assert any(ids.today() in text for text in texts)
    summary.store_sheet_photos([photo_file(tmp_path)])
    assert paper.sheet_photos(store, started) == 1
    summary.withdrawal_box.setCurrentIndex(2)  # yes
    summary.withdrawal_edit.setText("申请李娜回避")
    summary.save_record()
    assert onsite.details(inspections.get(store, started))["withdrawal"] == {
        "asked": True, "request": "申请李娜回避"}
    shoot(summary, "summary-paper.png")


def test_the_service_dialog_records_a_signed_service(app, qtbot, store, checklist_dir):
    from inspector.ui.service_dialog import ServiceDialog
    from inspector.ui.summary import SummaryPage

    from ..test_bundle import fill

    started = fill(store)
    summary = SummaryPage(store, started)
    qtbot.addWidget(summary)
    assert summary.service_button.isVisibleTo(summary)
    dialog = ServiceDialog(store, started)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()  # nobody signed yet
    assert "sign" in dialog.error.text() or "签名" in dialog.error.text()
    dialog.signatures["recipient"] = png()
    shoot(dialog, "service-dialog.png")
    dialog.save()
    served = service.latest(store, started)
    assert served["recipient"] == "沈福根" and served["method"] == service.DIRECT
    refusal = ServiceDialog(store, started)
    qtbot.addWidget(refusal)
    refusal.refused.setChecked(True)
    assert refusal.method.currentData() == service.LODGED
    refusal.witness.setText("王五")
    refusal.reason.setText("拒绝签收")
    refusal.save()
    assert service.latest(store, started)["witness"] == "王五"
