"""The SQLite store: opening, pragmas, migrations, transactions, the change log.

One file per person or organisation. Opening checks that the file is an Inspector
store, whole (not truncated, not another application's SQLite file), sets WAL +
foreign keys + synchronous=FULL (and checks they took), and runs the numbered
forward migrations; a store written by a newer version is refused. Whatever is
refused is left exactly as it was. A store opened read-only is never written.
"""

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path

from . import ids, sortkey
from .digest import canonical, digest, entry_hash
from .errors import StoreError
from .i18n import t
from .migrations import MIGRATIONS

SCHEMA_VERSION = len(MIGRATIONS)
SQLITE_HEADER = b"SQLite format 3\x00"
# PRAGMA application_id (the 4 bytes at offset 68 of the file's header) of every
# Inspector store: "INSP" in ASCII, 0x494E5350. Another application's SQLite file
# has another id (or none, 0), and is refused rather than migrated into a store.
APPLICATION_ID = 0x494E5350
# tables every Inspector store has had since its first migration: an unmarked file
# (application_id 0, from before the mark) holding them is an Inspector store
_OUR_TABLES = {"migrations", "settings", "changelog"}


def default_path() -> Path:
    """INSPECTOR_DB, or inspector.db in the platform's user-data folder."""
    env = os.environ.get("INSPECTOR_DB")
    if env:
        return Path(env)
    import platformdirs  # only for the default path: it costs start-up time

    return Path(platformdirs.user_data_dir("inspector", appauthor=False)) / "inspector.db"


