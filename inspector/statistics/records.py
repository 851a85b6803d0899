"""Applying the manual figures' and typical cases' change-log entries (inspector.apply).

A figure is keyed by (period, unit, area, sector, figure): entered again, the latest
entry by (time, entry id) holds on every store, whatever order entries arrive in.
A typical case is a text entry: each is its own record.
"""

ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"

PHASES = {("manual_figure", "create"): 2, ("typical_case", "create"): 2}
KEY = ("period", "unit", "area", "sector", "figure")


def _figure(conn, entry, data):
    key = {k: data.get(k) or "" for k in KEY}
    rev = f"{entry['at']} {entry['id']}"
    held = conn.execute("SELECT 1 FROM manual_figures WHERE period = ? AND unit = ? AND "
                        "area = ? AND sector = ? AND figure = ?", tuple(key.values())).fetchone()
    cursor = conn.execute(
        "INSERT INTO manual_figures (id, period, unit, area, sector, figure, value, rev, "
        "created_at, created_by, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (period, unit, area, sector, figure) DO UPDATE SET id = excluded.id, "
        "value = excluded.value, rev = excluded.rev, created_at = excluded.created_at, "
        "created_by = excluded.created_by, device_id = excluded.device_id "
        "WHERE excluded.rev > manual_figures.rev",
        (entry["record_id"], *key.values(), float(data["value"]), rev, entry["at"],
         entry["actor"], entry["device_id"]))
    if not cursor.rowcount:
        return UNCHANGED
    return UPDATED if held else ADDED


def _case(conn, entry, data):
    cursor = conn.execute(
        "INSERT OR IGNORE INTO typical_cases (id, period, unit, area, sector, title, text, "
        "created_at, created_by, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (entry["record_id"], data["period"], data["unit"], data.get("area") or "",
         data.get("sector") or "", data["title"], data["text"], entry["at"], entry["actor"],
         entry["device_id"]))
    return ADDED if cursor.rowcount else UNCHANGED


HANDLERS = {"manual_figure": _figure, "typical_case": _case}
