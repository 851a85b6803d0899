"""How the pages learn that the store changed: one way, whoever wrote.

The store reports each commit's entities (Store.on_change); here that report becomes
a Qt signal, one per store, so every widget connected to it is disconnected by Qt
when it goes away. A write in a worker thread reaches the store's report on the UI
thread through its operation (ui/operations.py).

A page that shows records is a `Follows` page: when entities it shows change it is
marked dirty, and refreshes at once if it is on screen, else when it is next shown.
It also refreshes when shown after another program wrote to the file (the CLI on the
same store: SQLite's data_version tells) or after midnight in Beijing (overdue marks).
"""

from weakref import WeakKeyDictionary

from PySide6.QtCore import QObject, Signal

from .. import ids


class Changes(QObject):
    changed = Signal(object)  # a frozenset of entity names


_changes: WeakKeyDictionary = WeakKeyDictionary()  # store -> its Changes


def changes(store) -> Changes:
    """The store's change reports as a signal (made on first use)."""
    found = _changes.get(store)
    if found is None:
        found = _changes[store] = Changes()
        store.on_change(found.changed.emit)
    return found


# what the supervisor's figures (ledger, overview) are made of
RECTIFICATIONS = frozenset({"subject", "inspection", "answer", "rectification",
                            "rectification_event", "identity"})


class Follows:
    """A page (put before QWidget in its bases) showing records of the entities in SHOWS;
    it calls follow(store) when built and has refresh()."""

    SHOWS: frozenset[str] = frozenset()
    dirty = False
    _followed = None
    _seen: tuple | None = None

    def follow(self, store) -> None:
        self._followed = store
        changes(store).changed.connect(self.store_changed)

    def built_current(self) -> None:
        """For a page that read the store while being built: its first show needs no
        second reading (unless something changes before it)."""
        self._seen = self._outside()

    def store_changed(self, entities: frozenset) -> None:
        if self.SHOWS & entities:
            self.dirty = True
            if self.isVisible():
                self._refresh_now()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.dirty or self._seen != self._outside():
            self._refresh_now()

    def _outside(self) -> tuple | None:
        """What changes without a report from this store: the file written by another
        connection, and the day."""
        if self._followed is None:
            return None
        version = self._followed.conn.execute("PRAGMA data_version").fetchone()[0]
        return version, ids.today()

    def _refresh_now(self) -> None:
        self.dirty = False
        self._seen = self._outside()
        self.refresh()
