"""One evaluation of an inspection: which items are shown, answered, non-compliant.

Every view of an inspection asks this module (the CLI's list and show, the app's
table, the form runner, the completion check, the report), so they agree. It
is pure: answers and evidence come in as plain data, nothing is read or kept.
The form runner calls it on every key press, so it makes one pass over the items.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from . import ids
from .checklists import SEVERITIES, Checklist, can_fail, is_observation

# A multi-choice option with this value says "none of the others" (未发现问题):
# it is chosen alone (check_value refuses it with another option)
NONE_OPTION = "none"
SEVERITY_ORDER = tuple(reversed(SEVERITIES))  # critical first
# what a failing answer to an observation item is: noted, not non-compliant
OBSERVED = "observed"


class ItemState(NamedTuple):
    """One shown item as judged: `value` is the answer that counts (None when unanswered).

    Immutable like the dataclasses below, but made in half the time: the runner
    evaluates every item on each key press."""

    item: dict
    value: Any
    answered: bool
    # pass | fail | na | observed (an observation's failing answer: noted, nothing ordered);
    # None when not judged (text, photo, unanswered)
    compliance: str | None

    @property
    def id(self) -> str:
        return self.item["id"]

    @property
    def required(self) -> bool:
        return is_required(self.item)

    @property
    def non_compliant(self) -> bool:
        return self.compliance == "fail"

    @property
    def missing(self) -> bool:
        return self.required and not self.answered


@dataclass(frozen=True)
class SectionCounts:
    id: str
    title: dict  # both languages, as in the checklist
    shown: int
    answered: int
    non_compliant: int


@dataclass(frozen=True)
class Evaluation:
    checklist: Checklist = field(repr=False, compare=False)
    items: tuple[ItemState, ...]  # the shown items, in checklist order
    _by_id: dict[str, ItemState] = field(repr=False, compare=False)

    def state(self, item_id: str) -> ItemState | None:
        """The item's state, or None when skip logic hides it."""
        return self._by_id.get(item_id)

    @property
    def visible(self) -> list[dict]:
        return [s.item for s in self.items]

    @property
    def visible_ids(self) -> set[str]:
        return set(self._by_id)

    @property
    def shown(self) -> int:
        return len(self.items)

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.items)

    @property
    def required(self) -> int:
        return sum(s.required for s in self.items)

    @property
    def required_answered(self) -> int:
        return sum(s.required and s.answered for s in self.items)

    @property
    def passed(self) -> int:
        return sum(s.compliance == "pass" for s in self.items)

    @property
    def not_applicable(self) -> int:
        return sum(s.compliance == "na" for s in self.items)

    @property
    def non_compliant(self) -> list[dict]:
        return [s.item for s in self.items if s.non_compliant]

    @property
    def observations(self) -> list[dict]:
        """Items whose answer is noted as an observation: shown, but no rectification."""
        return [s.item for s in self.items if s.compliance == OBSERVED]

    @property
    def missing_required(self) -> list[dict]:
        return [s.item for s in self.items if s.missing]

    @property
    def sections(self) -> list[SectionCounts]:
        """Every section of the checklist, in order, with its counts."""
        counts = {s["id"]: [0, 0, 0] for s in self.checklist.sections}
        for state in self.items:
            section = counts[self.checklist.section_of[state.id]["id"]]
            section[0] += 1
            section[1] += state.answered
            section[2] += state.non_compliant
        return [SectionCounts(s["id"], s["title"], *counts[s["id"]])
                for s in self.checklist.sections]

    @property
    def by_severity(self) -> dict[str, int]:
        """Non-compliant items per severity, critical first; only those found."""
        found = [item.get("severity", "minor") for item in self.non_compliant]
        return {s: found.count(s) for s in SEVERITY_ORDER if s in found}

    @property
    def complete(self) -> bool:
        """Every shown required item is answered: the inspection may be completed."""
        return not any(s.missing for s in self.items)

    def next_unanswered(self, after: str | None) -> str | None:
        """The first unanswered shown item after `after`, wrapping round."""
        order = [s.id for s in self.items]
        start = order.index(after) + 1 if after in order else 0
        for state in self.items[start:] + self.items[:start]:
            if not state.answered:
                return state.id
        return None


