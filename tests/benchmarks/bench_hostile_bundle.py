"""How long hostile bundles take to refuse (issue #13: a bundle of 8 MB with 40,000
members took 24-56 s), against importing a genuine bundle in the same run. Goal:
each hostile file refused in under a second.

    python tests/benchmarks/bench_hostile_bundle.py
"""

import io
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["INSPECTOR_LANG"] = "en"

from inspector import identity, sync  # noqa: E402
from inspector.sync import BundleError, container  # noqa: E402
from tests.helpers import hostile  # noqa: E402
from tests.helpers.stores import SECRET  # noqa: E402


def zipped(members) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names, on purpose
        with zipfile.ZipFile(out, "w") as archive:
            for name, data in members:
                archive.writestr(container.zip_info(name), data)
    return out.getvalue()


def end_claims(data: bytes, count: int) -> bytes:
    """The end record changed to claim `count` members (the directory holds more)."""
    end = bytearray(data[-22:])
    end[8:12] = count.to_bytes(2, "little") * 2
    return data[:-22] + bytes(end)


def cases(genuine: bytes, sender_fp: str, sender_id: str) -> dict[str, bytes]:
    most = container.MAX_MEMBERS
    parts = hostile.members_of(genuine)
    manifest, sig = parts[container.MANIFEST], parts[container.SIGNATURE]
    rotation = json.dumps({
        "id": "{}", "at": "2026-01-01T00:00:00.000Z", "actor": None, "device_id": "d",
        "entity": "identity", "record_id": sender_id, "op": "update", "data": {
            "fingerprint": "f" * 64, "certificate": "x", "rotation": {
                "statement": {"from": sender_fp, "to": "f" * 64, "at": "2026"},
                "signature": "00"}}}).encode()
    return {
        "40,000 members, one name twice": zipped(
            [(f"blobs/{n % 20_000:064x}", b"x" * 100) for n in range(40_000)]),
        "40,000 members, end record claiming 20,000": end_claims(zipped(
            [(f"blobs/{n % 20_000:064x}", b"x" * 100) for n in range(40_000)]), most),
        "49,000 short names, end record claiming 20,000": end_claims(zipped(
            [(f"{n % 10}", b"") for n in range(49_000)]), most),
        f"{most:,} members, names twice (the most allowed)": zipped(
            [(f"blobs/{n % (most // 2):064x}", b"x" * 100) for n in range(most)]),
        f"{most:,} members, distinct, a genuine signed manifest": zipped(
            [(container.MANIFEST, manifest), (container.SIGNATURE, sig)]
            + [(f"blobs/{n:064x}", b"x" * 100) for n in range(most - 2)]),
        "70,000 members (zip64)": zipped([(f"blobs/{n:064x}", b"") for n in range(70_000)]),
        "manifest 4 MiB of [": zipped([(container.MANIFEST, b"[" * (4 * 2**20 - 1)),
                                       (container.SIGNATURE, sig)]),
        "entries: 100,000 rotation lines naming the sender's key": zipped(
            [(container.MANIFEST, manifest), (container.SIGNATURE, b"00"),
             (container.ENTRIES, b"\n".join(
                 rotation.replace(b"{}", os.urandom(16).hex().encode())
                 for _ in range(100_000)))]),
        "the same, the sender not trusted directly": zipped(
            [(container.MANIFEST, manifest.replace(sender_fp.encode(), b"e" * 64)),
             (container.SIGNATURE, b"00"),
             (container.ENTRIES, b"\n".join(
                 rotation.replace(b"{}", os.urandom(16).hex().encode())
                 for _ in range(100_000)))]),
        "entries: 100,000 certification lines": zipped(
            [(container.MANIFEST, manifest), (container.SIGNATURE, b"00"),
             (container.ENTRIES, b"\n".join(
                 b'{"entity": "certification", "data": {"statement": {}, "signature": '
                 b'"%s", "certificate": "x"}}' % os.urandom(16).hex().encode()
                 for _ in range(100_000)))]),
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "checklists").mkdir()
        for path in [*(ROOT / "checklists").glob("*.yaml"), ROOT / "tests/data/mini.yaml"]:
            shutil.copy(path, folder / "checklists" / path.name)
        os.environ["INSPECTOR_CHECKLISTS"] = str(folder / "checklists")
        sender, receiver, good = hostile.genuine(folder)
        me, _ = identity.signing_key(sender, SECRET)
        with receiver.trial():
            began = time.perf_counter()
            sync.import_bundle(receiver, good)
            baseline = time.perf_counter() - began
        print(f"genuine bundle ({good.stat().st_size:,} bytes) imported in {baseline:.3f} s")
        slowest = 0.0
        for name, data in cases(good.read_bytes(), me.fingerprint, me.id).items():
            path = folder / "hostile.zip"
            path.write_bytes(data)
            began = time.perf_counter()
            try:
                sync.import_bundle(receiver, path)
                verdict = "IMPORTED"
            except BundleError as exc:
                verdict = exc.message
            took = time.perf_counter() - began
            slowest = max(slowest, took)
            print(f"{name:<58} {len(data) / 2**20:6.1f} MB  {took:6.3f} s "
                  f"({took / baseline:5.1f}x)  {verdict}")
        sender.close()
        receiver.close()
    print(f"slowest refusal {slowest:.3f} s (goal: under 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
