"""Listing proposal rules written as data (default_rules.yaml, or a campaign's file),
and the facts they read from the store.

A rule names a fact kind, narrows it (severity, result, heavier, campaign), and says
which list it proposes, on which ground and basis. `matches` lists, per rule, the
facts of a store that satisfy it; each fact has a stable key, so a fact proposes once.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import yamlload
from ..errors import ValidationError
from ..files import read_input
from ..i18n import t
from .rules import LISTS

DEFAULT_FILE = Path(__file__).with_name("default_rules.yaml")
FACTS = ("overdue_after_rejection", "task_result", "penalty")
SEVERITIES = ("info", "minor", "major", "critical")


@dataclass(frozen=True)
class ProposalRule:
    id: str
    fact: str
    list: str
    ground: dict  # {"zh": ..., "en": ...}
    basis: str
    severity: tuple[str, ...] = SEVERITIES
    result: str | None = None
    heavier: bool = False
    campaign: str | None = None


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[ProposalRule, ...]
    statement_days: int
    publish_years: dict
    statement_basis: dict  # list -> the text giving the right to state one's case


def load(path: str | Path | None = None) -> RuleSet:
    """The rules of `path` (the default file when None); a bad rule names its line."""
    path = Path(path) if path else DEFAULT_FILE
    try:
        data, _ = yamlload.load(read_input(path).decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValidationError(t("credit.bad_rules", what=str(exc).splitlines()[0]),
                              path=str(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ValidationError(t("credit.bad_rules", what="rules"), path=str(path))
    rules = tuple(_rule(path, data, n) for n in range(len(data["rules"])))
    days, years = data.get("statement_days", 10), data.get("publish_years") or {}
    rights = data.get("statement_basis") or {}
    if type(days) is not int or not 1 <= days <= 60 or not isinstance(years, dict) or \
            any(k not in LISTS or type(v) is not int or not 1 <= v <= 10
                for k, v in years.items()) or not isinstance(rights, dict) or \
            any(k not in LISTS or not isinstance(v, str) for k, v in rights.items()):
        raise ValidationError(
            t("credit.bad_rules", what="statement_days/publish_years/statement_basis"),
            path=str(path), line=yamlload.line_at(data, ()))
    return RuleSet(rules, days, {k: years.get(k, 3) for k in LISTS},
                   {k: rights[k].strip() for k in rights if rights[k].strip()})


def _rule(path: Path, data: dict, n: int) -> ProposalRule:
    raw = data["rules"][n]
    ok = isinstance(raw, dict) and raw.get("fact") in FACTS and raw.get("list") in LISTS and \
        isinstance(raw.get("id"), str) and isinstance(raw.get("basis"), str) and \
        isinstance(raw.get("ground"), dict) and isinstance(raw["ground"].get("zh"), str)
    severity = raw.get("severity", list(SEVERITIES)) if isinstance(raw, dict) else None
    if not ok or not isinstance(severity, list) or not set(severity) <= set(SEVERITIES):
        raise ValidationError(t("credit.bad_rules", what=f"rules[{n}]"), path=str(path),
                              line=yamlload.line_at(data, ("rules", n)))
    return ProposalRule(
        raw["id"], raw["fact"], raw["list"], dict(raw["ground"]), raw["basis"],
        tuple(severity), raw.get("result"), bool(raw.get("heavier")), raw.get("campaign"))


def matches(conn, rule: ProposalRule, today: str) -> list[dict]:
    """The facts satisfying `rule`: subject_id, key, campaign_id, and what they were."""
    if rule.fact == "overdue_after_rejection":
        marks = ", ".join("?" for _ in rule.severity)
        rows = conn.execute(
            "SELECT id, subject_id, problem, basis, severity, current_deadline FROM "
            f"rectifications WHERE status = 'reopened' AND current_deadline < ? AND "
            f"severity IN ({marks}) ORDER BY id", (today, *rule.severity))
        return [{"subject_id": r[1], "key": r[0], "campaign_id": None, "basis": r[3],
                 "facts": {"rectification_id": r[0], "problem": r[2], "severity": r[4],
                           "deadline": r[5]}} for r in rows]
    if rule.fact == "task_result":
        rows = conn.execute(
            "SELECT id, subject_id, campaign_id, result, result_note, result_at FROM tasks "
            "WHERE result = ? AND (? IS NULL OR campaign_id = ?) ORDER BY id",
            (rule.result, rule.campaign, rule.campaign))
        return [{"subject_id": r[1], "key": r[0], "campaign_id": r[2], "basis": "",
                 "facts": {"task_id": r[0], "result": r[3], "note": r[4], "at": r[5]}}
                for r in rows]
    rows = conn.execute(
        "SELECT id, subject_id, decision_no, decided_on, heavier, note FROM credit_penalties "
        "WHERE heavier >= ? ORDER BY id", (int(rule.heavier),))
    return [{"subject_id": r[1], "key": r[0], "campaign_id": None, "basis": "",
             "facts": {"penalty_id": r[0], "decision_no": r[2], "decided_on": r[3],
                       "heavier": bool(r[4]), "note": r[5]}} for r in rows]
