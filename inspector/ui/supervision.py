"""The supervisor's pages (ledger, overview) wired into the main window.

Kept apart from mainwindow.py, which only calls install(), add_actions(),
place_of() and show(), so other pages can be added there without touching these.
"""

from importlib import import_module

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

# name -> (module, class); each is imported and built when the page is first shown
PAGES = {"ledger": (".ledger_page", "LedgerPage"), "overview": (".overview_page", "OverviewPage"),
         "tasks": (".campaign_pages", "TasksPage"),
         "campaigns": (".campaign_pages", "CampaignPage"),
         "credit": (".credit_page", "CreditPage")}


def install(window) -> None:
    """Register the pages with the window; each is built when first shown (and, if it
    has `attach`, wired to the window: the tasks page opens inspections there)."""
    for name, (module, cls) in PAGES.items():
        window.lazy_page(name, lambda m=module, c=cls: _built(window, m, c))


def _built(window, module: str, cls: str):
    page = getattr(import_module(module, __package__), cls)(window.store)
    if hasattr(page, "attach"):
        page.attach(window)
    return page


def add_actions(window, menu) -> None:
    for name, text, keys in (
            ("ledger", QT_TRANSLATE_NOOP("Supervision", "Rectification ledger"), "F9"),
            ("overview", QT_TRANSLATE_NOOP("Supervision", "Overview by sector"), "F10")):
        action = QAction(QCoreApplication.translate("Supervision", text), window)
        action.setShortcuts([QKeySequence(keys)])  # see mainwindow._menus
        action.setObjectName(f"show_{name}")
        action.triggered.connect(lambda _=False, n=name: show(window, n))
        menu.addAction(action)


def place_of(window, widget) -> str | None:
    """The page name of `widget` when it is one of ours."""
    return next((name for name in PAGES if window.built_page(name) is widget), None)


def show(window, name: str) -> bool:
    """Show page `name`; False when it is not one of ours."""
    page = getattr(window, name, None) if name in PAGES else None
    if page is None:
        return False
    window._show(page)
    window.statusBar().clearMessage()
    page.focus()
    return True
