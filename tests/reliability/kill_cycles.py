"""Durability under kill -9: does every answer reported as saved survive a crash?

Each cycle starts a child process that opens the store and answers an item in a loop,
printing each answer's number once record_answer() has returned (its transaction
committed). The child is killed with SIGKILL at a random moment: mostly while it
answers, sometimes while it is still opening the store. Then the store must open,
pass PRAGMA integrity_check and its hash-chain check, and hold every answer the
child reported, in its change log and (the latest) in the answers table.

    .venv/bin/python tests/reliability/kill_cycles.py [--cycles 1000] [--seed 1]
        [--max-delay 0.25] [--db PATH]

prints the figures: cycles, answers committed, answers lost, integrity failures.
tests/test_durability.py runs a few dozen cycles of the same in the test suite.
"""

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from inspector import checklists, inspections  # noqa: E402
from inspector.store import Store  # noqa: E402
from inspector.subjects import add_subject  # noqa: E402

CHECKLIST = "fireworks_retail"  # bundled
ITEM = "fw-01"  # a text item no condition hides: each answer is its own number
EARLY = 0.1  # the share of kills aimed at the child's start (opening the store)


@dataclass
class Figures:
    cycles: int = 0
    committed: int = 0  # answers the children reported saved
    lost: int = 0  # of those, missing after the kill
    integrity_failures: int = 0  # cycles after which the store did not open whole
    early_kills: int = 0  # kills before the child was ready
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"cycles {self.cycles}, answers committed {self.committed}, "
                f"lost {self.lost}, integrity failures {self.integrity_failures} "
                f"(killed while opening: {self.early_kills})")


def prepare(db: Path) -> str:
    """A store with a subject and a started inspection; returns the inspection's id."""
    with Store(db) as store:
        add_subject(store, name="德清县吉祥烟花爆竹零售店", code="91110108MA01ABCD5T",
                    sector=CHECKLIST)
        return inspections.start(store, subject="91110108MA01ABCD5T",
                                 checklist=checklists.find(CHECKLIST), inspectors=["张伟", "李娜"])


def child(db: Path, inspection: str) -> None:
    """Answer ITEM with 1, 2, 3... (from where the last child got), reporting each."""
    store = Store(db)
    answered = inspections.answers(store, inspection).get(ITEM)
    number = int(answered["value"]) if answered else 0
    print("ready", flush=True)
    while True:
        number += 1
        inspections.record_answer(store, inspection, ITEM, str(number))
        print(number, flush=True)


def cycle(db: Path, inspection: str, rng: random.Random, max_delay: float,
          figures: Figures) -> list[int]:
    """One child, killed; returns the numbers it reported saved."""
    with subprocess.Popen([sys.executable, __file__, "--child", str(db), inspection],
                          stdout=subprocess.PIPE, text=True) as process:
        if rng.random() < EARLY:
            time.sleep(rng.uniform(0, 0.3))
            output = ""
        else:
            output = process.stdout.readline()  # "ready" (or nothing: it failed to start)
            time.sleep(rng.uniform(0, max_delay))
        process.send_signal(signal.SIGKILL)
        output += process.stdout.read()
    lines = output.split("\n")[:-1]  # a line cut by the kill has no newline: not reported
    figures.early_kills += "ready" not in lines
    return [int(line) for line in lines if line.isdigit()]


def check(db: Path, inspection: str, reported: list[int], figures: Figures) -> None:
    """The store opens whole and holds every reported answer."""
    try:
        with Store(db) as store:
            integrity = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
            broken = store.verify_log()
            logged = {json.loads(data)["value"] for (data,) in store.conn.execute(
                "SELECT data FROM changelog WHERE entity = 'answer' AND record_id = ?",
                (f"{inspection}/{ITEM}",))}
            latest = inspections.answers(store, inspection).get(ITEM)
    except Exception as exc:  # the figure to report, whatever it is
        figures.integrity_failures += 1
        figures.lost += len(reported)
        figures.problems.append(f"cycle {figures.cycles}: {exc}")
        return
    if integrity != "ok" or broken:
        figures.integrity_failures += 1
        figures.problems.append(f"cycle {figures.cycles}: {integrity} {broken[:3]}")
    missing = [n for n in reported if str(n) not in logged]
    if reported and (latest is None or int(latest["value"]) < max(reported)):
        missing = missing or [max(reported)]
    figures.lost += len(missing)
    if missing:
        figures.problems.append(f"cycle {figures.cycles}: lost {missing[:5]}")


def run(db: Path, cycles: int, *, seed: int = 1, max_delay: float = 0.25,
        progress=None) -> Figures:
    rng = random.Random(seed)
    inspection = prepare(db)
    figures = Figures()
    for _ in range(cycles):
        reported = cycle(db, inspection, rng, max_delay, figures)
        figures.cycles += 1
        figures.committed += len(reported)
        check(db, inspection, reported, figures)
        if progress is not None:
            progress(figures)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=0.25,
                        help="longest wait (seconds) between a child's start and its kill")
    parser.add_argument("--db", type=Path, help="the store to use (default: a new one)")
    parser.add_argument("--child", nargs=2, metavar=("DB", "INSPECTION"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1])
        return 0
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "kill.db"
        started = time.monotonic()

        def progress(figures: Figures) -> None:
            if figures.cycles % 100 == 0:
                print(figures.line(), flush=True)

        figures = run(db, args.cycles, seed=args.seed, max_delay=args.max_delay,
                      progress=progress)
        elapsed = time.monotonic() - started
    for problem in figures.problems[:20]:
        print(problem)
    print(f"{figures.line()}; {elapsed:.0f} s")
    return 1 if figures.lost or figures.integrity_failures else 0


if __name__ == "__main__":
    sys.exit(main())
