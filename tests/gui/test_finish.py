"""Completion, photos, signatures, language switch."""

import io

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from inspector import evidence, inspections, queries

pytestmark = pytest.mark.gui


def answer_all_but_photo(store, inspection):
    for item, value in (("m-01", "yes"), ("m-02", "2099-01-01"), ("m-03", "shop"),
                        ("m-05", 50), ("m-06", ["extinguisher"])):
        inspections.record_answer(store, inspection, item, value)


def test_completion_is_blocked_by_missing_required_items_then_allowed(
        app, qtbot, store, inspection, runner, tmp_path):
    from inspector.ui.summary import SummaryPage

    summary = SummaryPage(store, inspection)
    qtbot.addWidget(summary)
    assert not summary.complete_button.isEnabled()
    jumped = []
    summary.jump.connect(jumped.append)
    links = [w for w in summary.body.findChildren(QLabel) if "<a href" in w.text()]
    assert len(links) == 5  # m-01, m-03, m-05, m-06, m-07 (m-02, m-04 hidden; m-08 optional)
    links[0].linkActivated.emit("m-01")
    assert jumped == ["m-01"]
    summary.complete()  # refused: nothing answered
    assert inspections.get(store, inspection)["status"] == "draft"

    answer_all_but_photo(store, inspection)
    summary.refresh()
    assert [i["id"] for i in summary.progress.missing_required] == ["m-07"]
    assert not summary.complete_button.isEnabled()

    photo = tmp_path / "site.jpg"
    Image.new("RGB", (3000, 2000), (120, 80, 40)).save(photo, "JPEG")
    runner.go_to("m-07")
    with qtbot.waitSignal(runner.photos_stored, timeout=10000):
        runner.add_photos("m-07", [photo])
    summary.refresh()
    assert summary.complete_button.isEnabled()
    # the party signs: completing on screen needs it (or its refusal and a witness)
    summary.store_signature("representative", "沈福根", b"\x89PNG\r\n\x1a\n" + b"sig" * 10)
    asked = []
    summary.confirm_complete = lambda: asked.append(True) and False  # the user says no
    qtbot.mouseClick(summary.complete_button, Qt.MouseButton.LeftButton)
    assert asked and inspections.get(store, inspection)["status"] == "draft"
    summary.confirm_complete = lambda: True
    qtbot.mouseClick(summary.complete_button, Qt.MouseButton.LeftButton)
    assert inspections.get(store, inspection)["status"] == "completed"
    assert not summary.complete_button.isVisible()


def test_photo_attach_is_stored_downscaled_with_the_original_hash(
        runner, qtbot, store, inspection, tmp_path):
    import hashlib

    photo = tmp_path / "shelf.jpg"
    Image.new("RGB", (4000, 3000), (200, 10, 10)).save(photo, "JPEG")
    runner.go_to("m-07")
    with qtbot.waitSignal(runner.photos_stored, timeout=10000):
        runner.add_photos("m-07", [photo])  # prepared off the UI thread
    rows = queries.evidence_of(store, inspection)
    assert len(rows) == 1 and rows[0]["item_id"] == "m-07"
    assert rows[0]["original_sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest()
    stored = Image.open(io.BytesIO(evidence.blob(store, rows[0]["sha256"])))
    assert max(stored.size) == 2048
    assert runner.page().photos.count == 1
    assert runner.outline.items["m-07"].icon(0).cacheKey() != 0


def test_photo_files_dropped_on_the_item(runner, qtbot, store, inspection, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    photo = tmp_path / "drop.png"
    Image.new("RGB", (50, 40), (0, 0, 200)).save(photo)
    runner.go_to("m-07")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    page = runner.page()
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(runner.photos_stored, timeout=10000):
        page.dropEvent(drop)  # what Qt calls when files are dropped on the item
    assert [r["file_name"] for r in queries.evidence_of(store, inspection)] == ["drop.png"]


def test_signature_is_captured_and_stored(app, qtbot, store, inspection):
    from inspector.ui.signature import SignatureDialog
    from inspector.ui.summary import SummaryPage

    dialog = SignatureDialog("检查人员", "张伟")
    qtbot.addWidget(dialog)
    dialog.show()
    pad = dialog.pad
    assert not dialog.ok.isEnabled()
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 100))
    for x in range(40, 300, 20):
        qtbot.mouseMove(pad, QPoint(x, 80 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 90))
    assert dialog.ok.isEnabled()
    png = dialog.png()
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and 200 < image.width < pad.width()

    summary = SummaryPage(store, inspection)
    qtbot.addWidget(summary)
    summary.store_signature("inspector", dialog.name(), png)
    signed = queries.signatures_of(store, inspection)
    assert [(s["role"], s["signer_name"]) for s in signed] == [("inspector", "张伟")]
    assert evidence.blob(store, signed[0]["image_sha256"]) == png
    assert signed[0]["signed_at"]


def test_language_switch_changes_visible_texts(app, qtbot, store, subject):
    from inspector.ui.mainwindow import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[0] == "文件(&F)"
    assert window.subjects.model.headerData(0, Qt.Orientation.Horizontal) == "名称"
    window.set_language("en")
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.subjects.model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    assert window.subjects.count.text() == "1 subject(s)"
    window.set_language("zh_CN")
    assert window.subjects.count.text() == "共 1 个被检查对象"


