"""A new passphrase must be hard to guess (zxcvbn); one typed to unlock is not judged."""

import pytest

from inspector import i18n, identity
from inspector.cli import main
from inspector.errors import ValidationError
from inspector.passphrase_strength import FEEDBACK, check_new_passphrase

from .helpers.stores import FAST, SECRET

WEAK = {"12345678": "top-10 common password", "password": "top-10 common password",
        "aaaaaaaa": 'repeats like "aaa"', " " * 8: 'repeats like "aaa"',
        "abcdefgh": 'sequences like "abc"', "qwertyuiop": "top-100 common password",
        "Password1": "very common password", "19851203": "dates are often easy to guess"}


@pytest.mark.parametrize(("secret", "reason"), WEAK.items())
def test_weak_new_passphrases_are_refused_saying_why(store, secret, reason):
    with pytest.raises(ValidationError) as refused:
        identity.init_identity(store, name="张伟", role="inspector", org=None, secret=secret,
                               kdf=FAST)
    message = str(refused.value)
    assert message.startswith("the passphrase is too easy to guess: ") and reason in message
    assert "(an offline attack needs " in message and "\n" not in message
    assert identity.own_identity(store, required=False) is None


def test_the_reason_is_said_in_chinese_first(store):
    i18n.set_language("zh")
    said = "口令太容易被猜中：这是最常用的 10 个密码之一（离线破解估计只需不到一秒）"
    with pytest.raises(ValidationError, match=said):
        identity.init_identity(store, name="张伟", role="inspector", org=None,
                               secret="12345678", kdf=FAST)


def test_the_persons_own_details_make_a_weak_passphrase(store):
    with pytest.raises(ValidationError, match="do not use your own name"):
        identity.init_identity(store, name="zhangwei", role="inspector",
                               org="deqingshijianju", secret="zhangweideqingshijianju", kdf=FAST)
    check_new_passphrase("zhangweideqingshijianju")  # the same, for someone else: strong


@pytest.mark.parametrize("secret", [SECRET, "correct horse battery staple", "Tr0ub4dor&3",
                                    "今天天气很好我们去公园", "x" * 20 + "长口令" * 30])
def test_strong_passphrases_are_taken(store, secret):
    made = identity.init_identity(store, name="张伟", role="inspector", org=None, secret=secret,
                                  kdf=FAST)
    assert identity.signing_key(store, secret)[0].id == made.id


def test_every_feedback_sentence_has_its_message():
    for key in FEEDBACK.values():
        for lang in i18n.LANGUAGES:
            i18n.set_language(lang)
            assert i18n.t(f"passphrase.{key}")


def test_keys_init_refuses_a_weak_passphrase(capsys, db_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "password")
    code = main(["--db", str(db_path), "keys", "init", "--name", "张伟"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith("the passphrase is too easy to guess: this is a top-10 common")
    assert len(err.splitlines()) == 1
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "a much better passphrase")
    assert main(["--db", str(db_path), "keys", "init", "--name", "张伟"]) == 0


def test_a_weak_passphrase_chosen_before_still_unlocks_and_rotates(store, monkeypatch):
    """Unlocking is not choosing: a store made before the rule keeps working."""
    monkeypatch.setattr(identity, "check_new_passphrase", lambda secret, personal: None)
    identity.init_identity(store, name="张伟", role="inspector", org=None, secret="12345678",
                           kdf=FAST)
    monkeypatch.undo()
    old = identity.own_identity(store).fingerprint
    assert identity.signing_key(store, "12345678")[0].name == "张伟"
    assert identity.rotate(store, "12345678").fingerprint != old
    assert identity.signing_key(store, "12345678")[0].name == "张伟"
