"""The identity page: create this store's identity, export it, trust another's certificate."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from inspector import identity, ids
from inspector.store import Store

from ..helpers.stores import FAST, VALID_CODE

pytestmark = pytest.mark.gui



def other_certificate(tmp_path, name="王芳", role="supervisor"):
    """A certificate made by another store, as the other party would send it."""
    with Store(tmp_path / f"{name}.db") as other:
        made = identity.init_identity(other, name=name, role=role, org="湖州市市场监督管理局",
                                      secret="another passphrase", kdf=FAST,
                                      code=VALID_CODE if role == "company" else None)
        pem = tmp_path / f"{name}.pem"
        pem.write_bytes(identity.export_public(other))
    return pem, made.fingerprint


def table_rows(page):
    return [[page.table.item(r, c).text() for c in range(page.table.columnCount())]
            for r in range(page.table.rowCount())]


def test_create_identity_from_the_page(app, qtbot, store):
    from inspector.ui.identity_page import IdentityPage, grouped

    page = IdentityPage(store)
    qtbot.addWidget(page)
    assert page.own.currentIndex() == 0  # the form: no identity yet
    page.name.setText("张伟")
    page.role.setCurrentIndex(page.role.findData("inspector"))
    assert page.role.currentText() == "检查人员"
    page.org.setText("德清县市场监督管理局")
    page.secret.setText("short")
    page.again.setText("short")
    page.create()
    assert "8" in page.message.text() and page.message.objectName() == "error"
    page.secret.setText("correct horse")
    page.again.setText("correct hors")
    page.create()
    assert page.message.text() == "两次输入的口令不一致。"
    assert identity.own_identity(store, required=False) is None

    page.again.setText("correct horse")
    page.create()
    me = identity.own_identity(store)
    assert (me.name, me.role, me.org) == ("张伟", "inspector", "德清县市场监督管理局")
    assert page.own.currentIndex() == 1
    assert page.own_role.text() == "检查人员"
    assert page.own_fingerprint.text() == grouped(me.fingerprint)
    assert page.own_fingerprint.text().split("\n")[0].split() == \
        identity.show_fingerprint(me.fingerprint).split()[:8]
    assert page.secret.text() == ""  # the passphrase does not linger in the form
    assert table_rows(page) == [["张伟", "检查人员", "德清县市场监督管理局",
                                 identity.show_fingerprint(me.fingerprint)]]
    identity.signing_key(store, "correct horse")  # the page's passphrase unlocks the key


def test_export_my_certificate(app, qtbot, store, tmp_path):
    from inspector.ui.identity_page import IdentityPage

    me = identity.init_identity(store, name="张伟", role="inspector", org=None,
                                secret="correct horse", kdf=FAST)
    page = IdentityPage(store)
    qtbot.addWidget(page)
    assert page.own_org.text() == "—"
    target = tmp_path / "张伟.pem"
    assert page.export_certificate_to(str(target))
    assert identity.fingerprint(identity.load_certificate(target.read_bytes(), "x")) == \
        me.fingerprint
    assert not page.export_certificate_to(str(tmp_path / "missing" / "x.pem"))
    assert page.message.objectName() == "error" and "missing" in page.message.text()


def test_trust_a_certificate_after_confirming_its_fingerprint(app, qtbot, store, tmp_path,
                                                              monkeypatch):
    from inspector.ui.identity_page import IdentityPage

    identity.init_identity(store, name="张伟", role="inspector", org=None,
                           secret="correct horse", kdf=FAST)
    pem, fingerprint = other_certificate(tmp_path)
    page = IdentityPage(store)
    qtbot.addWidget(page)
    shown = []
    monkeypatch.setattr(page, "confirm_trust", lambda facts: shown.append(facts) or False)
    assert not page.trust_file(str(pem))  # declined: nothing changes
    assert shown[0]["name"] == "王芳" and shown[0]["fingerprint"] == fingerprint
    assert len(identity.trusted_identities(store)) == 1

    monkeypatch.setattr(page, "confirm_trust", lambda facts: True)
    assert page.trust_file(str(pem))
    assert "王芳" in page.message.text()
    assert ["王芳", "监管人员", "湖州市市场监督管理局", identity.show_fingerprint(fingerprint)] \
        in table_rows(page)

    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    assert not page.trust_file(str(junk))
    assert "不是证书" in page.message.text() and "junk.pem" in page.message.text()
    assert not page.trust_file(str(tmp_path / "nowhere.pem"))
    assert page.message.objectName() == "error"


def test_trust_dialog_shows_the_grouped_fingerprint(app, qtbot, store, tmp_path):
    from inspector.ui.identity_page import IdentityPage, certificate_facts

    pem, fingerprint = other_certificate(tmp_path, name="李娜", role="company")
    facts = certificate_facts(identity.load_certificate(pem.read_bytes(), str(pem)))
    page = IdentityPage(store)
    qtbot.addWidget(page)
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    assert not page.confirm_trust(facts)
    groups = identity.show_fingerprint(fingerprint).split()
    assert " ".join(groups[:4]) in seen[0] and "李娜" in seen[0] and "企业" in seen[0]


def history_rows(page):
    return [[page.history.item(r, c).text() for c in range(page.history.columnCount())]
            for r in range(page.history.rowCount())]


def answer_dialog(seen, accept: bool):
    """Read the open trust dialog and press its trust button (or cancel)."""
    def answer():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        if accept:
            (trust,) = [b for b in box.buttons()
                        if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
            trust.click()
        else:
            box.button(QMessageBox.StandardButton.Cancel).click()
    QTimer.singleShot(0, answer)


def test_trust_dialog_asks_then_the_decision_is_in_the_history(app, qtbot, store, tmp_path):
    from inspector.ui.identity_page import IdentityPage

    identity.init_identity(store, name="张伟", role="inspector", org=None,
                           secret="correct horse", kdf=FAST)
    pem, fingerprint = other_certificate(tmp_path)
    page = IdentityPage(store)
    qtbot.addWidget(page)
    assert history_rows(page) == []
    seen = []
    answer_dialog(seen, accept=False)
    assert not page.trust_file(str(pem))
    assert "王芳" in seen[0] and identity.show_fingerprint(fingerprint)[:19] in seen[0]
    assert history_rows(page) == [] and len(identity.trusted_identities(store)) == 1

    answer_dialog(seen, accept=True)
    assert page.trust_file(str(pem))
    assert page.message.text() == "王芳 已加入受信任的签名人。"
    ((at, decision, name, shown, how),) = history_rows(page)
    assert (decision, name, how) == ("信任", "王芳", "在本页面确认")
    assert at == ids.local_time(identity.trust_history(store)[0]["at"])  # Beijing time
    assert shown.startswith(identity.show_fingerprint(fingerprint[:16]))
    assert identity.trust_history(store)[0]["confirmed"] == "page"


def test_page_refuses_my_own_certificate(app, qtbot, store, tmp_path, monkeypatch):
    from inspector.ui.identity_page import IdentityPage

    identity.init_identity(store, name="张伟", role="inspector", org=None,
                           secret="correct horse", kdf=FAST)
    mine = tmp_path / "mine.pem"
    mine.write_bytes(identity.export_public(store))
    page = IdentityPage(store)
    qtbot.addWidget(page)
    asked = []
    monkeypatch.setattr(page, "confirm_trust", lambda facts: asked.append(facts) or True)
    assert not page.trust_file(str(mine))
    assert asked == [] and page.message.objectName() == "error"
    assert "本数据库自己的身份" in page.message.text() and history_rows(page) == []


def test_page_replaces_a_forged_certificate_and_says_so(app, qtbot, store, tmp_path):
    """A certificate for the same identity, on another key, slipped in earlier: the
    dialog warns, and the checked certificate replaces it."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from inspector.ui.identity_page import IdentityPage

    identity.init_identity(store, name="张伟", role="inspector", org=None,
                           secret="correct horse", kdf=FAST)
    pem, fingerprint = other_certificate(tmp_path)
    genuine = identity.load_certificate(pem.read_bytes(), str(pem))
    claimed = identity.examine(store, pem.read_bytes()).identity_id
    forged = identity._certificate(ec.generate_private_key(ec.SECP256R1()), claimed, "王芳",
                                   "supervisor", "湖州市市场监督管理局")
    with store.transaction():
        store.db["identities"].insert({
            "id": claimed, "name": "王芳", "role": "supervisor", "org": None,
            "certificate": forged.public_bytes(serialization.Encoding.PEM).decode(),
            "fingerprint": identity.fingerprint(forged), "trusted": 0, **store.stamp()})
    page = IdentityPage(store)
    qtbot.addWidget(page)
    seen = []
    answer_dialog(seen, accept=True)
    assert page.trust_file(str(pem))
    assert "替换" in seen[0] and identity.show_fingerprint(identity.fingerprint(forged)) in seen[0]
    text = page.message.text()
    assert identity.show_fingerprint(identity.fingerprint(forged)) in text and "未经核对" in text
    assert identity.show_fingerprint(fingerprint) in text
    assert [i.fingerprint for i in identity.trusted_identities(store) if i.name == "王芳"] == \
        [identity.fingerprint(genuine)]
    assert history_rows(page)[0][1] == "替换证书并信任"


