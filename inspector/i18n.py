"""The message catalogue for the core and CLI (the UI uses Qt's own mechanism).

Chinese first: zh unless INSPECTOR_LANG (or the locale) asks for English.
"""

import os

from .messages import MESSAGES

LANGUAGES = ("zh", "en")
_current: str | None = None
_catalogue: dict[str, tuple[str, str]] = dict(MESSAGES)


def add_messages(messages: dict[str, tuple[str, str]]) -> None:
    """Add a module's own messages (reports keep theirs beside them)."""
    clash = set(messages) & set(_catalogue)
    if clash - {k for k in clash if _catalogue[k] == messages[k]}:
        raise ValueError(f"message keys defined twice: {sorted(clash)}")
    _catalogue.update(messages)


def detect() -> str:
    for var in ("INSPECTOR_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def set_language(lang: str | None) -> None:
    global _current
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current = lang


def language() -> str:
    return _current or detect()


def t(key: str, /, **values) -> str:
    """The message `key` in the current language, formatted with `values`."""
    zh, en = _catalogue[key]
    return (en if language() == "en" else zh).format(**values)


def pick(text: dict | None, lang: str | None = None) -> str:
    """A checklist text {zh, en} in the current language, falling back to zh."""
    if not text:
        return ""
    lang = lang or language()
    return text.get(lang) or text.get("zh") or next(iter(text.values()), "")
