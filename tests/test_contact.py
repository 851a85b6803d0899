"""The notice says whom the party asks and where it sends its evidence: the officers
who inspected, and this office's phone and address (a line to fill in where unset)."""

import re

import pytest

from inspector import contact
from inspector.cli import main
from inspector.errors import ValidationError
from inspector.reports import issue_notices

from .helpers.pdftools import pdf_text
from .helpers.stores import make_store
from .test_authorities import clinic_inspection


@pytest.fixture
def zhang(tmp_path, checklist_dir):
    store = make_store(tmp_path / "zhang.db", "张伟", "inspector")
    yield store
    store.close()


def notice_text(store, tmp_path) -> str:
    started = clinic_inspection(store)
    return re.sub(r"\s+", "", pdf_text(issue_notices(store, started)[0].pdf, tmp_path))


def test_the_notice_names_the_officers_and_this_offices_phone_and_address(zhang, tmp_path):
    contact.set_contact(zhang, phone="0571-8888 1234", address="杭州市拱墅区某某路1号3楼")
    text = notice_text(zhang, tmp_path)
    assert "联系人：张伟、李娜" in text
    assert "联系电话：0571-88881234" in text and "地址：杭州市拱墅区某某路1号3楼" in text


def test_without_a_contact_the_notice_leaves_lines_to_fill_in(zhang, tmp_path):
    text = notice_text(zhang, tmp_path)
    assert "联系电话：＿＿＿＿＿＿＿＿" in text and "地址：＿＿＿＿＿＿＿＿" in text


def test_a_contact_is_one_plain_line_of_a_bounded_length(zhang):
    assert contact.set_contact(zhang, phone=" 0571\n8888 ") == contact.Contact("0571 8888", "")
    with pytest.raises(ValidationError, match="control characters"):
        contact.set_contact(zhang, address="某路\x1b[31m1号")
    with pytest.raises(ValidationError, match="at most 40"):
        contact.set_contact(zhang, phone="1" * 41)
    assert contact.get(zhang).phone == "0571 8888"  # a refused value changes nothing
    assert contact.set_contact(zhang, phone="").phone == ""


def test_keys_contact_shows_and_sets(zhang, capsys):
    db = str(zhang.path)
    zhang.close()
    assert main(["--lang", "zh", "keys", "contact", "--db", db]) == 0
    assert "联系电话：-" in capsys.readouterr().out
    assert main(["--lang", "en", "keys", "contact", "--phone", "0571-88881234",
                 "--address", "某路1号", "--db", db]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "keys", "contact", "--db", db]) == 0
    assert "phone: 0571-88881234; address: 某路1号" in capsys.readouterr().out
    assert main(["keys", "contact", "--phone", "x" * 41, "--db", db]) == 1
