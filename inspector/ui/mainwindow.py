"""The main window: subjects, inspections, data exchange, identity, the form runner and
the summary in one stack."""

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from ..errors import InspectorError
from . import supervision, translations
from .settings import get_str, settings


class MainWindow(QMainWindow):
    """Every page is built, and its modules imported, the first time it is shown.

    With `open_later` the window is only a shell (menus, status bar) until it has
    been painted once, then opens the page the user left: the window appears at
    once, its contents a moment later, instead of both after the whole wait."""

    _open_later = False  # read by paintEvent(), which may come before __init__ ends

    def __init__(self, store, parent=None, *, open_later: bool = False):
        super().__init__(parent)
        self.store = store
        self.runner = None
        self.summary = None
        self._factories = {}  # page name -> how to build it when first shown
        self._open_later = open_later
        self.stack = QStackedWidget()
        from .navigation import Navigation

        self.navigation = Navigation(store)  # every page one click away, with its counts
        self.navigation.page_chosen.connect(self.show_page)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)
        from .checklist_files import SkippedChecklists

        self.skipped_checklists = SkippedChecklists()
        self.statusBar().addPermanentWidget(self.skipped_checklists)
        self.build()
        stored = settings()
        geometry = stored.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        if open_later:
            self.statusBar().showMessage(self.tr("Opening…"))
        else:
            self.restore_place()

    def paintEvent(self, event):
        super().paintEvent(event)
        if self._open_later:
            self._open_later = False
            QTimer.singleShot(0, self.restore_place)  # after this paint reaches the screen

    # --- building (again after a language switch) ------------------------------------------

    def build(self) -> None:
        self.setWindowTitle(self.tr("Inspector — offline inspections"))
        self.menuBar().clear()
        for name in self._factories:
            page = self.__dict__.pop(name, None)  # built pages only; rebuilt when next shown
            if page is not None:
                from .operations import stop_operations  # its dialogs: not needed to start

                stop_operations(page)
                self.stack.removeWidget(page)
                page.deleteLater()
        self.lazy_page("subjects", self._subjects_page)
        self.lazy_page("inspections", self._inspections_page)
        self.lazy_page("sync", self._sync_page)
        self.lazy_page("identity", self._identity_page)
        supervision.install(self)
        self._menus()

    def lazy_page(self, name: str, factory) -> None:
        """Register a page built the first time it is used: start-up builds only what
        the first screen needs."""
        self._factories[name] = factory

    def __getattr__(self, name: str):
        factories = self.__dict__.get("_factories", {})
        if name not in factories:
            raise AttributeError(name)
        page = factories[name]()
        self.__dict__[name] = page
        self.stack.addWidget(page)
        return page

    @property
    def documents(self):
        """Signed reports and notices, set up when first asked for."""
        if "_documents" not in self.__dict__:
            from .documents import Documents

            self._documents = Documents(self.store, self)
        return self._documents

    def _subjects_page(self):
        from .subjects_page import SubjectsPage

        page = SubjectsPage(self.store)
        page.new_inspection.connect(self.new_inspection)
        page.add_subject.connect(lambda: self.edit_subject(None))
        page.edit_subject.connect(self.edit_subject)
        page.import_subjects.connect(self.import_subjects)
        page.show_identity.connect(self.show_identity)
        return page

    def _inspections_page(self):
        from .inspections_page import InspectionsPage

        page = InspectionsPage(self.store)
        page.open_inspection.connect(self.open_inspection)
        page.report.connect(lambda inspection: self.documents.report(inspection))
        page.notice.connect(lambda inspection: self.documents.notice(inspection))
        return page

    def _sync_page(self):
        from .sync_page import SyncPage  # its modules load with the page

        return SyncPage(self.store)

    def _identity_page(self):
        from .identity_page import IdentityPage

        return IdentityPage(self.store)

    def built_page(self, name: str):
        """The page `name` if it has been built, else None (never builds it)."""
        return self.__dict__.get(name)

    def _menus(self) -> None:
        def action(menu, text, slot, keys=None):
            item = QAction(text, self)
            if keys:
                # the list form: setShortcut() would load every enum of the Qt namespace
                # (~15 ms) before the window first shows
                item.setShortcuts([QKeySequence(keys)])
            item.triggered.connect(slot)
            menu.addAction(item)
            return item

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        action(file_menu, self.tr("New inspection…"), lambda: self.new_inspection(""), "Ctrl+N")
        action(file_menu, self.tr("Import subjects…"), self.import_subjects, "Ctrl+I")
        file_menu.addSeparator()
        action(file_menu, self.tr("Export data bundle…"), self.export_bundle, "Ctrl+E")
        action(file_menu, self.tr("Import data bundles…"), self.import_bundles, "Ctrl+Shift+I")
        file_menu.addSeparator()
        action(file_menu, self.tr("Add a checklist…"), self.add_checklist)
        action(file_menu, self.tr("Blank paper record…"), lambda: self.documents.blank())
        file_menu.addSeparator()
        action(file_menu, self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit)
        view = self.menuBar().addMenu(self.tr("&View"))
        action(view, self.tr("Subjects"), self.show_subjects, "F5")
        action(view, self.tr("Inspections"), self.show_inspections, "F6")
        action(view, self.tr("Data exchange"), self.show_sync, "F7")
        action(view, self.tr("Identity and keys"), self.show_identity, "F8")
        supervision.add_actions(self, view)
        language = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        current = translations.current()
        for code, name in translations.LANGUAGES.items():
            item = action(language, name, lambda _=False, c=code: self.set_language(c))
            item.setCheckable(True)
            item.setChecked(code == current)
            item.setObjectName(f"language_{code}")
            group.addAction(item)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        action(help_menu, self.tr("Keyboard shortcuts"), self.show_keys, "F1")

    def set_language(self, language: str) -> None:
        if self.runner is not None:
            self.runner.flush()
        settings().setValue("language", language)
        translations.install(language)
        place = self.current_place()
        self.build()
        self.restore_place(place)

    # --- pages --------------------------------------------------------------------------

    def current_place(self) -> dict:
        widget = self.stack.currentWidget()
        if widget is self.runner and self.runner is not None:
            return {"page": "runner", "inspection": self.runner.id}
        if widget is self.summary and self.summary is not None:
            return {"page": "summary", "inspection": self.summary.id}
        if supervision.place_of(self, widget):
            return {"page": supervision.place_of(self, widget)}
        return {"page": next((name for name in self._factories
                              if widget is self.built_page(name)), "subjects")}

    def restore_place(self, place: dict | None = None) -> None:
        """Reopen what was on screen (an inspection in progress resumes at its item)."""
        # once the page is up: the navigation's counts, and a checklist file left out
        # said in the status bar
        QTimer.singleShot(0, self.navigation.refresh)
        QTimer.singleShot(0, self.skipped_checklists.refresh)
        place = place or {"page": get_str("session/page", "subjects"),
                          "inspection": get_str("session/inspection")}
        try:
            if place["page"] in ("runner", "summary") and place.get("inspection"):
                self.open_inspection(place["inspection"])
                if place["page"] == "summary":
                    self.show_summary(place["inspection"])
                return
        except InspectorError:
            pass  # the inspection is gone (another store): start at home
        if supervision.show(self, place["page"]):
            return
        shows = {"inspections": self.show_inspections, "sync": self.show_sync,
                 "identity": self.show_identity}
        shows.get(place["page"], self.show_subjects)()

    def show_page(self, name: str) -> None:
        if supervision.show(self, name):
            return
        {"subjects": self.show_subjects, "inspections": self.show_inspections,
         "sync": self.show_sync, "identity": self.show_identity}[name]()

    def _show(self, widget) -> None:
        if self.runner is not None and widget is not self.runner:
            self.runner.flush()
        self.stack.setCurrentWidget(widget)
        place = self.current_place()
        self.navigation.mark(place["page"])
        stored = settings()
        stored.setValue("session/page", place["page"])
        stored.setValue("session/inspection", place.get("inspection", ""))

    def show_subjects(self) -> None:
        self._show(self.subjects)
        self.statusBar().clearMessage()
        self.subjects.focus()

    def show_inspections(self) -> None:
        self._show(self.inspections)
        self.statusBar().clearMessage()
        self.inspections.focus()

    def show_sync(self) -> None:
        self._show(self.sync)
        self.statusBar().clearMessage()
        self.sync.focus()

    def show_identity(self) -> None:
        self._show(self.identity)
        self.statusBar().clearMessage()

    def export_bundle(self) -> None:
        self.show_sync()
        self.sync.export_bundle()

    def import_bundles(self) -> None:
        self.show_sync()
        self.sync.choose_files()

    def open_bundles(self, paths: list[str]) -> None:
        """The import preview of bundle files given on the command line (a file
        manager's double click): checked, nothing imported until the user says so."""
        self.show_sync()
        self.sync.open_paths(paths)

    def open_inspection(self, inspection_id: str, item_id: str | None = None) -> None:
        from .forms.runner import FormRunner

        runner = FormRunner(self.store, inspection_id)
        self._drop(self.runner)
        self.runner = runner
        runner.status_changed.connect(self.statusBar().showMessage)
        runner.complete_requested.connect(self.show_summary)
        self.stack.addWidget(runner)
        self._show(runner)
        self.statusBar().showMessage(runner.status_text)
        if item_id:
            runner.go_to(item_id)
        runner.page().focus_answer()

    def show_summary(self, inspection_id: str) -> None:
        from .summary import SummaryPage

        summary = SummaryPage(self.store, inspection_id)
        self._drop(self.summary)
        self.summary = summary
        summary.back.connect(lambda: self.open_inspection(inspection_id))
        summary.jump.connect(lambda item: self.open_inspection(inspection_id, item))
        summary.completed.connect(lambda _: self.statusBar().showMessage(
            self.tr("Inspection completed and locked.")))
        summary.report.connect(lambda inspection: self.documents.report(inspection))
        summary.notice.connect(lambda inspection: self.documents.notice(inspection))
        summary.transfer.connect(lambda inspection: self.documents.transfer(inspection))
        self.stack.addWidget(summary)
        self._show(summary)
        self.statusBar().clearMessage()  # the runner's counts would be stale here
        summary.setFocus()

    def _drop(self, widget) -> None:
        if widget is not None:
            self.stack.removeWidget(widget)
            widget.deleteLater()

    # --- dialogs ------------------------------------------------------------------------

    def new_inspection(self, subject_id: str = "") -> None:
        from .new_inspection import NewInspectionDialog

        dialog = NewInspectionDialog(self.store, subject_id or None, self)
        if dialog.exec() and dialog.inspection_id:
            self.open_inspection(dialog.inspection_id)

    def edit_subject(self, subject_id: str | None) -> None:
        from .subject_dialog import SubjectDialog

        dialog = SubjectDialog(self.store, subject_id, self)
        if dialog.exec():
            self.subjects.select(dialog.saved_id)

    def add_checklist(self) -> None:
        from .checklist_files import add_checklist

        if add_checklist(self):
            self.skipped_checklists.refresh()

    def import_subjects(self) -> None:
        from .import_dialog import ImportDialog

        ImportDialog(self.store, self).exec()

    def show_keys(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # a dialog: not needed to start

        QMessageBox.information(self, self.tr("Keyboard shortcuts"), self.tr(
            "In the checklist:\n"
            "1 / 2 / 3  Compliant / Non-compliant / Not applicable (1–9 pick options)\n"
            "J, ↓ or Enter  next item    K or ↑  previous item\n"
            "N  next unanswered item    Ctrl+1…9  jump to a section\n"
            "G  show or hide guidance    Ctrl+P  add a photo\n"
            "Ctrl+Enter  summary, signatures and completion\n\n"
            "Everywhere:\n"
            "Ctrl+N  new inspection    Ctrl+I  import subjects\n"
            "F5  subjects    F6  inspections    F7  data exchange    F8  identity and keys\n"
            "F9  rectification ledger    F10  overview by sector\n"
            "Ctrl+E  export a data bundle    Ctrl+Shift+I  import data bundles\n"
            "Ctrl+R  signed report    Ctrl+Shift+R  rectification notice\n"
            "Ctrl+F  search"))

    # --- closing --------------------------------------------------------------------------

    def closeEvent(self, event):
        from .operations import stop_operations

        if self.runner is not None:
            self.runner.flush()
        stop_operations(self, 60000)  # a report being signed is finished, not cut off
        stored = settings()
        stored.setValue("window/geometry", self.saveGeometry())
        stored.sync()
        super().closeEvent(event)


