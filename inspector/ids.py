"""Record ids (UUIDv7: time-ordered, so records sort by creation) and timestamps."""

import os
import threading
import time
from datetime import UTC, date, datetime, timedelta, timezone

_lock = threading.Lock()
_last = 0


def uuid7() -> str:
    """A UUIDv7 (RFC 9562); strictly increasing within this process."""
    global _last
    with _lock:
        ms = time.time_ns() // 1_000_000
        # 12 bits of sub-millisecond counter keep ids ordered within one millisecond
        value = max(ms << 12, _last + 1)
        _last = value
    ms, counter = value >> 12, value & 0xFFF
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    number = (ms << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | rand
    text = f"{number:032x}"  # formatted here: the uuid module costs start-up time
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def now() -> str:
    """UTC timestamp, ISO 8601 with milliseconds and Z."""
    return _stamp(datetime.now(UTC))


# China has one time zone and no daylight saving: records are stored in UTC and
# their days (inspection dates, deadlines) are Beijing days, as readers expect.
BEIJING = timezone(timedelta(hours=8), "CST")


def _parse(iso: str) -> datetime:
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def stamp(given: str) -> str:
    """A date and time someone gave (ISO 8601) as it is stored: UTC with milliseconds and
    Z, the form the filters and sorting compare as text. Without a zone it is Beijing
    time, as written there; a plain date is the start of that Beijing day. ValueError if
    it is not a date and time."""
    try:
        moment = datetime.fromisoformat(given.strip())
        if not moment.tzinfo:
            moment = moment.replace(tzinfo=BEIJING)
        return _stamp(moment)
    except (AttributeError, TypeError, OverflowError) as exc:
        raise ValueError(f"not a date and time: {given!r}") from exc


def local_time(iso: str | None) -> str:
    """A stored UTC timestamp as 'YYYY-MM-DD HH:MM' Beijing time ('' for None)."""
    return _parse(iso).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") if iso else ""


def local_date(iso: str) -> date:
    """The Beijing calendar day of a stored timestamp (or of a plain date)."""
    if len(iso) == 10:
        return date.fromisoformat(iso)
    return _parse(iso).astimezone(BEIJING).date()


def today() -> str:
    """Today's date in Beijing."""
    return datetime.now(BEIJING).date().isoformat()


def day_span(day: str) -> tuple[str, str]:
    """The stored UTC timestamps at which a Beijing calendar day ('YYYY-MM-DD') starts and
    the next one starts: a timestamp `t` is on that day when start <= t < end. Compared
    as text, as the store sorts them, so a filter on a day still reads an index."""
    start = datetime.combine(date.fromisoformat(day), datetime.min.time(), BEIJING)
    return _stamp(start), _stamp(start + timedelta(days=1))


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
