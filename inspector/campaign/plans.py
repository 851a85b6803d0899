"""The plan: a campaign (name, issuing authority, period, the draw's rule) and its
check matters (抽查事项清单: sector checklist, legal basis, sampling ratio, period,
authority, days to finish a task)."""

from datetime import date

from .. import checklists, ids
from ..errors import NotFound, ValidationError
from ..i18n import t
from ..store import Store
from . import algorithm

# the draw's rule unless the plan writes another: flags -> weight, or "all" (certain)
DEFAULT_RULE = {"abnormal": 3, "complaint": 2, "serious_finding": 3}
DEFAULT_DUE_DAYS = 30


def parse_rule(text: str | None) -> dict:
    """"abnormal=all,complaint=2" -> {"abnormal": "all", "complaint": 2}."""
    from .registers import FLAGS

    if text is None:
        return dict(DEFAULT_RULE)
    rule = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        flag, _, value = part.partition("=")
        flag, value = flag.strip(), value.strip()
        weight = value if value == algorithm.CERTAIN else (int(value) if value.isdigit() else 0)
        if flag not in FLAGS or not algorithm.valid_rule({flag: weight}):
            raise ValidationError(t("campaign.bad_rule", part=part, flags=", ".join(FLAGS),
                                    max=algorithm.MAX_WEIGHT))
        rule[flag] = weight
    return rule


def _day(value: str, what: str) -> str:
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except (AttributeError, ValueError):
        raise ValidationError(t("campaign.bad_date", what=what, value=value)) from None


def _period(starts_on: str, ends_on: str) -> tuple[str, str]:
    start, end = _day(starts_on, "starts_on"), _day(ends_on, "ends_on")
    if end < start:
        raise ValidationError(t("campaign.bad_period", start=start, end=end))
    return start, end


def new_campaign(store: Store, *, name: str, authority: str, starts_on: str, ends_on: str,
                 rule: dict | None = None) -> dict:
    name, authority = (name or "").strip(), (authority or "").strip()
    if not name or not authority:
        raise ValidationError(t("campaign.needs_name"))
    start, end = _period(starts_on, ends_on)
    rule = dict(DEFAULT_RULE) if rule is None else rule
    campaign_id = ids.uuid7()
    with store.transaction():
        store.record("campaign", campaign_id, "create", {
            "name": name, "authority": authority, "starts_on": start, "ends_on": end,
            "rule": rule})
    return get_campaign(store, campaign_id)


def add_matter(store: Store, campaign: str, *, title: str, checklist: str, ratio: str,
               basis: str | None = None, starts_on: str | None = None,
               ends_on: str | None = None, authority: str | None = None,
               due_days: int = DEFAULT_DUE_DAYS, self_check: bool = False) -> dict:
    """A check matter of `campaign`: its sector and checklist from `checklist` (an id
    or a sector), its ratio a decimal ("0.05") or a percentage ("5%")."""
    plan = get_campaign(store, campaign)
    chosen = checklists.find(checklist)
    ratio = _ratio(ratio)
    start, end = _period(starts_on or plan["starts_on"], ends_on or plan["ends_on"])
    if not (title or "").strip() or not 1 <= due_days <= 366:
        raise ValidationError(t("campaign.bad_matter", days=due_days))
    matter_id = ids.uuid7()
    with store.transaction():
        if store.conn.execute("SELECT 1 FROM draws WHERE campaign_id = ?",
                              (plan["id"],)).fetchone():
            raise ValidationError(t("campaign.already_drawn", name=plan["name"]))
        store.record("campaign_matter", matter_id, "create", {
            "campaign_id": plan["id"], "title": title.strip(), "sector": chosen.sector,
            "checklist_id": chosen.id, "basis": (basis or "").strip() or None,
            "ratio": ratio, "starts_on": start, "ends_on": end,
            "authority": (authority or "").strip() or plan["authority"],
            "due_days": due_days, "self_check": self_check})
    return next(m for m in matters(store, plan["id"]) if m["id"] == matter_id)


def _ratio(text: str) -> str:
    value = (text or "").strip()
    if value.endswith("%"):
        from decimal import Decimal, InvalidOperation

        try:
            value = format(Decimal(value[:-1]) / 100, "f")
        except InvalidOperation:
            value = "x"
    if not algorithm.valid_ratio(value):
        raise ValidationError(t("campaign.bad_ratio", value=text))
    return value


def campaigns(store: Store) -> list[dict]:
    return store.query(
        "SELECT c.*, (SELECT COUNT(*) FROM campaign_matters m WHERE m.campaign_id = c.id) "
        "AS matters, (SELECT COUNT(*) FROM draws d WHERE d.campaign_id = c.id) AS draws "
        "FROM campaigns c ORDER BY c.starts_on DESC, c.id DESC")


def get_campaign(store: Store, key: str) -> dict:
    """A campaign by id, a prefix of it (8+ characters) or its exact name."""
    key = (key or "").strip()
    rows = store.query("SELECT * FROM campaigns WHERE id = ? OR name = ? OR "
                       "(length(?) >= 8 AND id LIKE ? || '%')", (key, key, key, key))
    if len(rows) != 1:
        raise NotFound(t("campaign.not_found", key=key))
    import json

    return {**rows[0], "rule": json.loads(rows[0]["rule"])}


def matters(store: Store, campaign_id: str) -> list[dict]:
    return store.query("SELECT * FROM campaign_matters WHERE campaign_id = ? ORDER BY id",
                       (campaign_id,))
