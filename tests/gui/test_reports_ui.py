"""Signed reports and rectification notices from the app; the passphrase dialog."""

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from inspector import evidence, identity, ids, inspections, pdfsign

from ..helpers.stores import FAST

pytestmark = pytest.mark.gui

PASSPHRASE = "correct horse"


def finish(store, inspection):
    """Answer the mini checklist with one failure (m-01), then complete it."""
    for item, value in (("m-01", "no"), ("m-03", "shop"), ("m-05", 50),
                        ("m-06", ["extinguisher"])):
        inspections.record_answer(store, inspection, item, value)
    evidence.add_evidence(store, inspection, "m-07", b"\xff\xd8jpeg", mime="image/jpeg")
    inspections.complete(store, inspection)


@pytest.fixture
def signer(store):
    return identity.init_identity(store, name="张伟", role="inspector", org="德清县市场监督管理局",
                                  secret=PASSPHRASE, kdf=FAST)


@pytest.fixture
def documents(app, qtbot, store):
    from inspector.ui.documents import Documents

    window = QWidget()
    qtbot.addWidget(window)
    return Documents(store, window)


def test_signed_report_from_the_inspections_page(app, qtbot, store, inspection, signer,
                                                 tmp_path, monkeypatch):
    from inspector.ui.mainwindow import MainWindow

    finish(store, inspection)
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASSPHRASE)
    target = tmp_path / "report.pdf"
    asked = []

    def save_dialog(parent, title, start, filters):
        asked.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()  # the list on screen follows the signing done in the background
    qtbot.waitExposed(window)
    window.show_inspections()
    window.inspections.select(inspection)
    assert window.inspections.report_button.isEnabled()
    assert window.inspections.notice_button.isEnabled()
    with qtbot.waitSignal(window.documents.done, timeout=20000) as done:
        window.inspections.report_button.click()
    started = inspections.get(store, inspection)["started_at"]
    assert asked[0].endswith(f"德清县吉祥烟花爆竹零售店_{ids.local_date(started)}_检查报告.pdf")
    issued = done.args[0]
    assert issued.frozen and issued.signer == "张伟"
    result = pdfsign.verify(target.read_bytes(), store, str(target))
    assert result.signer.name == "张伟"
    assert inspections.get(store, inspection)["status"] == "signed"
    text = window.documents.message.text()
    assert str(target) in text and "张伟" in text and "锁定" in text
    assert window.inspections.selected()["status"] == "signed"  # the list shows it


def test_wrong_passphrase_writes_nothing(app, qtbot, store, inspection, signer, documents,
                                         tmp_path, monkeypatch):
    finish(store, inspection)
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "wrong passphrase")
    target = tmp_path / "report.pdf"
    with qtbot.waitSignal(documents.failed, timeout=20000) as failed:
        assert documents.issue_report(inspection, str(target))
    assert failed.args[0] == "口令错误"
    assert documents.message.text() == "口令错误"
    assert not target.exists() and list(tmp_path.glob("*.part")) == []
    assert inspections.get(store, inspection)["status"] == "completed"


def test_passphrase_dialog_says_wrong_and_lets_the_user_try_again(app, qtbot, store, signer,
                                                                  monkeypatch):
    from inspector.ui.passphrase import PassphraseDialog

    monkeypatch.delenv("INSPECTOR_PASSPHRASE", raising=False)
    dialog = PassphraseDialog(store, "张伟", "签署检查报告。")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.field.echoMode() == dialog.field.EchoMode.Password
    dialog.field.setText("wrong passphrase")
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text() == "口令错误" and dialog.secret is None
    dialog.field.setText(PASSPHRASE)
    dialog.accept()
    assert not dialog.isVisible() and dialog.secret == PASSPHRASE


def test_draft_report_is_marked_and_leaves_the_inspection_open(app, qtbot, store, inspection,
                                                              signer, documents, tmp_path,
                                                              monkeypatch):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASSPHRASE)
    target = tmp_path / "draft.pdf"
    with qtbot.waitSignal(documents.done, timeout=20000) as done:
        documents.issue_report(inspection, str(target))
    assert not done.args[0].frozen
    assert inspections.get(store, inspection)["status"] == "draft"
    assert "草稿" in documents.message.text()


def test_no_identity_is_said_before_anything(app, qtbot, store, inspection, documents,
                                             tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASSPHRASE)
    assert not documents.issue_report(inspection, str(tmp_path / "r.pdf"))
    assert "身份与密钥" in documents.message.text()


def test_rectification_notice(app, qtbot, store, inspection, documents, tmp_path):
    from inspector.ui.summary import SummaryPage

    summary = SummaryPage(store, inspection)
    qtbot.addWidget(summary)
    assert summary.report_button.isVisibleTo(summary)
    assert not summary.notice_button.isVisibleTo(summary)  # a draft has no items yet
    finish(store, inspection)
    summary.refresh()
    assert summary.notice_button.isVisibleTo(summary)
    target = tmp_path / "notice.pdf"
    with qtbot.waitSignal(documents.done, timeout=20000):
        documents.write_notice(inspection, str(target))
    assert target.read_bytes().startswith(b"%PDF-")
    assert str(target) in documents.message.text()


def test_blank_paper_record_from_the_file_menu(app, qtbot, store, documents, tmp_path,
                                               monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from inspector import checklists

    target = tmp_path / "blank.pdf"
    asked = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, text, items, *a:
                        asked.append(items) or (checklists.sectors()["clinic"], True))
    monkeypatch.setattr("inspector.ui.documents.save_path", lambda *a: str(target))
    with qtbot.waitSignal(documents.done, timeout=20000):
        documents.blank()
    assert checklists.sectors()["fireworks_retail"] in asked[0]
    assert target.read_bytes().startswith(b"%PDF-")
    assert str(target) in documents.message.text() and "纸质" in documents.message.text()
