"""Two connections to one store, interleaved at the moment that matters."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from inspector.store import Store


@contextmanager
def just_before_the_write_lock(store: Store, other: Callable[[], object]) -> Iterator[None]:
    """Run `other` (a write through another connection: another process, in effect)
    once, at the last moment before `store` asks for its next write lock (its BEGIN
    IMMEDIATE). A check that ran before that moment sees the store as it was; one that
    runs inside the write's transaction sees what `other` did."""
    ran: list = []

    def trace(sql: str) -> None:
        if not ran and sql.startswith("BEGIN IMMEDIATE"):
            ran.append(None)
            try:
                other()
            except BaseException as exc:  # sqlite swallows a callback's exceptions
                ran[0] = exc

    store.conn.set_trace_callback(trace)
    try:
        yield
    finally:
        store.conn.set_trace_callback(None)
        if ran and ran[0] is not None:  # the other write failed: the test means nothing
            raise ran[0]
    assert ran, "the store never asked for the write lock"