def test_distrust_from_the_page_asks_and_is_recorded(app, qtbot, store, tmp_path,
                                                     monkeypatch):
    from inspector.ui.identity_page import IdentityPage

    me = identity.init_identity(store, name="张伟", role="inspector", org=None,
                                secret="correct horse", kdf=FAST)
    pem, fingerprint = other_certificate(tmp_path)
    identity.trust(store, pem.read_bytes(), str(pem), expected=fingerprint)
    page = IdentityPage(store)
    qtbot.addWidget(page)
    assert not page.distrust_button.isEnabled()  # nothing selected
    names = [row[0] for row in table_rows(page)]
    page.table.selectRow(names.index("张伟"))
    assert not page.distrust_button.isEnabled()  # not ourselves
    page.table.selectRow(names.index("王芳"))
    assert page.distrust_button.isEnabled()
    asked = []
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *rest: asked.append(text) or next(answers))
    assert not page.distrust_selected()  # cancelled: still trusted
    assert "王芳" in asked[0] and len(identity.trusted_identities(store)) == 2
    assert page.distrust_selected()
    assert [row[0] for row in table_rows(page)] == ["张伟"]
    assert "王芳" in page.message.text()
    assert [row[1] for row in history_rows(page)] == ["取消信任", "信任"]  # newest first
    assert identity.trust_history(store)[-1]["decided_by"] == me.id


