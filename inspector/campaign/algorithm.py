"""The draw (双随机): which subjects each matter checks and which two officers check each.

Specified here so that anyone can re-implement `verify` from a draw record alone.
A leaf: the standard library and canonical JSON (inspector.digest).

Inputs
------
- `seed`: 64 hex digits (32 bytes), fixed before the draw. Its commitment, published
  first, is `seed_hash = SHA-256(seed as ASCII text)`, hex.
- The subjects register, pinned: UTF-8 JSON Lines, one canonical JSON object per line
  (keys sorted, no spaces, non-ASCII kept), lines sorted by `id`, each line ending in
  "\\n": `{"flags": [sorted flag names], "id": subject id, "sector": sector}`. Its
  SHA-256 is the register's pin.
- The officers register, pinned the same way: `{"conflicts": [subject ids],
  "id": officer id, "last": {sector: [subject ids]}, "sectors": [sectors]}`;
  `conflicts` are subjects the officer is related to, `last[sector]` the subjects the
  officer checked the last time that sector was checked.
- The matters, in the order of their ids: `{"id", "sector", "ratio"}`, `ratio` a
  decimal text ("0.05"); and the plan's rule, `{flag: "all" | weight}` with integer
  weights from 1 to 10 (a flag not named weighs 1).

Random numbers
--------------
`U(parts...) = first 8 bytes, big-endian, of HMAC-SHA256(key = the seed's 32 bytes,
message = the parts joined by U+001F, UTF-8)`: an unsigned 64-bit integer.

Subjects, per matter
--------------------
The population is the register's subjects of the matter's sector, by id; N of them.
The quota is `n = min(N, ceil(N × ratio))`, computed exactly. A subject with a flag
the rule marks "all" is certain; every other subject has the weight of its heaviest
flag (1 if none) and the key `max(U("subject", matter id, subject id, j) for j in
0..weight-1)` (the largest of `weight` uniform draws: weighted sampling without
replacement, Efraimidis–Spirakis, in integers). Drawn: all certain subjects, then the
others by descending key (ties by ascending id) until n are drawn (certain subjects
beyond n are all drawn). The drawn subjects are listed by id.

Officers, per drawn subject
---------------------------
The pool is the register's officers whose sectors include the matter's sector, by
id; M of them. Eligible: those of the pool for whom the subject is neither among
their `conflicts` nor in their `last` for the sector (回避). With two or fewer
eligible, all are taken (a short pair is reported, never filled with an ineligible
officer). Otherwise, for k = 0, 1, 2, …: `x = U("officer", matter id, subject id, k)`;
x is skipped if `x >= 2^64 - (2^64 mod M)` (no modulo bias); else the officer at
index `x mod M` of the pool is taken unless ineligible or already taken; until two
are taken. They are listed in the order taken.
"""

import hashlib
import json
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from ..digest import canonical

_string = json.encoder.encode_basestring  # a JSON string literal, as canonical() writes it

ALGORITHM = "inspector-draw-1"
CERTAIN = "all"
MAX_WEIGHT = 10
OFFICERS_PER_SUBJECT = 2
_SEP = "\x1f"
_SPACE = 2**64
_BLOCK = 64  # SHA-256's block, in bytes


def seed_hash(seed: str) -> str:
    return hashlib.sha256(seed.encode("ascii")).hexdigest()


def valid_seed(seed) -> bool:
    return isinstance(seed, str) and len(seed) == 64 and \
        all(c in "0123456789abcdef" for c in seed)


def valid_ratio(ratio) -> bool:
    try:
        value = Fraction(ratio) if isinstance(ratio, str) else None
    except (ValueError, ZeroDivisionError):
        return False
    return value is not None and 0 < value <= 1


def valid_rule(rule) -> bool:
    return isinstance(rule, dict) and all(
        isinstance(k, str) and (v == CERTAIN or (type(v) is int and 1 <= v <= MAX_WEIGHT))
        for k, v in rule.items())


class Stream:
    """The seed's HMAC-SHA256 numbers: U(parts...) as the module says.

    HMAC (RFC 2104) with the key's padded inner and outer hashes computed once: each
    number then costs two SHA-256 compressions, not four (the draw makes one per
    subject); `hmac.digest(key, message, "sha256")` gives the same bytes."""

    def __init__(self, seed: str):
        key = bytes.fromhex(seed).ljust(_BLOCK, b"\0")  # 32 bytes: shorter than a block
        self.inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
        self.outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))

    def u64(self, *parts: str) -> int:
        return self.raw(_SEP.join(parts).encode("utf-8"))

    def raw(self, message: bytes) -> int:
        inner = self.inner.copy()
        inner.update(message)
        outer = self.outer.copy()
        outer.update(inner.digest())
        return int.from_bytes(outer.digest()[:8], "big")


class Subject(NamedTuple):
    """A subject as the draw sees it; a plain (id, sector, flags) tuple does as well
    (a register holds a hundred thousand: tuples straight from SQLite are cheaper)."""

    id: str
    sector: str
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Officer:
    id: str
    sectors: tuple[str, ...]
    conflicts: frozenset[str] = frozenset()
    last: dict | None = None  # sector -> frozenset of subject ids


@dataclass(frozen=True)
class Matter:
    id: str
    sector: str
    ratio: str


