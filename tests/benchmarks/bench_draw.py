"""The campaign draw (双随机) over 100,000 subjects and 500 officers with 回避 rules.

A store is built with SUBJECTS subjects over the four bundled sectors (rows written
with executemany, as the ledger benchmark does; 5% 经营异常, 3% with complaints),
OFFICERS officers (two sectors each, three related subjects each) and, for 回避 by
"last time", an earlier campaign's tasks naming two officers for 4,000 subjects.
A campaign has one matter per sector at 5%. Then, timed:

- the draw as `inspector plan draw` makes it: registers read and pinned, the
  algorithm run, the statement signed and recorded (draws.draw); goal < 2 s;
- the algorithm alone on the same registers (algorithm.run);
- the baseline: bare HMAC-SHA256 over one message per subject (the draw's least work);
- `plan verify` (draws.verify): signature, seed, pins, the draw run again from the
  pinned snapshots, and the registers here compared; it must give the identical result.

    python tests/benchmarks/bench_draw.py [SUBJECTS] [OFFICERS]
"""

import hashlib
import hmac
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

SECTORS = ("clinic", "fireworks_retail", "ride_hailing", "telecom_vas")
STAMP, DEVICE = "2026-01-01T00:00:00.000Z", "bench-device"


def build(store, subjects: int, officers: int) -> None:
    from inspector.campaign import plans, registers
    from inspector.subjects import subject_id
    from inspector.uscc import complete

    rng = random.Random(16)
    codes = [complete(f"91330100{n:09d}") for n in range(subjects)]
    ids_ = [subject_id(c) for c in codes]
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO subjects (id, name, uscc, sector, rev, rev_at, created_at, updated_at, "
            "created_by, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
            [(ids_[n], f"主体{n}", codes[n], SECTORS[n % 4], "r", STAMP, STAMP, STAMP, DEVICE)
             for n in range(subjects)])
        conn.executemany(
            "INSERT INTO subject_flags (id, subject_id, flag, active, at, device_id) "
            "VALUES (?, ?, ?, 1, ?, ?)",
            [(f"f{n}", ids_[n], "abnormal" if n % 100 < 5 else "complaint", STAMP, DEVICE)
             for n in range(subjects) if n % 100 < 8])
    with store.transaction():
        for n in range(officers):
            registers._write(store, {
                "name": f"执法{n}", "badge": f"B{n:05d}", "department": f"{n % 10}队",
                "sectors": sorted({SECTORS[n % 4], SECTORS[(n + 1) % 4]}),
                "conflicts": sorted(rng.sample(ids_, 3)), "active": True})
    earlier = plans.new_campaign(store, name="上一轮", authority="某局", starts_on="2025-01-01",
                                 ends_on="2025-12-31")
    matter = plans.add_matter(store, earlier["id"], title="上一轮", checklist="clinic",
                              ratio="0.1")
    officer_ids = [r[0] for r in store.conn.execute("SELECT id FROM officers")]
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO tasks (id, campaign_id, matter_id, draw_id, subject_id, kind, officers, "
            "due_on, created_at, device_id) VALUES (?, ?, ?, 'earlier', ?, 'inspection', ?, "
            "'2025-06-01', ?, ?)",
            [(f"t{n}", earlier["id"], matter["id"], ids_[n * 4],
              f'[{{"id":"{rng.choice(officer_ids)}"}},{{"id":"{rng.choice(officer_ids)}"}}]',
              STAMP, DEVICE) for n in range(min(4000, subjects // 4))])


def plan(store) -> str:
    from inspector.campaign import draws, plans

    made = plans.new_campaign(store, name="本轮双随机", authority="某县市场监督管理局",
                              starts_on="2026-11-01", ends_on="2026-12-31")
    for sector in SECTORS:
        plans.add_matter(store, made["id"], title=f"{sector}抽查", checklist=sector,
                         ratio="5%")
    draws.commit(store, made["id"], "5a" * 32)
    return made["id"]


def timed(function):
    """(wall seconds, value); the CPU seconds of the last call in CPU[0] (on a shared,
    loaded machine the wall time includes waiting for a core)."""
    started, cpu = time.perf_counter(), time.process_time()
    value = function()
    CPU[0] = time.process_time() - cpu
    return time.perf_counter() - started, value


CPU = [0.0]


def main(subjects: int, officers: int) -> None:
    os.environ.setdefault("INSPECTOR_LANG", "en")
    from inspector import identity
    from inspector.campaign import algorithm, draws, registers
    from inspector.store import Store

    folder = Path(tempfile.mkdtemp(prefix="bench-draw-"))
    secret = "bench passphrase, long enough"
    with Store(folder / "bureau.db") as store:
        identity.init_identity(store, name="某县局", role="supervisor", org="某县局",
                               secret=secret, kdf={"n": 2**10, "r": 8, "p": 1})
        seconds, _ = timed(lambda: build(store, subjects, officers))
        print(f"built {subjects:,} subjects, {officers} officers in {seconds:.1f} s")
        campaign = plan(store)
        identity.signing_key(store, secret)  # the key's derivation is not the draw's
        draw_s, statement = timed(lambda: draws.draw(store, campaign, secret=secret))
        draw_cpu = CPU[0]
        drawn = sum(len(m["subjects"]) for m in statement["result"])
        short = sum(len(s["officers"]) < 2 for m in statement["result"] for s in m["subjects"])
        subjects_reg = registers.subject_register(store)
        officers_reg = registers.officer_register(store)
        run_s, again = timed(lambda: draws.run_statement(
            statement["seed"], statement["matters"], subjects_reg, officers_reg,
            statement["rule"]))
        run_cpu = CPU[0]
        key = bytes.fromhex(statement["seed"])
        bare_s, _ = timed(lambda: [hmac.digest(key, f"subject\x1fm\x1f{s[0]}\x1f0".encode(),
                                               hashlib.sha256) for s in subjects_reg])
        verify_s, found = timed(lambda: draws.verify(store, campaign))
        verify_cpu = CPU[0]
    avoided = sum(1 for o in officers_reg for _ in o.conflicts) + \
        sum(len(v) for o in officers_reg for v in (o.last or {}).values())
    print(f"drawn {drawn:,} subjects in {len(statement['result'])} matters; "
          f"{avoided:,} 回避 pairs in the register; {short} subjects short of two officers")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"draw (plan draw: read, pin, run, sign, record): {draw_s:.3f} s wall, "
          f"{draw_cpu:.3f} s CPU  (goal < 2 s)")
    print(f"  algorithm alone:                             {run_s:.3f} s wall, "
          f"{run_cpu:.3f} s CPU")
    print(f"  baseline, one bare HMAC per subject:         {bare_s:.3f} s  "
          f"(algorithm = {run_s / bare_s:.1f}x baseline)")
    print(f"verify (plan verify: signature, seed, pins, run again): {verify_s:.3f} s wall, "
          f"{verify_cpu:.3f} s CPU")
    print(f"  identical result: {again == statement['result'] and found.ok}  "
          f"checks: {', '.join(f'{c.key}={c.ok}' for c in found.checks)}")
    assert again == statement["result"] and found.ok, "the draw did not reproduce"
    assert statement["algorithm"] == algorithm.ALGORITHM


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
         int(sys.argv[2]) if len(sys.argv) > 2 else 500)
