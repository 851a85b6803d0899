"""Assigning blocks, issuing numbers, the register and its check."""

from dataclasses import dataclass

from .. import ids
from ..errors import ValidationError
from ..i18n import t
from ..store import Store
from .rules import MAX_SEQ, NOTICE, RECORD, format_number, serves, valid_block

GAPS_SHOWN = 20  # numbers of one gap named in a problem; the count says the rest


@dataclass(frozen=True)
class Block:
    id: str
    prefix: str
    year: int
    first: int
    last: int
    kind: str
    assignee_id: str
    assignee_name: str
    used: int  # numbers of it issued, as far as this store knows
    highest: int | None  # the highest of them


@dataclass(frozen=True)
class Issued:
    id: str
    number: str
    seq: int
    issued_on: str
    new: bool  # issued just now (False: the number this document already had)


@dataclass(frozen=True)
class Problem:
    kind: str  # gap, duplicate or overlap
    text: str  # for people, in the current language


def assign_block(store: Store, *, holder: str, prefix: str, year: int, first: int, last: int,
                 kind: str = NOTICE) -> Block:
    """A bureau gives the inspector whose key starts with `holder` the numbers first..last
    of `prefix` in `year`; refused if they overlap a block this store knows."""
    from ..trust_chain import find_signer

    person = find_signer(store, holder)
    data = {"prefix": prefix.strip(), "year": year, "first": first, "last": last, "kind": kind,
            "assignee_id": person.id, "assignee_name": person.name}
    if not valid_block(data):
        raise ValidationError(t("numbers.bad_block", first=first, last=last, max=MAX_SEQ,
                                year=year))
    clash = store.conn.execute(
        "SELECT assignee_name, first, last FROM number_blocks WHERE prefix = ? AND year = ? "
        "AND kind = ? AND first <= ? AND last >= ?",
        (data["prefix"], year, kind, last, first)).fetchone()
    if clash:
        raise ValidationError(t("numbers.overlap", name=clash[0], first=clash[1],
                                last=clash[2]))
    block_id = ids.uuid7()
    with store.transaction():
        store.record("number_block", block_id, "create", data)
    return next(b for b in blocks(store) if b.id == block_id)


def blocks(store: Store, assignee_id: str | None = None) -> list[Block]:
    where, params = ("WHERE b.assignee_id = ?", [assignee_id]) if assignee_id else ("", [])
    rows = store.conn.execute(
        "SELECT b.id, b.prefix, b.year, b.first, b.last, b.kind, b.assignee_id, "
        "b.assignee_name, COUNT(d.id), MAX(d.seq) FROM number_blocks b LEFT JOIN documents d "
        "ON d.block_id = b.id " + where + " GROUP BY b.id "
        "ORDER BY b.prefix, b.year, b.first", params).fetchall()
    return [Block(*row) for row in rows]


@dataclass(frozen=True)
class Issuer:
    """In whose name a document goes out: the inspection's lead authority (numbered
    from this store's blocks, as every notice was before joint inspections) or a joint
    one (numbered only from a block its own bureau assigned here); `others`: the
    inspection's other authorities, whose blocks the lead leaves alone."""

    name: str | None = None
    lead: bool = True
    others: tuple[str, ...] = ()


LEAD = Issuer()


@dataclass(frozen=True)
class Receiver:
    """Where a transfer letter (移送函) goes: the kind of authority competent for its
    findings, and the bureau's name as the officer entered it (None: a line to fill)."""

    kind: str
    name: str | None = None


def issued_for(store: Store, inspection_id: str, kind: str = NOTICE,
               issuer: Issuer = LEAD, receiver: Receiver | None = None) -> Issued | None:
    """The number a document of the inspection already has: the lead's (one issued
    before authorities were recorded has none named) or a joint authority's; a transfer
    letter's, the one to that kind of authority."""
    where, params = ("(authority IS NULL OR authority = ?)", [issuer.name]) if issuer.lead \
        else ("authority = ?", [issuer.name])
    if receiver is not None:
        where, params = f"{where} AND receiver = ?", [*params, receiver.kind]
    row = store.conn.execute(
        "SELECT id, number, seq, issued_on FROM documents WHERE inspection_id = ? AND kind = ? "
        f"AND {where} ORDER BY created_at, id LIMIT 1",
        [inspection_id, kind, *params]).fetchone()
    return Issued(*row, new=False) if row else None


