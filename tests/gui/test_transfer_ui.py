"""The transfer letter (案件移送函) from the summary page: offered where findings go to an
authority not on the inspection, with a field for the receiving bureau's name."""

import pytest
from PySide6.QtWidgets import QWidget

from inspector import numbering

from ..helpers.stores import SECRET, make_store
from ..test_transfers import OWN, TELECOM, TELECOM_BUREAU, TRANSPORT, ride_hailing

pytestmark = pytest.mark.gui


@pytest.fixture
def officer(tmp_path):
    store = make_store(tmp_path / "zhang.db", "张伟", "inspector")
    yield store
    store.close()


def test_the_summary_offers_the_letter_only_where_findings_are_transferred(
        app, qtbot, officer, tmp_path, monkeypatch):
    from inspector.ui.documents import Documents
    from inspector.ui.summary import SummaryPage

    joint = ride_hailing(officer, [OWN, f"{TELECOM}={TELECOM_BUREAU}",
                                   f"{TRANSPORT}=某县交通运输局"])
    summary = SummaryPage(officer, joint)
    qtbot.addWidget(summary)
    assert summary.notice_button.isVisibleTo(summary)
    assert not summary.transfer_button.isVisibleTo(summary)
    alone = ride_hailing(officer, [OWN, f"{TRANSPORT}=某县交通运输局"])
    summary = SummaryPage(officer, alone)
    qtbot.addWidget(summary)
    assert summary.notice_button.isVisibleTo(summary)  # the fares are the regulator's own
    assert summary.transfer_button.isVisibleTo(summary)
    window = QWidget()
    qtbot.addWidget(window)
    documents = Documents(officer, window)
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    target = tmp_path / "移送函.pdf"
    with qtbot.waitSignal(documents.done, timeout=30000):
        assert documents.write_transfer(alone, str(target), {TELECOM: TELECOM_BUREAU})
    assert target.read_bytes().startswith(b"%PDF-")
    said = documents.message.text()
    assert str(target) in said and TELECOM in said
    assert "blank" in said or "留空" in said  # no transfer block here: a number to fill
    assert numbering.documents(officer) == []


def test_the_dialog_names_a_bureau_per_kind_or_leaves_it_blank(app, qtbot):
    from inspector.ui.transfer_dialog import TransferDialog

    dialog = TransferDialog([TELECOM, "卫生健康行政部门"])
    qtbot.addWidget(dialog)
    assert dialog.names[TELECOM].placeholderText().endswith("某省通信管理局")
    assert dialog.names["卫生健康行政部门"].placeholderText().endswith("某县卫生健康局")
    dialog.names[TELECOM].setText(f"  {TELECOM_BUREAU} ")
    assert dialog.values() == {TELECOM: TELECOM_BUREAU}