def test_a_company_identity_is_made_with_its_credit_code(app, qtbot, store):
    from inspector.ui.identity_page import IdentityPage

    page = IdentityPage(store)
    qtbot.addWidget(page)
    page.show()
    assert not page.code.isVisible()  # only a company has one
    page.name.setText("杭州讯达信息技术有限公司")
    page.role.setCurrentIndex(page.role.findData("company"))
    assert page.code.isVisible()
    page.secret.setText("correct horse")
    page.again.setText("correct horse")
    page.create()
    assert "统一社会信用代码" in page.message.text() and identity.own_identity(
        store, required=False) is None
    page.code.setText(VALID_CODE)
    page.create()
    assert identity.own_identity(store).uscc == VALID_CODE


def test_rotate_key_from_the_page_and_revoked_keys_are_shown(app, qtbot, store, tmp_path,
                                                            monkeypatch):
    from inspector.ui.identity_page import IdentityPage, grouped

    identity.init_identity(store, name="陈静", role="supervisor", org="湖州市市场监督管理局",
                           secret="correct horse", kdf=FAST)
    old = identity.own_identity(store).fingerprint
    page = IdentityPage(store)
    qtbot.addWidget(page)
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "correct horse")
    assert page.rotate_key()
    me = identity.own_identity(store)
    assert me.fingerprint != old and me.name == "陈静"
    assert page.own_fingerprint.text() == grouped(me.fingerprint)
    assert "已生成新密钥" in page.message.text()
    assert page.revoked.rowCount() == 0
    identity.revoke(store, old[:16], reason="旧电脑丢失")
    page.refresh()
    assert page.lists.tabText(2) == "已吊销的密钥"
    assert [page.revoked.item(0, c).text() for c in (1, 3)] == ["陈静", "旧电脑丢失"]
    assert page.revoked.item(0, 2).text().startswith(identity.show_fingerprint(old[:16]))
    # a trusted inspector of the supervisor's organisation whose key it revokes
    pem, theirs = other_certificate(tmp_path, name="王芳", role="inspector")
    identity.trust(store, pem.read_bytes(), expected=theirs)
    identity.revoke(store, theirs[:16], reason="丢失")
    page.refresh()
    names = {row[0] for row in table_rows(page)}
    assert "陈静" in names  # our new key is good
    assert any(name.startswith("王芳（密钥已于 ") and name.endswith("吊销）") for name in names)
    assert page.revoked.rowCount() == 2


