"""The form runner: one inspection's checklist, answered item by item from the keyboard.

Keys: 1/2/3 合格/不合格/不适用 (1..9 pick options), J/↓/Enter next, K/↑ previous,
N next unanswered, Ctrl+1..9 section, G guidance, Ctrl+P photo, Ctrl+Enter finish.
Every change is saved at once through the core services; the item on screen is
remembered so reopening resumes there.
"""

import hashlib
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ... import evaluation, evidence, inspections, photos, queries
from ...errors import InspectorError
from ...i18n import pick
from ...subjects import get_subject
from .. import labels
from ..operations import Operations
from ..settings import get_str, settings
from .item_page import ItemPage
from .outline import Outline
from .state import FormState

EXCLUSIVE = ("yes_no", "single_choice")
# pages kept built: a stack of hundreds of word-wrapped pages makes every switch
# recompute all their size hints; the store and FormState hold what a page shows
KEEP_PAGES = 16


class FormRunner(QWidget):
    status_changed = Signal(str)
    complete_requested = Signal(str)  # inspection id
    photos_stored = Signal(str)  # item id: photos prepared off the UI thread are saved

    def __init__(self, store, inspection_id: str, parent=None):
        super().__init__(parent)
        self.store = store
        self.inspection = inspections.get(store, inspection_id)
        self.id = self.inspection["id"]
        self.read_only = self.inspection["status"] != "draft"
        self.checklist = inspections.checklist_of(store, self.inspection)
        self.evidence: dict[str, list[dict]] = {}
        for row in queries.evidence_of(store, self.id):
            self.evidence.setdefault(row["item_id"], []).append(row)
        self.state = FormState(self.checklist, inspections.answers(store, self.id),
                               set(self.evidence), self.inspection["started_at"])
        self.pages: OrderedDict[str, ItemPage] = OrderedDict()  # least recently shown first
        self.operations = Operations(store, self)  # photo preparation off the UI thread
        self.current: str | None = None
        self.prepare = QTimer(self, singleShot=True, interval=0)
        self.prepare.timeout.connect(self._prepare_next)
        self._build()
        self._actions()
        self.outline.set_visible_items(self.state.visible_ids)
        for item in self.checklist.items:
            self.outline.set_mark(item["id"], self._mark(item))
        self._refresh_progress()
        self.go_to(self.resume_point())

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        subject = get_subject(self.store, self.inspection["subject_id"])
        self.outline = Outline(self.checklist)
        self.outline.item_chosen.connect(self.go_to)
        self.outline.section_chosen.connect(self.go_to_section)
        title = QLabel(subject["name"])
        title.setObjectName("runnerTitle")
        meta = self.tr("%1 · %2 v%3 · started %4").replace(
            "%1", labels.kind(self.inspection["kind"])).replace(
            "%2", self.checklist.title).replace("%3", self.checklist.version).replace(
            "%4", labels.when(self.inspection["started_at"]))
        if self.read_only:
            meta += " · " + self.tr("%1, read-only").replace(
                "%1", labels.status(self.inspection["status"]))
        subtitle = QLabel(meta)
        subtitle.setObjectName("muted")
        self.stack = QStackedWidget()
        # a long item scrolls: the runner never grows past the screen, and the buttons
        # below and the status bar stay in view
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.stack)
        title.setWordWrap(True)
        subtitle.setWordWrap(True)
        pane = QVBoxLayout()
        pane.addWidget(title)
        pane.addWidget(subtitle)
        pane.addWidget(self.scroll, 1)
        pane.addLayout(self._nav_bar())
        right = QWidget()
        right.setLayout(pane)
        splitter = QSplitter()
        splitter.addWidget(self.outline)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 900])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    def _nav_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        buttons = [(self.tr("◀ Previous  (K)"), self.previous),
                   (self.tr("Next  (J) ▶"), self.next),
                   (self.tr("Next unanswered  (N)"), self.next_unanswered)]
        for text, slot in buttons:
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus stays on the item
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        finish = QPushButton(self.tr("Summary and signatures…  (Ctrl+Enter)")
                             if self.read_only else
                             self.tr("Finish inspection…  (Ctrl+Enter)"))
        finish.setObjectName("primary")
        finish.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        finish.clicked.connect(self.finish)
        row.addWidget(finish)
        return row

    def _actions(self) -> None:
        def add(keys, slot):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        for number in range(1, 10):
            add([str(number)], lambda _=False, n=number: self.key_answer(n))
            add([f"Ctrl+{number}"], lambda _=False, n=number: self.go_to_section_number(n))
        add(["J", "Down", "Return", "Enter"], self.next)
        add(["K", "Up"], self.previous)
        add(["N"], self.next_unanswered)
        add(["G"], lambda: self.page().toggle_guidance())
        add(["Ctrl+P"], lambda: self.add_photo_dialog(self.current))
        add(["Ctrl+Return", "Ctrl+Enter"], self.finish)
        add(["Escape"], lambda: self.page().answer.focus_target().setFocus())

    # --- navigation ------------------------------------------------------------------------

    def resume_point(self) -> str:
        """Where the inspector was: the item on screen when last closed, else the last answer."""
        order = [item["id"] for item in self.state.visible]
        remembered = get_str(f"resume/{self.id}")
        if remembered in order:
            return remembered
        last = inspections.position(self.store, self.id)  # on another machine, say
        return self.state.next_unanswered(last) or last or order[0]

    def page(self) -> ItemPage:
        return self.pages[self.current]

    def go_to(self, item_id: str) -> None:
        if item_id not in self.state.visible_ids:
            return
        if self.current and self.current in self.pages and self.current != item_id:
            self.pages[self.current].flush()
        page = self.pages.get(item_id) or self._make_page(item_id)
        order = [item["id"] for item in self.state.visible]
        section = pick(self.checklist.section_of[item_id]["title"])
        page.place.setText(self.tr("%1 · item %2 of %3").replace("%1", section).replace(
            "%2", str(order.index(item_id) + 1)).replace("%3", str(len(order))))
        self.current = item_id
        self.pages.move_to_end(item_id)
        self._size_to(page)
        self.stack.setCurrentWidget(page)
        self.scroll.verticalScrollBar().setValue(0)  # each item is read from its top
        self._forget_old_pages()
        self.outline.select(item_id)
        page.focus_answer()
        settings().setValue(f"resume/{self.id}", item_id)
        self.prepare.start()  # the next item's page, once this one is on screen

    def _size_to(self, shown: ItemPage) -> None:
        """The stack as tall as the page on screen, not as the tallest page kept: a
        short item needs no scroll bar because a long one was shown before."""
        for page in self.pages.values():
            policy = QSizePolicy.Policy.Preferred if page is shown else \
                QSizePolicy.Policy.Ignored
            if page.sizePolicy().verticalPolicy() != policy:
                page.setSizePolicy(QSizePolicy.Policy.Preferred, policy)

    def _prepare_next(self) -> None:
        """Build and style the next item's page while the inspector reads this one,
        so answering and moving on does not wait for it."""
        order = [item["id"] for item in self.state.visible]
        index = order.index(self.current) + 1 if self.current in order else len(order)
        if index < len(order) and order[index] not in self.pages:
            page = self._make_page(order[index])
            page.ensurePolished()
            page.layout().activate()
            self.pages.move_to_end(self.current)  # the page on screen is never the oldest

    def _make_page(self, item_id: str) -> ItemPage:
        item = self.checklist.item(item_id)
        page = ItemPage(item, "", self.stack)  # never a top-level window, not even briefly
        page.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        page.commit.connect(self.save)
        page.go_next.connect(self.next)
        page.photo_requested.connect(self.add_photo_dialog)
        page.files_dropped.connect(self.add_photos)
        page.photo_remove_requested.connect(self.remove_photo)
        page.sign_requested.connect(self.sign_item)
        for row in self.evidence.get(item_id, []):
            page.photos.add_thumbnail(evidence.blob(self.store, row["sha256"]),
                                      row["file_name"] or "", row["id"])
        self._show_state(page)
        page.set_read_only(self.read_only)
        self.pages[item_id] = page
        self.stack.addWidget(page)
        return page

    def _forget_old_pages(self) -> None:
        while len(self.pages) > KEEP_PAGES:
            item_id, page = next(iter(self.pages.items()))
            page.flush()
            del self.pages[item_id]
            self.stack.removeWidget(page)
            page.deleteLater()

    def _step(self, delta: int) -> None:
        order = [item["id"] for item in self.state.visible]
        index = order.index(self.current) + delta if self.current in order else 0
        if 0 <= index < len(order):
            self.go_to(order[index])
        else:  # no item further: Enter still saves what was typed (go_to would)
            self.page().flush()
            self.page().focus_answer()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def next_unanswered(self) -> None:
        self.page().flush()
        target = self.state.next_unanswered(self.current)
        if target:
            self.go_to(target)
        else:
            self.status_changed.emit(self.tr("Every item is answered."))

    def go_to_section(self, section_id: str) -> None:
        for item in self.state.visible:
            if self.checklist.section_of[item["id"]]["id"] == section_id:
                self.go_to(item["id"])
                return

    def go_to_section_number(self, number: int) -> None:
        if number <= len(self.checklist.sections):
            self.go_to_section(self.checklist.sections[number - 1]["id"])

    # --- answering -----------------------------------------------------------------------

    def key_answer(self, number: int) -> None:
        page = self.page()
        if page.answer.typed or not page.answer.key_answer(number):
            page.focus_answer()

    def save(self, item_id: str, value, note: str) -> None:
        """Write one change to the store at once; update skip logic and progress."""
        if self.read_only:
            return
        item = self.checklist.item(item_id)
        page = self.pages[item_id]
        previous = self.state.answers.get(item_id)
        note = note.strip() or None
        try:
            if value is None:
                cleared = inspections.clear_answer(self.store, self.id, item_id) if previous \
                    else []
                self.state.answers.pop(item_id, None)
            else:
                value = inspections.check_value(item, value)
                if previous and previous["value"] == value and previous["note"] == note:
                    return
                cleared = inspections.record_answer(self.store, self.id, item_id, value, note)
                self.state.answers[item_id] = {"value": value, "note": note}
        except InspectorError as exc:
            page.show_error(exc.message)
            return
        page.show_error(None)
        self._after_save(item, cleared)

    def _after_save(self, item: dict, cleared: list[str]) -> None:
        for item_id in cleared:
            self.state.answers.pop(item_id, None)
            if item_id in self.pages:
                self._show_state(self.pages[item_id])
        self.state.evaluate()
        if cleared or item["id"] in self.checklist.condition_targets:
            self.outline.set_visible_items(self.state.visible_ids)
        for item_id in {item["id"], *cleared}:
            self.outline.set_mark(item_id, self._mark(self.checklist.item(item_id)))
        page = self.pages[item["id"]]
        finding = self.state.is_non_compliant(item)
        page.update_finding(finding, bool(self.evidence.get(item["id"])))
        self._refresh_progress()
        if item["id"] == self.current and item["type"] in EXCLUSIVE:
            if finding:
                page.focus_note()  # a finding needs its note (and offers a photo)
                # once the note just shown is laid out: scrolled into view
                QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(page.note))
            elif self.state.value(item["id"]) is not None:
                self.next()

    def _show_state(self, page: ItemPage) -> None:
        item = page.item
        page.show_state(self.state.value(item["id"]), self.state.note(item["id"]),
                        self.state.is_non_compliant(item), bool(self.evidence.get(item["id"])))

    def _mark(self, item: dict) -> str:
        if self.state.is_answered(item):
            return "finding" if self.state.is_non_compliant(item) else "ok"
        return "missing" if evaluation.is_required(item) else "open"

    def _refresh_progress(self) -> None:
        judged = self.state.evaluation
        for section in judged.sections:
            self.outline.set_progress(section.id, section.answered, section.shown)
        text = self.tr("Answered %1/%2 · Non-compliant %3 · Required unanswered %4").replace(
            "%1", str(judged.answered)).replace("%2", str(judged.shown)).replace(
            "%3", str(len(judged.non_compliant))).replace(
            "%4", str(len(judged.missing_required)))
        if self.read_only:
            text += " · " + self.tr("read-only")
        self.status_text = text
        self.status_changed.emit(text)

    # --- evidence ---------------------------------------------------------------------------

    def add_photo_dialog(self, item_id: str) -> None:
        if self.read_only:
            return
        folder = get_str("photos/folder")
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos"), folder,
            self.tr("Images (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff)"))
        if files:
            settings().setValue("photos/folder", str(Path(files[0]).parent))
            self.add_photos(item_id, [Path(f) for f in files])
        self.page().focus_answer()

    def add_photos(self, item_id: str, files: list[Path]) -> None:
        """Attach photo files to an item: upright, downscaled, the original's hash kept.

        Decoding and downscaling a 50-MP photo takes a second or more, so it runs off
        the UI thread (the inspector keeps answering); storing is quick and stays here.
        """
        if self.read_only or not files:
            return
        paths = [Path(f) for f in files]

        def work(job) -> tuple[str, list]:
            prepared = []
            for path in paths:
                try:
                    prepared.append((path, photos.prepare(path.read_bytes()), None))
                except (InspectorError, OSError) as exc:
                    prepared.append((path, None, getattr(exc, "message", None) or str(exc)))
            return item_id, prepared

        self.operations.run(work, self._photos_prepared, failed=self._photos_failed)

    def _photos_failed(self, message: str) -> None:
        self.page().show_error(message)

    def _photos_prepared(self, result: tuple[str, list]) -> None:
        self._store_photos(*result)

    def _store_photos(self, item_id: str, prepared: list) -> None:
        page = self.pages.get(item_id) or self.page()
        for path, photo, error in prepared:
            if error is not None:
                page.show_error(f"{path.name}: {error}")
                continue
            try:
                evidence_id = evidence.add_evidence(
                    self.store, self.id, item_id, photo.data, mime=photo.mime,
                    original_sha256=photo.original_sha256, file_name=path.name)
            except InspectorError as exc:
                page.show_error(f"{path.name}: {exc.message}")
                continue
            sha = hashlib.sha256(photo.data).hexdigest()
            self.evidence.setdefault(item_id, []).append(
                {"id": evidence_id, "item_id": item_id, "sha256": sha, "file_name": path.name})
            if item_id in self.pages:
                self.pages[item_id].photos.add_thumbnail(photo.data, path.name, evidence_id)
        self.state.photographed = set(self.evidence)
        self._after_save(self.checklist.item(item_id), [])
        self.photos_stored.emit(item_id)

    def remove_photo(self, item_id: str, evidence_id: str) -> None:
        """Take a photo out of the draft, once the inspector confirms: the history keeps
        it, the form, the evaluation and the report leave it out."""
        if self.read_only or QMessageBox.question(
                self, self.tr("Remove photo"),
                self.tr("Remove this photo from the inspection? The history keeps a record "
                        "of it, but the form and the report leave it out."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        page = self.pages.get(item_id) or self.page()
        try:
            evidence.remove_evidence(self.store, evidence_id)
        except InspectorError as exc:
            page.show_error(exc.message)
            return
        kept = [row for row in self.evidence.get(item_id, []) if row["id"] != evidence_id]
        if kept:
            self.evidence[item_id] = kept
        else:
            self.evidence.pop(item_id, None)
        if item_id in self.pages:
            self.pages[item_id].photos.remove_thumbnail(evidence_id)
        self.state.photographed = set(self.evidence)
        self._after_save(self.checklist.item(item_id), [])

    def wait_for_photos(self, ms: int = 30000) -> None:
        """Let photo work in progress finish, and save what it prepared."""
        self.operations.wait(ms)

    def sign_item(self, item_id: str) -> None:
        """A signature item: the pad's PNG is stored as the item's evidence."""
        from ..signature import SignatureDialog

        dialog = SignatureDialog(pick(self.checklist.item(item_id)["text"]), "", self)
        if dialog.exec():
            png = dialog.png()
            evidence.add_evidence(self.store, self.id, item_id, png, mime="image/png",
                                  caption=dialog.name(), file_name="signature.png")
            self.save(item_id, hashlib.sha256(png).hexdigest(), dialog.name())
            self._show_state(self.pages[item_id])

    # --- leaving -----------------------------------------------------------------------------

    def flush(self) -> None:
        if self.current in self.pages:
            self.pages[self.current].flush()
        self.wait_for_photos()  # photos being prepared are saved before anything closes

    def finish(self) -> None:
        self.flush()
        self.complete_requested.emit(self.id)

    def confirm_leave(self) -> bool:
        """Nothing to confirm: every change is already saved."""
        self.flush()
        return True

