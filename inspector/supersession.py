"""Which record supersedes which (更正, inspector.corrections), as SQL the lists and
counts share: no imports beyond the store, so the lists read at start stay light."""

from .store import Store

# (old, new): `new` supersedes `old` — a completed correction the record it corrects,
# and the later of two completed corrections of one record the earlier
SUPERSEDES = """
    SELECT c.corrects AS old, c.id AS new, c.created_at AS new_at FROM inspections c
    WHERE c.corrects IS NOT NULL AND c.status != 'draft'
    UNION ALL
    SELECT a.id, b.id, b.created_at FROM inspections a JOIN inspections b
    ON b.corrects = a.corrects AND b.id != a.id AND b.status != 'draft'
    AND (b.created_at, b.id) > (a.created_at, a.id) WHERE a.corrects IS NOT NULL"""
# the items that no longer count (see the module's notes): the few pairs first (made
# once), then their items, looked up by record (a join may drive from the items)
_GIVEN_WAY = f"""WITH s AS MATERIALIZED ({SUPERSEDES}) SELECT x.rowid
    FROM rectifications x WHERE x.inspection_id IN (SELECT old FROM s)
    AND (x.status = 'open' OR EXISTS (SELECT 1 FROM s t JOIN rectifications y
         ON y.inspection_id = t.new AND y.item_id = x.item_id
         WHERE t.old = x.inspection_id))"""
# over `rectifications r`: the item counts (it was not replaced or withdrawn)
# (a store where nothing gave way, most of them, asks the list once, then per item only
# whether it was empty)
CURRENT_SQL = f"(NOT EXISTS ({_GIVEN_WAY}) OR r.rowid NOT IN ({_GIVEN_WAY}))"
# over `inspections i`: the record is not superseded
LATEST_SQL = f"i.id NOT IN (SELECT old FROM ({SUPERSEDES}))"


def superseded_ids(store: Store) -> set[str]:
    """Every superseded record's id (a list marks them)."""
    return {r[0] for r in store.conn.execute(f"SELECT old FROM ({SUPERSEDES})")}
