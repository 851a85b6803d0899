"""Who may write what: one table, asked for every entry written here or imported.

A row names an entity, an operation (for inspections and rectification events,
also the kind or the status the entry sets), the roles that may take it and an
ownership rule that says which records of that role's are theirs. The author of a
local entry is the store's own identity (Store.record asks `check_local`); the
author of an imported one is the trusted identity whose key signed its device's
head (inspector.sync.verify asks `check`). `Facts` answers the questions the
rules ask, from the store and from the entries before it in the same bundle.

A leaf: no Qt, no cryptography; the store's hot path imports it.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .campaign import rules as campaign_rules
from .credit import rules as credit_rules
from .errors import InspectorError
from .i18n import t
from .messages import MESSAGES

INSPECTOR, COMPANY, SUPERVISOR = "inspector", "company", "supervisor"
REOPEN_HORIZON_DAYS = 366  # a new deadline lies within a year of the decision
# an entry dated later than this after its arrival is refused: the latest step by
# time decides a record's state, so a date far ahead would hold it for good
CLOCK_SKEW = timedelta(days=1)


class Unauthorized(InspectorError):
    """An entry its author may not write; the message names the entry and the rule."""


@dataclass(frozen=True)
class Author:
    """Who writes: an identity as its certificate (or the store's own row) says."""

    id: str
    role: str
    uscc: str | None = None
    name: str | None = None
    org: str | None = None
    fingerprint: str | None = None
    certificate: str | None = None  # PEM


@dataclass(frozen=True)
class Rule:
    entity: str
    op: str
    variant: str  # inspection kind or rectification status; "" when it does not matter
    roles: tuple[str, ...]
    owner: str  # the ownership rule's name; its text is the message `auth.rule.<owner>`


ANY_ROLE = (INSPECTOR, COMPANY, SUPERVISOR)
WRITERS = (INSPECTOR, COMPANY)  # who keeps inspection records (a company: its self-checks)
DECIDERS = (INSPECTOR, SUPERVISOR)

TABLE = (
    Rule("identity", "create", "", ANY_ROLE, "own_identity"),
    Rule("identity", "keys", "", ANY_ROLE, "own_identity"),
    Rule("checklist", "pin", "", WRITERS, "anyone"),
    Rule("subject", "create", "", ANY_ROLE, "subject_create"),
    Rule("subject", "update", "", DECIDERS, "anyone"),
    Rule("inspection", "create", "inspection", (INSPECTOR,), "author_creates"),
    Rule("inspection", "create", "self_check", (COMPANY,), "own_subject_self_check"),
    # a correction (更正) of a signed record: by its author (an inspection's: or an
    # officer it names, of the author's bureau); a company corrects only its self-check
    Rule("inspection", "create", "correction", WRITERS, "corrects_own_signed"),
    Rule("answer", "set", "", WRITERS, "named_draft"),
    Rule("answer", "clear", "", WRITERS, "named_draft"),
    Rule("evidence", "create", "", WRITERS, "named_draft"),
    # a photo taken out again (a tombstone: the history keeps it) while still a draft
    Rule("evidence", "remove", "", WRITERS, "named_draft"),
    Rule("signature", "create", "", WRITERS, "named_unsigned"),
    # the on-site record's details: badge numbers, the party's statement, refusal
    Rule("inspection", "record", "", (INSPECTOR,), "named_draft"),
    # the bureaus issuing its notices (joint inspection): chosen by whoever started it
    Rule("inspection", "authorities", "", (INSPECTOR,), "creator_draft"),
    Rule("inspection", "complete", "", WRITERS, "creator_draft"),
    Rule("inspection", "sign", "", WRITERS, "creator_completed"),
    Rule("rectification", "create", "", WRITERS, "finding_of_completed"),
    Rule("rectification_event", "create", "open", WRITERS, "item_creator"),
    # a finding another authority is competent for, transferred to it (移送) instead
    Rule("rectification_event", "create", "transferred", (INSPECTOR,), "item_creator"),
    Rule("rectification_event", "create", "submitted", (COMPANY,), "own_subject_answer"),
    Rule("rectification_event", "create", "closed", ANY_ROLE, "decide_close"),
    Rule("rectification_event", "create", "reopened", ANY_ROLE, "decide_reopen"),
    # trust that scales: a bureau certifies its inspectors, an inspector enrols companies
    Rule("certification", "create", "inspector", (SUPERVISOR,), "own_statement"),
    Rule("certification", "create", "company", (INSPECTOR,), "own_statement"),
    # documents: who may sign a report (asked when issuing it and by `verify`)
    Rule("report", "issue", "inspection", (INSPECTOR,), "report_of_inspection"),
    Rule("report", "issue", "self_check", (COMPANY,), "report_of_self_check"),
    # a key revoked (from a time on) by its identity, or by a supervisor
    Rule("revocation", "create", "", ANY_ROLE, "own_or_supervised_key"),
    # document numbers (文号): a bureau assigns blocks, its inspector numbers notices
    Rule("number_block", "create", "", (SUPERVISOR,), "block_for_own_inspector"),
    Rule("document", "create", "", (INSPECTOR,), "number_from_own_block"),
    # a number printed on a blank paper form (a paper record's, 补录 later)
    Rule("document", "reserve", "", (INSPECTOR,), "blank_from_own_block"),
    # the proof of service (送达回证) of a finished inspection's notice
    Rule("service", "create", "", (INSPECTOR,), "service_of_own_notice"),
    # campaigns (双随机): a bureau plans, keeps the registers, draws and hands out tasks;
    # the inspectors drawn (a company: its self-check) take them up and report results
    Rule("campaign", "create", "", (SUPERVISOR,), "own_plan"),
    Rule("campaign_matter", "create", "", (SUPERVISOR,), "matter_of_own_campaign"),
    Rule("officer", "create", "", (SUPERVISOR,), "anyone"),
    Rule("officer", "update", "", (SUPERVISOR,), "anyone"),
    Rule("subject_flag", "create", "", DECIDERS, "anyone"),
    Rule("draw", "commit", "", (SUPERVISOR,), "commit_of_own_campaign"),
    Rule("draw", "create", "", (SUPERVISOR,), "signed_draw"),
    Rule("task", "create", "", (SUPERVISOR,), "task_of_own_draw"),
    Rule("task", "start", "", WRITERS, "named_on_task"),
    Rule("task", "result", "", DECIDERS, "result_by_task_people"),
    # credit (信用): an officer proposes a listing or enters a penalty; a supervisor
    # notifies the party, decides after the notice, decides repairs; a company writes
    # only its statement (陈述申辩) and its application for repair (信用修复)
    Rule("credit_penalty", "create", "", DECIDERS, "own_penalty"),
    Rule("credit_proposal", "create", "", DECIDERS, "own_proposal"),
    Rule("credit_notice", "create", "", (SUPERVISOR,), "notice_of_proposal"),
    Rule("credit_statement", "create", "", (COMPANY,), "statement_on_own_proposal"),
    Rule("credit_decision", "create", "", (SUPERVISOR,), "decision_after_notice"),
    Rule("credit_repair", "apply", "", (COMPANY,), "repair_of_own_listing"),
    Rule("credit_repair", "decide", "", (SUPERVISOR,), "repair_decision"),
    # the monthly report's figures the tool cannot count, and its typical cases (典型案例)
    # filed for the author's own unit (a bureau: also for a unit of an inspector it certified)
    Rule("manual_figure", "create", "", DECIDERS, "figure_of_own_unit"),
    Rule("typical_case", "create", "", DECIDERS, "figure_of_own_unit"),
)
RULES = {(r.entity, r.op, r.variant): r for r in TABLE}


def rule_for(entry: dict) -> Rule | None:
    entity, data = entry["entity"], entry["data"]
    variant = ""
    if entity == "rectification_event":
        variant = data.get("status")
    elif entity == "inspection" and entry["op"] == "create":
        variant = "correction" if data.get("corrects") is not None else data.get("kind")
    elif entity == "certification":
        variant = (data.get("statement") or {}).get("role")
    return RULES.get((entity, entry["op"], variant))


# --- what the rules ask about ---------------------------------------------------------


class Facts:
    """Records as the rules see them: from the store, overlaid with the entries of
    a bundle being checked (`learn` their creations first, `note` each entry once
    it passed, so a status reached earlier in the bundle counts for the next)."""

    def __init__(self, conn, own_id: str | None = None):
        self.conn = conn
        self.own_id = own_id  # the receiving store's identity: never changed by an import
        self.inspections: dict[str, dict | None] = {}
        self.items: dict[str, dict | None] = {}
        self.subjects: dict[str, str | None] = {}
        self.rotated: dict[str, dict] = {}  # identity -> its data after a rotation passed
        self.vouched: set[tuple[str, str]] = set()  # (identity, issuer) the bundle brings
        self.blocks: dict[str, dict | None] = {}
        self.photos: dict[str, str | None] = {}  # evidence id -> its inspection

    def inspection(self, inspection_id) -> dict | None:
        if inspection_id not in self.inspections:
            row = self.conn.execute(
                "SELECT kind, subject_id, status, COALESCE(created_by, (SELECT identity_id "
                "FROM device_owners o WHERE o.device_id = i.device_id)), inspectors, "
                "checklist_hash, authorities, authority FROM inspections i WHERE id = ?",
                (inspection_id,)).fetchone()
            self.inspections[inspection_id] = row and {
                "kind": row[0], "subject_id": row[1], "status": row[2], "creator": row[3],
                "inspectors": row[4],  # JSON, read only when the creator is someone else
                "checklist_hash": row[5], "authorities": _bureaus(row[6], row[7])}
        return self.inspections[inspection_id]

    def item(self, item_id) -> dict | None:
        if item_id not in self.items:
            row = self.conn.execute(
                "SELECT inspection_id, subject_id, COALESCE(created_by, (SELECT identity_id "
                "FROM device_owners o WHERE o.device_id = r.device_id)) FROM rectifications r "
                "WHERE id = ?", (item_id,)).fetchone()
            self.items[item_id] = row and {"inspection_id": row[0], "subject_id": row[1],
                                           "creator": row[2]}
        return self.items[item_id]

    def photo_inspection(self, evidence_id) -> str | None:
        """The inspection a piece of evidence belongs to, when it is known here."""
        if evidence_id not in self.photos:
            row = self.conn.execute("SELECT inspection_id FROM evidence WHERE id = ?",
                                    (evidence_id,)).fetchone()
            self.photos[evidence_id] = row and row[0]
        return self.photos[evidence_id]

    def subject_code(self, subject_id) -> str | None:
        if subject_id not in self.subjects:
            row = self.conn.execute("SELECT uscc FROM subjects WHERE id = ?",
                                    (subject_id,)).fetchone()
            self.subjects[subject_id] = row and row[0]
        return self.subjects[subject_id]

    def identity_fingerprint(self, identity_id) -> str | None:
        if identity_id in self.rotated:
            return self.rotated[identity_id]["fingerprint"]
        row = self.conn.execute("SELECT fingerprint FROM identities WHERE id = ?",
                                (identity_id,)).fetchone()
        return row and row[0]

    def identity_certificate(self, identity_id) -> str | None:
        if identity_id in self.rotated:
            return self.rotated[identity_id]["certificate"]
        row = self.conn.execute("SELECT certificate FROM identities WHERE id = ?",
                                (identity_id,)).fetchone()
        return row and row[0]

    def key_certificate(self, identity_id, fp) -> str | None:
        row = self.conn.execute(
            "SELECT certificate FROM identities WHERE id = ? AND fingerprint = ? UNION ALL "
            "SELECT certificate FROM identity_keys WHERE identity_id = ? AND fingerprint = ?",
            (identity_id, fp, identity_id, fp)).fetchone()
        return row and row[0]

    def former_keys(self, identity_id) -> set[str]:
        return {r[0] for r in self.conn.execute(
            "SELECT fingerprint FROM identity_keys WHERE identity_id = ?", (identity_id,))}

    def key_holder(self, fp) -> dict | None:
        """The identity a key (current, or rotated away from) belongs to: id, role, org;
        or, for one never seen here but certified or enrolled, as the statement says."""
        row = self.conn.execute(
            "SELECT i.id, i.role, i.org FROM identities i WHERE i.fingerprint = ? UNION "
            "SELECT i.id, i.role, i.org FROM identity_keys k JOIN identities i "
            "ON i.id = k.identity_id WHERE k.fingerprint = ?", (fp, fp)).fetchone() or \
            self.conn.execute(
                "SELECT identity_id, role, json_extract(statement, '$.org') FROM "
                "certifications WHERE fingerprint = ? ORDER BY issued_at LIMIT 1",
                (fp,)).fetchone()
        return row and {"id": row[0], "role": row[1], "org": row[2]}

    def org_of(self, identity_id: str | None) -> str | None:
        row = self.conn.execute("SELECT org FROM identities WHERE id = ?",
                                (identity_id,)).fetchone()
        return row and row[0]

    def person(self, identity_id) -> tuple[str, str | None] | None:
        """(role, org) of an identity held here, or as a statement vouching for it says."""
        return self.conn.execute(
            "SELECT role, org FROM identities WHERE id = ? UNION ALL SELECT role, "
            "json_extract(statement, '$.org') FROM certifications WHERE identity_id = ? "
            "LIMIT 1", (identity_id, identity_id)).fetchone()

    def block(self, block_id) -> dict | None:
        if block_id not in self.blocks:
            row = self.conn.execute(
                "SELECT prefix, year, first, last, kind, assignee_id, (SELECT org FROM "
                "identities i WHERE i.id = b.created_by) FROM number_blocks b WHERE id = ?",
                (block_id,)).fetchone()
            self.blocks[block_id] = row and dict(zip(
                ("prefix", "year", "first", "last", "kind", "assignee_id", "bureau"), row,
                strict=True))
        return self.blocks[block_id]

    def certified(self, identity_id: str, issuer_id: str) -> bool:
        """Whether this store holds `issuer_id`'s certification of `identity_id` (or
        the bundle being checked brings one: it is checked in the same pass)."""
        return (identity_id, issuer_id) in self.vouched or self.conn.execute(
            "SELECT 1 FROM certifications WHERE identity_id = ? AND issuer_id = ?",
            (identity_id, issuer_id)).fetchone() is not None

    def learn(self, entry: dict, author_id: str) -> None:
        """A creation in the bundle being checked, known before its turn comes."""
        entity, data = entry["entity"], entry["data"]
        if data is not None and entity in campaign_rules.LEARNED:
            campaign_rules.learn(self, entry, entry["actor"] or author_id)
        if data is not None and entity in credit_rules.LEARNED:
            credit_rules.learn(self, entry, entry["actor"] or author_id)
        if entry["op"] != "create" or data is None:
            return
        creator = entry["actor"] or author_id
        if entity == "inspection" and self.inspection(entry["record_id"]) is None:
            self.inspections[entry["record_id"]] = {
                "kind": data.get("kind"), "subject_id": data.get("subject_id"),
                "status": "draft", "creator": creator,
                "inspectors": json.dumps(data.get("inspectors") or []),
                "checklist_hash": data.get("checklist_hash"),
                "authorities": _bureaus(data.get("authorities"), data.get("authority"))}
        elif entity == "rectification" and self.item(entry["record_id"]) is None:
            self.items[entry["record_id"]] = {"inspection_id": data.get("inspection_id"),
                                              "subject_id": data.get("subject_id"),
                                              "creator": creator}
        elif entity == "subject" and self.subject_code(entry["record_id"]) is None:
            self.subjects[entry["record_id"]] = data.get("uscc")
        elif entity == "evidence" and self.photo_inspection(entry["record_id"]) is None:
            self.photos[entry["record_id"]] = data.get("inspection_id")
        elif entity == "number_block" and self.block(entry["record_id"]) is None:
            self.blocks[entry["record_id"]] = {**data, "bureau": self.org_of(creator)}
        elif entity == "certification" and isinstance(data.get("statement"), dict):
            statement = data["statement"]
            self.vouched.add((statement.get("identity_id"), statement.get("issuer_id")))

    def note(self, entry: dict) -> None:
        """An entry that passed: an inspection it completes or signs is so from here, an
        identity it rotates has its new key (a bundle may carry several rotations)."""
        if entry["entity"] == "identity" and entry["data"].get("rotation"):
            self.rotated[entry["record_id"]] = entry["data"]
        if entry["entity"] == "inspection" and entry["op"] in ("complete", "sign"):
            found = self.inspection(entry["record_id"])
            if found is not None:
                found["status"] = "completed" if entry["op"] == "complete" else "signed"
        if entry["entity"] == "inspection" and entry["op"] == "authorities":
            found = self.inspection(entry["record_id"])
            if found is not None:
                found["authorities"] = _bureaus(entry["data"].get("authorities"), None)


def _bureaus(stored, authority: str | None) -> list[str]:
    """The names of an inspection's authorities, lead first (stored JSON or a creation's
    list; one recorded before them has its authority of record alone, or none)."""
    listed = json.loads(stored) if isinstance(stored, str) else stored
    if isinstance(listed, list) and listed:
        return [a.get("name") if isinstance(a, dict) else None for a in listed]
    return [authority] if authority else []


# --- ownership rules: (facts, author, entry) -> whether the record is the author's -----


def _anyone(facts, author, entry) -> bool:
    return True


def _own_identity(facts: Facts, author: Author, entry: dict) -> bool:
    data, record_id = entry["data"], entry["record_id"]
    if record_id != author.id or record_id == facts.own_id:
        return False
    known = facts.identity_fingerprint(record_id)
    if data.get("rotation") is not None:
        return _rotation(facts, author, entry, known)
    # a key the receiver holds for this identity: its current one or one it rotated
    # away from (the author may be a later key: its export carries the whole history)
    keys = {known} | facts.former_keys(record_id) if known else {author.fingerprint}
    if data.get("fingerprint") not in (None, *keys):
        raise Unauthorized(t("auth.no_rotation", record=record_id[:8]))
    if data.get("certificate") is not None and data["certificate"] != (
            facts.key_certificate(record_id, data.get("fingerprint")) if known
            else author.certificate):
        return False
    return (data.get("role"), data.get("name"), data.get("org") or None,
            data.get("uscc")) == (author.role, author.name, author.org or None, author.uscc)


def _rotation(facts: Facts, author: Author, entry: dict, known: str | None) -> bool:
    """A new certificate for a known identity, announced by a statement its current key
    signed (the author is a key of the identity: the old one here, a later one in the
    rotating store's export)."""
    from .identity import valid_rotation  # only a rotation needs cryptography

    return known is not None and valid_rotation(
        facts.identity_certificate(entry["record_id"]), entry["record_id"], entry["data"])


def _own_or_supervised_key(facts: Facts, author: Author, entry: dict) -> bool:
    """The identity revokes its own keys, from a time it gives (say, when the laptop went
    missing) or from the entry's; a supervisor an inspector's of its bureau, and an
    inspector a company's it enrolled, from the entry's time only, so that neither can
    undo what was signed before."""
    data = entry["data"]
    holder = facts.key_holder(data.get("fingerprint"))
    if holder is None or holder["id"] != data.get("identity_id") or \
            not isinstance(data.get("revoked_at", ""), str):
        return False
    if holder["id"] == author.id:
        return True
    if "revoked_at" in data:
        return False
    if holder["role"] == INSPECTOR:  # its bureau: who certified it, or one of its org
        return author.role == SUPERVISOR and (facts.certified(holder["id"], author.id) or (
            author.org is not None and author.org == holder["org"]))
    # a company that lost its only laptop cannot revoke its own key: the inspector
    # who enrolled it can
    return holder["role"] == COMPANY and author.role == INSPECTOR and \
        facts.certified(holder["id"], author.id)


def _subject_create(facts: Facts, author: Author, entry: dict) -> bool:
    if author.role != COMPANY:
        return True
    from .subjects import subject_id  # only a company's subject needs it

    code = entry["data"].get("uscc")
    return code == author.uscc and entry["record_id"] == subject_id(code)


def _author_creates(facts, author, entry) -> bool:
    return entry["actor"] in (None, author.id)


def _own_subject_self_check(facts: Facts, author: Author, entry: dict) -> bool:
    code = facts.subject_code(entry["data"].get("subject_id"))
    return code is not None and code == author.uscc


def _corrects_own_signed(facts: Facts, author: Author, entry: dict) -> bool:
    """A correction: of a signed record of the same kind, subject and checklist version
    (its answers are compared item by item), with a reason, by that record's author;
    an inspection's also by an officer it names of the author's bureau. So a company
    never corrects an inspector's record, nor anyone a record they had no part in."""
    data = entry["data"]
    original = facts.inspection(data.get("corrects"))
    if original is None or original["status"] != "signed" or \
            entry["actor"] not in (None, author.id) or \
            not isinstance(data.get("correction_reason"), str) or \
            not data["correction_reason"].strip() or \
            any(data.get(k) != original[k] for k in ("kind", "subject_id", "checklist_hash")):
        return False
    if original["kind"] == "self_check":
        return author.role == COMPANY and original["creator"] == author.id
    return author.role == INSPECTOR and (original["creator"] == author.id or (
        author.name in json.loads(original["inspectors"]) and author.org is not None
        and author.org == facts.org_of(original["creator"])))


def _inspection_of(facts: Facts, entry: dict) -> dict | None:
    entity, data = entry["entity"], entry["data"]
    if entity == "answer":
        return facts.inspection(entry["record_id"].split("/", 1)[0])
    if entity == "inspection":
        return facts.inspection(entry["record_id"])
    if entity == "evidence" and entry["op"] == "remove":  # the photo's own, when known
        return facts.inspection(facts.photo_inspection(entry["record_id"]) or
                                data.get("inspection_id"))
    return facts.inspection(data.get("inspection_id"))


def _writer_in(statuses: tuple[str, ...], named: bool):
    """The inspection's creator (with `named`, also an inspector it names, the
    second officer recording on their own device: one of the creator's bureau, as
    names repeat) while its status is one of these."""
    def rule(facts: Facts, author: Author, entry: dict) -> bool:
        inspection = _inspection_of(facts, entry)
        if inspection is None:
            return True  # nothing to write to: the import's reference check says so
        if inspection["status"] == "signed":
            raise Unauthorized(t("auth.signed", entity=entry["entity"],
                                 record=entry["record_id"][:17], op=entry["op"]))
        mine = inspection["creator"] == author.id or (
            named and author.role == INSPECTOR and inspection["kind"] == "inspection"
            and author.name in json.loads(inspection["inspectors"])
            and author.org is not None and author.org == facts.org_of(inspection["creator"]))
        return mine and inspection["status"] in statuses
    return rule


def _finding_of_completed(facts: Facts, author: Author, entry: dict) -> bool:
    """A rectification item: by the inspection's creator once completed, about the
    inspection's own subject (never another company's)."""
    inspection = _inspection_of(facts, entry)
    return OWNERSHIP["creator_completed"](facts, author, entry) and (
        inspection is None or entry["data"].get("subject_id") == inspection["subject_id"])


def _block_for_own_inspector(facts: Facts, author: Author, entry: dict) -> bool:
    """A block of numbers for an inspector of the bureau: one it certified, or one of
    its own organisation."""
    from .numbering.rules import valid_block  # a leaf; the package imports the store

    data = entry["data"]
    person = facts.person(data.get("assignee_id"))
    return valid_block(data) and isinstance(data.get("assignee_name"), str) and \
        person is not None and person[0] == INSPECTOR and (
            facts.certified(data["assignee_id"], author.id) or
            (author.org is not None and author.org == person[1]))


DOCUMENT_TEXTS = ("number", "prefix", "block_id", "kind", "inspection_id", "subject_id",
                  "issued_on", "content_hash")


def _number_from_own_block(facts: Facts, author: Author, entry: dict) -> bool:
    """A number of a block assigned to the author, written as the rule says, for a
    finished inspection of the author's about its subject, in the name of one of the
    inspection's authorities that the block's bureau numbers for (numbering.rules.serves);
    a transfer letter (移送函) names the kind of authority it goes to."""
    from .numbering.rules import TRANSFER, fits, serves

    data = entry["data"]
    block = facts.block(data.get("block_id"))
    inspection = facts.inspection(data.get("inspection_id"))
    if block is None or inspection is None or \
            any(not isinstance(data.get(k), str) for k in DOCUMENT_TEXTS) or \
            not isinstance(data.get("authority"), str | None) or \
            not _receiver_fits(data, data["kind"] == TRANSFER):
        return False
    mine = inspection["creator"] == author.id or (
        author.name in json.loads(inspection["inspectors"]) and author.org is not None
        and author.org == facts.org_of(inspection["creator"]))
    return block["assignee_id"] == author.id and fits(block, data) and mine and \
        inspection["kind"] == "inspection" and inspection["status"] != "draft" and \
        data["subject_id"] == inspection["subject_id"] and \
        serves(block["bureau"], data.get("authority"), inspection["authorities"])


def _receiver_fits(data: dict, transfer: bool) -> bool:
    """A transfer letter names its receiving authority's kind (and a name, or none: a
    line to fill by hand); no other document names one."""
    kind, name = data.get("receiver"), data.get("receiver_name")
    if not transfer:
        return kind is None and name is None
    return isinstance(kind, str) and 0 < len(kind) <= 80 and (
        name is None or (isinstance(name, str) and 0 < len(name) <= 80))


def _blank_from_own_block(facts: Facts, author: Author, entry: dict) -> bool:
    """A number of the author's own block of on-site record numbers, written as the rule
    says, for a blank form: no inspection or subject yet."""
    from .numbering.rules import RECORD, fits

    data = entry["data"]
    block = facts.block(data.get("block_id"))
    texts = [k for k in DOCUMENT_TEXTS if k not in ("inspection_id", "subject_id")]
    return block is not None and all(isinstance(data.get(k), str) for k in texts) and \
        data.get("inspection_id") is None and data.get("subject_id") is None and \
        block["assignee_id"] == author.id and data["kind"] == RECORD and fits(block, data)


SERVICE_TEXTS = ("inspection_id", "document", "recipient", "method", "served_on")
SERVICE_OPTIONAL = ("number", "place", "recipient_sha256", "reason", "witness",
                    "witness_sha256", "server")


def _service_of_own_notice(facts: Facts, author: Author, entry: dict) -> bool:
    """Served by an officer of the inspection (its creator, or one it names of the same
    bureau), once it is finished (its notice exists from then on)."""
    from .service import METHODS  # the words of the service record

    data = entry["data"]
    if any(not isinstance(data.get(k), str) for k in SERVICE_TEXTS) or any(
            data.get(k) is not None and not isinstance(data[k], str) for k in SERVICE_OPTIONAL):
        return False
    inspection = facts.inspection(data["inspection_id"])
    if inspection is None:
        return False
    mine = inspection["creator"] == author.id or (
        author.name in json.loads(inspection["inspectors"]) and author.org is not None
        and author.org == facts.org_of(inspection["creator"]))
    return mine and inspection["kind"] == "inspection" and \
        inspection["status"] != "draft" and data["method"] in METHODS


def _figure_of_own_unit(facts: Facts, author: Author, entry: dict) -> bool:
    """A figure or typical case of the monthly report, filed for a unit (the organisation
    its records name as the inspecting authority) that is the author's own; a
    supervisor's also for the organisation of an inspector it certified (its county
    units). The city's report sums the units' figures: none files another's."""
    unit = entry["data"].get("unit")
    if not isinstance(unit, str) or not unit.strip():
        return False
    if author.org is not None and unit == author.org:
        return True
    return author.role == SUPERVISOR and facts.conn.execute(
        "SELECT 1 FROM certifications WHERE issuer_id = ? AND role = ? AND "
        "json_extract(statement, '$.org') = ?",
        (author.id, INSPECTOR, unit)).fetchone() is not None


def _item_and_code(facts: Facts, entry: dict) -> tuple[dict | None, str | None]:
    item = facts.item(entry["data"].get("rectification_id"))
    return item, item and facts.subject_code(item["subject_id"])


def _item_creator(facts: Facts, author: Author, entry: dict) -> bool:
    item = facts.item(entry["data"].get("rectification_id"))
    return item is not None and item["creator"] == author.id


def _own_subject_answer(facts: Facts, author: Author, entry: dict) -> bool:
    _, code = _item_and_code(facts, entry)
    return code is not None and code == author.uscc and entry["data"].get("deadline") is None


def _may_decide(facts: Facts, author: Author, entry: dict) -> bool:
    if author.role in DECIDERS:
        return True
    item, code = _item_and_code(facts, entry)
    inspection = item and facts.inspection(item["inspection_id"])
    return bool(inspection and inspection["kind"] == "self_check" and code == author.uscc)


def _decide_close(facts, author, entry) -> bool:
    return _may_decide(facts, author, entry) and entry["data"].get("deadline") is None


def _decide_reopen(facts, author, entry) -> bool:
    deadline = entry["data"].get("deadline")
    if deadline is not None:
        try:
            days = (date.fromisoformat(deadline) - date.fromisoformat(entry["at"][:10])).days
        except (TypeError, ValueError):
            return False
        if not 0 <= days <= REOPEN_HORIZON_DAYS:
            return False
    return _may_decide(facts, author, entry)


def _issuer(facts, author, inspection: dict) -> bool:
    """An inspection's report: an inspector who created it or is named on it; a
    self-check's: the company identity that created it. A verifier that does not hold
    the inspection knows only its kind (from the QR statement): the role is all it checks."""
    if "created_by" not in inspection:
        return True
    if inspection["kind"] == "self_check":
        return inspection["created_by"] == author.id
    return inspection["created_by"] == author.id or author.name in inspection["inspectors"]


def _own_statement(facts, author: Author, entry: dict) -> bool:
    """A certification or enrolment its author issued and signed, about a certificate
    that says what the statement says."""
    from .trust_chain import Certification, signed_by, valid_subject  # cryptography

    cert = Certification.from_data(entry["data"])
    return cert is not None and author.certificate is not None and \
        cert.statement.get("issuer_id") == author.id and \
        cert.statement.get("issuer_fingerprint") == author.fingerprint and \
        valid_subject(cert) is not None and signed_by(cert, author.certificate)


OWNERSHIP = {
    "anyone": _anyone, "own_identity": _own_identity, "subject_create": _subject_create,
    "author_creates": _author_creates, "own_subject_self_check": _own_subject_self_check,
    "corrects_own_signed": _corrects_own_signed,
    "named_draft": _writer_in(("draft",), named=True),
    "named_unsigned": _writer_in(("draft", "completed"), named=True),
    "creator_draft": _writer_in(("draft",), named=False),
    "creator_completed": _writer_in(("completed",), named=False),
    "finding_of_completed": _finding_of_completed,
    "item_creator": _item_creator, "own_subject_answer": _own_subject_answer,
    "decide_close": _decide_close, "decide_reopen": _decide_reopen,
    "report_of_inspection": _issuer, "report_of_self_check": _issuer,
    "own_or_supervised_key": _own_or_supervised_key,
    "own_statement": _own_statement,
    "block_for_own_inspector": _block_for_own_inspector,
    "number_from_own_block": _number_from_own_block,
    "blank_from_own_block": _blank_from_own_block,
    "service_of_own_notice": _service_of_own_notice,
    "figure_of_own_unit": _figure_of_own_unit,
    **campaign_rules.OWNERSHIP,
    **credit_rules.OWNERSHIP,
}


# --- asking ----------------------------------------------------------------------------


def may_issue(signer, inspection: dict) -> bool:
    """Whether `signer` (an identity: id, name, role) may sign the report of
    `inspection` (its record, or {"kind": ...} as a QR statement gives it)."""
    rule = RULES.get(("report", "issue", inspection.get("kind")))
    return rule is not None and signer.role in rule.roles and \
        OWNERSHIP[rule.owner](None, signer, inspection)



def check(facts: Facts, author: Author, entry: dict) -> None:
    """Raise Unauthorized unless `author` may write `entry` (one with its data)."""
    rule = rule_for(entry)
    if rule is None or author.role not in rule.roles or \
            not OWNERSHIP[rule.owner](facts, author, entry):
        raise Unauthorized(refusal(author, entry, rule))


def allowed(facts: Facts, author: Author, entry: dict) -> bool:
    try:
        check(facts, author, entry)
    except Unauthorized:
        return False
    return True


def refusal(author: Author, entry: dict, rule: Rule | None) -> str:
    variant = _variant(entry)
    what = f"{entry['entity']} {entry['record_id'][:17]} {entry['op']}" + \
        (f" ({variant})" if variant else "")
    if rule is None:
        return t("auth.no_rule", entry=what)
    return t("auth.refused", role=t(f"actor.{author.role}"), entry=what,
             rule=rule_text(rule))


def _variant(entry: dict) -> str:
    data = entry["data"] or {}
    if entry["entity"] == "rectification_event":
        return str(data.get("status"))
    if entry["entity"] == "certification":
        return str((data.get("statement") or {}).get("role"))
    if entry["entity"] == "inspection" and data.get("corrects") is not None:
        return "correction"
    return str(data.get("kind") or "") if entry["entity"] == "inspection" else ""


def rule_text(rule: Rule, language: str | None = None) -> str:
    """The ownership rule in words: the current language, or `language` (zh or en)."""
    if language is None:
        return t(f"auth.rule.{rule.owner}")
    return MESSAGES[f"auth.rule.{rule.owner}"][language == "en"]


def local_author(conn, actor: str | None) -> Author | None:
    """The store's own identity once it has keys; before that, local writes go
    unchecked (they are checked wherever they are imported: exporting needs keys)."""
    if actor is None:
        return None
    row = conn.execute("SELECT role, uscc, name, org, fingerprint, certificate FROM "
                       "identities WHERE id = ?", (actor,)).fetchone()
    if row is None or row[4] is None:
        return None
    return Author(actor, *row)


def check_local(conn, actor: str | None, entry: dict, known: dict | None = None) -> None:
    """Store.record's question, before the entry is appended. `known` keeps the
    store's author once it has keys (identity.rotate drops it when the key changes)."""
    author = known.get(actor) if known is not None else None
    if author is None:
        author = local_author(conn, actor)
        if author is None:
            return
        if known is not None:
            known[actor] = author
    check(Facts(conn), author, entry)


def may_write(conn, actor: str | None, entry: dict) -> bool:
    """Whether this store's identity may write `entry`: the UI offers only such steps,
    and none to a store without keys (whose steps nobody could vouch for)."""
    author = local_author(conn, actor)
    return author is not None and allowed(Facts(conn), author, entry)


def from_the_future(at: str, now: datetime) -> bool:
    """Whether an entry's time lies beyond the clock skew allowed at `now` (aware, UTC)."""
    try:
        when = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except (AttributeError, TypeError, ValueError):
        return True  # not a time at all
    return when.tzinfo is None or when > now + CLOCK_SKEW


def check_device(device_id: str, own_device: str, owner: str | None, author: Author) -> None:
    """A device's history is extended only by the identity it belongs to (the one that
    vouched for it first), and this store's own device by nobody else."""
    if device_id == own_device:
        raise Unauthorized(t("auth.own_device", device=device_id[:8]))
    if owner is not None and owner != author.id:
        raise Unauthorized(t("auth.device_owned", device=device_id[:8], name=author.name))


# --- the table, for people -------------------------------------------------------------


def markdown_table(language: str = "en") -> str:
    """The table as Markdown (the README shows it; a test keeps the two equal)."""
    lines = ["| Entity | Operation | Roles | Which records |",
             "| --- | --- | --- | --- |"]
    for rule in TABLE:
        op = f"{rule.op} ({rule.variant})" if rule.variant else rule.op
        lines.append(f"| {rule.entity} | {op} | {', '.join(rule.roles)} | "
                     f"{rule_text(rule, language)} |")
    return "\n".join(lines) + "\n"
