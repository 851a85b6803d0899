"""Revocation and rotation: a key that moved on or was revoked vouches for what it
signed before, never for anything it signed later; an identity keeps its id across a
rotation that its old key announced, and nobody else can announce one for it."""

import sqlite3
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from inspector import checklists, identity, ids, inspections, signing, sync, trust_chain
from inspector.authorization import Unauthorized
from inspector.cli import main
from inspector.digest import canonical
from inspector.errors import InspectorError, ValidationError
from inspector.rebuild import rebuild
from inspector.store import Store

from .helpers import forge
from .helpers.stores import FAST, SECRET, VALID_CODE, befriend, dump_hash, export, make_store
from .test_bundle import fill


@pytest.fixture
def world(tmp_path, checklist_dir):
    """An inspector with a completed inspection, a company and a supervisor of the
    inspector's organisation, all trusting each other."""
    inspector = make_store(tmp_path / "inspector.db", "张伟", "inspector")
    company = make_store(tmp_path / "company.db", "讯达公司", "company", VALID_CODE)
    supervisor = make_store(tmp_path / "supervisor.db", "陈静", "supervisor")
    befriend(inspector, company, supervisor)
    done = fill(inspector)
    yield inspector, company, supervisor, done
    for store in (inspector, company, supervisor):
        store.close()


def after(moment: str, whole_seconds: bool = False) -> None:
    """Let the clock pass `moment` (PDF signing times have whole seconds only)."""
    cut = moment[:19] + ".999Z" if whole_seconds else moment
    while ids.now() <= cut:
        time.sleep(0.005)


def refused(store: Store, path: Path, *words: str) -> None:
    before = dump_hash(store)
    with pytest.raises(sync.BundleError) as info:
        sync.import_bundle(store, path)
    for word in words:
        assert word in info.value.message
    assert dump_hash(store) == before


# --- rotation ------------------------------------------------------------------------


def test_a_receiver_trusting_the_old_key_follows_a_rotation(world, tmp_path):
    inspector, company, supervisor, done = world
    me = identity.own_identity(inspector)
    before_rotation = export(inspector, tmp_path / "before.zip")
    old_copy = tmp_path / "old-laptop.db"
    with sqlite3.connect(old_copy) as copy:  # the old key, as a stolen laptop holds it
        inspector.conn.backup(copy)

    rotated = identity.rotate(inspector, SECRET)
    assert (rotated.id, rotated.name, rotated.role) == (me.id, me.name, me.role)
    assert rotated.fingerprint != me.fingerprint
    # the sealed key is the new one, under the same passphrase
    unlocked = identity.signing_key(inspector, SECRET)[1]
    assert unlocked.public_key().public_numbers() == \
        rotated.certificate.public_key().public_numbers()

    sync.import_bundle(supervisor, export(inspector, tmp_path / "after.zip"))
    seen = supervisor.db["identities"].get(me.id)
    assert seen["fingerprint"] == rotated.fingerprint and seen["trusted"] == 1
    assert inspections.get(supervisor, done)["status"] == "completed"
    # a bundle the old key made before the rotation still comes in (to the company)
    sync.import_bundle(company, before_rotation)
    ended = identity.key_end(inspector.conn, me.fingerprint)
    after(ended[0])
    # the old key signing anything after the rotation: refused
    with Store(old_copy) as old:
        stale = export(old, tmp_path / "stale.zip")
    refused(supervisor, stale, me.fingerprint[:4].upper(), "replaced")


def test_two_rotations_in_one_bundle_are_followed(world, tmp_path):
    inspector, _, supervisor, _ = world
    first = identity.own_identity(inspector).fingerprint
    identity.rotate(inspector, SECRET)
    last = identity.rotate(inspector, SECRET).fingerprint
    sync.import_bundle(supervisor, export(inspector, tmp_path / "twice.zip"))
    assert trust_chain.find_signer(supervisor, last[:16]).fingerprint == last
    ended = [identity.key_end(supervisor.conn, fp) for fp in (first, last)]
    assert ended[0][1] == "rotated" and ended[1] is None


def test_a_rotation_not_signed_by_the_old_key_is_refused(world, tmp_path):
    inspector, company, supervisor, _ = world
    me = identity.own_identity(inspector)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = identity._certificate(key, me.id, me.name, me.role, me.org)
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    old_pem = me.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
    statement = identity.rotation_statement(me.id, me.fingerprint, identity.fingerprint(cert),
                                            ids.now())
    data = {"name": me.name, "role": me.role, "org": me.org, "certificate": pem,
            "fingerprint": identity.fingerprint(cert),
            "rotation": {"statement": statement, "previous_certificate": old_pem,
                         "signature": key.sign(canonical(statement).encode(),
                                               ec.ECDSA(hashes.SHA256())).hex()}}
    assert not identity.valid_rotation(old_pem, me.id, data)
    # the forger signs with its new key, as the rotated inspector would
    forged = identity.Identity(me.id, me.name, me.role, me.org, cert, True)
    entry = forge.make_entry(device=ids.uuid7(), actor=me.id, prev=None, entity="identity",
                             record_id=me.id, op="keys", data=data)
    path = forge.bundle(company, tmp_path / "forged.zip", [entry], keys=(forged, key))
    refused(supervisor, path, "not trusted")
    # in the company's own history, signed by the company's trusted key
    forge.append(company, "identity", me.id, "keys", data)
    refused(supervisor, export(company, tmp_path / "company.zip"), me.id[:8])