def evaluate(checklist: Checklist, values: Mapping[str, Any], evidence: Collection[str],
             on_day: str) -> Evaluation:
    """Judge an inspection: `values` maps item ids to stored answers, `evidence` holds
    the ids of the items with photos, `on_day` is the inspection's start (a stored
    time or a date): date rules such as "not past" are judged on its Beijing day."""
    day = _day(on_day)
    states: dict[str, ItemState] = {}
    for item in visible_items(checklist, values):
        item_id = item["id"]
        value = answer_value(item, values.get(item_id))
        answered = item_id in evidence if item["type"] == "photo" else value is not None
        judged = None if value is None else _compliance(item, value, day)
        states[item_id] = ItemState(item, value, answered, judged)
    return Evaluation(checklist, tuple(states.values()), states)


@lru_cache(maxsize=4096)
def _day(on_day: str) -> str:
    """The Beijing day of a stored time (a list evaluates thousands: parse each once)."""
    return ids.local_date(on_day).isoformat()


def visible_items(checklist: Checklist, values: Mapping[str, Any]) -> list[dict]:
    """Items whose condition holds; an item hidden by skip logic hides its dependants."""
    shown: dict[str, dict] = {}
    for item in checklist.items:
        condition = item.get("condition")
        if not condition:
            shown[item["id"]] = item
        elif condition["item"] in shown:
            target = shown[condition["item"]]
            if condition_holds(condition, answer_value(target, values.get(target["id"]))):
                shown[item["id"]] = item
    return list(shown.values())


def condition_holds(condition: dict, value) -> bool:
    """Whether the answer `value` of the item a condition names satisfies it."""
    values = value if isinstance(value, list) else [value]
    if "equals" in condition:
        return condition["equals"] in values
    if "not_equals" in condition:
        return value is not None and condition["not_equals"] not in values
    return any(v in condition["in"] for v in values)


def answer_value(item: dict, stored):
    """The answer that counts: None for no answer, an empty one, or a photo item's
    (its photos are its answer); a multi-choice's "none" gives way to the problems
    chosen with it (stored before check_value refused such a mix)."""
    if stored is None or stored == "" or stored == [] or item["type"] == "photo":
        return None
    if isinstance(stored, list) and mixes_none(item, stored):
        return [v for v in stored if v != NONE_OPTION]
    return stored


def compliance(item: dict, stored, on_day: str) -> str | None:
    """pass | fail | na | observed for one answer on the inspection's day; None when not judged."""
    return _compliance(item, answer_value(item, stored), _day(on_day))


def _compliance(item: dict, value, day: str) -> str | None:
    if value is None or not can_fail(item):
        return None
    if value == "na":
        return "na"
    if not _fails(item, value, day):
        return "pass"
    return OBSERVED if is_observation(item) else "fail"


def _fails(item: dict, value, day: str) -> bool:
    kind = item["type"]
    if kind == "yes_no":
        return value == "no"
    if kind in ("single_choice", "multi_choice"):
        chosen = value if isinstance(value, list) else [value]
        return any(o.get("compliant") is False and o["value"] in chosen for o in item["options"])
    expect = item["expect"]
    if kind == "number":
        return ("min" in expect and value < expect["min"]) or (
            "max" in expect and value > expect["max"])
    if kind == "date":
        return bool(expect.get("not_past")) and value < day
    return False  # pragma: no cover - can_fail() admits no other type


def is_required(item: dict) -> bool:
    return item.get("required", True)


def toggled(item: dict, chosen: Collection[str], value: str) -> list[str]:
    """A multi-choice answer with option `value` ticked or unticked: ticking "none"
    unticks the others, ticking another unticks "none"."""
    if value in chosen:
        kept = set(chosen) - {value}
    elif value == NONE_OPTION:
        kept = {value}
    else:
        kept = set(chosen) - {NONE_OPTION} | {value}
    return [o["value"] for o in item["options"] if o["value"] in kept]


def mixes_none(item: dict, values: list) -> bool:
    """A multi-choice answer that says both "none" and something else."""
    return item["type"] == "multi_choice" and NONE_OPTION in values and len(values) > 1
