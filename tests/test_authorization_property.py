"""Property: entries signed by random parties are imported exactly when the rules
say so (the README's table, restated here on its own), and two stores that receive
them in opposite orders end with the same records."""

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector import checklists, identity, ids, inspections, ledger_query, sync
from inspector.store import Store
from inspector.subjects import add_subject, subject_id

from .conftest import BUNDLED, DATA
from .helpers import forge
from .helpers.stores import CODE_B, VALID_CODE, befriend, export, make_store, records

OTHER_CODE = "91330106MA2AXXXX0X"  # a third company; valid (its check character is X)
# who: (name, role, credit code); 张伟 made the inspections, 李娜 is named on them
PARTIES = {"creator": ("张伟", "inspector", None), "named": ("李娜", "inspector", None),
           "stranger": ("王五", "inspector", None), "company": ("讯达公司", "company", VALID_CODE),
           "other_company": ("福州公司", "company", CODE_B),
           "supervisor": ("陈静", "supervisor", None)}
INSPECTORS = {"creator", "named", "stranger"}
DECIDERS = INSPECTORS | {"supervisor"}


def allowed(who: str, action: str) -> bool:
    """The rules in the README's words, for the actions this test takes."""
    return {
        "answer_draft": who in {"creator", "named"},
        "answer_completed": False,  # a completed inspection takes no answers
        "subject_update": who in DECIDERS,
        "subject_create_own": True,  # a company: its own code; others: a new one
        "subject_create_other": who in DECIDERS,
        "submit": who == "company",  # the item is about the company's subject
        "submit_with_deadline": False,
        "close": who in DECIDERS,
        "reopen_soon": who in DECIDERS,
        "reopen_2099": False,
        "identity_self": True,
        "identity_creator": who == "creator",
        "inspect": who in INSPECTORS,
        "self_check_own": who == "company",
        "self_check_other": False,  # a third company's subject, no party's own
    }[action]


# (completing is left out: whether an answer comes before or after it depends on the
# order, and the attack tests cover it)
ACTIONS = ["answer_draft", "answer_completed", "subject_update", "subject_create_own",
           "subject_create_other", "submit", "submit_with_deadline", "close", "reopen_soon",
           "reopen_2099", "identity_self", "identity_creator", "inspect", "self_check_own",
           "self_check_other"]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The parties' stores, and a receiver's with a draft and a completed inspection
    of the company's subject by 张伟 (naming 李娜), copied for each example."""
    folder = tmp_path_factory.mktemp("parties")
    (folder / "checklists").mkdir()
    for path in [*BUNDLED.glob("*.yaml"), DATA / "mini.yaml"]:
        shutil.copy(path, folder / "checklists" / path.name)
    monkey = pytest.MonkeyPatch()
    monkey.setenv("INSPECTOR_CHECKLISTS", str(folder / "checklists"))
    stores = {who: make_store(folder / f"{who}.db", name, role, code)
              for who, (name, role, code) in PARTIES.items()}
    receiver = make_store(folder / "receiver.db", "王芳", "supervisor")
    befriend(receiver, *stores.values())
    creator, mini = stores["creator"], checklists.find("mini")
    add_subject(creator, name="讯达公司", code=VALID_CODE, sector="mini")
    draft = inspections.start(creator, subject=VALID_CODE, checklist=mini,
                              inspectors=["张伟", "李娜"])
    done = inspections.start(creator, subject=VALID_CODE, checklist=mini,
                             inspectors=["张伟", "李娜"])
    for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", 6), ("m-06", ["sand"])]:
        inspections.record_answer(creator, done, item, value)
    from inspector.evidence import add_evidence

    add_evidence(creator, done, "m-07", b"\xff\xd8 photo", mime="image/jpeg")
    inspections.complete(creator, done)
    sync.import_bundle(receiver, export(creator, folder / "base.zip"))
    item = ledger_query.items(receiver, ledger_query.LedgerFilter())[0]["id"]
    facts = {"draft": draft, "done": done, "item": item,
             "pin": creator.conn.execute("SELECT hash FROM checklist_versions").fetchone()[0],
             "pem": {who: identity.export_public(s).decode() for who, s in stores.items()},
             "ids": {who: identity.own_identity(s).id for who, s in stores.items()},
             "fp": {who: identity.own_identity(s).fingerprint for who, s in stores.items()}}
    receiver.close()
    yield folder, stores, facts
    for store in stores.values():
        store.close()
    monkey.undo()