# --- revocation -----------------------------------------------------------------------


def test_a_bundle_signed_after_the_revocation_is_refused_one_before_accepted(world, tmp_path):
    inspector, company, supervisor, done = world
    fp = identity.own_identity(inspector).fingerprint
    early = export(inspector, tmp_path / "early.zip")
    revoked = identity.revoke(supervisor, fp[:16], reason="笔记本电脑丢失")
    assert revoked.rotated_to is None and revoked.fingerprint == fp
    after(revoked.revoked_at)
    late = export(inspector, tmp_path / "late.zip")
    refused(supervisor, late, fp[:4].upper(), "revoked", "笔记本电脑丢失")
    sync.import_bundle(supervisor, early)
    assert inspections.get(supervisor, done)["status"] == "completed"
    # the revocation travels: the company learns it from the supervisor's bundle
    sync.import_bundle(company, export(supervisor, tmp_path / "supervisor.zip"))
    assert [r["fingerprint"] for r in identity.revocations(company)] == [fp]
    refused(company, late, "revoked")


def test_a_store_whose_key_was_revoked_signs_nothing_more(world, tmp_path):
    """The laptop comes back after its bureau revoked its key: it learns so from the
    supervisor's bundle and refuses to sign (whatever it signed would be refused)."""
    inspector, _, supervisor, done = world
    fp = identity.own_identity(inspector).fingerprint
    identity.revoke(supervisor, fp[:16], reason="笔记本电脑丢失")
    sync.import_bundle(inspector, export(supervisor, tmp_path / "supervisor.zip"))
    before = dump_hash(inspector)
    with pytest.raises(InspectorError, match="笔记本电脑丢失") as info:
        export(inspector, tmp_path / "late.zip")
    assert "revoked" in info.value.message and not (tmp_path / "late.zip").exists()
    with pytest.raises(InspectorError, match="revoked"):
        signing.issue_report(inspector, done, tmp_path / "late.pdf", secret=SECRET)
    assert not (tmp_path / "late.pdf").exists()
    assert dump_hash(inspector) == before


def test_a_revocation_relayed_with_what_the_key_signed_later_refuses_it(world, tmp_path):
    """A second officer's store took the inspector's late records before it learnt of
    the revocation; its bundle carries both: the late records are refused all the same."""
    inspector, company, supervisor, _ = world
    relay = make_store(tmp_path / "relay.db", "王芳", "inspector")
    befriend(relay, inspector, supervisor, company)
    fp = identity.own_identity(inspector).fingerprint
    revoked = identity.revoke(supervisor, fp[:16], reason="笔记本电脑丢失")
    after(revoked.revoked_at)
    late = inspections.start(inspector, subject=VALID_CODE, inspectors=["张伟", "王芳"],
                             checklist=checklists.find("mini"))
    sync.import_bundle(relay, export(inspector, tmp_path / "late.zip"))
    sync.import_bundle(relay, export(supervisor, tmp_path / "revocation.zip"))
    refused(company, export(relay, tmp_path / "relayed.zip"), "revoked", "笔记本电脑丢失")
    assert inspections.get(relay, late)["status"] == "draft"
    relay.close()


def test_an_identity_revokes_its_own_key_and_goes_on_with_a_new_one(world, tmp_path):
    inspector, _, supervisor, _ = world
    old = identity.own_identity(inspector)
    done = identity.revoke(inspector, reason="lost", secret=SECRET)
    assert done.rotated_to.id == old.id and done.rotated_to.fingerprint != old.fingerprint
    sync.import_bundle(supervisor, export(inspector, tmp_path / "new-key.zip"))
    assert identity.key_end(supervisor.conn, old.fingerprint)[:2] == (done.revoked_at, "revoked")
    assert [r["fingerprint"] for r in identity.revocations(supervisor)] == [old.fingerprint]
    # the keys' ends come from the log: a rebuilt store has the same
    for store in (inspector, supervisor):
        with Store(rebuild(store, tmp_path / f"rebuilt-{store.device_id}.db")) as copy:
            for table in ("identity_keys", "identities"):
                query = f"SELECT * FROM {table} ORDER BY 1"
                assert copy.query(query) == store.query(query)


def test_a_company_cannot_revoke_an_inspectors_key(world, tmp_path):
    inspector, company, supervisor, _ = world
    me = identity.own_identity(inspector)
    before = dump_hash(company)
    with pytest.raises(Unauthorized):
        identity.revoke(company, me.fingerprint[:16])
    assert dump_hash(company) == before
    forge.append(company, "revocation", ids.uuid7(), "create", {
        "identity_id": me.id, "fingerprint": me.fingerprint, "revoked_at": ids.now()})
    refused(supervisor, export(company, tmp_path / "company.zip"), "revocation")
    assert identity.key_end(supervisor.conn, me.fingerprint) is None


