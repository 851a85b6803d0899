"""Table models (checked by qtmodeltester), lazy paging, and the import dialog."""

import csv

import pytest

from inspector import inspections, queries
from inspector.subjects import add_subject, list_subjects
from inspector.uscc import complete

from ..test_subjects import REGISTER

pytestmark = pytest.mark.gui


def many_subjects(store, n):
    for number in range(n):
        add_subject(store, name=f"测试商户{number:04d}", sector="mini",
                    code=complete(f"9133010{number:04d}MA2AXXX"[:17]))


def test_subjects_model_fetches_pages(app, qtmodeltester, store, mini):
    from inspector.ui.models import SubjectsModel

    many_subjects(store, 250)
    model = SubjectsModel(store)
    assert model.total == 250 and model.rowCount() == 0
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == model.PAGE
    qtmodeltester.check(model)
    # a fresh model: Qt's tester runs fetchMore() inside a later reset and then
    # mistakes the lazy page for an insert during the reset
    filtered = SubjectsModel(store)
    filtered.set_filter("测试商户00", None)
    assert filtered.total == 100
    qtmodeltester.check(filtered)


def test_inspections_model(app, qtmodeltester, store, inspection):
    from inspector.ui.models import InspectionsModel

    inspections.record_answer(store, inspection, "m-01", "no")
    model = InspectionsModel(store)
    model.fetchMore()
    qtmodeltester.check(model)
    row = model.row_at(0)
    assert row["non_compliant"] == 1
    done = InspectionsModel(store)
    done.set_filter(queries.InspectionFilter(status="completed"))
    assert done.total == 0 and not done.canFetchMore()
    qtmodeltester.check(done)


def write_register(tmp_path):
    path = tmp_path / "名录.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(REGISTER)
    return path


def test_import_preview_and_import_off_the_ui_thread(app, qtbot, qtmodeltester, store,
                                                     checklist_dir, tmp_path):
    from inspector.ui.import_dialog import ImportDialog

    dialog = ImportDialog(store)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.model.modelReset, timeout=5000):
        dialog.open_file(write_register(tmp_path))
    qtbot.waitUntil(lambda: not dialog.operations.busy)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 4
    assert "校验位" in dialog.model.data(dialog.model.index(1, 4))
    assert dialog.import_button.isEnabled()
    assert list_subjects(store) == []  # preview writes nothing
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.result_summary is not None, timeout=5000)
    qtbot.waitUntil(lambda: not dialog.operations.busy)
    assert len(dialog.result_summary.added) == 2
    assert len(list_subjects(store)) == 2


def test_subject_dialog_checks_the_code_as_typed(app, qtbot, store, mini):
    from inspector.ui.subject_dialog import SubjectDialog

    dialog = SubjectDialog(store)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "abc")
    qtbot.keyClicks(dialog.code, "91110108MA01ABCD5X")
    assert "校验位" in dialog.code_status.text()  # Chinese by default
    assert not dialog.save_button.isEnabled()
    dialog.code.setText("91110108ma01abcd5t")
    assert dialog.save_button.isEnabled()
    dialog.sector.setCurrentIndex(dialog.sector.findData("mini"))
    dialog.save()
    assert list_subjects(store)[0]["uscc"] == "91110108MA01ABCD5T"
