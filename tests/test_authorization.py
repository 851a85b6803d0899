"""Signed must mean authorized: a company whose key the supervisor trusts forges
bundles, every byte, hash and signature valid, and each is refused whole, the
supervisor's store unchanged; the inspector's genuine records still come in."""

import hashlib
from pathlib import Path

import pytest

from inspector import authorization, checklists, identity, inspections, ledger_query, sync
from inspector.authorization import Unauthorized
from inspector.evidence import add_evidence
from inspector.ids import uuid7
from inspector.subjects import subject_id

from .helpers import forge
from .helpers.stores import SECRET, VALID_CODE, befriend, dump_hash, export, make_store
from .test_bundle import fill


class World:
    """An inspector with a signed, a completed (one item closed) and a draft
    inspection of the company's subject; the company and the supervisor hold all of
    it; everyone trusts everyone."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.inspector = make_store(tmp_path / "inspector.db", "张伟", "inspector")
        self.company = make_store(tmp_path / "company.db", "讯达公司", "company", VALID_CODE)
        self.supervisor = make_store(tmp_path / "supervisor.db", "陈静", "supervisor")
        befriend(self.inspector, self.company, self.supervisor)
        self.signed = fill(self.inspector)
        inspections.mark_signed(self.inspector, self.signed)
        self.completed = fill_again(self.inspector)
        self.items = [r["id"] for r in ledger_query.items(
            self.inspector, ledger_query.LedgerFilter()) if r["inspection_id"] == self.completed]
        from inspector import rectifications

        rectifications.review(self.inspector, self.items[0], accept=True, note="已整改")
        self.draft = inspections.start(self.inspector, subject=VALID_CODE,
                                       checklist=checklists.find("mini"),
                                       inspectors=["张伟", "李娜"])
        inspections.record_answer(self.inspector, self.draft, "m-01", "yes")
        full = export(self.inspector, tmp_path / "inspector-1.zip")
        sync.import_bundle(self.company, full)
        sync.import_bundle(self.supervisor, full)

    def close(self):
        for store in (self.inspector, self.company, self.supervisor):
            store.close()

    def id_of(self, store) -> str:
        return identity.own_identity(store).id

    def refused(self, path: Path, *words: str) -> None:
        """Refused whole, naming the entry and the rule; the supervisor unchanged; and
        the inspector's genuine records still come in afterwards."""
        before = dump_hash(self.supervisor)
        with pytest.raises(sync.BundleError) as info:
            sync.import_bundle(self.supervisor, path)
        for word in words:
            assert word in info.value.message
        assert dump_hash(self.supervisor) == before
        inspections.record_answer(self.inspector, self.draft, "m-08", f"补充 {uuid7()}")
        report = sync.import_bundle(self.supervisor, export(self.inspector, self.tmp / "i2.zip"))
        assert report.counts["added"] + report.counts["updated"] == 1

    def company_sends(self, *entries: tuple) -> Path:
        return self.company_sends_at(None, *entries)

    def company_sends_at(self, at: str | None, *entries: tuple) -> Path:
        for entity, record_id, op, data in entries:
            forge.append(self.company, entity, record_id, op, data, at=at)
        return export(self.company, self.tmp / "company.zip")


def fill_again(store) -> str:
    started = inspections.start(store, subject=VALID_CODE, checklist=checklists.find("mini"),
                                inspectors=["张伟", "李娜"])
    for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", 6), ("m-06", ["sand"])]:
        inspections.record_answer(store, started, item, value)
    add_evidence(store, started, "m-07", b"\xff\xd8\xff photo", mime="image/jpeg")
    inspections.complete(store, started)
    return started


@pytest.fixture
def world(tmp_path, checklist_dir):
    made = World(tmp_path)
    yield made
    made.close()


def certificate_data(store, **changes) -> dict:
    me = identity.own_identity(store)
    pem = identity.export_public(store).decode("ascii")
    return {"name": me.name, "role": me.role, "org": me.org, "certificate": pem,
            "fingerprint": me.fingerprint, **({"uscc": me.uscc} if me.uscc else {}), **changes}


# --- identities belong to their keys ------------------------------------------------------


def test_company_cannot_take_the_inspectors_identity(world):
    inspector_id = world.id_of(world.inspector)
    forged = certificate_data(world.company, name="张伟", role="inspector", uscc=None)
    path = world.company_sends(("identity", inspector_id, "keys", forged))
    world.refused(path, f"identity {inspector_id[:17]} keys", "only the identity itself")
    trusted = {i.name: i.fingerprint for i in identity.trusted_identities(world.supervisor)}
    assert trusted["张伟"] == identity.own_identity(world.inspector).fingerprint