def test_revoke_keys_from_the_page(app, qtbot, store, tmp_path, monkeypatch):
    """A bureau revokes its inspector's key (not a company's) from the trusted list,
    and its own key with the button beside it (a new key takes its place)."""
    from inspector.ui.identity_page import IdentityPage

    identity.init_identity(store, name="陈静", role="supervisor", org="湖州市市场监督管理局",
                           secret="correct horse", kdf=FAST)
    inspector_pem, inspector_fp = other_certificate(tmp_path, name="王芳", role="inspector")
    company_pem, company_fp = other_certificate(tmp_path, name="讯达公司", role="company")
    for pem, fp in ((inspector_pem, inspector_fp), (company_pem, company_fp)):
        identity.trust(store, pem.read_bytes(), expected=fp)
    page = IdentityPage(store)
    qtbot.addWidget(page)
    rows = {row[0]: number for number, row in enumerate(table_rows(page))}
    assert not page.revoke_button.isEnabled()
    page.table.selectRow(rows["讯达公司"])
    assert not page.revoke_button.isEnabled()  # a company's key: its enrolling inspector's
    page.table.selectRow(rows["陈静"])
    assert not page.revoke_button.isEnabled()  # our own: the button beside it
    page.table.selectRow(rows["王芳"])
    assert page.revoke_button.isEnabled()
    asked = []
    monkeypatch.setattr(page, "ask_reason", lambda title, text: asked.append(text) or None)
    assert not page.revoke_selected() and identity.revocations(store) == []
    assert "王芳" in asked[0]
    monkeypatch.setattr(page, "ask_reason", lambda title, text: "笔记本电脑丢失")
    assert page.revoke_selected()
    assert identity.key_end(store.conn, inspector_fp)[1:] == ("revoked", "笔记本电脑丢失")
    assert page.lists.currentWidget() is page.revoked and page.revoked.rowCount() == 1
    assert "王芳" in page.message.text()
    old = identity.own_identity(store).fingerprint
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "correct horse")
    monkeypatch.setattr(page, "ask_reason", lambda title, text: "疑似泄露")
    assert page.revoke_own_key()
    assert identity.own_identity(store).fingerprint != old
    assert identity.key_end(store.conn, old)[1:] == ("revoked", "疑似泄露")
    assert page.revoked.rowCount() == 2


def test_the_contact_on_notices_is_set_from_the_identity_page(app, qtbot, store, monkeypatch):
    from inspector import contact
    from inspector.ui.contact_dialog import ContactDialog
    from inspector.ui.identity_page import IdentityPage

    identity.init_identity(store, name="张伟", role="inspector", org="某县市场监督管理局",
                           secret="correct horse", kdf=FAST)
    page = IdentityPage(store)
    qtbot.addWidget(page)

    def filled(dialog):
        dialog.phone.setText("0571-88881234")
        dialog.address.setText("某路1号")
        return True

    monkeypatch.setattr(ContactDialog, "exec", filled)
    assert page.edit_contact()
    assert contact.get(store) == contact.Contact("0571-88881234", "某路1号")
    assert page.message.text() == "联系方式已保存：此后出具的通知书将印上。"

    def hostile(dialog):
        dialog.address.setText("某路\x1b1号")
        return True

    monkeypatch.setattr(ContactDialog, "exec", hostile)
    assert not page.edit_contact()
    assert page.message.objectName() == "error"
    assert contact.get(store).address == "某路1号"
