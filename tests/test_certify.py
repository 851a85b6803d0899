"""Trust that scales: a bureau certifies its inspectors, an inspector enrols companies,
and one trust step per party is enough (README, "Playing the three roles")."""

import json

import pytest

from inspector import authorization, identity, trust_chain
from inspector.cli import main
from inspector.errors import InspectorError
from inspector.store import Store

from .conftest import VALID_CODE
from .helpers.stores import CODE_B, SECRET, export, make_store

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


@pytest.fixture
def three(tmp_path, monkeypatch, capsys):
    """The README's three stores, each with its identity and its certificate exported."""
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    paths = {n: tmp_path / f"{n}.db" for n in ("inspector", "company", "supervisor")}

    def run(who, *args):
        code = main(["--db", str(paths[who]), *args])
        out, err = capsys.readouterr()
        assert code == 0, err
        return out

    run("inspector", "keys", "init", "--name", "张伟", "--role", "inspector",
        "--org", "某县市场监督管理局")
    run("company", "keys", "init", "--name", "杭州讯达信息技术有限公司", "--role", "company",
        "--code", VALID_CODE)
    run("supervisor", "keys", "init", "--name", "陈静", "--role", "supervisor",
        "--org", "某县市场监督管理局")
    pems, fps = {}, {}
    for who in paths:
        pems[who] = tmp_path / f"{who}.pem"
        run(who, "keys", "export-public", "-o", str(pems[who]))
        fps[who] = identity.fingerprint(identity.load_certificate(pems[who].read_bytes(), "-"))
    return run, paths, pems, fps, tmp_path


def test_the_readme_walk_through_needs_one_trust_step_per_party(three):
    run, paths, pems, fps, tmp = three
    # the bureau trusts nobody: it certifies its inspector, fingerprint compared
    out = run("supervisor", "keys", "certify", str(pems["inspector"]),
              "--fingerprint", fps["inspector"][:16])
    assert "张伟" in out
    run("supervisor", "export", "-o", str(tmp / "from-bureau.zip"))
    # the inspector trusts the bureau, takes its certification, enrols the company
    run("inspector", "keys", "trust", str(pems["supervisor"]), "--fingerprint", fps["supervisor"])
    run("inspector", "import", str(tmp / "from-bureau.zip"))
    run("inspector", "keys", "enrol", str(pems["company"]), "--code", VALID_CODE,
        "--fingerprint", fps["company"][:16])
    run("inspector", "subjects", "add", "--name", "杭州讯达信息技术有限公司", "--code", VALID_CODE,
        "--sector", "telecom_vas")
    inspection = run("inspector", "inspections", "start", "--subject", VALID_CODE,
                     "--inspector", "张伟", "--inspector", "李娜").strip()
    run("inspector", "inspections", "answer", inspection, "tel-05", "no", "--note", "年报未报送")
    run("inspector", "export", "-o", str(tmp / "to-company.zip"), "--for-subject", VALID_CODE)
    # the company trusts the bureau only: the inspector's bundle carries its certification
    run("company", "keys", "trust", str(pems["supervisor"]), "--fingerprint", fps["supervisor"])
    run("company", "import", str(tmp / "to-company.zip"))
    run("company", "export", "-o", str(tmp / "to-inspector.zip"))
    run("inspector", "import", str(tmp / "to-inspector.zip"))
    run("inspector", "export", "-o", str(tmp / "to-supervisor.zip"))
    # the supervisor never trusted the inspector or the company directly
    run("supervisor", "import", str(tmp / "to-supervisor.zip"), str(tmp / "to-inspector.zip"))
    with Store(paths["supervisor"]) as store:
        assert [i.name for i in identity.trusted_identities(store)] == ["陈静"]
        accepted = {i.name for i in trust_chain.trusted_signers(store)}
        assert store.db["inspections"].get(inspection)["subject_id"]
    assert accepted == {"陈静", "张伟", "杭州讯达信息技术有限公司"}
    shown = run("supervisor", "keys", "show")
    assert "张伟" in shown and "杭州讯达信息技术有限公司" in shown
    history = run("supervisor", "keys", "history")
    assert "certifications and enrolments: 2" in history or "认证与登记：2条" in history
    assert json.loads(run("supervisor", "keys", "show", "--json"))[0]["self"] is True


