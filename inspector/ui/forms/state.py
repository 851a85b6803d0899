"""What the form runner knows about one inspection, kept in memory between saves.

The store stays the truth (every change is written at once); this cache lets a
key press update the outline and the status bar without re-reading the inspection.
"""

from dataclasses import dataclass, field

from ... import inspections
from ...checklists import Checklist


@dataclass
class Counts:
    shown: int = 0
    answered: int = 0
    non_compliant: int = 0
    missing_required: int = 0
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)  # id -> (done, shown)


class FormState:
    def __init__(self, checklist: Checklist, answers: dict[str, dict],
                 photographed: set[str], started_at: str):
        self.checklist = checklist
        self.answers = answers
        self.photographed = photographed
        self.started_at = started_at
        self.visible: list[dict] = []
        self.update_visible()

    def update_visible(self) -> None:
        self.visible = inspections.visible_items(self.checklist, self.answers)
        self.visible_ids = {item["id"] for item in self.visible}

    def value(self, item_id: str):
        answer = self.answers.get(item_id)
        return answer["value"] if answer else None

    def note(self, item_id: str) -> str:
        answer = self.answers.get(item_id)
        return (answer or {}).get("note") or ""

    def is_answered(self, item: dict) -> bool:
        if item["type"] == "photo":
            return item["id"] in self.photographed
        return self.value(item["id"]) not in (None, "", [])

    def is_non_compliant(self, item: dict) -> bool:
        value = self.value(item["id"])
        return value is not None and inspections.is_non_compliant(item, value, self.started_at)

    def counts(self) -> Counts:
        counts = Counts()
        sections = {s["id"]: [0, 0] for s in self.checklist.sections}
        for item in self.visible:
            done = self.is_answered(item)
            section = sections[self.checklist.section_of[item["id"]]["id"]]
            section[0] += done
            section[1] += 1
            counts.shown += 1
            counts.answered += done
            counts.non_compliant += done and self.is_non_compliant(item)
            counts.missing_required += item.get("required", True) and not done
        counts.sections = {k: tuple(v) for k, v in sections.items()}
        return counts

    def next_unanswered(self, after: str | None) -> str | None:
        """The first unanswered visible item after `after`, wrapping round."""
        order = [item["id"] for item in self.visible]
        start = order.index(after) + 1 if after in order else 0
        for item_id in order[start:] + order[:start]:
            if not self.is_answered(self.checklist.item(item_id)):
                return item_id
        return None
