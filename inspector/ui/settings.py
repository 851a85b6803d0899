"""Where the app remembers things between runs: QSettings under "Inspector"."""

from PySide6.QtCore import QSettings

ORGANISATION = APPLICATION = "Inspector"


def settings() -> QSettings:
    # this constructor honours setDefaultFormat/setPath (tests keep their settings in a
    # temporary folder); QSettings(org, app) always writes the user's real settings
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION,
                     APPLICATION)


def get_str(key: str, default: str = "") -> str:
    value = settings().value(key, default)
    return value if isinstance(value, str) else default


def get_list(key: str) -> list[str]:
    value = settings().value(key, [])
    if isinstance(value, str):  # QSettings gives a one-element list back as a string
        return [value]
    return [str(v) for v in value or []]
