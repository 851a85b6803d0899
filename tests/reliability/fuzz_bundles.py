"""Full-size fuzz of the bundle reader: a genuine bundle changed COUNT times (bytes,
zip headers, members, manifest, signature, lines; tests/helpers/hostile.py), each
imported into a store that trusts its sender. Prints how many were refused, by
reason, and how many imported, and the slowest refusal.

A change that was not signed again with the sender's key must be refused; every
refusal must be a BundleError of one line naming the file, with the store left
as it was (dump_hash). Any other outcome (a traceback included) is printed and
the exit status is 1.

    python tests/reliability/fuzz_bundles.py [--count 10000] [--seed 1]
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["INSPECTOR_LANG"] = "en"  # refusals are classed by their English text

from inspector.sync import BundleError, import_bundle  # noqa: E402
from inspector.sync.container import one_line  # noqa: E402
from tests.helpers import hostile  # noqa: E402
from tests.helpers.stores import SECRET, dump_hash, records  # noqa: E402


def checklists_folder(folder: Path) -> None:
    """The bundled checklists and the tests' "mini", as the tests' fixture makes."""
    target = folder / "checklists"
    target.mkdir()
    for path in [*(ROOT / "checklists").glob("*.yaml"), ROOT / "tests/data/mini.yaml"]:
        shutil.copy(path, target / path.name)
    os.environ["INSPECTOR_CHECKLISTS"] = str(target)


def judge(receiver: hostile.Receiver, path: Path, signed_again: bool,
          expected: list[str]) -> tuple[str, str | None]:
    """(outcome, problem): the refusal's reason, or "imported" with whether the store
    then holds the genuine bundle's records; problem when a rule was broken."""
    before = dump_hash(receiver.store)
    try:
        import_bundle(receiver.store, path)
    except BundleError as exc:
        text = str(exc)
        if one_line(str(path)) not in text or not hostile.one_line_error(text):
            return "refused", f"not one line naming the file: {text!r}"
        if dump_hash(receiver.store) != before:
            return "refused", f"store changed by a refused file: {text}"
        key = hostile.reason(exc.message)
        return key, None if key != "other" else f"message of no known kind: {text}"
    except Exception:  # the point of the run: anything else is a failure to report
        return "traceback", traceback.format_exc()
    same = records(receiver.store, receiver.store) == expected
    receiver.reset()
    outcome = "imported, same records" if same else "imported, other records"
    return outcome, None if signed_again else "imported a change not signed again"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from inspector import identity

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        checklists_folder(folder)
        sender, receiver_store, good = hostile.genuine(folder)
        _, key = identity.signing_key(sender, SECRET)
        sender.close()
        receiver = hostile.Receiver(receiver_store)
        genuine = good.read_bytes()
        import_bundle(receiver.store, good)
        expected = records(receiver.store, receiver.store)
        receiver.reset()
        kinds = sorted(hostile.MUTATIONS)
        outcomes: dict[str, Counter] = defaultdict(Counter)
        reasons: Counter = Counter()
        problems: list[str] = []
        slowest = (0.0, "")
        start = time.perf_counter()
        for number in range(args.count):
            kind, seed = kinds[number % len(kinds)], args.seed * 1_000_003 + number
            data, signed_again = hostile.mutate(kind, genuine, seed, key)
            if data == genuine:  # a change that undid itself: nothing to judge
                outcomes[kind]["no change"] += 1
                continue
            path = folder / "mutated.zip"
            path.write_bytes(data)
            began = time.perf_counter()
            outcome, problem = judge(receiver, path, signed_again, expected)
            took = time.perf_counter() - began
            if took > slowest[0]:
                slowest = (took, f"{kind} seed {seed}: {outcome}")
            imported = outcome.startswith("imported")
            outcomes[kind][outcome if imported else "refused"] += 1
            if not imported:
                reasons[outcome] += 1
            if problem:
                problems.append(f"{kind} seed {seed}: {problem}")
        elapsed = time.perf_counter() - start
        receiver.store.close()
    print(f"{args.count} mutated bundles in {elapsed:.1f} s "
          f"({1000 * elapsed / max(args.count, 1):.1f} ms each; slowest {slowest[0]:.3f} s, "
          f"{slowest[1]})")
    same, other = "imported, same records", "imported, other records"
    total = Counter()
    for c in outcomes.values():
        total.update(c)
    print(f"refused {total['refused']}, imported {total[same] + total[other]}: "
          f"{total[same]} giving the genuine bundle's records, {total[other]} others "
          f"(only changes signed again by the trusted key may import)")
    print("\nby mutation:            refused  imported (same records / other)  no change")
    for kind in kinds:
        c = outcomes[kind]
        print(f"  {kind:<20} {c['refused']:>7}  {c[same]:>8} / {c[other]:<16} {c['no change']}")
    print("\nrefused, by reason:")
    for key, count in reasons.most_common():
        print(f"  {key:<28} {count:>6}")
    if problems:
        print(f"\n{len(problems)} FAILURES:")
        for problem in problems[:20]:
            print("  " + problem.replace("\n", "\n    "))
        return 1
    print("\nno traceback; every refusal one line naming the file, the store unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
