"""Document numbers (文号): a bureau assigns blocks, each inspector's store numbers its
notices from its own block offline, and the bureau's register shows every number,
with gaps and duplicates, once the bundles are in."""

import pytest

from inspector import (
    authorization,
    checklists,
    identity,
    ids,
    inspections,
    numbering,
    sync,
)
from inspector.authorization import Unauthorized
from inspector.cli import main
from inspector.errors import ValidationError
from inspector.reports import issue_notice

from .helpers import forge
from .helpers.pdftools import pdf_text
from .helpers.stores import SECRET, VALID_CODE, befriend, dump_hash, export, make_store
from .test_bundle import fill

YEAR = int(ids.today()[:4])
PREFIX = "某县市监责改"


def finished(store, code: str = VALID_CODE) -> str:
    """Another completed inspection of the subject `fill` added, with one finding."""
    started = inspections.start(store, subject=code, checklist=checklists.find("mini"),
                                inspectors=["张伟", "李娜"])
    for item, value in [("m-01", "no"), ("m-03", "shop"), ("m-05", 6), ("m-06", ["sand"])]:
        inspections.record_answer(store, started, item, value, note="现场发现")
    from inspector.evidence import add_evidence

    add_evidence(store, started, "m-07", b"\xff\xd8\xff photo", mime="image/jpeg")
    inspections.complete(store, started)
    return started


@pytest.fixture
def bureau(tmp_path, checklist_dir):
    """A bureau and two inspectors of its organisation, all trusting each other."""
    made = {"bureau": make_store(tmp_path / "bureau.db", "陈静", "supervisor"),
            "zhang": make_store(tmp_path / "zhang.db", "张伟", "inspector"),
            "wang": make_store(tmp_path / "wang.db", "王芳", "inspector"),
            "company": make_store(tmp_path / "company.db", "讯达公司", "company")}
    befriend(*made.values())
    yield made
    for store in made.values():
        store.close()


def assign(bureau, who: str, first: int, last: int, tmp_path) -> None:
    holder = identity.own_identity(bureau[who]).fingerprint
    numbering.assign_block(bureau["bureau"], holder=holder[:16], prefix=PREFIX, year=YEAR,
                           first=first, last=last)
    sync.import_bundle(bureau[who], export(bureau["bureau"], tmp_path / f"blocks-{who}.zip"))


def test_notices_are_numbered_in_sequence_from_the_inspectors_block(bureau, tmp_path):
    zhang = bureau["zhang"]
    assign(bureau, "zhang", 1, 2, tmp_path)
    first = fill(zhang)
    second = finished(zhang)
    pdf, issued = issue_notice(zhang, first)
    assert issued.number == f"{PREFIX}〔{YEAR}〕1号" and issued.new
    assert f"{PREFIX}〔{YEAR}〕1号" in pdf_text(pdf, tmp_path).replace(" ", "")
    _, again = issue_notice(zhang, first)  # a reprint keeps its number
    assert again.number == issued.number and not again.new
    assert issue_notice(zhang, second)[1].number == f"{PREFIX}〔{YEAR}〕2号"
    pdf, none = issue_notice(zhang, finished(zhang))  # the block is used up
    assert none is None and "第" in pdf_text(pdf, tmp_path)  # a provisional number
    register = numbering.documents(zhang)
    assert [(d["seq"], d["subject"]) for d in register] == [(1, "德清县吉祥烟花爆竹零售店"),
                                                           (2, "德清县吉祥烟花爆竹零售店")]


def test_two_devices_number_offline_without_collision(bureau, tmp_path):
    assign(bureau, "zhang", 1, 100, tmp_path)
    assign(bureau, "wang", 101, 200, tmp_path)
    zhang, wang, office = bureau["zhang"], bureau["wang"], bureau["bureau"]
    fill(zhang)
    fill(wang)
    for store in (zhang, wang):  # offline, at the same time: each from its own block
        for _ in range(2):
            issue_notice(store, finished(store))
    for store in (zhang, wang):
        sync.import_bundle(office, export(store, tmp_path / f"{store.device_id}.zip"))
    assert [d["seq"] for d in numbering.documents(office)] == [1, 2, 101, 102]
    assert numbering.check(office) == []
    assert [b.used for b in numbering.blocks(office)] == [2, 2]


def test_a_skipped_or_repeated_number_is_visible_to_the_bureau(bureau, tmp_path):
    assign(bureau, "zhang", 1, 100, tmp_path)
    zhang, office = bureau["zhang"], bureau["bureau"]
    fill(zhang)
    _, issued = issue_notice(zhang, finished(zhang))
    held = zhang.conn.execute("SELECT * FROM documents").fetchone()
    columns = [c[0] for c in zhang.conn.execute("SELECT * FROM documents").description]
    data = {k: v for k, v in zip(columns, held, strict=True) if k in (
        "number", "prefix", "year", "seq", "block_id", "kind", "inspection_id",
        "subject_id", "issued_on", "content_hash")}
    other = finished(zhang)
    # a modified client: number 3 without 2, and number 1 again
    for seq in (3, 1):
        forge.append(zhang, "document", ids.uuid7(), "create", {
            **data, "seq": seq, "number": f"{PREFIX}〔{YEAR}〕{seq}号", "inspection_id": other})
    sync.import_bundle(office, export(zhang, tmp_path / "zhang.zip"))
    problems = {p.kind: p.text for p in numbering.check(office)}
    assert set(problems) == {"gap", "duplicate"}
    assert "2" in problems["gap"] and f"{PREFIX}〔{YEAR}〕1号" in problems["duplicate"]
    assert issued.seq == 1