class Store:
    """An open store. Use as a context manager, or call close().

    `readonly`: for what only reads (a list, a ledger, an export): the file is opened
    with SQLite's mode=ro, so nothing can write it, and it can be read from a
    write-protected folder; a missing store reads as an empty one and is not created,
    an older one is not migrated.
    """

    def __init__(self, path: str | Path | None = None, *, readonly: bool = False):
        self.path = Path(path) if path else default_path()
        self.readonly = readonly
        if not self._exists():
            if readonly:
                self._open_nothing()
                return
            self._create()
        self._check_file()
        self._check_owner()
        if readonly:
            self._open(self._connect(), self._check_version)
        else:
            self._open(self._connect(), self._configure, self._migrate)

    def _open(self, conn: sqlite3.Connection, *steps: Callable[[], None]) -> None:
        self.conn = conn
        sortkey.sql_function(conn)  # a migration asks for it
        self._db = None
        self._checklists: dict = {}
        self._touched: set[str] = set()  # entities written in the open transaction
        self._listeners: list = []
        self._author: dict = {}  # the store's identity as the authorization table sees it
        try:
            for step in steps:
                step()
            self.device_id = self.setting("device_id")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(_explain(exc), path=str(self.path)) from None
        except StoreError:
            conn.close()
            raise

    # --- opening ---------------------------------------------------------

    def _exists(self) -> bool:
        if self.path.is_dir():
            raise StoreError(t("store.is_dir"), path=str(self.path))
        return self.path.exists()

    def _open_nothing(self) -> None:
        """No store yet, and only reading to do: an empty store in memory answers (no
        subjects, no inspections), and no file is made."""
        self.readonly = False
        self._open(sqlite3.connect(":memory:"), self._migrate)
        self.readonly = True

    def _create(self) -> None:
        """A new store is made beside its place and linked in whole, so the file at the
        path is never a half-made store: an empty or partial file there is damage, and
        a failure (disk full) leaves nothing behind."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            message = t("store.cannot_open", err=exc.strerror)
            raise StoreError(message, path=str(self.path)) from None
        draft = self.path.with_name(f".{self.path.name}.{ids.uuid7()}.new")
        try:
            made = Store.__new__(Store)
            made.path, made.readonly = draft, False
            made._open(sqlite3.connect(draft, timeout=10), made._configure, made._migrate)
            made.close()  # merges the write-ahead log into the file
            _link_new(draft, self.path)
        except StoreError as exc:  # said as it is: there was no earlier data
            message = t("store.full_new") if exc.message == t("store.full") else \
                t("store.cannot_create", err=exc.message)
            raise StoreError(message, path=str(self.path)) from None
        except (OSError, sqlite3.Error) as exc:
            message = t("store.cannot_create", err=getattr(exc, "strerror", None) or exc)
            raise StoreError(message, path=str(self.path)) from None
        finally:
            for leftover in (draft, Path(f"{draft}-wal"), Path(f"{draft}-shm")):
                with suppress(FileNotFoundError):
                    leftover.unlink()

    def _check_file(self) -> None:
        """Refuse, before SQLite touches it, a file that is not an SQLite database or
        is visibly damaged: empty, or shorter than its header says (truncated)."""
        size = self.path.stat().st_size
        with open(self.path, "rb") as fh:
            head = fh.read(100)
        if size == 0:
            raise StoreError(t("store.empty"), path=str(self.path))
        if head[:16] != SQLITE_HEADER:
            raise StoreError(t("store.not_sqlite"), path=str(self.path))
        if not _whole(head, size) and not _wal_frames(self.path):
            raise StoreError(t("store.damaged"), path=str(self.path))

    def _check_owner(self) -> None:
        """Refuse, untouched, an SQLite file that is not an Inspector store. Ours carry
        APPLICATION_ID; those from before the mark are known by their tables (and are
        marked when next opened for writing); a database with nothing in it may become
        one. The header is stale while a write-ahead log holds the mark: SQLite asks."""
        with open(self.path, "rb") as fh:
            if fh.read(72)[68:72] == APPLICATION_ID.to_bytes(4, "big"):
                return
        try:
            with closing(_peek(self.path)) as conn:
                marked = conn.execute("PRAGMA application_id").fetchone()[0]
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                tables = {r[0] for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
                schema = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(_explain(exc), path=str(self.path)) from None
        ours = marked == APPLICATION_ID or (
            marked == 0 and version > 0 and tables >= _OUR_TABLES)
        empty = marked == 0 and version == 0 and schema == 0
        if not (ours or empty):
            raise StoreError(t("store.foreign"), path=str(self.path))

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.readonly:
                return _connect_readonly(self.path)
            return sqlite3.connect(self.path, timeout=10)
        except sqlite3.Error as exc:
            raise StoreError(t("store.cannot_open", err=exc), path=str(self.path)) from None

    def _check_version(self) -> None:
        """A store opened read-only is read as it is: it must have this version's schema."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(t("store.too_new", found=current, known=SCHEMA_VERSION),
                             path=str(self.path))
        if current < SCHEMA_VERSION:
            raise StoreError(t("store.needs_upgrade", found=current, known=SCHEMA_VERSION),
                             path=str(self.path))

    def _configure(self) -> None:
        conn = self.conn
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA busy_timeout=10000")
        got = (mode, conn.execute("PRAGMA foreign_keys").fetchone()[0],
               conn.execute("PRAGMA synchronous").fetchone()[0])
        if got != ("wal", 1, 2):
            raise StoreError(t("store.pragmas", got=got), path=str(self.path))

    @property
    def db(self):
        """sqlite-utils over this connection, made on first use: importing it costs a
        tenth of a second the app's first screen does not need to wait for."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    def query(self, sql: str, params=()) -> list[dict]:
        """Rows as dicts, straight from the connection."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(t("store.too_new", found=current, known=SCHEMA_VERSION),
                             path=str(self.path))
        for number in range(current + 1, SCHEMA_VERSION + 1):
            name, statements = MIGRATIONS[number - 1]
            with self.transaction():
                for sql in statements:
                    self.conn.execute(sql)
                self.conn.execute(
                    "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (number, name, ids.now()))
                self.conn.execute(f"PRAGMA user_version = {number}")
        if not self.setting("device_id"):
            with self.transaction():
                self.set_setting("device_id", ids.uuid7())
        if self.conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            with self.transaction():  # a store from before the mark
                self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    # --- transactions ----------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE); nested calls use savepoints.

        SQLite errors that mean the disk or the file is at fault become a
        StoreError; the transaction is rolled back, so nothing half-written stays.
        """
        conn = self.conn
        if conn.in_transaction:
            name = f"sp_{ids.uuid7().replace('-', '')}"
            conn.execute(f"SAVEPOINT {name}")
            kept = set(self._touched)
            try:
                yield conn
            except BaseException:
                self._touched = kept  # what the savepoint wrote is undone
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
                raise
            conn.execute(f"RELEASE {name}")
            return
        if self.readonly:  # a slip in a command that was meant only to read
            raise StoreError(t("store.readonly"), path=str(self.path))
        self._touched = set()
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError) and not \
                    isinstance(exc, sqlite3.IntegrityError):
                raise StoreError(_explain(exc), path=str(self.path)) from exc
            raise
        self.announce(self._touched)

    # --- change reports --------------------------------------------------

    def touched(self, *entities: str) -> None:
        """Note that the open transaction wrote records of these entities. record()
        does it; so does a write that applies log entries itself (a bundle's import)."""
        assert self.conn.in_transaction, "touched() outside a transaction"
        self._touched.update(entities)

    def on_change(self, listener) -> Callable[[], None]:
        """Call `listener(entities)`, a frozenset of entity names, after each commit
        that wrote records; a rolled-back transaction reports nothing. Returns the
        function that stops the calls."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def announce(self, entities) -> None:
        """Report committed changes to the listeners: this connection's, or those a
        connection of another thread made to the same file (the app's workers)."""
        if entities:
            changed = frozenset(entities)
            for listener in list(self._listeners):
                listener(changed)

    @contextmanager
    def trial(self) -> Iterator[sqlite3.Connection]:
        """A transaction (a savepoint when nested) that is always rolled back: writes
        made in it are seen by the reads after them, and none is kept (a preview)."""
        conn = self.conn
        name = f"trial_{ids.uuid7().replace('-', '')}" if conn.in_transaction else None
        try:
            conn.execute(f"SAVEPOINT {name}" if name else "BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # locked by another writer, say
            raise StoreError(_explain(exc), path=str(self.path)) from exc
        try:
            yield conn
        finally:
            if conn.in_transaction and name:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            elif conn.in_transaction:
                conn.execute("ROLLBACK")

    @contextmanager
    def durable_at_end(self) -> Iterator[None]:
        """Several transactions that must be durable together when the block ends,
        not each on its own (a batch of imports): their commits skip the fsync
        (synchronous=NORMAL keeps the file consistent, each commit atomic) and the
        end syncs the write-ahead log once."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("PRAGMA synchronous=NORMAL")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA synchronous=FULL")
            wal = Path(f"{self.path}-wal")
            with suppress(FileNotFoundError), open(wal, "rb+") as log:
                os.fsync(log.fileno())

    def close(self) -> None:
        # keep the planner's statistics fresh (ledger filters pick better indexes);
        # on a read-only or busy file they can wait
        if not self.readonly:
            with suppress(sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        self.close()
        if isinstance(error, sqlite3.DatabaseError) and _damage(error):
            # damage met while reading (a page the opening checks did not reach)
            raise StoreError(t("store.damaged"), path=str(self.path)) from None

    # --- settings --------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    @property
    def actor(self) -> str | None:
        """The id of the identity this store belongs to, if one is set up."""
        return self.setting("identity_id")

    def stamp(self) -> dict:
        """Provenance columns for a new record."""
        at = ids.now()
        return {"created_at": at, "updated_at": at, "created_by": self.actor,
                "device_id": self.device_id}

    # --- change log ------------------------------------------------------

    def record(self, entity: str, record_id: str, op: str, data: dict) -> str:
        """Make a change: append its log entry (chained to this device's previous
        one) and apply it to the tables. Returns the entry id.

        Every write that matters goes through here, so the change log alone can
        rebuild the store, and bundles carry nothing else.
        """
        from .apply import apply
        from .authorization import check_local  # writes only: opening to read skips it

        assert self.conn.in_transaction, "record() outside a transaction"
        entry = {"id": ids.uuid7(), "at": ids.now(), "actor": self.actor,
                 "device_id": self.device_id, "entity": entity, "record_id": record_id,
                 "op": op, "data": data, "data_hash": digest(data),
                 "prev_hash": self.chain_head(self.device_id)}
        entry["hash"] = entry_hash(entry)
        check_local(self.conn, entry["actor"], entry, self._author)  # who may write what
        self.append_entry(entry)
        apply(self.conn, entry)
        self.touched(entity)
        return entry["id"]

    def chain_head(self, device_id: str) -> str | None:
        """The hash of the newest log entry from `device_id`."""
        row = self.conn.execute(
            "SELECT hash FROM changelog WHERE device_id = ? ORDER BY seq DESC LIMIT 1",
            (device_id,)).fetchone()
        return row[0] if row else None

    def append_entry(self, entry: dict) -> None:
        self.append_entries([entry])

    def append_entries(self, entries: list[dict]) -> None:
        self.conn.executemany(
            "INSERT INTO changelog (id, at, actor, device_id, entity, record_id, op, data, "
            "data_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(e["id"], e["at"], e["actor"], e["device_id"], e["entity"], e["record_id"], e["op"],
              None if e["data"] is None else e.get("data_text") or canonical(e["data"]),
              e["data_hash"],
              e["prev_hash"], e["hash"])
             for e in entries])

    def verify_log(self) -> list[str]:
        """Problems in the change log's hash chains (empty when intact)."""
        problems, last = [], {}
        for row in self.db.query("SELECT * FROM changelog ORDER BY seq"):
            device = row["device_id"]
            if row["prev_hash"] != last.get(device):
                problems.append(t("log.broken_link", seq=row["seq"]))
            withheld = row["data"] is None  # its data_hash still counts in the chain
            if entry_hash(row) != row["hash"] or (not withheld and digest(
                    json.loads(row["data"])) != row["data_hash"]):
                problems.append(t("log.bad_hash", seq=row["seq"]))
            last[device] = row["hash"]
        return problems


def _whole(head: bytes, size: int) -> bool:
    """Whether the file is as long as its header says. (A write-ahead log with frames
    in it may hold pages the file does not have yet: then SQLite judges.)"""
    if len(head) < 100:
        return False
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    if page < 512 or page & (page - 1):
        return False
    pages = int.from_bytes(head[28:32], "big")
    counted = head[24:28] == head[92:96] and pages > 0  # the header's count is current
    return size % page == 0 and (not counted or size >= pages * page)


def _wal_frames(path: Path) -> bool:
    """Whether the store's write-ahead log holds any frame (past its 32-byte header)."""
    try:
        return Path(f"{path}-wal").stat().st_size > 32
    except FileNotFoundError:
        return False


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """mode=ro: SQLite does not write the file. Reading a WAL store needs its -shm and
    -wal files, which a write-protected folder (a locked USB stick) cannot get: there
    the file is opened immutable, which is safe only while no -wal holds frames (the
    file alone is then the whole store, and no one can be writing it: a writer would
    have to create a -wal in that folder)."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=10)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if not getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_READONLY",
                                                                 "SQLITE_CANTOPEN")):
            raise
    if _wal_frames(path):
        raise StoreError(t("store.wal_readonly"), path=str(path))
    return sqlite3.connect(f"{uri}?immutable=1", uri=True)


def _peek(path: Path) -> sqlite3.Connection:
    """A connection that only looks, leaving no -wal or -shm beside a file that had
    none (immutable: the file alone is read)."""
    if Path(f"{path}-wal").exists():
        return _connect_readonly(path)
    return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)


def _link_new(made: Path, path: Path) -> None:
    """Put a complete new store at `path` unless one appeared there meanwhile (another
    process made it first: that one is kept), and make the name durable."""
    try:
        os.link(made, path)
    except FileExistsError:
        return
    except OSError:  # no hard links here (FAT on a USB stick): a rename is the way
        if path.exists():
            return
        try:
            os.rename(made, path)  # (on Windows, refused if one appeared meanwhile)
        except FileExistsError:
            return
    if hasattr(os, "O_DIRECTORY"):  # POSIX: the new name survives a power cut
        folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _damage(exc: sqlite3.Error) -> bool:
    text = str(exc)
    return "malformed" in text or "not a database" in text


def _explain(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "full" in text:
        return t("store.full")
    if _damage(exc):
        return t("store.damaged")
    if "readonly" in text or "read-only" in text:
        return t("store.readonly")
    if "locked" in text or "busy" in text:
        return t("store.locked")
    return t("store.error", err=text)
