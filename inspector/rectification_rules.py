"""The words and rules of the rectification loop, which every other module asks.

The statuses; which of them are outstanding (the company owes an answer) and so can
become overdue (outstanding and past the current deadline in Beijing's today,
ids.today()); the default deadlines by severity; which step follows which (who may
take it is inspector.authorization's table). The current status is the last event's
status and the deadline the last event that set one (kept in columns by apply). A
leaf: it knows no store.
"""

from datetime import date, timedelta

from . import ids

OPEN, SUBMITTED, CLOSED, REOPENED = "open", "submitted", "closed", "reopened"
# a finding of an authority not on the inspection, transferred to it (移送): not the
# inspecting bureau's to order or review, so no step follows it
TRANSFERRED = "transferred"
STATUSES = (OPEN, SUBMITTED, CLOSED, REOPENED, TRANSFERRED)
# how an item's history starts: ordered to rectify, or transferred
FIRST = (OPEN, TRANSFERRED)
# waiting for the company's answer: these count as open and can become overdue
OUTSTANDING = (OPEN, REOPENED)
# the re-inspection's verdicts (复查结论)
REVIEWED = (CLOSED, REOPENED)


def sql_in(values: tuple[str, ...]) -> str:
    """A tuple of this module's words as an SQL list: "('open', 'reopened')"."""
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


# the same rules in SQL, over `rectifications r` (parameter :today, a Beijing day)
OUTSTANDING_SQL = f"r.status IN {sql_in(OUTSTANDING)}"
OVERDUE_SQL = f"({OUTSTANDING_SQL} AND r.current_deadline < :today)"

# days to rectify by severity, unless the checklist or its item says otherwise
DEFAULT_DEADLINE_DAYS = {"info": 60, "minor": 30, "major": 15, "critical": 7}


def can_follow(current: str, step: str) -> bool:
    """Whether an item in status `current` can move to `step`: the company answers an
    outstanding item; a re-inspection decides any item not yet closed."""
    if step == SUBMITTED:
        return current in OUTSTANDING
    if step in REVIEWED:
        return current not in (CLOSED, TRANSFERRED)
    return False


def settle(events, first_deadline: str) -> dict:
    """An item's state from all its events in (at, id) order, the same on every store.

    A step counts only if it can follow the state the steps before it left; only the
    first event opens (or transfers) the item. A step that does not follow — a company's answer that
    crossed the inspector's closing, or one forged to undo it — stays in the history
    and changes nothing. Events: dicts with id, at, status, deadline.
    """
    state = {"status": OPEN, "status_at": "", "status_event": "",
             "current_deadline": first_deadline, "deadline_at": "", "deadline_event": "",
             "reviewed_at": None}
    for event in events:
        step = event["status"]
        if not (can_follow(state["status"], step) if step not in FIRST
                else state["status_event"] == ""):
            continue
        state.update(status=step, status_at=event["at"], status_event=event["id"])
        if event["deadline"]:
            state.update(current_deadline=event["deadline"], deadline_at=event["at"],
                         deadline_event=event["id"])
        if step in REVIEWED:
            state["reviewed_at"] = event["at"]
    return state


def reopened_deadline(item: dict) -> str:
    """The default new deadline of a reopened item: its original period, from today."""
    period = date.fromisoformat(item["first_deadline"]) - date.fromisoformat(item["found_on"])
    today = date.fromisoformat(ids.today())
    return (today + timedelta(days=max(period.days, 1))).isoformat()