def entry_for(who: str, action: str, facts: dict, number: int) -> tuple[str, str, str, dict]:
    """(entity, record id, op, data) of one action by `who`."""
    name, role, code = PARTIES[who]
    event = {"rectification_id": facts["item"], "note": "说明", "evidence": []}
    soon = ids.today()
    if action.startswith("answer"):
        inspection = facts["draft" if action == "answer_draft" else "done"]
        return "answer", f"{inspection}/m-01", "set", {"value": ["yes", "no"][number % 2],
                                                        "note": None, "base": None}
    if action == "subject_update":
        return "subject", subject_id(VALID_CODE), "update", {
            "name": "讯达公司", "uscc": VALID_CODE, "sector": "mini", "address": f"{number}号",
            "legal_rep": None, "phone": None, "licences": [], "base": None}
    if action.startswith("subject_create"):
        own = code if code and action == "subject_create_own" else OTHER_CODE
        return "subject", subject_id(own), "create", {
            "name": f"主体{own[-4:]}", "uscc": own, "sector": "mini", "address": None,
            "legal_rep": None, "phone": None, "licences": []}
    if action.startswith("submit"):
        deadline = soon if action == "submit_with_deadline" else None
        return "rectification_event", ids.uuid7(), "create", {
            **event, "status": "submitted", "deadline": deadline}
    if action == "close":
        return "rectification_event", ids.uuid7(), "create", {**event, "status": "closed"}
    if action.startswith("reopen"):
        deadline = soon if action == "reopen_soon" else "2099-12-31"
        return "rectification_event", ids.uuid7(), "create", {
            **event, "status": "reopened", "deadline": deadline}
    if action.startswith("identity"):
        target = who if action == "identity_self" else "creator"
        data = {"name": name, "role": role, "org": "某县市场监督管理局",
                "certificate": facts["pem"][who], "fingerprint": facts["fp"][who]}
        return "identity", facts["ids"][target], "keys", data | ({"uscc": code} if code else {})
    subject = VALID_CODE if action != "self_check_other" else OTHER_CODE
    kind = "self_check" if action.startswith("self_check") else "inspection"
    return "inspection", ids.uuid7(), "create", {
        "kind": kind, "subject_id": subject_id(subject), "checklist_hash": facts["pin"],
        "checklist_id": "mini", "checklist_version": "1.0", "sector": "mini", "place": None,
        "inspectors": [name], "representative": None, "started_at": ids.now(),
        "subject_snapshot": {}, "authority": None}


def forged(stores, facts, folder: Path, steps) -> list[Path]:
    """One bundle per step, each on a device of its own, signed by the step's party."""
    paths = []
    for number, (who, action) in enumerate(steps):
        entity, record_id, op, data = entry_for(who, action, facts, number)
        entry = forge.make_entry(device=ids.uuid7(), actor=facts["ids"][who], prev=None,
                                 entity=entity, record_id=record_id, op=op, data=data)
        paths.append(forge.bundle(stores[who], folder / f"{number}.zip", [entry]))
    return paths


def imported(store: Store, path: Path) -> bool:
    try:
        sync.import_bundle(store, path)
    except sync.BundleError as exc:
        assert "may not write" in exc.message or "no rule" in exc.message or \
            "cannot be changed" in exc.message, exc.message
        return False
    return True


def test_every_party_and_action_alone(template, tmp_path):
    """Each action by each party, into a fresh copy of the receiver: all 90 pairs."""
    folder, stores, facts = template
    steps = [(who, action) for who in sorted(PARTIES) for action in ACTIONS]
    got = []
    for path in forged(stores, facts, tmp_path, steps):
        shutil.copy(folder / "receiver.db", tmp_path / "r.db")
        with Store(tmp_path / "r.db") as receiver:
            got.append(imported(receiver, path))
        for suffix in ("-wal", "-shm"):
            (tmp_path / f"r.db{suffix}").unlink(missing_ok=True)
    assert got == [allowed(who, action) for who, action in steps]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(sorted(PARTIES)), st.sampled_from(ACTIONS)),
                min_size=2, max_size=8))
def test_import_accepts_exactly_what_the_table_allows(template, steps):
    folder, stores, facts = template
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bundles = forged(stores, facts, work, steps)
        expected = [allowed(who, action) for who, action in steps]
        for name in ("x", "y"):
            shutil.copy(folder / "receiver.db", work / f"{name}.db")
        x, y = Store(work / "x.db"), Store(work / "y.db")
        try:
            assert [imported(x, path) for path in bundles] == expected
            assert [imported(y, path) for path in bundles[::-1]] == expected[::-1]
            assert records(x, x, y) == records(y, x, y)
        finally:
            x.close()
            y.close()
