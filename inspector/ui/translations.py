"""Qt translations: Chinese by default, English (the source strings) on request.

resources/translations/*.ts are the sources; scripts/build-translations compiles
them to .qm beside them. When a .qm is missing or older than its .ts (a fresh
checkout run without set-up), it is compiled into the user cache instead.
"""

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator

from .. import i18n
from ..packaged import data_dir

TS_DIR = data_dir("resources") / "translations"
LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT = "zh_CN"
_installed: list[QTranslator] = []
_current = [DEFAULT]


def current() -> str:
    """The language the app shows now (the saved choice, or `--lang` for this run)."""
    return _current[0]


def from_cli(lang: str | None) -> str | None:
    """The app's language for the command line's --lang (zh or en), if given."""
    return {"zh": "zh_CN", "en": "en"}.get(lang or "")


def lrelease() -> str | None:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease") or \
        shutil.which("lrelease")


def qm_file(language: str) -> Path | None:
    """The compiled catalogue for `language`, compiling it when stale."""
    ts = TS_DIR / f"inspector_{language}.ts"
    if not ts.exists():
        return None
    qm = ts.with_suffix(".qm")
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    cache = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.CacheLocation)) / "translations"
    cached = cache / qm.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    tool = lrelease()
    if tool is None:
        return None
    cache.mkdir(parents=True, exist_ok=True)
    import subprocess  # only when the .qm has to be compiled at start-up

    subprocess.run([tool, "-silent", str(ts), "-qm", str(cached)], check=True)
    return cached


def install(language: str) -> None:
    """Switch the app's (and the core's) language; widgets built after this use it."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current[0] = language
    if language != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(app)
        if qt.load(QLocale(language), "qtbase", "_", qt_dir):
            _installed.append(qt)
        ours = QTranslator(app)
        qm = qm_file(language)
        if qm and ours.load(str(qm)):
            _installed.append(ours)
    for translator in _installed:
        app.installTranslator(translator)
    i18n.set_language("en" if language == "en" else "zh")
    QLocale.setDefault(QLocale(QLocale.Language.English if language == "en"
                               else QLocale.Language.Chinese))
