"""A large synthetic ledger written straight into the real schema (tests, benchmarks).

The services would take hours for a million items; executemany into the tables
that Store() created takes seconds. Rows look like replayed ones: status and
current_deadline set, reviewed_at on reviewed items.
"""

import random
from datetime import date, timedelta

from inspector.rectification_rules import CLOSED, OPEN, REOPENED, REVIEWED, SUBMITTED

SECTORS = ("telecom_vas", "clinic", "fireworks_retail", "ride_hailing")
SEVERITIES = ("critical", "major", "minor", "info")
INSPECTORS = ("张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆")
STAMP = "2026-01-01T00:00:00Z"
DEVICE = "bulk-device"


def fill(store, items: int, *, subjects: int = 2000, inspections: int = 4000,
         seed: int = 7, start: date = date(2026, 1, 1)) -> dict:
    """Add `items` rectification items over `subjects` subjects and `inspections`
    on-site inspections (each sector a quarter); the counts written."""
    rng = random.Random(seed)
    conn = store.conn
    with store.transaction():
        _checklists(conn)
        conn.executemany(
            "INSERT INTO subjects (id, name, uscc, sector, rev, rev_at, created_at, updated_at, "
            "device_id) VALUES (?, ?, ?, ?, 'r', ?, ?, ?, ?)",
            [(f"s{n:07d}", f"测试单位{n:05d}号", f"9133{n:014d}", SECTORS[n % 4], STAMP, STAMP,
              STAMP, DEVICE) for n in range(subjects)])
        conn.executemany(
            "INSERT INTO inspections (id, kind, subject_id, checklist_hash, checklist_id, "
            "checklist_version, sector, status, inspectors, started_at, created_at, updated_at, "
            "device_id) VALUES (?, 'inspection', ?, ?, ?, '1', ?, 'completed', ?, ?, ?, ?, ?)",
            [_inspection(n, subjects, rng, start) for n in range(inspections)])
        conn.executemany(
            "INSERT INTO rectifications (id, inspection_id, subject_id, item_id, sector, problem, "
            "basis, requirement, severity, found_on, deadline, created_at, updated_at, device_id, "
            "status, current_deadline, reviewed_at) VALUES "
            "(?, ?, ?, ?, ?, ?, '《某法》第一条', '立即整改', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_item(n, subjects, inspections, rng, start) for n in range(items)))
    return {"subjects": subjects, "inspections": inspections, "items": items}


def _checklists(conn) -> None:
    conn.executemany(
        "INSERT INTO checklist_versions (hash, checklist_id, version, sector, title, content, "
        "pinned_at) VALUES (?, ?, '1', ?, ?, '{}', ?)",
        [(f"h-{s}", s, s, s, STAMP) for s in SECTORS])


def _inspection(n: int, subjects: int, rng: random.Random, start: date) -> tuple:
    sector = SECTORS[n % 4]
    subject = n % subjects  # subject n's sector is SECTORS[n % 4]: same as the inspection
    day = start + timedelta(days=rng.randrange(300))
    people = rng.sample(INSPECTORS, 2)
    names = '["' + '", "'.join(people) + '"]'
    return (f"i{n:07d}", f"s{subject:07d}", f"h-{sector}", sector, sector, names,
            f"{day.isoformat()}T02:00:00Z", STAMP, STAMP, DEVICE)


def _item(n: int, subjects: int, inspections: int, rng: random.Random, start: date) -> tuple:
    inspection = n % inspections
    sector = SECTORS[inspection % 4]
    found = start + timedelta(days=rng.randrange(300))
    deadline = (found + timedelta(days=rng.choice((7, 15, 30, 60)))).isoformat()
    # the loop's statuses (no transfers: the data, and so the figures, stay as they were)
    status = rng.choices((OPEN, SUBMITTED, CLOSED, REOPENED), weights=(40, 20, 35, 5))[0]
    reviewed = f"{deadline}T03:00:00Z" if status in REVIEWED else None
    return (f"r{n:08d}", f"i{inspection:07d}", f"s{inspection % subjects:07d}", f"x-{n}",
            sector, f"问题{n % 997}：未按规定公示许可信息", rng.choice(SEVERITIES),
            found.isoformat(), deadline, STAMP, STAMP, DEVICE, status, deadline, reviewed)
