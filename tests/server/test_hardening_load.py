"""Issue 16, load: the store's SQLite descriptors stay bounded however many threads use it."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from editor_app.server.store import Store
from editor_app.server.store_pool import DEFAULT_MAX_OPEN, ConnectionPool, PoolBusy


def db_descriptors(db_path: Path) -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}").startswith(str(db_path))
        except OSError:
            continue
    return count


def test_many_short_lived_threads_leave_no_sqlite_descriptors_behind(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    try:
        barrier = threading.Barrier(20)

        def reader() -> None:
            barrier.wait()  # all at once: as many connections wanted as threads
            for _ in range(20):
                store.list_collections()

        for _ in range(4):  # thread pools retire workers and start new ones
            threads = [threading.Thread(target=reader) for _ in range(20)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
        # the database and its WAL per connection, the shared-memory index once
        assert db_descriptors(store.db_path) <= 2 * DEFAULT_MAX_OPEN + 1
    finally:
        store.close()
    assert db_descriptors(store.db_path) == 0


def test_nested_transactions_on_one_thread_share_a_connection(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    try:
        with store.db() as outer, store.db() as inner:
            assert inner is outer
    finally:
        store.close()


def test_a_borrower_gets_a_connection_even_when_every_pooled_one_is_held(tmp_path: Path) -> None:
    """No deadlock on a thread that holds a connection while waiting for another thread."""
    Store(tmp_path / "data").close()  # the schema
    pool = ConnectionPool(tmp_path / "data" / "backend.sqlite3", max_open=1, overflow_after_s=0.2)
    got: list[int] = []
    with pool.borrow():

        def other() -> None:
            with pool.borrow() as conn:
                got.append(conn.execute("SELECT COUNT(*) FROM collections").fetchone()[0])

        thread = threading.Thread(target=other)
        thread.start()
        thread.join(10)
    assert got == [1]
    assert pool.open_count() == 1  # the overflow connection was closed, not pooled
    pool.close()


def test_a_read_that_must_not_wait_is_told_at_once_when_every_connection_is_held(tmp_path: Path) -> None:
    """The event loop's quick reads (routes/state.py) go to a thread instead of waiting."""
    Store(tmp_path / "data").close()
    pool = ConnectionPool(tmp_path / "data" / "backend.sqlite3", max_open=1, overflow_after_s=5)
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with pool.borrow():
            held.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(10)
    try:
        started = time.monotonic()
        with pool.no_wait(), pytest.raises(PoolBusy), pool.borrow():
            pass
        assert time.monotonic() - started < 1
    finally:
        release.set()
        thread.join(10)
    with pool.no_wait(), pool.borrow() as conn:  # free again: no refusal
        assert conn.execute("SELECT 1").fetchone()[0] == 1
    pool.close()


def test_quick_get_routes_answer_as_before(app_client: TestClient) -> None:
    assert app_client.get("/collection").json()["data"]["default_collection"] == "default"
    assert app_client.get("/collection/default").json()["data"]["id"] == "default"
    missing = app_client.get("/video/m-0123456789abcdef")
    assert missing.status_code == 404 and missing.json()["error_code"] == "not_found"
