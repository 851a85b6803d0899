"""Figures the tool cannot know (cases transferred, fines) and typical cases (典型案例),
entered by hand per period and unit. They are records like any other: written
through the change log, carried in bundles, and only inspectors and supervisors may
write them (inspector.authorization). Entering a figure again replaces it.
"""

from .. import ids
from ..errors import ValidationError
from ..i18n import t
from ..store import Store
from . import messages  # noqa: F401  (registers the stats.* messages)
from .figures import FIGURES, MANUAL_FIGURES
from .periods import parse

MAX_TEXT = 4000


def default_unit(store: Store) -> str:
    """The store's own organisation: the unit that files the report."""
    row = store.conn.execute("SELECT org FROM identities WHERE id = ?",
                             (store.actor,)).fetchone()
    return (row and row[0]) or ""


def enter_figure(store: Store, period: str, figure: str, value: float, *, unit: str = "",
                 sector: str = "", area: str = "") -> dict:
    """File `figure` = `value` for the period and unit; returns what was filed."""
    if figure not in MANUAL_FIGURES:
        raise ValidationError(t("stats.not_manual", figure=figure,
                                figures=", ".join(MANUAL_FIGURES)))
    if value < 0 or (not FIGURES[figure].money and value != int(value)):
        raise ValidationError(t("stats.bad_value", figure=figure, value=value))
    data = {**_key(store, period, unit, sector, area), "figure": figure, "value": value}
    with store.transaction():
        store.record("manual_figure", ids.uuid7(), "create", data)
    return data


def enter_case(store: Store, period: str, title: str, text: str, *, unit: str = "",
               sector: str = "", area: str = "") -> dict:
    """Add a typical case (典型案例) to the period and unit; returns what was filed."""
    title, text = (title or "").strip(), (text or "").strip()
    if not title or not text or len(title) + len(text) > MAX_TEXT:
        raise ValidationError(t("stats.bad_case", n=MAX_TEXT))
    data = {**_key(store, period, unit, sector, area), "title": title, "text": text}
    with store.transaction():
        store.record("typical_case", ids.uuid7(), "create", data)
    return data


def _key(store: Store, period: str, unit: str, sector: str, area: str) -> dict:
    unit = (unit or "").strip() or default_unit(store)
    if not unit:
        raise ValidationError(t("stats.no_unit"))
    return {"period": parse(period, store).key, "unit": unit, "area": (area or "").strip(),
            "sector": (sector or "").strip()}
