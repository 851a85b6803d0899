"""`keys trust` / `distrust` / `history`: trust only a certificate whose fingerprint a
person checked, never your own; a forged certificate on record is replaced by the
checked one; every decision is kept, in order, in a history nobody rewrites."""

import json
import sqlite3

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from inspector import identity
from inspector.cli import main
from inspector.store import Store

from .helpers.stores import FAST, SECRET, VALID_CODE


@pytest.fixture
def world(tmp_path, monkeypatch, capsys):
    """My store (an inspector) and a company's, whose certificate I am sent."""
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    monkeypatch.setenv("INSPECTOR_LANG", "en")
    mine, theirs = tmp_path / "mine.db", tmp_path / "company.db"
    for path, name, role in ((mine, "张伟", "inspector"), (theirs, "讯达公司", "company")):
        with Store(path) as store:
            identity.init_identity(store, name=name, role=role, org="某县", secret=SECRET,
                                   kdf=FAST, code=VALID_CODE if role == "company" else None)
    pem = tmp_path / "company.pem"
    with Store(theirs) as store:
        pem.write_bytes(identity.export_public(store))
        fp = identity.own_identity(store).fingerprint

    def run(*args, db=mine):
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    run.mine, run.pem, run.fp, run.tmp = mine, pem, fp, tmp_path
    return run


def trusted_names(path) -> list[str]:
    with Store(path) as store:
        return [i.name for i in identity.trusted_identities(store)]


def history(run) -> list[dict]:
    code, out, _ = run("keys", "history", "--json")
    assert code == 0
    return json.loads(out)


def test_without_a_terminal_the_fingerprint_must_be_given(world):
    code, out, err = world("keys", "trust", str(world.pem))
    assert code == 1 and err.count("\n") == 1 and "--fingerprint" in err
    assert "讯达公司" in out and identity.show_fingerprint(world.fp) in out  # shown first
    assert "now trusted" not in out
    assert trusted_names(world.mine) == ["张伟"] and history(world) == []


def test_a_wrong_or_short_fingerprint_is_refused(world):
    wrong = ("0" if world.fp[5] != "0" else "1").join([world.fp[:5], world.fp[6:]])
    code, out, err = world("keys", "trust", str(world.pem), "--fingerprint", wrong)
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"{world.pem}: ") and "fingerprints differ, not trusted" in err
    assert "now trusted" not in out
    code, _, err = world("keys", "trust", str(world.pem), "--fingerprint", world.fp[:15])
    assert code == 1 and "at least 16 hex digits" in err
    assert trusted_names(world.mine) == ["张伟"] and history(world) == []


def test_the_right_fingerprint_trusts_as_read_aloud(world):
    grouped = identity.show_fingerprint(world.fp[:16]).lower()  # "ab12 cd34 …", spaces
    code, out, _ = world("keys", "trust", str(world.pem), "--fingerprint", grouped)
    assert code == 0 and "now trusted: 讯达公司" in out
    assert trusted_names(world.mine) == ["张伟", "讯达公司"]
    (decision,) = history(world)
    with Store(world.mine) as store:
        me = identity.own_identity(store)
    assert (decision["decision"], decision["fingerprint"], decision["confirmed"],
            decision["decided_by"], decision["name"]) == \
        ("trusted", world.fp, "fingerprint", me.id, "讯达公司")
    code, out, _ = world("keys", "trust", str(world.pem), "--fingerprint", world.fp)
    assert code == 0 and "already trusted" in out and len(history(world)) == 1


def test_on_a_terminal_the_user_is_asked(world, monkeypatch):
    class Terminal:
        def isatty(self):
            return True

    answers = iter(["n", "y"])
    asked = []
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(answers))
    code, _, err = world("keys", "trust", str(world.pem))
    assert code == 1 and "nothing was changed" in err and history(world) == []
    assert "Do the fingerprints match? [y/N]" in asked[0]
    code, out, _ = world("keys", "trust", str(world.pem))
    assert code == 0 and "now trusted" in out
    assert [d["confirmed"] for d in history(world)] == ["prompt"]


