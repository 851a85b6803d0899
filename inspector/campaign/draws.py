"""The draw, as a record anyone can check.

1. `commit`: the planner fixes a secret seed and records only its SHA-256 (a `draw`
   `commit` entry; publish it, e.g. with the plan). The seed stays in this store's
   settings, never in the log. One commitment a campaign: a planner who could commit
   to several could pick the seed whose draw it liked (verify counts them). A seed
   nobody can choose is a public one fixed after the commitment is published (a
   lottery's numbers, given with --seed).
2. `draw`: later, the registers are pinned (their snapshots stored as attachments,
   named by their SHA-256), the algorithm (inspector.campaign.algorithm) runs from the
   revealed seed, and the statement (campaign, matters, rule, seed, commitment,
   register pins, result) is signed by the planner's key: a `draw` `create` entry,
   which travels in bundles with the snapshots.
3. `verify`: from the record alone: the signature holds, the seed is the one
   committed to, the snapshots hash to their pins, and running the algorithm again
   gives the same result. It also says whether the registers here have changed since.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from .. import ids
from ..digest import canonical
from ..errors import InspectorError, NotFound, ValidationError
from ..i18n import t
from ..identity import signing_key
from ..store import Store
from . import algorithm, plans, registers

SNAPSHOT_MIME = "application/octet-stream"  # as an import stores any attachment not a photo


def _seed_setting(commit_id: str) -> str:
    return f"campaign_seed:{commit_id}"


def commit(store: Store, campaign: str, seed: str | None = None) -> dict:
    """Fix the seed of `campaign`'s draw and record its hash. `seed` (64 hex digits) is
    for a seed made in public (a lottery's numbers, say); by default a secret one."""
    plan = plans.get_campaign(store, campaign)
    seed = (seed or secrets.token_hex(32)).strip().lower()
    if not algorithm.valid_seed(seed):
        raise ValidationError(t("draw.bad_seed"))
    commit_id = ids.uuid7()
    with store.transaction():
        if _draw_row(store, plan["id"]) is not None:
            raise ValidationError(t("campaign.already_drawn", name=plan["name"]))
        if store.conn.execute("SELECT 1 FROM draw_commits WHERE campaign_id = ?",
                              (plan["id"],)).fetchone():  # one seed: no choosing among several
            raise ValidationError(t("draw.committed_before", name=plan["name"]))
        store.record("draw", commit_id, "commit", {"campaign_id": plan["id"],
                                                   "seed_hash": algorithm.seed_hash(seed)})
        store.set_setting(_seed_setting(commit_id), seed)
    return {"id": commit_id, "campaign_id": plan["id"], "seed_hash": algorithm.seed_hash(seed)}


def pending_commit(store: Store, campaign_id: str) -> dict | None:
    """This store's latest commitment for the campaign whose seed it holds."""
    for row in store.query("SELECT * FROM draw_commits WHERE campaign_id = ? "
                           "ORDER BY at DESC, id DESC", (campaign_id,)):
        if store.setting(_seed_setting(row["id"])):
            return row
    return None


def _draw_row(store: Store, campaign_id: str) -> dict | None:
    rows = store.query("SELECT * FROM draws WHERE campaign_id = ? ORDER BY at, id",
                       (campaign_id,))
    return rows[0] if rows else None


def _store_snapshot(store: Store, text: bytes) -> str:
    sha = hashlib.sha256(text).hexdigest()
    store.conn.execute("INSERT OR IGNORE INTO blobs (sha256, mime, size, data) "
                       "VALUES (?, ?, ?, ?)", (sha, SNAPSHOT_MIME, len(text), text))
    return sha


def _matters_for_draw(store: Store, campaign_id: str) -> list[dict]:
    return [{"id": m["id"], "sector": m["sector"], "ratio": m["ratio"]}
            for m in plans.matters(store, campaign_id)]


def draw(store: Store, campaign: str, *, secret: str | None = None) -> dict:
    """Reveal the committed seed (committing one first if there is none), pin the
    registers, draw, sign and record. Returns the statement."""
    plan = plans.get_campaign(store, campaign)
    if _draw_row(store, plan["id"]) is not None:
        raise ValidationError(t("campaign.already_drawn", name=plan["name"]))
    if not plans.matters(store, plan["id"]):
        raise ValidationError(t("draw.no_matters", name=plan["name"]))
    me, key = signing_key(store, secret)  # before anything is written: a wrong passphrase
    if pending_commit(store, plan["id"]) is None:
        commit(store, plan["id"])
    with store.transaction():
        held = pending_commit(store, plan["id"])
        seed = store.setting(_seed_setting(held["id"]))
        subjects = registers.subject_register(store)
        officers = registers.officer_register(store)
        matters = _matters_for_draw(store, plan["id"])
        statement = {
            "algorithm": algorithm.ALGORITHM, "campaign_id": plan["id"],
            "commit_id": held["id"], "seed_hash": held["seed_hash"], "seed": seed,
            "rule": plan["rule"], "matters": matters,
            "registers": {"subjects": _store_snapshot(store, algorithm.subjects_text(subjects)),
                          "officers": _store_snapshot(store, algorithm.officers_text(officers))},
            "counts": {"subjects": len(subjects), "officers": len(officers)},
            "result": run_statement(seed, matters, subjects, officers, plan["rule"]),
            "drawn_by": me.id, "drawer": me.name, "fingerprint": me.fingerprint,
            "drawn_at": ids.now()}
        signature = key.sign(canonical(statement).encode("utf-8"),
                             ec.ECDSA(hashes.SHA256())).hex()
        pem = me.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
        store.record("draw", ids.uuid7(), "create", {"statement": statement,
                                                     "signature": signature,
                                                     "certificate": pem})
    return statement


def run_statement(seed: str, matters: list[dict], subjects, officers, rule: dict) -> list[dict]:
    return algorithm.run(seed, [algorithm.Matter(m["id"], m["sector"], m["ratio"])
                                for m in matters], subjects, officers, rule)


def statement_of(store: Store, campaign: str) -> tuple[dict, dict]:
    """(the draw's row, its statement) for a campaign (id, prefix or name)."""
    plan = plans.get_campaign(store, campaign)
    row = _draw_row(store, plan["id"])
    if row is None:
        raise NotFound(t("draw.none", name=plan["name"]))
    return row, json.loads(row["statement"])


# --- verifying -----------------------------------------------------------------------


@dataclass
class Check:
    key: str  # what was checked (message key draw.check.<key>)
    ok: bool
    detail: str = ""


@dataclass
class Verification:
    campaign: str
    checks: list[Check] = field(default_factory=list)
    registers_changed: list[str] = field(default_factory=list)  # subjects / officers

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def verify(store: Store, campaign: str, *, subjects_file: bytes | None = None,
           officers_file: bytes | None = None, seed: str | None = None) -> Verification:
    """Check a draw from its record: signature, seed against its commitment, the pinned
    registers (the snapshots held here, or the files given) against their pins, and
    the result run again. `seed` checks another seed in place of the one revealed."""
    row, statement = statement_of(store, campaign)
    plan = plans.get_campaign(store, statement["campaign_id"])
    found = Verification(plan["name"])
    from .rules import signature_holds

    found.checks.append(Check("signature", signature_holds(
        row["certificate"], row["signature"], statement) and _signer_known(store, row)))
    seed = statement["seed"] if seed is None else seed.strip().lower()
    commitment = store.conn.execute("SELECT seed_hash FROM draw_commits WHERE id = ?",
                                    (statement["commit_id"],)).fetchone()
    found.checks.append(Check("seed", algorithm.valid_seed(seed) and commitment is not None
                              and algorithm.seed_hash(seed) == commitment[0]
                              == statement["seed_hash"]))
    commitments = store.conn.execute("SELECT COUNT(*) FROM draw_commits WHERE campaign_id = ?",
                                     (statement["campaign_id"],)).fetchone()[0]
    found.checks.append(Check("one_commitment", commitments == 1))
    texts = {}
    for name, given in (("subjects", subjects_file), ("officers", officers_file)):
        text = given if given is not None else _blob(store, statement["registers"][name])
        texts[name] = text
        found.checks.append(Check(f"register_{name}", text is not None and
                                  algorithm.pin(text) == statement["registers"][name]))
    try:
        again = run_statement(seed, statement["matters"],
                              algorithm.read_subjects(texts["subjects"] or b""),
                              algorithm.read_officers(texts["officers"] or b""),
                              statement["rule"]) if algorithm.valid_seed(seed) else None
    except (KeyError, TypeError, ValueError):
        again = None
    found.checks.append(Check("result", again == statement["result"]))
    now = {"subjects": algorithm.subjects_text(registers.subject_register(store)),
           "officers": algorithm.officers_text(registers.officer_register(
               store, before=statement["drawn_at"]))}
    found.registers_changed = [n for n, text in now.items()
                               if algorithm.pin(text) != statement["registers"][n]]
    return found


def _signer_known(store: Store, row: dict) -> bool:
    """The certificate in the record is the drawer's as this store knows it."""
    from ..identity import _parse_certificate, fingerprint

    try:
        return fingerprint(_parse_certificate(row["certificate"])) == json.loads(
            row["statement"])["fingerprint"]
    except (ValueError, KeyError):
        return False


def _blob(store: Store, sha: str) -> bytes | None:
    found = store.conn.execute("SELECT data FROM blobs WHERE sha256 = ?", (sha,)).fetchone()
    return bytes(found[0]) if found else None


def snapshot(store: Store, campaign: str, name: str) -> bytes:
    """A pinned register of a campaign's draw (for auditors who re-run it elsewhere)."""
    _, statement = statement_of(store, campaign)
    text = _blob(store, statement["registers"][name])
    if text is None:
        raise InspectorError(t("draw.no_snapshot", name=name))
    return text
