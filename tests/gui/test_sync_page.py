"""The Sync page: export a bundle, preview and import it into another store, history."""

import shutil

import pytest
from PySide6.QtCore import Qt

from inspector import identity, inspections
from inspector.store import Store
from inspector.subjects import list_subjects

from ..helpers.stores import FAST

pytestmark = pytest.mark.gui

PASSPHRASE = "correct horse"
STATUS = 5  # the status column of the preview table


@pytest.fixture
def sender(store, inspection, monkeypatch):
    """The exporting store: an inspector's identity and one inspection."""
    identity.init_identity(store, name="张伟", role="inspector", org="德清县市场监督管理局",
                           secret=PASSPHRASE, kdf=FAST)
    inspections.record_answer(store, inspection, "m-01", "no")
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASSPHRASE)
    return store


@pytest.fixture
def receiver(tmp_path, sender):
    """A supervisor's store that trusts the inspector's certificate."""
    with Store(tmp_path / "supervisor.db") as other:
        identity.init_identity(other, name="王芳", role="supervisor", org=None,
                               secret="another passphrase", kdf=FAST)
        identity.trust(other, identity.export_public(sender))
        yield other


def export_bundle(qtbot, store, path):
    from inspector.ui.sync_page import SyncPage

    page = SyncPage(store)
    qtbot.addWidget(page)
    page.only_since.setChecked(False)
    assert page.export_to(str(path))
    qtbot.waitUntil(lambda: not page.operations.busy, timeout=10000)
    return page


def preview(qtbot, store, paths):
    from inspector.ui.sync_page import SyncPage

    page = SyncPage(store)
    qtbot.addWidget(page)
    page.open_paths([str(p) for p in paths])
    qtbot.waitUntil(lambda: not page.operations.busy, timeout=10000)
    return page


def test_export_then_preview_and_import_into_another_store(app, qtbot, sender, receiver,
                                                          tmp_path):
    path = tmp_path / "inspector-张伟.zip"
    page = export_bundle(qtbot, sender, path)
    assert path.exists() and page.exported["counts"]["by_entity"]["subject"] == 1
    assert str(path) in page.export_result.text() and "被检查对象 1" in page.export_result.text()

    page = preview(qtbot, receiver, [path])
    row = page.rows.rows[0]
    assert row.error is None and row.sender == "张伟" and row.role == "inspector"
    assert row.by_entity["inspection"] == 1 and row.new == row.entries > 0
    model = page.rows
    assert model.data(model.index(0, 1)) == "张伟（检查人员）"
    assert "检查 1" in model.data(model.index(0, 3))
    assert model.data(model.index(0, STATUS)) == "已校验，可以导入"
    assert list_subjects(receiver) == []  # the preview wrote nothing
    assert page.import_button.isEnabled()

    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.results is not None, timeout=10000)
    counts = page.results[str(path)]
    assert counts["added"] > 0 and counts.get("conflict", 0) == 0
    assert model.data(model.index(0, STATUS)).startswith("已导入：新增 ")
    assert [s["name"] for s in list_subjects(receiver)] == ["德清县吉祥烟花爆竹零售店"]
    assert not page.import_button.isEnabled()
    assert page.dirty and page.history.total == 0  # the import is told; the page is hidden
    page.show()
    assert page.history.total == 1 and not page.dirty

    again = preview(qtbot, receiver, [path])  # the same file once more: nothing to do
    assert again.rows.rows[0].imported_before and not again.import_button.isEnabled()
    assert again.rows.data(again.rows.index(0, STATUS)).startswith("已于 ")


