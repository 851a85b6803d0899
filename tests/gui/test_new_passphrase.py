"""The identity page refuses a weak new passphrase, saying why (zxcvbn, as the CLI)."""

import pytest

from inspector import identity

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("secret", ["12345678", "password", "aaaaaaaa", " " * 8])
def test_a_weak_passphrase_is_refused_on_the_page(app, qtbot, store, secret):
    from inspector.ui.identity_page import IdentityPage

    page = IdentityPage(store)
    qtbot.addWidget(page)
    page.name.setText("张伟")
    page.secret.setText(secret)
    page.again.setText(secret)
    page.create()
    assert page.message.objectName() == "error"
    assert page.message.text().startswith("口令太容易被猜中：")
    assert identity.own_identity(store, required=False) is None
    page.secret.setText("德清县检查组的春天口令")
    page.again.setText("德清县检查组的春天口令")
    page.create()
    assert identity.own_identity(store).name == "张伟"
