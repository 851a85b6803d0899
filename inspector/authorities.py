"""Competent authorities (主管部门): in whose name an inspection's notices go out.

A checklist names the kind of authority competent for its items (卫生健康行政部门),
and an item another kind where the law it cites gives that one the power (a clinic's
medical ads: 广告法 → 市场监督管理部门). An inspection names the actual bureaus that
issue its documents, one per kind (杭州市西湖区市场监督管理局): chosen when it starts,
by default the inspector's own organisation; a joint inspection (联合检查) names
several. The first named is the lead: the inspection's authority of record. An item
whose kind no bureau on the inspection is of is not the lead's to order: it is
transferred (移送) to an authority of that kind (a 移送函 in the lead's name). Only a
lead of no known kind (recorded before kinds were, or a bureau of none of the
checklist's) still issues such items itself, as every notice did before.
"""

import json

from .checklists import Checklist
from .errors import ValidationError
from .i18n import t

# how a kind's name ends, not how a bureau's does: 交通运输主管部门 -> 交通运输 (局)
KIND_ENDINGS = ("行政部门", "主管部门", "部门", "局")
MAX_NAME = 80
EXPLICIT = "="  # 卫生健康行政部门=杭州市西湖区卫生健康局


def stem(kind: str) -> str:
    """What a bureau of this kind has in its name: 市场监督管理部门 -> 市场监督管理."""
    for ending in KIND_ENDINGS:
        if kind.endswith(ending) and len(kind) > len(ending):
            return kind[:-len(ending)]
    return kind


def kind_of(name: str, kinds: list[str]) -> str | None:
    """The kind among `kinds` a bureau's name says it is (the longest match), if any."""
    matches = [kind for kind in kinds if stem(kind) in name]
    return max(matches, key=lambda kind: len(stem(kind))) if matches else None


def parse(text: str) -> tuple[str | None, str]:
    """`卫生健康行政部门=某区卫生健康局` -> (kind, name); a bare name has no kind given."""
    if EXPLICIT in text:
        kind, name = text.split(EXPLICIT, 1)
        return kind.strip() or None, name.strip()
    return None, text.strip()


def choose(checklist: Checklist, given: list[str], org: str | None) -> list[dict]:
    """The authorities of a new inspection: those `given` (a name, or KIND=NAME), the
    lead first; none given: the inspector's organisation, if it has one. Each is
    {"kind", "name"}; a kind is one the checklist names, told by the name when not
    given (the lead's may be none of them: it then issues what nobody else does)."""
    texts = [text for text in given if text and text.strip()] or ([org] if org else [])
    kinds = checklist.authority_kinds
    chosen: list[dict] = []
    for n, text in enumerate(texts):
        kind, name = parse(text)
        if not name or len(name) > MAX_NAME:
            raise ValidationError(t("authority.bad_name", text=text, n=MAX_NAME))
        if kind is None:
            kind = kind_of(name, kinds)
            if kind is None and n > 0:  # a joint authority issues only what it is competent for
                raise ValidationError(t("authority.unknown_kind", name=name,
                                        kinds="、".join(kinds)))
        elif n > 0 and kind not in kinds:
            raise ValidationError(t("authority.kind_not_in_checklist", kind=kind,
                                    checklist=checklist.id, kinds="、".join(kinds)))
        taken = [a for a in chosen if a["name"] == name or (kind and a["kind"] == kind)]
        if taken:
            raise ValidationError(t("authority.twice", name=name, kind=kind or "-",
                                    other=taken[0]["name"]))
        chosen.append({"kind": kind, "name": name})
    return chosen


def of_inspection(inspection: dict) -> list[dict]:
    """An inspection's authorities, lead first (an inspection row from
    inspections.get). One recorded before they were chosen has its authority of
    record alone, of no particular kind; one without any has none."""
    stored = inspection.get("authorities")
    if stored:
        return json.loads(stored) if isinstance(stored, str) else stored
    name = inspection.get("authority")
    return [{"kind": None, "name": name}] if name else []


def valid(authorities) -> bool:
    """Whether stored or imported authorities have the shape choose() gives."""
    if not isinstance(authorities, list) or not authorities:
        return False
    names, kinds = set(), set()
    for entry in authorities:
        if not isinstance(entry, dict) or set(entry) != {"kind", "name"}:
            return False
        name, kind = entry["name"], entry["kind"]
        if not isinstance(name, str) or not name or len(name) > MAX_NAME or name in names:
            return False
        if kind is not None and (not isinstance(kind, str) or kind in kinds):
            return False
        names.add(name)
        kinds.add(kind)
    return True


def issuers(authorities: list[dict], checklist: Checklist,
            item_ids: list[str]) -> list[tuple[dict, list[str]]]:
    """Who orders which items: [(authority, item ids)] for the authorities with any,
    lead first. An item goes to the authority of its competent kind; an item of a kind
    nobody on the inspection is of, to the lead (pass only the items not transferred:
    before transfers were recorded, the lead ordered them). Without authorities: one
    unnamed."""
    lead = authorities[0] if authorities else {"kind": None, "name": None}
    by_kind = {a["kind"]: a for a in authorities if a["kind"]}
    ordered: dict[str | None, list[str]] = {}
    for item_id in item_ids:
        kind = checklist.competent_kind(checklist.item(item_id))
        ordered.setdefault(by_kind.get(kind, lead)["name"], []).append(item_id)
    return [(a, ordered[a["name"]]) for a in authorities or [lead] if a["name"] in ordered]


def transfers(authorities: list[dict], checklist: Checklist,
              item_ids: list[str]) -> list[tuple[str, list[str]]]:
    """The items to transfer (移送), by the kind of authority competent for them:
    [(kind, item ids)] for the kinds no bureau on the inspection is of, in the items'
    order; none when the lead is of no known kind (it issues those items itself)."""
    if not authorities or not authorities[0]["kind"]:
        return []
    present = {a["kind"] for a in authorities}
    sent: dict[str, list[str]] = {}
    for item_id in item_ids:
        kind = checklist.competent_kind(checklist.item(item_id))
        if kind and kind not in present:
            sent.setdefault(kind, []).append(item_id)
    return list(sent.items())


def uncovered(authorities: list[dict], checklist: Checklist, item_ids: list[str]) -> list[str]:
    """The kinds competent for some of the items with no bureau of theirs on the
    inspection (transferred, or issued by a lead of no known kind): what to tell the
    inspector."""
    present = {a["kind"] for a in authorities}
    kinds = [checklist.competent_kind(checklist.item(item_id)) for item_id in item_ids]
    return list(dict.fromkeys(k for k in kinds if k and k not in present))