def test_company_cannot_make_itself_supervisor(world):
    company_id = world.id_of(world.company)
    path = world.company_sends(("identity", company_id, "keys",
                                certificate_data(world.company, role="supervisor")))
    world.refused(path, f"identity {company_id[:17]} keys", "matching the certificate")


def test_company_cannot_replace_the_receivers_own_identity(world):
    supervisor_id = world.id_of(world.supervisor)
    path = world.company_sends(("identity", supervisor_id, "keys",
                                certificate_data(world.company, name="陈静")))
    world.refused(path, f"identity {supervisor_id[:17]} keys", "receiver's own identity")


def test_company_cannot_rename_itself_or_change_its_code(world):
    company_id = world.id_of(world.company)
    path = world.company_sends(("identity", company_id, "keys", certificate_data(
        world.company, name="另一家公司", uscc="91350100M000100Y43")))
    world.refused(path, "identity", "matching the certificate")


def test_company_cannot_rewrite_its_subject(world):
    subject = subject_id(VALID_CODE)
    row = world.supervisor.db["subjects"].get(subject)
    data = {k: row[k] for k in ("name", "uscc", "sector", "address", "legal_rep", "phone")}
    path = world.company_sends(("subject", subject, "update",
                                {**data, "name": "改过的名字", "licences": [],
                                 "base": row["rev"]}))
    world.refused(path, f"subject {subject[:17]} update", "a company may not write")


def test_a_companys_own_creation_never_rewrites_the_register(world, tmp_path):
    """Creating its own subject again (allowed: it is its own) does not rename it: the
    register's version stands on every store, whichever bundle arrives first."""
    subject = subject_id(VALID_CODE)
    row = world.supervisor.db["subjects"].get(subject)
    data = {k: row[k] for k in ("name", "uscc", "sector", "address", "legal_rep", "phone")}
    forge.append(world.company, "subject", subject, "create",
                 {**data, "name": "自封的新名字", "licences": []})
    from_company = export(world.company, tmp_path / "company.zip")
    from_inspector = export(world.inspector, tmp_path / "inspector.zip")
    late = make_store(tmp_path / "late.db", "王芳", "supervisor")
    befriend(late, world.inspector, world.company)
    for store, order in ((world.supervisor, [from_company]),
                         (late, [from_company, from_inspector])):
        for path in order:
            sync.import_bundle(store, path)
        kept = store.db["subjects"].get(subject)
        assert kept["name"] == row["name"] and kept["rev"] == row["rev"]
        lost = [r["lost_entry"] for r in store.db.query(
            "SELECT lost_entry FROM conflicts WHERE record_id = ?", [subject])]
        assert len(lost) == 1  # the company's version, listed as the one that lost
    late.close()


def test_a_certificate_change_is_refused_as_rotation(world, tmp_path):
    """The company's own id with a new key and no rotation statement: refused, said so."""
    other = make_store(tmp_path / "other.db", "讯达公司", "company", VALID_CODE)
    company_id = world.id_of(world.company)
    path = world.company_sends(("identity", company_id, "keys", certificate_data(other)))
    other.close()
    world.refused(path, "without a rotation statement signed by its current key")


# --- a device's history is its identity's ----------------------------------------------


def test_company_cannot_extend_the_inspectors_device(world):
    device = world.inspector.device_id
    entry = forge.continue_chain(world.company, device, "answer", f"{world.draft}/m-03", "set",
                                 {"value": "shop", "note": None, "base": None})
    path = forge.bundle(world.company, world.tmp / "device.zip", [entry])
    world.refused(path, f"device {device[:8]}", "belongs to another identity")
    # and the inspector's genuine full export still comes in
    report = sync.import_bundle(world.supervisor, export(world.inspector, world.tmp / "all.zip"))
    assert report.counts["added"] == 0 and report.counts["unchanged"] > 0


def test_no_import_extends_the_receivers_own_device(world):
    from inspector import subjects

    subjects.add_subject(world.supervisor, name="乙", code="91350100M000100Y43", sector="mini")
    device = world.supervisor.device_id
    prev = world.supervisor.chain_head(device)
    entry = forge.make_entry(device=device, actor=world.id_of(world.company), prev=prev,
                             entity="checklist", record_id="x", op="pin", data={})
    world.refused(forge.bundle(world.company, world.tmp / "own.zip", [entry]),
                  "this store's own device")


# --- ownership: the inspector's records -----------------------------------------------


def test_company_cannot_rewrite_the_inspectors_answers(world):
    path = world.company_sends(("answer", f"{world.draft}/m-01", "set",
                                {"value": "no", "note": "改", "base": None}))
    world.refused(path, f"answer {world.draft[:17]} set", "only the inspection's creator")