def test_a_supervisor_revokes_an_inspectors_key_not_a_companys(world):
    _, company, supervisor, _ = world
    theirs = identity.own_identity(company).fingerprint
    before = dump_hash(supervisor)
    with pytest.raises(Unauthorized):
        identity.revoke(supervisor, theirs[:16])
    assert dump_hash(supervisor) == before


def test_the_inspector_who_enrolled_a_company_revokes_its_key(world, tmp_path):
    """A company that lost its only laptop cannot sign its own revocation: the inspector
    who enrolled it can; one who did not, cannot."""
    inspector, company, supervisor, _ = world
    fp = identity.own_identity(company).fingerprint
    stranger = make_store(tmp_path / "stranger.db", "王芳", "inspector")
    befriend(stranger, company)
    with pytest.raises(Unauthorized, match="enrolled"):
        identity.revoke(stranger, fp[:16])
    trust_chain.vouch(inspector, identity.export_public(company), "-", expected=fp,
                      code=VALID_CODE, secret=SECRET)
    identity.revoke(inspector, fp[:16], reason="企业电脑被盗")
    sync.import_bundle(supervisor, export(inspector, tmp_path / "revoked.zip"))
    assert identity.key_end(supervisor.conn, fp)[1:] == ("revoked", "企业电脑被盗")
    stranger.close()


def test_only_the_inspectors_own_bureau_revokes_its_key(world, tmp_path):
    inspector, company, _, _ = world
    other = Store(tmp_path / "other-bureau.db")  # a bureau elsewhere, trusted all the same
    identity.init_identity(other, name="赵强", role="supervisor", org="另一市市场监督管理局",
                           secret=SECRET, kdf=FAST)
    befriend(other, inspector, company)
    fp = identity.own_identity(inspector).fingerprint
    with pytest.raises(Unauthorized):
        identity.revoke(other, fp[:16])
    assert identity.key_end(other.conn, fp) is None
    other.close()


def test_a_supervisor_cannot_backdate_a_revocation(world, tmp_path):
    inspector, company, supervisor, _ = world
    me = identity.own_identity(inspector)
    forge.append(supervisor, "revocation", ids.uuid7(), "create", {
        "identity_id": me.id, "fingerprint": me.fingerprint,
        "revoked_at": "2020-01-01T00:00:00.000Z"})
    refused(company, export(supervisor, tmp_path / "backdated.zip"), "revocation")
    assert identity.key_end(company.conn, me.fingerprint) is None


def test_a_report_signed_after_the_revocation_fails_verify(world, tmp_path):
    inspector, _, supervisor, done = world
    fp = identity.own_identity(inspector).fingerprint
    before = tmp_path / "before.pdf"
    signing.issue_report(inspector, done, before, secret=SECRET)
    revoked = identity.revoke(supervisor, fp[:16])
    after(revoked.revoked_at, whole_seconds=True)
    later = tmp_path / "later.pdf"
    signing.issue_report(inspector, done, later, secret=SECRET)
    assert signing.verify_report(supervisor, before.read_bytes(), str(before))
    with pytest.raises(ValidationError) as info:
        signing.verify_report(supervisor, later.read_bytes(), str(later))
    assert "revoked" in info.value.message and fp[:4].upper() in info.value.message
    # the QR statement alone: signed no earlier than its inspection's day began
    qr = signing.verify_report(supervisor, before.read_bytes(), str(before)).pdf.qr_text
    assert signing.check_statement(supervisor, qr).issuer.fingerprint == fp


def test_a_key_s_end_refuses_what_it_signed_later_or_without_a_time(world):
    inspector, _, supervisor, _ = world
    fp = identity.own_identity(inspector).fingerprint
    assert identity.late_use(supervisor.conn, fp, None) is None  # a good key
    revoked = identity.revoke(supervisor, fp[:16], reason="被盗")
    assert identity.late_use(supervisor.conn, fp, "2020-01-01T00:00:00.000Z") is None
    assert identity.late_use(supervisor.conn, fp, revoked.revoked_at) is None
    for later in ("2099-01-01T00:00:00.000Z", "2099-01-01T08:00:00+08:00", None, "garbage"):
        assert "被盗" in identity.late_use(supervisor.conn, fp, later)


def test_cli_rotate_revoke_and_show(world, monkeypatch, capsys):
    inspector, *_ = world
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    monkeypatch.setenv("INSPECTOR_LANG", "en")
    db = str(inspector.path)
    inspector.close()
    old = None
    with Store(db) as store:
        old = identity.own_identity(store).fingerprint
    assert main(["--db", db, "keys", "rotate"]) == 0
    out = capsys.readouterr().out
    assert "retired" in out and identity.show_fingerprint(old[:16]) in out
    assert main(["--db", db, "keys", "revoke", old[:16], "--reason", "old laptop"]) == 0
    assert "revoked the key" in capsys.readouterr().out
    assert main(["--db", db, "keys", "show"]) == 0
    out = capsys.readouterr().out
    assert "revoked keys (1)" in out and "old laptop" in out