def test_the_preview_rows_are_the_cores_preview(app, qtbot, sender, receiver, tmp_path):
    """The table shows what sync.preview says, the function the CLI's tests run."""
    from dataclasses import asdict

    from inspector import sync

    good = tmp_path / "good.zip"
    export_bundle(qtbot, sender, good)
    copy = tmp_path / "copy.zip"
    shutil.copy(good, copy)  # the same bundle id: already imported, by the first
    page = preview(qtbot, receiver, [good, copy, tmp_path / "missing.zip"])

    def facts(row) -> dict:  # the copy's "imported before" is the moment the preview tried
        return {**asdict(row), "imported_before": bool(row.imported_before)}

    shown = [{k: v for k, v in facts(row).items() if k not in ("result", "import_error")}
             for row in page.rows.rows]
    core = sync.preview(receiver, [str(good), str(copy), str(tmp_path / "missing.zip")])
    assert shown == [facts(p) for p in core]
    assert [row.ready for row in page.rows.rows] == [True, False, False]


def test_tampered_bundle_shows_its_error_and_is_not_imported(app, qtbot, sender, receiver,
                                                            tmp_path):
    good = tmp_path / "good.zip"
    export_bundle(qtbot, sender, good)
    bad = tmp_path / "bad.zip"
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad.write_bytes(bytes(data))

    page = preview(qtbot, receiver, [bad, good])
    model = page.rows
    assert [r.error is None for r in model.rows] == [False, True]
    assert model.data(model.index(0, STATUS)) == model.rows[0].error
    assert model.data(model.index(0, STATUS), Qt.ItemDataRole.ForegroundRole).name() == "#c62828"
    assert "bad.zip" in page.import_summary.text() or "1" in page.import_summary.text()
    page.start_import()
    qtbot.waitUntil(lambda: page.results is not None, timeout=10000)
    assert list(page.results) == [str(good)]  # the refused file was not even tried
    assert receiver.conn.execute("SELECT COUNT(*) FROM bundle_imports").fetchone()[0] == 1


def test_folder_of_bundles_and_cancel_between_files(app, qtbot, sender, receiver, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    export_bundle(qtbot, sender, folder / "a.zip")
    shutil.copy(folder / "a.zip", folder / "b.zip")  # same bundle id twice
    (folder / "notes.txt").write_text("ignored")
    page = preview(qtbot, receiver, sorted(folder.glob("*.zip")))
    # the preview checks files in order as if the earlier ones were imported, so the
    # copy is already recognised by its bundle id
    assert len(page.rows.ready()) == 1 and page.rows.rows[1].imported_before
    page.start_import()
    page.cancel()  # before the first file: nothing imported, nothing half-done
    qtbot.waitUntil(lambda: page.results is not None, timeout=10000)
    assert len(page.results) <= 1
    assert "取消" in page.import_summary.text()
    page.start_import()
    qtbot.waitUntil(lambda: not page.operations.busy and len(page.rows.ready()) == 0, timeout=10000)
    imported = receiver.conn.execute("SELECT COUNT(*) FROM bundle_imports").fetchone()[0]
    assert imported == 1  # the copy was recognised by its bundle id


def test_untrusted_sender_is_refused_in_the_preview(app, qtbot, sender, tmp_path):
    path = tmp_path / "a.zip"
    export_bundle(qtbot, sender, path)
    with Store(tmp_path / "stranger.db") as stranger:
        page = preview(qtbot, stranger, [path])
        assert "不在受信任名单中" in page.rows.rows[0].error
        assert not page.import_button.isEnabled()


def test_export_needs_an_identity(app, qtbot, store, tmp_path, monkeypatch):
    from inspector.ui.sync_page import SyncPage

    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASSPHRASE)
    page = SyncPage(store)
    qtbot.addWidget(page)
    assert not page.export_to(str(tmp_path / "x.zip"))
    assert "身份与密钥" in page.export_result.text()
    assert not (tmp_path / "x.zip").exists()