def test_company_cannot_complete_or_sign_the_inspectors_draft(world):
    path = world.company_sends(("inspection", world.draft, "complete",
                                {"finished_at": "2026-01-01T00:00:00.000Z"}),
                               ("inspection", world.draft, "sign", {}))
    world.refused(path, f"inspection {world.draft[:17]} complete", "creator")


PHOTO = hashlib.sha256(b"\xff\xd8\xff photo bytes").hexdigest()  # fill()'s, held by all


def test_nothing_is_added_to_a_signed_inspection(world):
    for entries in ([("evidence", uuid7(), "create", {
            "inspection_id": world.signed, "item_id": "m-07", "sha256": PHOTO,
            "original_sha256": PHOTO, "file_name": "x.jpg", "caption": None})],
            [("rectification", uuid7(), "create", {
                "inspection_id": world.signed, "subject_id": subject_id(VALID_CODE),
                "item_id": "m-02", "sector": "mini", "problem": "编造的问题",
                "basis": "", "requirement": "", "severity": "major",
                "found_on": "2026-01-01", "deadline": "2026-02-01", "responsible": None})]):
        world.refused(world.company_sends(*entries), "a signed inspection cannot be changed")


def test_the_inspector_cannot_change_a_signed_inspection_either(world):
    forge.append(world.inspector, "answer", f"{world.signed}/m-01", "set",
                 {"value": "yes", "note": None, "base": None})
    before = dump_hash(world.supervisor)
    with pytest.raises(sync.BundleError, match="a signed inspection cannot be changed"):
        sync.import_bundle(world.supervisor, export(world.inspector, world.tmp / "late.zip"))
    assert dump_hash(world.supervisor) == before


def test_a_named_inspector_of_the_same_bureau_records_a_namesake_elsewhere_cannot(world):
    """The draft names 李娜: the second officer of 张伟's bureau records on her own
    laptop; an inspector of another bureau who happens to share the name may not."""
    from inspector.store import Store

    from .helpers.stores import FAST

    for org, allowed in (("某县市场监督管理局", True), ("另一县市场监督管理局", False)):
        path = world.tmp / f"lina-{allowed}.db"
        lina = Store(path)
        identity.init_identity(lina, name="李娜", role="inspector", org=org, secret=SECRET,
                               kdf=FAST)
        befriend(lina, world.inspector, world.supervisor)
        sync.import_bundle(lina, export(world.inspector, world.tmp / "for-lina.zip"))
        if allowed:
            inspections.record_answer(lina, world.draft, "m-03", "shop")
            report = sync.import_bundle(world.supervisor, export(lina, world.tmp / "lina.zip"))
            assert report.counts["added"] == 1
        else:
            with pytest.raises(Unauthorized, match="bureau"):
                inspections.record_answer(lina, world.draft, "m-03", "shop")
            forge.append(lina, "answer", f"{world.draft}/m-03", "set", {
                "value": "shop", "note": None, "base": None})
            before = dump_hash(world.supervisor)
            with pytest.raises(sync.BundleError, match="bureau"):
                sync.import_bundle(world.supervisor, export(lina, world.tmp / "lina.zip"))
            assert dump_hash(world.supervisor) == before
        lina.close()


def test_company_cannot_write_the_record_details_of_the_inspectors_draft(world):
    """The party's statement, a refusal to sign, the officers' badge numbers: the
    inspectors' to record, never the inspected company's (here: a forged 'it refused
    nothing and says all is well')."""
    path = world.company_sends(("inspection", world.draft, "record", {
        "badges": {"张伟": "00000000"}, "representative": "讯达公司", "statement": "无异议",
        "recorder": "张伟", "refused": False, "base": None}))
    world.refused(path, f"inspection {world.draft[:17]} record",
                  "only the inspection's creator or an inspector it names")


# --- ownership: the rectification loop -------------------------------------------------


def test_company_cannot_reopen_a_closed_item_with_its_own_deadline(world):
    event = uuid7()
    path = world.company_sends(("rectification_event", event, "create", {
        "rectification_id": world.items[0], "status": "reopened", "note": "再来",
        "deadline": "2099-12-31"}))
    world.refused(path, f"rectification_event {event[:17]} create (reopened)",
                  "a company only its own self-check items")


def test_company_cannot_set_a_deadline_when_it_answers(world):
    path = world.company_sends(("rectification_event", uuid7(), "create", {
        "rectification_id": world.items[1], "status": "submitted", "note": "已整改",
        "evidence": [], "deadline": "2099-12-31"}))
    world.refused(path, "(submitted)", "without a deadline")


def test_company_answers_its_own_items(world):
    from inspector import rectifications

    rectifications.respond(world.company, world.items[1], measure="已整改")
    report = sync.import_bundle(world.supervisor, export(world.company, world.tmp / "c.zip"))
    assert report.counts["added"] == 1