def receiver_name(store: Store, document_id: str) -> str | None:
    """The receiving bureau's name a transfer letter was numbered with, if one was given."""
    row = store.conn.execute("SELECT receiver_name FROM documents WHERE id = ?",
                             (document_id,)).fetchone()
    return row and row[0]


def issue_number(store: Store, inspection: dict, content_hash: str,
                 kind: str = NOTICE, issuer: Issuer = LEAD,
                 receiver: Receiver | None = None) -> Issued | None:
    """The document's number: the one it has, or the next free one of this store's
    blocks for this Beijing year and its issuer (recorded in the register with the
    digest of what it numbers, the issuer's name and, for a transfer letter, its
    receiver). None when this store holds no block with a free number for it."""
    with store.transaction():  # the check and the write in one: two windows, one number
        held = issued_for(store, inspection["id"], kind, issuer, receiver)
        if held is not None:
            return held
        today = ids.today()
        found = _next_free(store, int(today[:4]), kind, issuer)
        if found is None:
            return None
        block, seq = found
        document_id = ids.uuid7()
        number = format_number(block.prefix, block.year, seq)
        store.record("document", document_id, "create", {
            "number": number, "prefix": block.prefix, "year": block.year, "seq": seq,
            "block_id": block.id, "kind": kind, "inspection_id": inspection["id"],
            "subject_id": inspection["subject_id"], "issued_on": today,
            "content_hash": content_hash, "authority": issuer.name,
            **({"receiver": receiver.kind, "receiver_name": receiver.name}
               if receiver is not None else {})})
    return Issued(document_id, number, seq, today, new=True)


def reserve_number(store: Store, content_hash: str) -> Issued | None:
    """The next free on-site record number of this store's blocks for this Beijing year,
    recorded as printed on a blank paper form (no inspection yet) with the digest of the
    checklist the form lists; never drawn again. None when no block has a free number."""
    with store.transaction():
        today = ids.today()
        found = _next_free(store, int(today[:4]), RECORD)
        if found is None:
            return None
        block, seq = found
        document_id = ids.uuid7()
        number = format_number(block.prefix, block.year, seq)
        store.record("document", document_id, "reserve", {
            "number": number, "prefix": block.prefix, "year": block.year, "seq": seq,
            "block_id": block.id, "kind": RECORD, "inspection_id": None, "subject_id": None,
            "issued_on": today, "content_hash": content_hash})
    return Issued(document_id, number, seq, today, new=True)


def reserved(store: Store, number: str) -> Issued | None:
    """The blank form's number `number` (as printed, or its serial) this store's identity
    reserved and no paper record of this store has taken yet."""
    rows = store.conn.execute(
        "SELECT d.id, d.number, d.seq, d.issued_on FROM documents d JOIN number_blocks b "
        "ON b.id = d.block_id WHERE d.kind = ? AND d.inspection_id IS NULL AND "
        "b.assignee_id = ? AND (d.number = ? OR CAST(d.seq AS TEXT) = ?) AND NOT EXISTS ("
        "SELECT 1 FROM inspections i WHERE json_extract(i.paper, '$.document_id') = d.id) "
        "ORDER BY d.year DESC, d.id", (RECORD, store.actor, number.strip(),
                                       number.strip())).fetchall()
    return Issued(*rows[0], new=False) if len(rows) == 1 else None


def bureau_of(store: Store, block_id: str) -> str | None:
    """The organisation of the bureau that assigned a block, as far as this store knows."""
    row = store.conn.execute("SELECT i.org FROM number_blocks b JOIN identities i "
                             "ON i.id = b.created_by WHERE b.id = ?", (block_id,)).fetchone()
    return row[0] if row else None