def test_certify_and_enrol_ask_on_a_terminal(three, monkeypatch, capsys):
    """Without --fingerprint the holder and fingerprint are shown and confirmed at the
    terminal; declined, nothing is signed; with no terminal, --fingerprint is needed."""
    run, paths, pems, fps, _ = three

    def certifications():
        with Store(paths["supervisor"]) as store:
            return store.conn.execute("SELECT COUNT(*) FROM certifications").fetchone()[0]

    assert main(["--db", str(paths["supervisor"]), "keys", "certify",
                 str(pems["inspector"])]) == 1
    assert "--fingerprint" in capsys.readouterr().err and certifications() == 0

    class Terminal:
        def isatty(self):
            return True

    answers, asked = iter(["n", "y"]), []
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(answers))
    assert main(["--db", str(paths["supervisor"]), "keys", "certify",
                 str(pems["inspector"])]) == 1
    out, err = capsys.readouterr()
    assert "张伟" in out and identity.show_fingerprint(fps["inspector"])[:19] in out
    assert "nothing was changed" in err and certifications() == 0
    out = run("supervisor", "keys", "certify", str(pems["inspector"]))
    assert "张伟" in out and certifications() == 1 and len(asked) == 2


def test_the_readme_shows_certify_and_enrol_steps():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "keys certify inspector.pem" in readme and "keys enrol company.pem" in readme


def test_an_enrolment_needs_the_credit_code_of_the_certificate(three):
    _, paths, pems, fps, _ = three
    with Store(paths["inspector"]) as store, pytest.raises(InspectorError, match="credit code"):
        trust_chain.vouch(store, pems["company"].read_bytes(), "-", expected=fps["company"],
                          code=CODE_B)
    with Store(paths["inspector"]) as store, pytest.raises(InspectorError, match="differ"):
        trust_chain.vouch(store, pems["company"].read_bytes(), "-",
                          expected=fps["inspector"], code=VALID_CODE)


def test_who_vouches_for_whom_is_fixed(three):
    _, paths, pems, fps, _ = three
    with Store(paths["supervisor"]) as store, pytest.raises(InspectorError, match="vouch"):
        trust_chain.vouch(store, pems["company"].read_bytes(), "-", expected=fps["company"])
    with Store(paths["company"]) as store, pytest.raises(InspectorError, match="vouch"):
        trust_chain.vouch(store, pems["inspector"].read_bytes(), "-", expected=fps["inspector"])


def forged_certification(store_from: Store, subject: Store, role="inspector"):
    """A statement like a bureau's, signed by `store_from`'s key, about `subject`."""
    me, key = identity.signing_key(store_from, SECRET)
    them = identity.own_identity(subject)
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from inspector.digest import canonical

    statement = {"identity_id": them.id, "name": them.name, "role": role, "org": them.org,
                 "uscc": them.uscc, "fingerprint": them.fingerprint, "issuer_id": me.id,
                 "issuer_name": me.name, "issuer_fingerprint": me.fingerprint,
                 "issued_at": "2026-01-01T00:00:00.000Z"}
    signature = key.sign(canonical(statement).encode(), ec.ECDSA(hashes.SHA256())).hex()
    pem = them.certificate.public_bytes(serialization.Encoding.PEM).decode()
    return trust_chain.Certification(statement, signature, pem)


@pytest.fixture
def parties(tmp_path):
    made = {role: make_store(tmp_path / f"{role}.db", role, role)
            for role in ("inspector", "company", "supervisor")}
    made["rogue"] = make_store(tmp_path / "rogue.db", "rogue", "supervisor")
    yield made
    for store in made.values():
        store.close()


def test_a_certification_counts_only_from_a_directly_trusted_supervisor(parties):
    s, i, c, rogue = parties["supervisor"], parties["inspector"], parties["company"], \
        parties["rogue"]
    receiver = parties["company"]
    identity.trust(receiver, identity.export_public(s))
    names = lambda offered: {x.name for x in trust_chain.trusted_signers(receiver, offered)}  # noqa: E731
    assert "inspector" in names([forged_certification(s, i)])
    # by a supervisor the receiver does not trust, or by a company's key: nothing
    assert "inspector" not in names([forged_certification(rogue, i)])
    assert "inspector" not in names([forged_certification(c, i)])
    # an altered statement, or one about another certificate, fails its signature or match
    bad = forged_certification(s, i)
    bad.statement["org"] = "别的局"
    assert "inspector" not in names([bad])
    swapped = forged_certification(s, i)
    swapped.certificate = forged_certification(s, rogue).certificate
    assert "inspector" not in names([swapped])
    # a certified inspector certifies no one further (one level)
    assert "rogue" not in names([forged_certification(s, i), forged_certification(i, rogue)])


