"""The new-inspection dialog's inspecting authority: the identity's organisation by
default, joint authorities added for a joint inspection, remembered for next time."""

import pytest

from inspector import authorities, identity, inspections
from inspector.subjects import add_subject

from ..helpers.stores import FAST, SECRET
from ..helpers.subjects import CODE_B
from .test_new_inspection import click_start, open_dialog, type_into

pytestmark = pytest.mark.gui

OWN = "某县市场监督管理局"
HEALTH_BUREAU = "某县卫生健康局"


@pytest.fixture
def clinic(app, store, checklist_dir):
    identity.init_identity(store, name="张伟", role="inspector", org=OWN, secret=SECRET,
                           kdf=FAST)
    return add_subject(store, name="某某诊所", code=CODE_B, sector="clinic", legal_rep="王医生")


def started_by(qtbot, store, clinic, joint=()):
    dialog = open_dialog(qtbot, store, clinic["id"])
    type_into(qtbot, dialog.inspector1, "张伟")
    type_into(qtbot, dialog.inspector2, "李娜")
    for name in joint:
        dialog.authorities.add_button.click()
        type_into(qtbot, dialog.authorities.joint[-1].lineEdit(), name)
    click_start(qtbot, dialog)
    return dialog


def test_the_lead_is_the_identitys_organisation_unless_changed(qtbot, store, clinic):
    dialog = open_dialog(qtbot, store, clinic["id"])
    assert dialog.authority_label.text() == "检查机关" and dialog.authorities.isVisible()
    assert dialog.authorities.lead.currentText() == OWN
    assert dialog.authorities.add_button.text() == "＋联合检查"
    dialog.kind.button(1).setChecked(True)  # a self-check has no inspecting authority
    assert not dialog.authorities.isVisible() and not dialog.authority_label.isVisible()
    dialog.kind.button(0).setChecked(True)
    assert dialog.authorities.isVisible()


def test_a_joint_inspection_names_each_authority_and_is_remembered(qtbot, store, clinic):
    dialog = started_by(qtbot, store, clinic, [HEALTH_BUREAU])
    assert dialog.inspection_id and not dialog.isVisible()
    record = inspections.get(store, dialog.inspection_id)
    assert authorities.of_inspection(record) == [
        {"kind": "市场监督管理部门", "name": OWN},
        {"kind": "卫生健康行政部门", "name": HEALTH_BUREAU}]
    again = open_dialog(qtbot, store, clinic["id"])  # offered next time
    again.authorities.add_button.click()
    combo = again.authorities.joint[0]
    assert HEALTH_BUREAU in [combo.itemText(i) for i in range(combo.count())]
    assert combo.currentText() == ""  # offered, not chosen


def test_a_joint_authority_of_no_known_kind_is_refused_in_the_dialog(qtbot, store, clinic):
    dialog = started_by(qtbot, store, clinic, ["某县综合行政执法局"])
    assert dialog.isVisible() and dialog.inspection_id is None
    assert "类别=名称" in dialog.error.text()
    assert store.conn.execute("SELECT COUNT(*) FROM inspections").fetchone()[0] == 0
    dialog.authorities.joint[0].setCurrentText("卫生健康行政部门=某县卫生监督所")  # as it says
    click_start(qtbot, dialog)
    assert dialog.inspection_id is not None
    assert inspections.get(store, dialog.inspection_id)["authority"] == OWN


def test_a_removed_joint_authority_is_not_named(qtbot, store, clinic):
    dialog = open_dialog(qtbot, store, clinic["id"])
    dialog.authorities.add_joint(HEALTH_BUREAU)
    assert dialog.authorities.names() == [OWN, HEALTH_BUREAU]
    from PySide6.QtWidgets import QToolButton

    (remove,) = [b for b in dialog.authorities.findChildren(QToolButton) if b.text() == "×"]
    remove.click()
    assert dialog.authorities.names() == [OWN]
    dialog.authorities.lead.setCurrentText("")  # left empty: the organisation
    assert dialog.authorities.names() == [OWN]
