"""Time `inspector demo` as a whole process (set-up of a fresh store included),
against starting the same Python with the package imported, in the same run.

    python tests/benchmarks/bench_demo.py [RUNS]
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def main(runs: int = 3) -> None:
    base, demo = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            base.append(timed([sys.executable, "-c", "import inspector.cli"]))
            db = Path(tmp) / f"demo{run}.db"
            demo.append(timed([sys.executable, "-m", "inspector", "--db", str(db), "demo",
                               "--out", str(Path(tmp) / f"out{run}")]))
    b, d = statistics.median(base), statistics.median(demo)
    print(f"{runs} runs, median: python + import {b:.2f} s; inspector demo {d:.2f} s "
          f"(min {min(demo):.2f}, max {max(demo):.2f}); demo work beyond start-up {d - b:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