def test_only_the_block_holder_numbers_and_only_its_bureau_assigns(bureau, tmp_path):
    assign(bureau, "zhang", 1, 100, tmp_path)
    zhang, wang, office, company = (bureau[k] for k in ("zhang", "wang", "bureau", "company"))
    block = numbering.blocks(zhang)[0]
    company_fp = identity.own_identity(company).fingerprint
    with pytest.raises(Unauthorized):  # a block for a company: refused
        numbering.assign_block(office, holder=company_fp[:16], prefix=PREFIX, year=YEAR,
                               first=300, last=400)
    with pytest.raises(ValidationError, match="overlap"):
        numbering.assign_block(office, holder=identity.own_identity(wang).fingerprint[:16],
                               prefix=PREFIX, year=YEAR, first=50, last=150)
    # 王芳 forges a number from 张伟's block for her own inspection
    sync.import_bundle(wang, export(office, tmp_path / "office.zip"))
    fill(wang)
    mine = finished(wang)
    subject = inspections.get(wang, mine)["subject_id"]
    forged = {"number": f"{PREFIX}〔{YEAR}〕7号", "prefix": PREFIX, "year": YEAR, "seq": 7,
              "block_id": block.id, "kind": "notice", "inspection_id": mine,
              "subject_id": subject, "issued_on": ids.today(), "content_hash": "0" * 64}
    forge.append(wang, "document", ids.uuid7(), "create", forged)
    before = dump_hash(office)
    with pytest.raises(sync.BundleError, match="number from a block assigned"):
        sync.import_bundle(office, export(wang, tmp_path / "wang.zip"))
    assert dump_hash(office) == before


def test_a_number_must_be_written_as_its_block_says(bureau, tmp_path):
    assign(bureau, "zhang", 1, 100, tmp_path)
    zhang = bureau["zhang"]
    block = numbering.blocks(zhang)[0]
    fill(zhang)
    done = finished(zhang)
    subject = inspections.get(zhang, done)["subject_id"]
    good = {"number": f"{PREFIX}〔{YEAR}〕5号", "prefix": PREFIX, "year": YEAR, "seq": 5,
            "block_id": block.id, "kind": "notice", "inspection_id": done,
            "subject_id": subject, "issued_on": ids.today(), "content_hash": "0" * 64}
    for bad in ({"seq": 101, "number": f"{PREFIX}〔{YEAR}〕101号"},  # outside the block
                {"number": f"{PREFIX}〔{YEAR}〕6号"},  # says another number
                {"year": YEAR + 1}, {"subject_id": "another"}):
        entry = forge.make_entry(device=zhang.device_id, actor=zhang.actor, prev=None,
                                 entity="document", record_id=ids.uuid7(), op="create",
                                 data={**good, **bad})
        facts = authorization.Facts(zhang.conn)
        author = identity.own_identity(zhang).author()
        assert not authorization.allowed(facts, author, entry), bad
    entry = forge.make_entry(device=zhang.device_id, actor=zhang.actor, prev=None,
                             entity="document", record_id=ids.uuid7(), op="create", data=good)
    assert authorization.allowed(authorization.Facts(zhang.conn),
                                 identity.own_identity(zhang).author(), entry)


def test_cli_assign_list_check_and_notice(bureau, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", SECRET)
    zhang, office = bureau["zhang"], bureau["bureau"]
    holder = identity.own_identity(zhang).fingerprint[:16]
    done = fill(zhang)

    def run(store, *args):
        code = main(["--lang", "en", "--db", str(store.path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, _, err = run(zhang, "notice", done, "-o", str(tmp_path / "n0.pdf"))
    assert code == 0 and "no document number left" in err
    code, out, _ = run(office, "numbers", "assign", "--holder", holder, "--prefix", PREFIX,
                       "--year", str(YEAR), "--first", "1", "--last", "50")
    assert code == 0 and "1-50" in out
    sync.import_bundle(zhang, export(office, tmp_path / "office.zip"))
    code, out, _ = run(zhang, "notice", done, "-o", str(tmp_path / "n1.pdf"))
    assert code == 0 and f"{PREFIX}〔{YEAR}〕1号" in out
    sync.import_bundle(office, export(zhang, tmp_path / "zhang.zip"))
    code, out, _ = run(office, "numbers", "list")
    assert code == 0 and f"{PREFIX}〔{YEAR}〕1号" in out and "张伟" in out
    code, out, _ = run(office, "numbers", "check")
    assert code == 0 and "no gaps" in out
