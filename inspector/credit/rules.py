"""What the authorization table asks of credit records (inspector.authorization).

An inspector or a supervisor proposes a listing and enters a penalty; only a
supervisor notifies the party, decides a proposal (after its notice) and decides a
repair. A company writes nothing of it but its own statement (陈述申辩) on a
proposal about it and its own application for repair of a listing of it.

Each function is an ownership rule: (facts, author, entry) -> whether the record is
the author's. `learn` adds a bundle's proposals, notices and repairs to `Facts`.
"""

from datetime import date

from .. import ids
from ..i18n import t

LISTS = ("abnormal", "serious", "watch")  # 经营异常名录, 严重违法失信名单, 重点关注
DECISIONS = ("approve", "decline")
LEARNED = ("credit_proposal", "credit_notice", "credit_repair", "credit_statement")


def learn(facts, entry: dict, creator: str) -> None:
    """A proposal, notice, statement or repair application the bundle creates."""
    if entry["op"] in ("create", "apply"):
        key = (entry["entity"], entry["record_id"])
        if _lookup(facts, *key) is None:
            _known(facts)[key] = {**entry["data"], "creator": creator, "at": entry["at"]}


def _known(facts) -> dict:
    if not hasattr(facts, "credit_records"):
        facts.credit_records = {}
    return facts.credit_records


def _lookup(facts, entity: str, record_id) -> dict | None:
    known = _known(facts)
    if (entity, record_id) not in known:
        known[(entity, record_id)] = _from_store(facts.conn, entity, record_id)
    return known[(entity, record_id)]


def _from_store(conn, entity: str, record_id) -> dict | None:
    if entity == "credit_proposal":
        row = conn.execute("SELECT subject_id, list, proposed_by, proposed_at FROM "
                           "credit_proposals WHERE id = ?", (record_id,)).fetchone()
        return row and {"subject_id": row[0], "list": row[1], "creator": row[2], "at": row[3]}
    if entity == "credit_notice":
        row = conn.execute("SELECT proposal_id, created_by, at FROM credit_notices WHERE "
                           "id = ?", (record_id,)).fetchone()
        return row and {"proposal_id": row[0], "creator": row[1], "at": row[2]}
    if entity == "credit_statement":
        row = conn.execute("SELECT proposal_id, created_by, at FROM credit_statements WHERE "
                           "id = ?", (record_id,)).fetchone()
        return row and {"proposal_id": row[0], "creator": row[1], "at": row[2]}
    row = conn.execute("SELECT proposal_id, applied_by, applied_at FROM credit_repairs WHERE "
                       "id = ?", (record_id,)).fetchone()
    return row and {"proposal_id": row[0], "creator": row[1], "at": row[2]}


def _texts(data: dict, *keys) -> bool:
    return all(isinstance(data.get(k), str) and data[k].strip() for k in keys)


def _day(value) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def own_penalty(facts, author, entry) -> bool:
    """A penalty decision its author enters about a subject."""
    data = entry["data"]
    return entry["actor"] in (None, author.id) and _texts(data, "subject_id", "decision_no") \
        and _day(data.get("decided_on"))


def own_proposal(facts, author, entry) -> bool:
    """A proposal in its author's name, for a known list, with its ground and basis."""
    data = entry["data"]
    return entry["actor"] in (None, author.id) and data.get("list") in LISTS and \
        _texts(data, "subject_id", "rule", "fact", "ground", "basis")


def notice_of_proposal(facts, author, entry) -> bool:
    """A notice of a known proposal, with its day and the deadline for a statement."""
    data = entry["data"]
    return _lookup(facts, "credit_proposal", data.get("proposal_id")) is not None and \
        _day(data.get("notified_on")) and _day(data.get("deadline")) and \
        data["deadline"] >= data["notified_on"]


def _notified_before(facts, proposal_id, at: str) -> dict | None:
    """The notice of `proposal_id` written before `at` (this store's or the bundle's)."""
    for (entity, _), known in list(_known(facts).items()):
        if entity == "credit_notice" and known and known["proposal_id"] == proposal_id and \
                known["at"] <= at:
            return known
    row = facts.conn.execute("SELECT deadline FROM credit_notices WHERE proposal_id = ? AND "
                             "at <= ? ORDER BY at LIMIT 1", (proposal_id, at)).fetchone()
    return row and {"deadline": row[0]}