def test_import_history_model(app, qtbot, qtmodeltester, sender, receiver, tmp_path):
    from inspector.ui.sync_models import ImportHistoryModel

    empty = ImportHistoryModel(receiver)
    assert empty.total == 0
    qtmodeltester.check(empty)
    path = tmp_path / "a.zip"
    export_bundle(qtbot, sender, path)
    page = preview(qtbot, receiver, [path])
    page.start_import()
    qtbot.waitUntil(lambda: page.results is not None, timeout=10000)
    model = ImportHistoryModel(receiver)
    model.fetchMore()
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "a.zip"
    assert model.data(model.index(0, 1)) == "张伟"
    assert model.data(model.index(0, 4)).startswith("新增 ")
    assert model.headerData(3, Qt.Orientation.Horizontal) == "导入时间"


def test_pages_in_the_main_window_menus_and_language(app, qtbot, store):
    from inspector.ui.mainwindow import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    actions = {a.text(): a for menu in window.menuBar().actions()
               for a in menu.menu().actions()}
    assert actions["数据交换"].shortcut().toString() == "F7"
    assert actions["身份与密钥"].shortcut().toString() == "F8"
    assert actions["导出数据包…"].shortcut().toString() == "Ctrl+E"
    actions["身份与密钥"].trigger()
    assert window.stack.currentWidget() is window.identity
    actions["数据交换"].trigger()
    assert window.stack.currentWidget() is window.sync
    window.set_language("en")
    assert window.stack.currentWidget() is window.sync  # rebuilt, still on the same page
    assert window.sync.tabs.tabText(1) == "Import"
    window.close()
    again = MainWindow(store)  # the next start resumes on the Sync page
    qtbot.addWidget(again)
    assert again.stack.currentWidget() is again.sync


def test_a_follow_on_bundle_previews_and_imports_after_the_full_one(app, qtbot, sender,
                                                                      receiver, tmp_path):
    from inspector import sync
    from inspector.ids import now

    full = tmp_path / "1-full.zip"
    export_bundle(qtbot, sender, full)
    mark = now()
    inspections.record_answer(sender, sender.conn.execute(
        "SELECT id FROM inspections").fetchone()[0], "m-01", "yes")
    me, key = identity.signing_key(sender, PASSPHRASE)
    later = tmp_path / "2-later.zip"
    sync.export(sender, later, me, key, since=mark)
    page = preview(qtbot, receiver, [full, later])
    assert len(page.rows.ready()) == 2  # the second continues the first: fine in order
    page.start_import()
    qtbot.waitUntil(lambda: not page.operations.busy and len(page.rows.ready()) == 0, timeout=10000)
    assert receiver.conn.execute("SELECT COUNT(*) FROM bundle_imports").fetchone()[0] == 2


def test_export_for_one_company_withholds_the_rest(app, qtbot, sender, tmp_path):
    from inspector.ui.sync_page import SyncPage

    page = SyncPage(sender)
    qtbot.addWidget(page)
    assert page.recipient.count() == 1 + sender.db["subjects"].count
    page.recipient.setCurrentIndex(1)
    page.only_since.setChecked(False)
    assert page.export_to(str(tmp_path / "for-company.zip"))
    qtbot.waitUntil(lambda: page.exported is not None, timeout=10000)
    assert page.exported["for_subject"] == page.recipient.itemData(1)


def test_bundles_named_to_the_app_open_its_import_preview(app, qtbot, sender, receiver,
                                                          tmp_path):
    """As a file manager's double click on a bundle starts the app: the Sync page,
    the file checked and ready, nothing imported until the user says so."""
    from inspector.ui.mainwindow import MainWindow

    path = tmp_path / "from-张伟.zip"
    export_bundle(qtbot, sender, path)
    window = MainWindow(receiver)
    qtbot.addWidget(window)
    window.show()
    window.open_bundles([str(path)])
    qtbot.waitUntil(lambda: not window.sync.operations.busy, timeout=10000)
    assert window.stack.currentWidget() is window.sync
    assert [row.path for row in window.sync.rows.ready()] == [str(path)]
    assert list_subjects(receiver) == []