def test_trusting_my_own_certificate_is_refused(world):
    mine = world.tmp / "mine.pem"
    assert world("keys", "export-public", "-o", str(mine))[0] == 0
    with Store(world.mine) as store:
        fp = identity.own_identity(store).fingerprint
    code, _, err = world("keys", "trust", str(mine), "--fingerprint", fp)
    assert code == 1 and "own identity" in err and history(world) == []


def forged_certificate(run) -> tuple[bytes, str]:
    """A certificate with the company's name and identity id on someone else's key."""
    with Store(run.tmp / "company.db") as store:
        company = identity.own_identity(store)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = identity._certificate(key, company.id, company.name, "company", "某县")
    return cert.public_bytes(serialization.Encoding.PEM), identity.fingerprint(cert)


def test_the_checked_certificate_replaces_a_forged_one_on_record(world):
    pem, forged_fp = forged_certificate(world)
    forged = world.tmp / "forged.pem"
    forged.write_bytes(pem)
    # fooled once: the forger read out the forged certificate's own fingerprint
    assert world("keys", "trust", str(forged), "--fingerprint", forged_fp)[0] == 0
    code, out, _ = world("keys", "trust", str(world.pem), "--fingerprint", world.fp)
    assert code == 0
    assert identity.show_fingerprint(forged_fp) in out  # the one on record, said as such
    assert "replaced the certificate on record for 讯达公司" in out
    assert f"fingerprint {identity.show_fingerprint(world.fp)}, is now trusted" in out
    with Store(world.mine) as store:
        (company,) = [i for i in identity.trusted_identities(store) if i.role == "company"]
    assert company.fingerprint == world.fp
    assert [(d["decision"], d["fingerprint"], d["previous_fingerprint"])
            for d in history(world)] == [("trusted", forged_fp, None),
                                         ("replaced", world.fp, forged_fp)]


def test_a_forged_certificate_left_by_an_import_is_replaced(world):
    """The store knows the identity from records that came with a forged certificate
    (never trusted): trusting the genuine one must not keep, nor print, the forged one."""
    pem, forged_fp = forged_certificate(world)
    with Store(world.tmp / "company.db") as store:
        company = identity.own_identity(store)
    with Store(world.mine) as store, store.transaction():
        store.db["identities"].insert({
            "id": company.id, "name": company.name, "role": "company", "org": None,
            "certificate": pem.decode(), "fingerprint": forged_fp, "trusted": 0,
            **store.stamp()})
    code, out, _ = world("keys", "trust", str(world.pem), "--fingerprint", world.fp)
    assert code == 0 and "replaced the certificate on record" in out
    assert f"now trusted: 讯达公司 (company), fingerprint {identity.show_fingerprint(forged_fp)}" \
        not in out
    with Store(world.mine) as store:
        assert identity.trusted_identities(store)[-1].fingerprint == world.fp


def test_distrust_undoes_a_trust_and_is_recorded(world):
    assert world("keys", "trust", str(world.pem), "--fingerprint", world.fp)[0] == 0
    code, out, _ = world("keys", "distrust", identity.show_fingerprint(world.fp[:20]))
    assert code == 0 and "no longer trusted: 讯达公司" in out
    assert trusted_names(world.mine) == ["张伟"]
    code, _, err = world("keys", "distrust", world.fp)  # no longer a trusted signer
    assert code == 1 and "not a trusted signer" in err
    with Store(world.mine) as store:
        own = identity.own_identity(store).fingerprint
    code, _, err = world("keys", "distrust", own)
    assert code == 1 and "own identity cannot be distrusted" in err
    assert world("keys", "trust", str(world.pem), "--fingerprint", world.fp)[0] == 0
    assert [d["decision"] for d in history(world)] == ["trusted", "distrusted", "trusted"]
    code, out, _ = world("keys", "history")
    lines = out.splitlines()
    assert len(lines) == 4 and "distrusted" in lines[2] and "--fingerprint" in lines[1]


def test_trust_history_is_append_only(world):
    assert world("keys", "trust", str(world.pem), "--fingerprint", world.fp)[0] == 0
    with Store(world.mine) as store:
        for sql in ("UPDATE trust_decisions SET decision = 'distrusted'",
                    "DELETE FROM trust_decisions"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                store.conn.execute(sql)