def test_an_enrolment_counts_only_with_the_company_code_and_a_trusted_inspector(parties):
    s, i, c = parties["supervisor"], parties["inspector"], parties["company"]
    enrolment = forged_certification(i, c, role="company")
    assert "company" not in {x.name for x in trust_chain.trusted_signers(s, [enrolment])}
    certified = forged_certification(s, i)
    assert "company" in {x.name for x in trust_chain.trusted_signers(s, [certified, enrolment])}
    other_code = forged_certification(i, c, role="company")
    other_code.statement["uscc"] = CODE_B
    assert "company" not in {x.name for x in trust_chain.trusted_signers(s, [certified,
                                                                               other_code])}


def test_a_bundle_with_a_forged_certification_is_refused(parties, tmp_path):
    s, i, rogue = parties["supervisor"], parties["inspector"], parties["rogue"]
    identity.trust(rogue, identity.export_public(i))
    identity.trust(i, identity.export_public(rogue))
    export(rogue, tmp_path / "r.zip")
    from inspector import sync

    sync.import_bundle(i, tmp_path / "r.zip")
    # the rogue "bureau" certifies the inspector; the real one never did
    with rogue.transaction():
        rogue.record("certification", "c1", "create", forged_certification(rogue, i).data())
    export(rogue, tmp_path / "r2.zip")
    sync.import_bundle(i, tmp_path / "r2.zip")
    export(i, tmp_path / "i.zip")
    with pytest.raises(InspectorError, match=r"is not trusted|不在受信任"):
        sync.import_bundle(s, tmp_path / "i.zip")
    # a company key may not record a certification at all (the table)
    entry = {"entity": "certification", "op": "create", "record_id": "x", "actor": None,
             "data": forged_certification(parties["company"], i).data()}
    company = identity.own_identity(parties["company"]).author()
    assert not authorization.allowed(authorization.Facts(s.conn), company, entry)
    assert authorization.allowed(authorization.Facts(s.conn),
                                 identity.own_identity(s).author(),
                                 {**entry, "data": forged_certification(s, i).data()})
    # nor may a supervisor record one in another's name
    assert not authorization.allowed(authorization.Facts(s.conn),
                                     identity.own_identity(s).author(),
                                     {**entry, "data": forged_certification(rogue, i).data()})


def test_the_readme_table_lists_certification_and_enrolment():
    table = authorization.markdown_table()
    assert "| certification | create (inspector) | supervisor |" in table
    assert "| certification | create (company) | inspector |" in table
    assert table in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_companys_bundle_leaves_out_other_companies_histories(tmp_path, checklist_dir):
    """The inspector holds two companies' self-checks; the bundle for one carries
    nothing of the other's device (a stranger to it: it trusts the bureau only), and
    that company imports it."""
    from inspector import checklists, inspections, subjects, sync
    from inspector.subjects import subject_id

    def vouch(store, other, code=None):
        trust_chain.vouch(store, identity.export_public(other), "-", code=code, secret=SECRET,
                          expected=identity.own_identity(other).fingerprint)

    bureau = make_store(tmp_path / "bureau.db", "陈静", "supervisor")
    officer = make_store(tmp_path / "officer.db", "张伟", "inspector")
    firms = {code: make_store(tmp_path / f"{code}.db", f"公司{code[-2:]}", "company", code)
             for code in (VALID_CODE, CODE_B)}
    vouch(bureau, officer)
    identity.trust(officer, identity.export_public(bureau))
    sync.import_bundle(officer, export(bureau, tmp_path / "bureau.zip"))
    for code, firm in firms.items():
        vouch(officer, firm, code=code)
        identity.trust(firm, identity.export_public(bureau))
        subjects.add_subject(officer, name=f"公司{code[-2:]}", code=code, sector="mini")
        sync.import_bundle(firm, export(officer, tmp_path / "subjects.zip"))
        inspections.start(firm, subject=code, checklist=checklists.find("mini"),
                          kind="self_check", inspectors=["负责人"])
        sync.import_bundle(officer, export(firm, tmp_path / f"from-{code}.zip"))
    first = firms[VALID_CODE]
    path = tmp_path / "for-first.zip"
    me, key = identity.signing_key(officer, SECRET)
    sync.export(officer, path, me, key, subject=subject_id(VALID_CODE))
    other_device = firms[CODE_B].device_id
    entries = sync.container.open_members(path)[0][sync.container.ENTRIES].decode()
    assert other_device not in entries and first.device_id in entries
    sync.import_bundle(first, path)
    assert first.conn.execute("SELECT COUNT(*) FROM changelog WHERE device_id = ?",
                              (other_device,)).fetchone()[0] == 0
    for store in (bureau, officer, *firms.values()):
        store.close()
