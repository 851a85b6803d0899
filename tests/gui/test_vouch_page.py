"""The identity page's certify / enrol step: compare the fingerprint, type the credit
code (a company), sign; the statement is listed and counts for the store."""

import pytest

from inspector import identity, trust_chain

from ..helpers.stores import CODE_B, FAST, SECRET, VALID_CODE
from .test_identity_page import other_certificate

pytestmark = pytest.mark.gui


def page_of(store, qtbot, role):
    from inspector.ui.identity_page import IdentityPage

    identity.init_identity(store, name="张伟", role=role, org="德清县市场监督管理局",
                           secret=SECRET, kdf=FAST,
                           code=VALID_CODE if role == "company" else None)
    page = IdentityPage(store)
    qtbot.addWidget(page)
    return page


def test_an_inspector_enrols_a_company_from_the_page(app, qtbot, store, tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    page = page_of(store, qtbot, "inspector")
    assert page.vouch_button.text() == "登记企业…" and not page.vouch_button.isHidden()
    pem, fp = other_certificate(tmp_path, name="讯达公司", role="company")
    shown = []
    monkeypatch.setattr(page, "confirm_vouch", lambda facts: shown.append(facts) or True)
    monkeypatch.setattr(page, "ask_code", lambda facts: CODE_B)
    assert not page.vouch_file(str(pem))  # the code typed differs from the certificate's
    assert page.message.objectName() == "error" and trust_chain.vouched(store) == []
    monkeypatch.setattr(page, "ask_code", lambda facts: None)
    assert not page.vouch_file(str(pem))  # cancelled: nothing signed
    monkeypatch.setattr(page, "ask_code", lambda facts: VALID_CODE)
    assert page.vouch_file(str(pem))
    assert shown[-1]["fingerprint"] == fp
    assert page.vouched.rowCount() == 1 and page.vouched.item(0, 0).text() == "讯达公司"
    assert page.vouched.item(0, 4).text() == "是"
    assert fp in {i.fingerprint for i in trust_chain.trusted_signers(store)}


def test_a_bureau_certifies_and_a_company_vouches_for_no_one(app, qtbot, store, tmp_path):
    assert page_of(store, qtbot, "supervisor").vouch_button.text() == "认证检查人员…"
    from inspector.store import Store

    with Store(tmp_path / "company.db") as company:
        assert page_of(company, qtbot, "company").vouch_button.isHidden()


def test_an_inspector_revokes_a_company_it_enrolled_never_synced(app, qtbot, store,
                                                                 tmp_path, monkeypatch):
    """The company's laptop went missing the week it was enrolled, before it ever sent
    a bundle: the inspector revokes its key from the list of those it enrolled."""
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    page = page_of(store, qtbot, "inspector")
    pem, fp = other_certificate(tmp_path, name="讯达公司", role="company")
    monkeypatch.setattr(page, "confirm_vouch", lambda facts: True)
    monkeypatch.setattr(page, "ask_code", lambda facts: VALID_CODE)
    assert page.vouch_file(str(pem))
    assert page.lists.currentWidget() is page.vouched
    assert not page.revoke_button.isEnabled()
    page.vouched.selectRow(0)
    assert page.revoke_button.isEnabled()
    monkeypatch.setattr(page, "ask_reason", lambda title, text: "电脑被盗")
    assert page.revoke_selected()
    assert identity.key_end(store.conn, fp)[1:] == ("revoked", "电脑被盗")
    assert page.revoked.item(0, 1).text() == "讯达公司"
