"""What the form runner knows about one inspection, kept in memory between saves.

The store stays the truth (every change is written at once); this cache lets a
key press update the outline and the status bar without re-reading the inspection.
What the answers mean (shown, answered, non-compliant) is evaluation's to say:
the cache is judged again after each change.
"""

from ... import evaluation, inspections
from ...checklists import Checklist
from ...evaluation import Evaluation


class FormState:
    def __init__(self, checklist: Checklist, answers: dict[str, dict],
                 photographed: set[str], started_at: str):
        self.checklist = checklist
        self.answers = answers
        self.photographed = photographed
        self.started_at = started_at
        self.evaluate()

    def evaluate(self) -> Evaluation:
        """Judge the answers as they are now (after each change)."""
        self.evaluation = evaluation.evaluate(self.checklist, inspections.values(self.answers),
                                              self.photographed, self.started_at)
        return self.evaluation

    @property
    def visible(self) -> list[dict]:
        return self.evaluation.visible

    @property
    def visible_ids(self) -> set[str]:
        return self.evaluation.visible_ids

    def value(self, item_id: str):
        """The answer as stored (what the item's widget shows)."""
        answer = self.answers.get(item_id)
        return answer["value"] if answer else None

    def note(self, item_id: str) -> str:
        answer = self.answers.get(item_id)
        return (answer or {}).get("note") or ""

    def is_answered(self, item: dict) -> bool:
        state = self.evaluation.state(item["id"])
        return bool(state and state.answered)

    def is_non_compliant(self, item: dict) -> bool:
        state = self.evaluation.state(item["id"])
        return bool(state and state.non_compliant)

    def next_unanswered(self, after: str | None) -> str | None:
        return self.evaluation.next_unanswered(after)