def _serves(store: Store, block: Block, issuer: Issuer) -> bool:
    """Whether a block numbers the issuer's documents (rules.serves, which the
    authorization table asks of every numbered document too)."""
    named = [issuer.name, *issuer.others] if issuer.lead else [None, issuer.name]
    return serves(bureau_of(store, block.id), issuer.name, named)


def _next_free(store: Store, year: int, kind: str,
               issuer: Issuer = LEAD) -> tuple[Block, int] | None:
    me = store.actor
    for block in blocks(store, me):
        if block.year != year or block.kind != kind or not _serves(store, block, issuer):
            continue
        taken = store.conn.execute(  # by anyone: a number once used is never drawn again
            "SELECT MAX(seq) FROM documents WHERE prefix = ? AND year = ? AND kind = ? "
            "AND seq BETWEEN ? AND ?",
            (block.prefix, block.year, kind, block.first, block.last)).fetchone()[0]
        seq = block.first if taken is None else taken + 1
        if seq <= block.last:
            return block, seq
    return None


def documents(store: Store, year: int | None = None) -> list[dict]:
    """The register: every numbered document known here, by number."""
    where, params = ("WHERE d.year = ?", [year]) if year else ("", [])
    return store.query(
        "SELECT d.number, d.prefix, d.year, d.seq, d.kind, d.issued_on, d.inspection_id, "
        "COALESCE(s.name, ps.name) AS subject, b.assignee_name AS issued_by, d.content_hash "
        "FROM documents d LEFT JOIN subjects s ON s.id = d.subject_id LEFT JOIN number_blocks b "
        "ON b.id = d.block_id LEFT JOIN inspections p ON d.inspection_id IS NULL AND "
        "json_extract(p.paper, '$.document_id') = d.id LEFT JOIN subjects ps "
        "ON ps.id = p.subject_id " + where + " ORDER BY d.prefix, d.year, d.seq, d.id", params)


def check(store: Store) -> list[Problem]:
    """What a bureau must look into: numbers used twice, numbers skipped below the
    highest one used in a block, blocks that overlap."""
    problems = []
    for prefix, year, seq, count in store.conn.execute(
            "SELECT prefix, year, seq, COUNT(*) FROM documents GROUP BY prefix, year, kind, seq "
            "HAVING COUNT(*) > 1 ORDER BY prefix, year, seq"):
        problems.append(Problem("duplicate", t("numbers.duplicate", number=format_number(
            prefix, year, seq), n=count)))
    for block in blocks(store):
        if block.highest is None:
            continue
        used = {r[0] for r in store.conn.execute(
            "SELECT seq FROM documents WHERE prefix = ? AND year = ? AND kind = ? AND "
            "seq BETWEEN ? AND ?", (block.prefix, block.year, block.kind, block.first,
                                    block.highest))}
        missing = [n for n in range(block.first, block.highest + 1) if n not in used]
        if missing:
            shown = "、".join(str(n) for n in missing[:GAPS_SHOWN])
            problems.append(Problem("gap", t(
                "numbers.gap", name=block.assignee_name, prefix=block.prefix, year=block.year,
                numbers=shown + ("…" if len(missing) > GAPS_SHOWN else ""), n=len(missing))))
    for a, b in store.conn.execute(
            "SELECT a.id, b.id FROM number_blocks a JOIN number_blocks b ON a.prefix = b.prefix "
            "AND a.year = b.year AND a.kind = b.kind AND a.id < b.id AND a.first <= b.last "
            "AND b.first <= a.last"):
        first, second = (next(x for x in blocks(store) if x.id == i) for i in (a, b))
        problems.append(Problem("overlap", t(
            "numbers.overlap_both", prefix=first.prefix, year=first.year,
            a=f"{first.assignee_name} {first.first}–{first.last}",
            b=f"{second.assignee_name} {second.first}–{second.last}")))
    return problems