def test_another_company_cannot_answer(world, tmp_path):
    from inspector import rectifications

    other = make_store(tmp_path / "other.db", "福州某某", "company", "91350100M000100Y43")
    befriend(other, world.supervisor, world.inspector)
    sync.import_bundle(other, export(world.inspector, tmp_path / "for-other.zip"))
    with pytest.raises(Unauthorized, match="company of the item's subject"):
        rectifications.respond(other, world.items[1], measure="代答")
    forge.append(other, "rectification_event", uuid7(), "create", {
        "rectification_id": world.items[1], "status": "submitted", "note": "代答",
        "evidence": []})
    before = dump_hash(world.supervisor)
    with pytest.raises(sync.BundleError, match="company of the item's subject"):
        sync.import_bundle(world.supervisor, export(other, tmp_path / "other.zip"))
    assert dump_hash(world.supervisor) == before
    other.close()


def test_a_reopened_deadline_lies_within_a_year(world):
    from inspector import rectifications

    with pytest.raises(Unauthorized, match="within a year"):
        rectifications.review(world.inspector, world.items[1], accept=False, note="未整改",
                              deadline="2099-12-31")
    rectifications.review(world.inspector, world.items[1], accept=False, note="未整改")



def test_an_answer_that_crossed_the_closing_changes_nothing(world):
    """A company's answer written offline after the inspector closed the item (or forged
    to undo the closing) is kept in the history and moves the item nowhere."""
    from inspector import rectifications

    late = uuid7()
    forge.append(world.company, "rectification_event", late, "create", {
        "rectification_id": world.items[0], "status": "submitted", "note": "已整改",
        "evidence": []})
    sync.import_bundle(world.supervisor, export(world.company, world.tmp / "c.zip"))
    item = rectifications.get_item(world.supervisor, world.items[0])
    assert item["status"] == "closed"
    assert late in [e["id"] for e in rectifications.history(world.supervisor, world.items[0])]


def test_an_entry_dated_in_the_future_is_refused(world):
    """The latest step by time decides an item: one dated years ahead would hold it."""
    path = world.company_sends_at("2099-01-01T00:00:00.000Z", (
        "rectification_event", uuid7(), "create", {
            "rectification_id": world.items[1], "status": "submitted", "note": "已整改",
            "evidence": []}))
    world.refused(path, "2099-01-01", "in the future")


def test_a_finding_about_another_company_is_refused(world):
    """A company's own self-check cannot put a finding on a competitor's record."""
    from inspector.subjects import add_subject

    from .helpers.subjects import CODE_B

    add_subject(world.supervisor, name="福州某某有限公司", code=CODE_B, sector="mini")
    check = inspections.start(world.company, subject=VALID_CODE, kind="self_check",
                              checklist=checklists.find("mini"), inspectors=["周建国"])
    for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", 6), ("m-06", ["sand"])]:
        inspections.record_answer(world.company, check, item, value)
    add_evidence(world.company, check, "m-07", b"\xff\xd8\xff photo", mime="image/jpeg")
    inspections.complete(world.company, check)
    forged = uuid7()
    path = world.company_sends(("rectification", forged, "create", {
        "inspection_id": check, "subject_id": subject_id(CODE_B), "item_id": "m-01",
        "sector": "mini", "problem": "无证经营", "basis": "", "requirement": "停业",
        "severity": "critical", "found_on": "2026-11-29", "deadline": "2026-12-06",
        "responsible": "林某"}))
    world.refused(path, f"rectification {forged[:17]} create", "about the inspected subject")


# --- local writes ask the same table ------------------------------------------------------


def test_the_services_refuse_what_the_table_refuses(world):
    with pytest.raises(Unauthorized, match="creator"):
        inspections.record_answer(world.company, world.draft, "m-01", "no")
    with pytest.raises(Unauthorized, match="a company may not write subject"):
        from inspector.subjects import update_subject

        update_subject(world.company, VALID_CODE, address="别处")


def test_a_company_identity_needs_its_credit_code(tmp_path):
    from inspector.errors import ValidationError
    from inspector.store import Store

    with Store(tmp_path / "c.db") as store:
        with pytest.raises(ValidationError, match="credit code"):
            identity.init_identity(store, name="某公司", role="company", org=None, secret=SECRET)
        made = identity.init_identity(store, name="某公司", role="company", org=None,
                                      secret=SECRET, code=VALID_CODE.lower())
        assert made.uscc == VALID_CODE
        assert store.db["identities"].get(made.id)["uscc"] == VALID_CODE


def test_the_readme_shows_the_table():
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    assert authorization.markdown_table() in readme
