"""Starting the desktop app: `inspector` with no arguments calls run()."""

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ..errors import InspectorError
from ..store import Store
from . import settings, translations
from .style import STYLE

CJK_FONTS = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC"]


def make_app(argv: list[str] | None = None, language: str | None = None) -> QApplication:
    """The QApplication with the app's names, look and language: `language` (from
    --lang, for this run only), else the one chosen in the app, else Chinese."""
    app = QApplication.instance()
    if app is None:  # the style named here costs less than setStyle(), which wraps it
        args = argv if argv is not None else sys.argv[:1]
        app = QApplication([*args, "-style", "Fusion"])
    else:
        app.setStyle("Fusion")
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("Inspector")
    font = QFont()
    font.setFamilies([*CJK_FONTS, font.defaultFamily()])
    app.setFont(font)
    app.setStyleSheet(STYLE)
    translations.install(language or settings.get_str("language", translations.DEFAULT))
    return app


def run(db=None, lang: str | None = None, bundles: list[str] = ()) -> int:
    """Open the app on the store at `db` (default store when None), in `lang` (zh or
    en) when given, on the import preview of `bundles` when given; the exit code."""
    app = make_app(language=translations.from_cli(lang))
    try:
        store = Store(db)
    except InspectorError as exc:
        from PySide6.QtWidgets import QMessageBox  # only to say why the app cannot open

        QMessageBox.critical(None, "Inspector", str(exc))
        return 1
    from .mainwindow import MainWindow

    window = MainWindow(store, open_later=not bundles)  # bundles: no page to resume
    window.show()
    if bundles:
        window.open_bundles(bundles)
    try:
        return app.exec()
    finally:
        store.close()
