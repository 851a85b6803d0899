"""Rectification items (整改项) and their append-only status history.

The current status is the last event's status; the deadline is the last event
that set one; `overdue` is derived: not closed and past the deadline.
"""

import json
from datetime import date

from .errors import NotFound
from .i18n import t
from .store import Store

STATUSES = ("open", "submitted", "closed", "reopened")

# current status and deadline per item, derived from the history in SQL so that
# filters and sorting run in the database
_CURRENT = """
WITH latest AS (
    SELECT rectification_id, status, at,
           ROW_NUMBER() OVER (PARTITION BY rectification_id ORDER BY at DESC, id DESC) AS n
    FROM rectification_events
), deadlines AS (
    SELECT rectification_id, deadline,
           ROW_NUMBER() OVER (PARTITION BY rectification_id ORDER BY at DESC, id DESC) AS n
    FROM rectification_events WHERE deadline IS NOT NULL
), reviews AS (
    SELECT rectification_id, MAX(at) AS reviewed_at FROM rectification_events
    WHERE status IN ('closed', 'reopened') GROUP BY rectification_id
)
SELECT r.*, s.name AS subject, s.uscc, i.started_at AS inspected_at, i.kind,
       i.inspectors, l.status AS status, COALESCE(d.deadline, r.deadline) AS current_deadline,
       l.at AS status_at, v.reviewed_at
FROM rectifications r
JOIN subjects s ON s.id = r.subject_id
JOIN inspections i ON i.id = r.inspection_id
JOIN latest l ON l.rectification_id = r.id AND l.n = 1
LEFT JOIN deadlines d ON d.rectification_id = r.id AND d.n = 1
LEFT JOIN reviews v ON v.rectification_id = r.id
"""


def list_items(store: Store, *, sector: str | None = None, status: str | None = None,
               subject: str | None = None, overdue: bool | None = None,
               inspection: str | None = None, id_prefix: str | None = None,
               today: str | None = None) -> list[dict]:
    """Rectification items with derived status, deadline and overdue flag."""
    today = today or date.today().isoformat()
    where, params = [], {"today": today}
    for column, value in (("r.sector", sector), ("l.status", status),
                          ("r.subject_id", subject), ("r.inspection_id", inspection)):
        if value:
            where.append(f"{column} = :{column.replace('.', '_')}")
            params[column.replace(".", "_")] = value
    if id_prefix:
        where.append("r.id LIKE :id_prefix")
        params["id_prefix"] = id_prefix + "%"
    overdue_sql = ("(l.status IN ('open', 'reopened') AND "
                   "COALESCE(d.deadline, r.deadline) < :today)")
    if overdue is True:
        where.append(overdue_sql)
    elif overdue is False:
        where.append(f"NOT {overdue_sql}")
    sql = (_CURRENT + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY r.found_on, s.name, r.item_id")
    rows = []
    for row in store.db.query(sql, params):
        row["deadline"] = row.pop("current_deadline")
        row["inspectors"] = json.loads(row["inspectors"])
        row["overdue"] = row["status"] in ("open", "reopened") and row["deadline"] < today
        rows.append(row)
    return rows


def get_item(store: Store, item_id: str) -> dict:
    """An item by id, or by a unique id prefix of at least 8 characters."""
    found = list_items(store, id_prefix=item_id) if len(item_id) >= 8 else []
    exact = [r for r in found if r["id"] == item_id]
    if exact:
        return exact[0]
    if len(found) != 1:
        raise NotFound(t("rectification.not_found", id=item_id))
    return found[0]


def history(store: Store, item_id: str) -> list[dict]:
    rows = store.db.query("SELECT * FROM rectification_events WHERE rectification_id = ? "
                          "ORDER BY at, id", [item_id])
    return [{**r, "evidence": json.loads(r["evidence"])} for r in rows]
