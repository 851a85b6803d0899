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
import hmac
import json
import math
from dataclasses import dataclass
from fractions import Fraction

from ..digest import canonical

ALGORITHM = "inspector-draw-1"
CERTAIN = "all"
MAX_WEIGHT = 10
OFFICERS_PER_SUBJECT = 2
_SEP = "\x1f"
_SPACE = 2**64


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
    """The seed's HMAC-SHA256 numbers: U(parts...) as the module says."""

    def __init__(self, seed: str):
        self.key = bytes.fromhex(seed)

    def u64(self, *parts: str) -> int:
        mac = hmac.digest(self.key, _SEP.join(parts).encode("utf-8"), "sha256")
        return int.from_bytes(mac[:8], "big")


@dataclass(frozen=True)
class Subject:
    id: str
    sector: str
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Officer:
    id: str
    sectors: tuple[str, ...]
    conflicts: frozenset[str] = frozenset()
    last: dict | None = None  # sector -> frozenset of subject ids

    def avoids(self, subject_id: str, sector: str) -> bool:
        return subject_id in self.conflicts or \
            subject_id in (self.last or {}).get(sector, ())


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
    for subject in sorted(subjects, key=lambda s: s.id):
        by_sector.setdefault(subject.sector, []).append(subject)
    ordered = sorted(officers, key=lambda o: o.id)
    result = []
    for matter in sorted(matters, key=lambda m: m.id):
        population = by_sector.get(matter.sector, [])
        pool = [o for o in ordered if matter.sector in o.sectors]
        chosen = _subjects(stream, matter, population, rule)
        result.append({"matter_id": matter.id, "population": len(population),
                       "quota": quota(len(population), matter.ratio),
                       "subjects": [{"id": s.id, "certain": certain,
                                     "officers": _officers(stream, matter, s.id, pool)}
                                    for s, certain in chosen]})
    return result


def _weight(subject: Subject, rule: dict) -> int | str:
    weights = [rule.get(flag, 1) for flag in subject.flags]
    if CERTAIN in weights:
        return CERTAIN
    return max(weights, default=1)


def _subjects(stream: Stream, matter: Matter, population: list[Subject],
              rule: dict) -> list[tuple[Subject, bool]]:
    n = quota(len(population), matter.ratio)
    certain, keyed = [], []
    for subject in population:
        weight = _weight(subject, rule)
        if weight == CERTAIN:
            certain.append(subject)
            continue
        key = max(stream.u64("subject", matter.id, subject.id, str(j)) for j in range(weight))
        keyed.append((-key, subject.id, subject))
    keyed.sort()
    rest = [s for _, _, s in keyed[:max(0, n - len(certain))]]
    chosen = [(s, True) for s in certain] + [(s, False) for s in rest]
    return sorted(chosen, key=lambda pair: pair[0].id)


def _officers(stream: Stream, matter: Matter, subject_id: str, pool: list[Officer]) -> list[str]:
    eligible = {o.id for o in pool if not o.avoids(subject_id, matter.sector)}
    if len(eligible) <= OFFICERS_PER_SUBJECT:
        return sorted(eligible)
    size = len(pool)
    limit = _SPACE - _SPACE % size
    taken: list[str] = []
    k = 0
    while len(taken) < OFFICERS_PER_SUBJECT:
        x = stream.u64("officer", matter.id, subject_id, str(k))
        k += 1
        if x >= limit:
            continue
        officer = pool[x % size].id
        if officer in eligible and officer not in taken:
            taken.append(officer)
    return taken


# --- the pinned registers --------------------------------------------------------


def subjects_text(subjects: list[Subject]) -> bytes:
    return "".join(canonical({"flags": sorted(s.flags), "id": s.id, "sector": s.sector}) + "\n"
                   for s in sorted(subjects, key=lambda s: s.id)).encode("utf-8")


def officers_text(officers: list[Officer]) -> bytes:
    return "".join(canonical({"conflicts": sorted(o.conflicts), "id": o.id,
                              "last": {k: sorted(v) for k, v in (o.last or {}).items() if v},
                              "sectors": sorted(o.sectors)}) + "\n"
                   for o in sorted(officers, key=lambda o: o.id)).encode("utf-8")


def read_subjects(text: bytes) -> list[Subject]:
    return [Subject(row["id"], row["sector"], tuple(row["flags"]))
            for row in map(json.loads, text.decode("utf-8").splitlines())]


def read_officers(text: bytes) -> list[Officer]:
    return [Officer(row["id"], tuple(row["sectors"]), frozenset(row["conflicts"]),
                    {k: frozenset(v) for k, v in row["last"].items()})
            for row in map(json.loads, text.decode("utf-8").splitlines())]


def pin(text: bytes) -> str:
    return hashlib.sha256(text).hexdigest()