def quota(population: int, ratio: str) -> int:
    return min(population, math.ceil(population * Fraction(ratio)))


def run(seed: str, matters: list[Matter], subjects: list[Subject], officers: list[Officer],
        rule: dict) -> list[dict]:
    """The draw's result: per matter (by id), its population, quota and the subjects
    drawn (by id), each with whether it was certain and its officers."""
    stream = Stream(seed)
    by_sector: dict[str, list[Subject]] = {}
    for subject in sorted(subjects):  # by id: ids are unique, and come first
        by_sector.setdefault(subject[1], []).append(subject)
    ordered = sorted(officers, key=lambda o: o.id)
    result = []
    for matter in sorted(matters, key=lambda m: m.id):
        population = by_sector.get(matter.sector, [])
        pool = [o for o in ordered if matter.sector in o.sectors]
        avoided = _avoided(pool, matter.sector)
        chosen = _subjects(stream, matter, population, rule)
        result.append({"matter_id": matter.id, "population": len(population),
                       "quota": quota(len(population), matter.ratio),
                       "subjects": [{"id": s[0], "certain": certain, "officers": _officers(
                           stream, matter, s[0], pool, avoided.get(s[0], set()))}
                                    for s, certain in chosen]})
    return result


def _avoided(pool: list[Officer], sector: str) -> dict[str, set[str]]:
    """subject id -> the officers of the pool who must not check it (回避)."""
    out: dict[str, set[str]] = {}
    for officer in pool:
        for subject_id in officer.conflicts | (officer.last or {}).get(sector, frozenset()):
            out.setdefault(subject_id, set()).add(officer.id)
    return out


def _weight(flags: tuple[str, ...], rule: dict) -> int | str:
    weights = [rule.get(flag, 1) for flag in flags]
    if CERTAIN in weights:
        return CERTAIN
    return max(weights, default=1)


def _subjects(stream: Stream, matter: Matter, population: list[Subject],
              rule: dict) -> list[tuple[Subject, bool]]:
    n = quota(len(population), matter.ratio)
    certain, keyed = [], []
    prefix = _SEP.join(("subject", matter.id, "")).encode("utf-8")
    for subject in population:
        subject_id, _, flagged = subject
        weight = _weight(flagged, rule) if flagged else 1
        if weight == CERTAIN:
            certain.append(subject)
            continue
        message = prefix + subject_id.encode("utf-8") + _SEP.encode()
        key = max(stream.raw(message + str(j).encode()) for j in range(weight)) \
            if weight > 1 else stream.raw(message + b"0")
        keyed.append((-key, subject_id, subject))
    keyed.sort()
    rest = [s for _, _, s in keyed[:max(0, n - len(certain))]]
    chosen = [(s, True) for s in certain] + [(s, False) for s in rest]
    return sorted(chosen, key=lambda pair: pair[0][0])


def _officers(stream: Stream, matter: Matter, subject_id: str, pool: list[Officer],
              avoided: set[str]) -> list[str]:
    size = len(pool)
    if size - len(avoided) <= OFFICERS_PER_SUBJECT:
        return sorted(o.id for o in pool if o.id not in avoided)
    limit = _SPACE - _SPACE % size
    taken: list[str] = []
    k = 0
    while len(taken) < OFFICERS_PER_SUBJECT:
        x = stream.u64("officer", matter.id, subject_id, str(k))
        k += 1
        if x >= limit:
            continue
        officer = pool[x % size].id
        if officer not in avoided and officer not in taken:
            taken.append(officer)
    return taken


# --- the pinned registers --------------------------------------------------------


def subjects_text(subjects: list[Subject]) -> bytes:
    """Each line as canonical() writes {"flags", "id", "sector"}, put together here: a
    register of 100,000 subjects is written in a tenth of the time."""
    return "".join(
        f'{{"flags":{canonical(sorted(flags)) if flags else "[]"},"id":{_string(subject_id)},'
        f'"sector":{_string(sector)}}}\n'
        for subject_id, sector, flags in sorted(subjects)).encode("utf-8")


def officers_text(officers: list[Officer]) -> bytes:
    return "".join(canonical({"conflicts": sorted(o.conflicts), "id": o.id,
                              "last": {k: sorted(v) for k, v in (o.last or {}).items() if v},
                              "sectors": sorted(o.sectors)}) + "\n"
                   for o in sorted(officers, key=lambda o: o.id)).encode("utf-8")


def _lines(text: bytes) -> list[dict]:
    """JSON Lines read as one array (canonical JSON has no raw line breaks)."""
    body = text.decode("utf-8").rstrip("\n")
    return json.loads(f"[{body.replace(chr(10), ',')}]") if body else []


def read_subjects(text: bytes) -> list[tuple]:
    """(id, sector, flags) tuples, as Subject holds them."""
    return [(row["id"], row["sector"], tuple(row["flags"])) for row in _lines(text)]


def read_officers(text: bytes) -> list[Officer]:
    return [Officer(row["id"], tuple(row["sectors"]), frozenset(row["conflicts"]),
                    {k: frozenset(v) for k, v in row["last"].items()})
            for row in _lines(text)]


def pin(text: bytes) -> str:
    return hashlib.sha256(text).hexdigest()