def test_completed_inspection_opens_read_only(app, qtbot, store, inspection, tmp_path):
    from inspector.ui.forms.runner import FormRunner

    answer_all_but_photo(store, inspection)
    evidence.add_evidence(store, inspection, "m-07", b"\xff\xd8jpeg", mime="image/jpeg")
    inspections.complete(store, inspection)
    runner = FormRunner(store, inspection)
    qtbot.addWidget(runner)
    runner.go_to("m-01")
    runner.key_answer(2)
    assert inspections.answers(store, inspection)["m-01"]["value"] == "yes"
    assert runner.read_only and not runner.page().answer.isEnabled()


def test_party_refusing_to_sign_is_recorded_and_a_witness_signs(
        app, qtbot, store, inspection, monkeypatch):
    """The summary page takes the record's details; a refusal (拒签) swaps the party's
    signature for a witness's, and completing waits for it."""
    from inspector import onsite
    from inspector.ui import summary as summary_module
    from inspector.ui.summary import SummaryPage

    for item, value in (("m-01", "yes"), ("m-02", "2099-01-01"), ("m-03", "shop"),
                        ("m-05", 50), ("m-06", ["extinguisher"])):
        inspections.record_answer(store, inspection, item, value)
    evidence.add_evidence(store, inspection, "m-07", b"photo", mime="image/jpeg")
    warned = []
    monkeypatch.setattr(summary_module.QMessageBox, "warning",
                        lambda parent, title, text: warned.append(text))
    summary = SummaryPage(store, inspection)
    qtbot.addWidget(summary)
    summary.badge_edits["张伟"].setText("33010012345")
    summary.representative_edit.setText("沈小根")
    summary.statement_edit.setPlainText("拒绝签字，认为检查有误。")
    summary.recorder_box.setCurrentIndex(summary.recorder_box.findData("李娜"))
    summary.refused_box.setChecked(True)
    qtbot.mouseClick(summary.save_record_button, Qt.MouseButton.LeftButton)
    details = onsite.details(inspections.get(store, inspection))
    assert details == {"badges": {"张伟": "33010012345"}, "representative": "沈小根",
                       "statement": "拒绝签字，认为检查有误。", "recorder": "李娜",
                       "refused": True}
    assert [role for role, _ in summary._signers()] == ["inspector", "inspector", "witness"]
    summary.confirm_complete = lambda: True
    summary.complete()  # refused: nobody signed for the party
    assert inspections.get(store, inspection)["status"] == "draft"
    assert warned and "见证人" in warned[0]
    summary.store_signature("witness", "王五", b"\x89PNG\r\n\x1a\n" + b"sig" * 10)
    assert summary.refused_box.isChecked()  # the page shows what is stored
    summary.complete()
    assert inspections.get(store, inspection)["status"] == "completed"
    assert not summary.save_record_button.isEnabled()  # locked with the record


def test_a_photo_is_removed_from_the_draft_after_confirming(
        runner, qtbot, store, inspection, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QToolButton

    from inspector.ui.forms import runner as runner_module

    photo = tmp_path / "wrong-shelf.jpg"
    Image.new("RGB", (64, 48), (20, 200, 10)).save(photo, "JPEG")
    runner.go_to("m-07")
    with qtbot.waitSignal(runner.photos_stored, timeout=10000):
        runner.add_photos("m-07", [photo])
    strip = runner.page().photos
    (remove,) = [b for b in strip.findChildren(QToolButton) if b.objectName() == "photoRemove"]
    assert not remove.isHidden()
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    asked = []
    monkeypatch.setattr(runner_module.QMessageBox, "question",
                        lambda *args: asked.append(args[2]) or next(answers))
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)  # asked, and the user says no
    assert asked and len(queries.evidence_of(store, inspection)) == 1 and strip.count == 1
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert queries.evidence_of(store, inspection) == []
    assert strip.count == 0
    assert "m-07" not in runner.state.photographed  # the required photo is missing again
    assert "m-07" in {i["id"] for i in inspections.progress(store, inspection).missing_required}


def test_a_finished_inspections_photos_offer_no_removal(qtbot, store, inspection, tmp_path):
    from PySide6.QtWidgets import QToolButton

    from inspector.ui.forms.runner import FormRunner

    jpeg = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 200, 10)).save(jpeg, "JPEG")
    evidence.add_evidence(store, inspection, "m-07", jpeg.getvalue(), mime="image/jpeg")
    answer_all_but_photo(store, inspection)
    inspections.complete(store, inspection)
    runner = FormRunner(store, inspection)
    qtbot.addWidget(runner)
    runner.go_to("m-07")
    strip = runner.page().photos
    assert strip.count == 1
    removers = [b for b in strip.findChildren(QToolButton) if b.objectName() == "photoRemove"]
    assert removers and all(b.isHidden() for b in removers)
    (thumb,) = [label for label in strip.findChildren(QLabel) if label.objectName() == "thumb"]
    assert thumb.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
