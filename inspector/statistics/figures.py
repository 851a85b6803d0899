"""The registry of named figures: every figure the report shows has a name here,
and a source that counts it. A template's mapping file names figures, never code.

Sources: `computed` (counted from the records by inspector.statistics.compute),
`manual` (entered by hand, inspector.statistics.manual), and providers that other
packages register (`register_provider`): the credit figures (listings, repairs)
have none yet, so they show as "—" and the report says why.
"""

from collections.abc import Callable
from dataclasses import dataclass

SEVERITIES = ("critical", "major", "minor", "info")
COMPUTED, MANUAL, PROVIDED = "computed", "manual", "provided"


@dataclass(frozen=True)
class Figure:
    name: str
    source: str
    money: bool = False  # yuan, two decimals; otherwise a count (or the rate)

    @property
    def label_key(self) -> str:
        return f"stats.figure.{self.name}"


FIGURES: dict[str, Figure] = {f.name: f for f in (
    Figure("officers", COMPUTED),  # 出动执法人员（人次）: officers named on on-site records
    Figure("subjects_checked", COMPUTED),  # 检查主体（户次）: on-site records
    Figure("self_checks", COMPUTED),  # 收到自查
    Figure("problems", COMPUTED),  # 发现问题: rectification items
    *(Figure(f"problems_{s}", COMPUTED) for s in SEVERITIES),
    Figure("ordered", COMPUTED),  # 责令整改: every item but those transferred (移送)
    Figure("completed", COMPUTED),  # 已整改: closed after review
    Figure("rate", COMPUTED),  # 整改率 = completed / ordered
    Figure("overdue", COMPUTED),  # 逾期未改 as of the report's day
    Figure("listings_proposed", PROVIDED),  # 拟列入名录/名单 (inspector.credit)
    Figure("listings_decided", PROVIDED),  # 决定列入
    Figure("repairs", PROVIDED),  # 信用修复
    # 移送立案: the findings this tool records as transferred (one case per inspection and
    # receiving authority), plus those entered by hand (transfers made outside the tool)
    Figure("cases_transferred", MANUAL),
    Figure("fines", MANUAL, money=True),  # 罚没款（元）
)}
MANUAL_FIGURES = tuple(name for name, f in FIGURES.items() if f.source == MANUAL)

# name -> a function (store, scope) -> {sector: value}; registered by the package
# that knows the figure (inspector.credit registers its listings and repairs)
Provider = Callable[..., dict[str, float]]
_providers: dict[str, Provider] = {}


def register_provider(name: str, provider: Provider) -> None:
    if FIGURES.get(name) is None or FIGURES[name].source != PROVIDED:
        raise ValueError(f"{name!r} is not a provided figure")
    _providers[name] = provider


def _load_providers() -> None:
    """The packages that count provided figures register them when imported."""
    from ..credit import figures  # noqa: F401  (listings and repairs)


def provider(name: str) -> Provider | None:
    _load_providers()
    return _providers.get(name)


def pending() -> tuple[str, ...]:
    """The provided figures nothing counts yet (shown as "—")."""
    _load_providers()
    return tuple(name for name, f in FIGURES.items()
                 if f.source == PROVIDED and name not in _providers)
