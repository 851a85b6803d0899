"""Which history entries a recipient may see in full.

A company gets the records about itself: its subject, the inspections of it
with their answers, evidence, signatures and proofs of service, its rectification
items and their history, the checklists those inspections pinned, and the identities that wrote
them; and the bureaus' certifications of inspectors (public statements, which let
it accept an inspector it never trusted directly). Every other entry of a device
that wrote any of these still travels, so its hash chain stays whole, but withheld:
without its data, only the digest the chain covers. A device that wrote none of them
(another company's, relayed by the inspector) is left out: its history is nothing to
this company, and its author may be a stranger to it (a company trusts the bureau,
not the other companies).
"""

from ..campaign import records as campaign_records
from ..credit import records as credit_records


def for_subject(entries: list[dict], subject_id: str, own_device: str) -> list[dict]:
    """What a bundle for `subject_id`'s company carries, from the sender's log."""
    shared = about_subject(entries, subject_id)
    devices = {e["device_id"] for e in entries if e["id"] in shared} | {own_device}
    return [e if e["id"] in shared else {**e, "data": None} for e in entries
            if e["device_id"] in devices]


def about_subject(entries: list[dict], subject_id: str) -> set[str]:
    """Ids of the entries that concern `subject_id` (entries in any order)."""
    creates = [e for e in entries if e["op"] == "create" and e["data"] is not None]
    inspections = {e["record_id"] for e in creates if e["entity"] == "inspection"
                   and e["data"].get("subject_id") == subject_id}
    pins = {e["data"].get("checklist_hash") for e in creates if e["record_id"] in inspections}
    items = {e["record_id"] for e in creates if e["entity"] == "rectification"
             and e["data"].get("inspection_id") in inspections}
    shared = {e["id"] for e in entries if e["data"] is not None
              and _concerns(e, subject_id, inspections, pins, items)}
    shared |= campaign_records.shared_with_company(entries, subject_id)
    shared |= credit_records.shared_with_company(entries, subject_id)
    authors = {e["actor"] for e in entries if e["id"] in shared}
    shared |= {e["id"] for e in entries if e["entity"] == "identity"
               and e["record_id"] in authors and e["data"] is not None}
    return shared


def _concerns(entry: dict, subject_id: str, inspections: set, pins: set, items: set) -> bool:
    entity, record, data = entry["entity"], entry["record_id"], entry["data"]
    if entity == "subject":
        return record == subject_id
    if entity == "inspection":
        return record in inspections
    if entity == "checklist":
        return record in pins
    if entity == "answer":
        return record.split("/", 1)[0] in inspections
    if entity in ("evidence", "signature", "service"):
        return data.get("inspection_id") in inspections
    if entity == "rectification":
        return record in items
    if entity == "rectification_event":
        return data.get("rectification_id") in items
    if entity == "certification":
        return (data.get("statement") or {}).get("role") == "inspector"
    return False