def decision_after_notice(facts, author, entry) -> bool:
    """A decision on a proposal whose party was notified first, with reasons; an
    approval takes effect after the time to state its case, for a publication period."""
    data = entry["data"]
    proposal = _lookup(facts, "credit_proposal", data.get("proposal_id"))
    if proposal is None or data.get("decision") not in DECISIONS or not _texts(data, "reason"):
        return False
    notice = _notified_before(facts, data["proposal_id"], entry["at"])
    if notice is None:
        return False
    if data["decision"] == "decline":
        return True
    deadline = notice.get("deadline", "")
    if not stated_late(entry["at"], deadline) and \
            not _heard_before(facts, data["proposal_id"], entry["at"]):
        from ..authorization import Unauthorized  # (that module imports this one)

        raise Unauthorized(t("credit.decided_unheard", record=entry["record_id"][:17],
                             deadline=deadline))
    return _day(data.get("effective_on")) and _day(data.get("publish_until")) and \
        data["effective_on"] > notice.get("deadline", "") and \
        data["publish_until"] >= data["effective_on"]


def _heard_before(facts, proposal_id, at: str) -> bool:
    """Whether the party's statement on `proposal_id` was written before `at` (this
    store's or the bundle's): a listing is approved once the party was heard or its
    time to state its case ran out, never while it may still speak."""
    if any(entity == "credit_statement" and known and
           known.get("proposal_id") == proposal_id and known["at"] < at
           for (entity, _), known in list(_known(facts).items())):
        return True
    return facts.conn.execute("SELECT 1 FROM credit_statements WHERE proposal_id = ? AND "
                              "at < ? LIMIT 1", (proposal_id, at)).fetchone() is not None


def _own_subject(facts, author, proposal: dict | None) -> bool:
    return proposal is not None and author.uscc is not None and \
        facts.subject_code(proposal.get("subject_id")) == author.uscc


def _deadline(facts, proposal_id) -> str | None:
    """The last day to state its case: the proposal's first notice's (this store's or
    the bundle's)."""
    notices = [(known["at"], known["deadline"]) for (entity, _), known in
               list(_known(facts).items()) if entity == "credit_notice" and known and
               known.get("proposal_id") == proposal_id and _day(known.get("deadline"))]
    row = facts.conn.execute("SELECT at, deadline FROM credit_notices WHERE proposal_id = ? "
                             "ORDER BY at LIMIT 1", (proposal_id,)).fetchone()
    return min(notices + ([tuple(row)] if row else []), default=(None, None))[1]


def stated_late(at: str, deadline: str) -> bool:
    """Whether a statement written at `at` (its signed time) missed `deadline`: its
    Beijing day is after it.

    The signed time is the only time every store sees alike, so a statement one store
    accepts every store accepts (a relayed bundle, a rebuilt store, imports are all or
    nothing). It is the writer's clock: a company may set it back, and only the
    arrival tells; but a statement written in time may also arrive late (a bundle goes
    by hand), and the time in transit does not count against the party (期间不包括在途
    时间). So arrival does not refuse it; an entry dated after its arrival is refused
    as from the future (inspector.sync.verify)."""
    try:
        return ids.local_date(at).isoformat() > deadline
    except (AttributeError, TypeError, ValueError):
        return True  # not a time at all


def _shown(at) -> str:
    try:
        return ids.local_time(at)
    except (AttributeError, TypeError, ValueError):
        return str(at)[:40]


def statement_on_own_proposal(facts, author, entry) -> bool:
    """The company's own statement (陈述申辩) on a proposal about it, once it was
    notified and no later than the notice's deadline (`stated_late`)."""
    data = entry["data"]
    if not _texts(data, "text") or not _own_subject(
            facts, author, _lookup(facts, "credit_proposal", data.get("proposal_id"))):
        return False
    deadline = _deadline(facts, data["proposal_id"])
    if deadline is not None and stated_late(entry["at"], deadline):
        from ..authorization import Unauthorized  # (that module imports this one)

        raise Unauthorized(t("credit.statement_late", record=entry["record_id"][:17],
                             at=_shown(entry["at"]), deadline=deadline))
    return deadline is not None


def repair_of_own_listing(facts, author, entry) -> bool:
    """The company's own application, with its promise (守信承诺), for a listing of it."""
    data = entry["data"]
    return _texts(data, "application", "promise") and \
        isinstance(data.get("evidence", []), list) and _own_subject(
            facts, author, _lookup(facts, "credit_proposal", data.get("proposal_id")))


def repair_decision(facts, author, entry) -> bool:
    data = entry["data"]
    return _lookup(facts, "credit_repair", entry["record_id"]) is not None and \
        data.get("decision") in DECISIONS and _texts(data, "reason")


OWNERSHIP = {"own_penalty": own_penalty, "own_proposal": own_proposal,
             "notice_of_proposal": notice_of_proposal,
             "decision_after_notice": decision_after_notice,
             "statement_on_own_proposal": statement_on_own_proposal,
             "repair_of_own_listing": repair_of_own_listing,
             "repair_decision": repair_decision}
