"""Report periods: a month ("2026-11"), a quarter ("2026-Q4") or a campaign
("campaign:<id>"), as Beijing calendar days and the UTC bounds of stored times.

Days found (found_on) are Beijing days already; times (started_at) are stored in
UTC, so a period starts at 00:00 Beijing time, 16:00 UTC the day before.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .. import ids
from ..errors import ValidationError
from ..i18n import t
from . import messages  # noqa: F401  (registers the stats.* messages)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
CAMPAIGN_PREFIX = "campaign:"


@dataclass(frozen=True)
class Period:
    key: str  # as given and as manual figures are filed: "2026-11", "2026-Q4", "campaign:…"
    first_day: str  # Beijing days, inclusive
    last_day: str
    months: tuple[str, ...] = ()  # the months within a quarter (their figures add up)

    def utc_bounds(self) -> tuple[str, str]:
        """Stored timestamps t in the period: start <= t < end."""
        return ids.day_span(self.first_day)[0], ids.day_span(self.last_day)[1]

    def filed_under(self) -> tuple[str, ...]:
        """The period keys whose manual figures count here."""
        return (self.key, *self.months)


def parse(text: str, store=None) -> Period:
    """The period `text` names; a campaign's is read from `store`."""
    text = (text or "").strip()
    if match := _MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12:
            return Period(text, *_month_days(year, month))
    elif match := _QUARTER.match(text):
        year, quarter = int(match[1]), int(match[2])
        months = tuple(f"{year}-{m:02d}" for m in range(3 * quarter - 2, 3 * quarter + 1))
        first = _month_days(year, 3 * quarter - 2)[0]
        last = _month_days(year, 3 * quarter)[1]
        return Period(f"{year}-Q{quarter}", first, last, months)
    elif text.startswith(CAMPAIGN_PREFIX) and store is not None:
        row = store.conn.execute("SELECT starts_on, ends_on FROM campaigns WHERE id = ?",
                                 (text[len(CAMPAIGN_PREFIX):],)).fetchone()
        if row:
            return Period(text, row[0], row[1])
    raise ValidationError(t("stats.bad_period", text=text))


def _month_days(year: int, month: int) -> tuple[str, str]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first.isoformat(), (following - timedelta(days=1)).isoformat()


def current_month() -> str:
    return ids.today()[:7]


def recent(today: str | None = None) -> list[str]:
    """The periods a report is usually asked for: this month, last month, this
    quarter, last quarter (keys, newest first)."""
    day = date.fromisoformat(today or ids.today())
    last_month = day.replace(day=1) - timedelta(days=1)
    quarter = (day.month - 1) // 3 + 1
    previous = (day.year, quarter - 1) if quarter > 1 else (day.year - 1, 4)
    return [day.isoformat()[:7], last_month.isoformat()[:7], f"{day.year}-Q{quarter}",
            f"{previous[0]}-Q{previous[1]}"]
