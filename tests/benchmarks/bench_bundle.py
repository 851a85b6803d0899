"""Importing 1,000 bundles holding 100,000 answers, against inserting the same
answer rows with one raw executemany in one transaction, in the same run; and
exporting them again. Prints throughput, ratios and the import's peak memory.
The import checks everything, the authorization table included (every entry
against who may write it). Goal: import >= 0.3x the raw insert throughput. Each
import and the raw insert run three times, interleaved, and the medians are
compared (a single raw run moves by a third between runs on a shared machine).

    python tests/benchmarks/bench_bundle.py [BUNDLES] [ANSWERS_PER_BUNDLE]
"""

import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from inspector import checklists, i18n, identity, inspections, sync
from inspector.store import Store
from inspector.subjects import add_subject

FAST = {"n": 2**10, "r": 8, "p": 1}
SECRET = "benchmark secret"
ROUNDS = 3


def checklist_yaml(items: int) -> str:
    lines = ["id: bench", "sector: bench", 'version: "1.0"', "title: {zh: 基准检查表}",
             "sections:", "  - id: all", "    title: {zh: 全部}", "    items:"]
    for n in range(items):
        lines += [f"      - id: b-{n:03d}", f"        text: {{zh: 检查项{n}}}",
                  "        type: yes_no", "        severity: minor",
                  "        basis: [{law: 基准条例, articles: 第一条}]"]
    return "\n".join(lines) + "\n"


def make_bundles(folder: Path, count: int, per: int) -> tuple[list[Path], Path]:
    source = Store(folder / "source.db")
    identity.init_identity(source, name="张伟", role="inspector", org=None, secret=SECRET,
                           kdf=FAST)
    me, key = identity.signing_key(source, SECRET)
    checklist = checklists.find("bench")
    add_subject(source, name="基准测试单位", code="91110108MA01ABCD5T", sector="bench")
    paths = []
    for n in range(count):
        mark = source.conn.execute("SELECT MAX(at) FROM changelog").fetchone()[0]
        time.sleep(0.002)
        started = inspections.start(source, subject="91110108MA01ABCD5T", checklist=checklist,
                                    inspectors=["张伟", "李娜"])
        for item in checklist.items[:per]:
            inspections.record_answer(source, started, item["id"], "yes")
        paths.append(folder / f"b{n:04d}.zip")
        sync.export(source, paths[-1], me, key, since=None if n == 0 else mark)
    (folder / "source.pem").write_bytes(identity.export_public(source))
    source.close()
    return paths, folder / "source.pem"


IMPORT = """
import json, resource, sys, time
from pathlib import Path
from inspector import identity, sync
from inspector.store import Store
store = Store(sys.argv[1])
identity.init_identity(store, name="陈静", role="supervisor", org=None,
                       secret="benchmark receiver secret",
                       kdf={"n": 2**10, "r": 8, "p": 1})
identity.trust(store, Path(sys.argv[2]).read_bytes())
paths = [Path(p) for p in sys.argv[4:]]
start = time.perf_counter()
if sys.argv[3] == "batch":  # as `inspector import *.zip`: synced once at the end
    failed = [r for r in sync.import_bundles(store, paths) if isinstance(r, Exception)]
    assert not failed, failed
else:  # one `inspector import` per file
    for path in paths:
        sync.import_bundle(store, path)
elapsed = time.perf_counter() - start
answers = store.db["answers"].count
print(json.dumps({"seconds": elapsed, "answers": answers,
                  "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def raw_insert(folder: Path, imported: Path, name: str = "raw.db") -> float:
    """The same answer and change-log rows the import wrote, copied with two bare
    executemany calls in one transaction into tables of the same shape."""
    source = sqlite3.connect(imported)
    answers = source.execute("SELECT * FROM answers").fetchall()
    log = source.execute("SELECT * FROM changelog").fetchall()
    schema = [r[0] for r in source.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name IN ('answers', 'changelog') "
        "AND type IN ('table', 'index') AND sql IS NOT NULL")]
    source.close()
    conn = sqlite3.connect(folder / name, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    for sql in schema:  # same columns and indexes; no foreign keys to other tables
        conn.execute(re.sub(r"REFERENCES \w+ \(\w+\)", "", sql))
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO answers VALUES ({','.join('?' * len(answers[0]))})", answers)
    conn.executemany(f"INSERT INTO changelog VALUES ({','.join('?' * len(log[0]))})", log)
    conn.execute("COMMIT")
    return time.perf_counter() - start


def main(count: int = 1000, per: int = 100) -> None:
    i18n.set_language("en")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "checklists").mkdir()
        (folder / "checklists" / "bench.yaml").write_text(checklist_yaml(per), "utf-8")
        os.environ["INSPECTOR_CHECKLISTS"] = str(folder / "checklists")
        made = time.perf_counter()
        paths, pem = make_bundles(folder, count, per)
        made = time.perf_counter() - made
        size = sum(p.stat().st_size for p in paths)
        results, raws = {"single": [], "batch": []}, []
        for round_ in range(ROUNDS):
            for mode in results:
                results[mode].append(json.loads(subprocess.run(
                    [sys.executable, "-c", IMPORT, str(folder / f"{mode}{round_}.db"), str(pem),
                     mode, *map(str, paths)], check=True, capture_output=True, text=True).stdout))
            # in a process of its own: the rows it reads would otherwise stay in this
            # one, and every import started after it would inherit that peak memory
            raws.append(float(subprocess.run(
                [sys.executable, __file__, "--raw", str(folder), f"raw{round_}.db"],
                check=True, capture_output=True, text=True).stdout))
        with Store(folder / "batch0.db") as target:
            me, key = identity.signing_key(target, "benchmark receiver secret")
            start = time.perf_counter()
            manifest = sync.export(target, folder / "all.zip", me, key)
            exported = time.perf_counter() - start
    answers = results["batch"][0]["answers"]
    raw = statistics.median(raws)
    raw_rate = answers / raw
    print(f"{count} bundles, {answers} answers, {size / 2**20:.1f} MiB of bundles "
          f"(made in {made:.0f} s); medians of {ROUNDS} runs, [min-max]")
    print(f"  raw executemany of the same rows (answers + log), one transaction: "
          f"{raw:6.2f} s {raw_rate:9.0f} answers/s  [{min(raws):.2f}-{max(raws):.2f} s]")
    for mode, label in (("single", "one import per bundle"), ("batch", "one import, all files")):
        times = [r["seconds"] for r in results[mode]]
        seconds = statistics.median(times)
        rate = answers / seconds
        peak = max(r["peak_kb"] for r in results[mode]) / 1024
        print(f"  {label:22}: {seconds:6.2f} s {rate:9.0f} answers/s  "
              f"[{min(times):.2f}-{max(times):.2f} s]  ratio {rate / raw_rate:.3f}x "
              f"(goal >= 0.3x)  peak memory {peak:.0f} MiB")
    entries = manifest["counts"]["entries"]
    print(f"  export of everything: {exported:6.2f} s for {entries} entries "
          f"({entries / exported:.0f}/s)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--raw"]:
        folder = Path(sys.argv[2])
        print(raw_insert(folder, folder / "batch0.db", sys.argv[3]))
    else:
        main(*(int(a) for a in sys.argv[1:3]))
