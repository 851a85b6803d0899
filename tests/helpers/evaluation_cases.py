"""The cases where the views of an inspection used to disagree (issue #11), as data:
what is stored, and what every view must then show. Checklist: tests/data/tricky.yaml;
t-07 (remarks) is the one optional item."""

from dataclasses import dataclass

from inspector import checklists, inspections
from inspector.evidence import add_evidence

from ..conftest import DATA

STARTED = "2026-11-19T17:00:00.000Z"  # 2026-11-20 01:00 in Beijing: the day rules use
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
OPTIONAL = {"t-07"}


@dataclass(frozen=True)
class Case:
    name: str
    visible: tuple[str, ...]
    answered: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    answers: tuple = ()  # (item, value), through record_answer, in this order
    stored: tuple = ()  # (item, value) as an older version stored them: check_value refuses
    photos: tuple[str, ...] = ()  # items with a photo

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(i for i in self.visible if i not in self.answered and i not in OPTIONAL)

    def expected(self) -> dict:
        """What the views show, by name; each view shows some of these."""
        return {"visible": self.visible, "answered_ids": self.answered,
                "failed_ids": self.failed, "shown": len(self.visible),
                "answered": len(self.answered), "failed": len(self.failed),
                "missing": len(self.missing)}


BASE = ("t-01", "t-03", "t-05", "t-06", "t-07")  # shown with no answer
WITH_DATE = ("t-01", "t-02", "t-03", "t-05", "t-06", "t-07")

CASES = [
    Case("photo on an unanswered yes/no item", BASE, photos=("t-01",)),
    Case("photo item answered by its photo; licence expired the day before (Beijing)",
         WITH_DATE, ("t-01", "t-02", "t-03", "t-05", "t-06"), ("t-02",),
         answers=(("t-01", "yes"), ("t-02", "2026-11-19"), ("t-03", "shop"),
                  ("t-05", ["none"])), photos=("t-06",)),
    Case("licence expiring on the inspection day is not past", WITH_DATE,
         ("t-01", "t-02"), answers=(("t-01", "yes"), ("t-02", "2026-11-20"))),
    Case("empty text, empty choice and a photo item typed as text", BASE, ("t-01",),
         ("t-01",), answers=(("t-01", "no"),),
         stored=(("t-07", ""), ("t-05", []), ("t-06", "/no/such/photo.jpg"))),
    Case("skip logic clears an answer; an answer stored for a hidden item", BASE,
         ("t-03",), answers=(("t-03", "counter"), ("t-04", "no"), ("t-03", "shop")),
         stored=(("t-02", "2020-01-01"),)),
    Case('"none" stored with a problem', BASE, ("t-05",), ("t-05",),
         stored=(("t-05", ["none", "no_price"]),)),
    Case("every required item answered, the optional one not", BASE,
         ("t-01", "t-03", "t-05", "t-06"), ("t-01", "t-05"),
         answers=(("t-01", "no"), ("t-03", "shop"), ("t-05", ["no_price", "hidden_terms"])),
         photos=("t-06",)),
]


def tricky() -> checklists.Checklist:
    return checklists.load_file(DATA / "tricky.yaml")


def make(store, subject: dict, case: Case) -> str:
    """An inspection holding the case's answers and photos; its id."""
    inspection = inspections.start(store, subject=subject["id"], checklist=tricky(),
                                   inspectors=["张伟", "李娜"], started_at=STARTED)
    for item_id, value in case.answers:
        inspections.record_answer(store, inspection, item_id, value)
    for item_id, value in case.stored:
        with store.transaction():
            store.record("answer", f"{inspection}/{item_id}", "set",
                         {"value": value, "note": None, "base": None})
    for item_id in case.photos:
        add_evidence(store, inspection, item_id, PNG, mime="image/png", file_name="a.png")
    return inspection
