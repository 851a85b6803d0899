"""The credit figures of the monthly report (inspector.statistics): listings proposed,
listings decided (approved) and repairs granted within the report's period, per
sector of the subject, narrowed to its area, and to its unit by the organisation of
whoever proposed the listing."""

from ..statistics import figures as registry
from ..store import Store

# each: the rows counted (aliased x, with the proposal as p) and the time that dates them
COUNTED = {
    "listings_proposed": ("credit_proposals p", "p.proposed_at", "1"),
    "listings_decided": ("credit_listings x JOIN credit_proposals p ON p.id = x.proposal_id",
                         "x.decided_at", "1"),
    "repairs": ("credit_repairs x JOIN credit_proposals p ON p.id = x.proposal_id",
                "x.decided_at", "x.status = 'approved'"),
}


def _counter(rows: str, when: str, condition: str):
    def count(store: Store, scope) -> dict[str, float]:
        start, end = scope.period.utc_bounds()
        sql = (f"SELECT s.sector, COUNT(*) FROM {rows} JOIN subjects s ON s.id = p.subject_id "
               f"WHERE {condition} AND {when} >= ? AND {when} < ?")
        params: list = [start, end]
        if scope.area.strip():
            sql += " AND s.address LIKE ?"
            params.append(f"%{scope.area.strip()}%")
        if scope.unit.strip():
            sql += " AND p.proposed_by IN (SELECT id FROM identities WHERE org = ?)"
            params.append(scope.unit.strip())
        return dict(store.conn.execute(sql + " GROUP BY s.sector", params).fetchall())
    return count


for _name, (_rows, _when, _condition) in COUNTED.items():
    registry.register_provider(_name, _counter(_rows, _when, _condition))
