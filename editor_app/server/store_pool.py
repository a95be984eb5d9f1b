"""SQLite connections for the store: a few, shared by every thread, borrowed per transaction.

A connection per thread, kept for the thread's life, leaked two descriptors (the database and its
WAL) for every worker thread the server ever ran: the thread pool retires idle workers and starts
new ones, and a burst of 200 clients left ~90 descriptors open (issue 16). Closing a connection
does not return them either: while other connections of the process hold locks on the file,
SQLite keeps the closed one's descriptor open (closing it would drop their POSIX locks).

So at most `max_open` connections are ever opened and none is closed before the store is: a
thread borrows one for its outermost transaction and gives it back; a nested `db()` on the same
thread reuses the borrowed one (one connection, one transaction per thread, as before). Queries
take microseconds, so borrowers rarely wait; one that waited `overflow_after_s` (every connection
held by slow work) opens one more, closed when returned, rather than risk waiting on a thread
that waits on it.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEFAULT_MAX_OPEN = 4
OVERFLOW_AFTER_S = 2.0


class PoolBusy(Exception):
    """Under `no_wait()`: every connection is borrowed, and this thread must not wait for one."""


class ConnectionPool:
    def __init__(
        self, path: Path, max_open: int = DEFAULT_MAX_OPEN, overflow_after_s: float = OVERFLOW_AFTER_S
    ) -> None:
        self.path = path
        self.max_open = max_open
        self.overflow_after_s = overflow_after_s
        self._idle: list[sqlite3.Connection] = []
        self._open_count = 0  # the pool's own (overflow connections are not counted)
        self._free = threading.Condition()
        self._local = threading.local()  # .conn and .depth while this thread borrows one
        self._closed = False

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    @contextmanager
    def borrow(self) -> Iterator[sqlite3.Connection]:
        """A connection for the duration of the block (nested blocks on one thread share it)."""
        held: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if held is not None:
            self._local.depth += 1
            try:
                yield held
            finally:
                self._local.depth -= 1
            return
        conn, pooled = self._take()
        self._local.conn, self._local.depth = conn, 1
        try:
            yield conn
        finally:
            self._local.conn = None
            self._give_back(conn, pooled)

    @contextmanager
    def no_wait(self) -> Iterator[None]:
        """Within the block, a borrow that would wait raises PoolBusy (the event loop's reads)."""
        self._local.no_wait = True
        try:
            yield
        finally:
            self._local.no_wait = False

    def _take(self) -> tuple[sqlite3.Connection, bool]:
        deadline = time.monotonic() + self.overflow_after_s
        with self._free:
            busy = not self._idle and self._open_count >= self.max_open
            if busy and getattr(self._local, "no_wait", False):
                raise PoolBusy()
            while not self._idle and self._open_count >= self.max_open:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._free.wait(left)
            if self._idle:
                return self._idle.pop(), True
            pooled = self._open_count < self.max_open
            self._open_count += pooled
        try:
            return self._open(), pooled
        except BaseException:
            with self._free:
                self._open_count -= pooled
                self._free.notify()
            raise

    def _give_back(self, conn: sqlite3.Connection, pooled: bool) -> None:
        with self._free:
            keep = pooled and not self._closed
            if keep and conn.in_transaction:  # a failed commit: never hand a dirty one on
                conn.rollback()
            if keep:
                self._idle.append(conn)
            else:
                self._open_count -= pooled
            self._free.notify()
        if not keep:
            conn.close()

    def open_count(self) -> int:
        with self._free:
            return self._open_count

    def close(self) -> None:
        """Close the idle connections; borrowed ones are closed when given back."""
        with self._free:
            self._closed = True
            idle, self._idle = self._idle, []
            self._open_count -= len(idle)
        for conn in idle:
            conn.close()
