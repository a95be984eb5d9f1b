"""Issue 16, load: the store's SQLite descriptors stay bounded however many threads use it."""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from editor_app.samples import SampleMedia
from editor_app.server.routes.media import LIST_ON_LOOP
from editor_app.server.store import Store
from editor_app.server.store_pool import DEFAULT_MAX_OPEN, ConnectionPool, PoolBusy
from editor_app.wire import Collection, Envelope, MediaItem
from tests.support.server import upload_via_http
from tests.support.server_process import LiveServer


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


def test_item_gets_answer_exactly_what_their_response_model_serialises(
    app_client: TestClient, tmp_path: Path
) -> None:
    """The item routes encode their envelope themselves: the body must be what FastAPI's
    validation of the declared `response_model` would have produced (`message` and `error_code`
    null included), for a video and a collection."""
    video = upload_via_http(app_client, SampleMedia(tmp_path).flat_video("teal", seconds=1))
    for path, model in (
        (f"/video/{video['id']}", Envelope[MediaItem]),
        ("/collection/default", Envelope[Collection]),
    ):
        answer = app_client.get(path)
        assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
        body = answer.json()
        assert body == model.model_validate(body).model_dump(mode="json", by_alias=True)
        assert body["success"] is True and body["message"] is None and body["error_code"] is None
    assert app_client.get(f"/video/{video['id']}").json()["data"]["proxy"]["state"] == "none"


def test_a_media_list_shows_each_videos_own_proxy_state(app_client: TestClient, tmp_path: Path) -> None:
    """Lists read every proxy row in one query: each item must still get its own row's state,
    a video without a row the default, and non-videos none."""
    samples = SampleMedia(tmp_path)
    making = upload_via_http(app_client, samples.flat_video("red", seconds=1))
    plain = upload_via_http(app_client, samples.flat_video("blue", seconds=1))
    image = upload_via_http(app_client, samples.still("green"), media_type="image")
    sha = app_client.app.state.store.get_media(making["id"]).sha256  # type: ignore[attr-defined]
    app_client.app.state.proxies.rows.set(sha, "making", progress=0.25)  # type: ignore[attr-defined]
    videos = {v["id"]: v for v in app_client.get("/video?collection_id=default").json()["data"]["videos"]}
    assert videos[making["id"]]["proxy"]["state"] == "making"
    assert videos[making["id"]]["proxy"]["progress"] == 0.25
    assert videos[plain["id"]]["proxy"]["state"] == "none"
    assert videos[making["id"]] == app_client.get(f"/video/{making['id']}").json()["data"]
    images = app_client.get("/image?collection_id=default").json()["data"]["images"]
    assert [i["id"] for i in images] == [image["id"]] and images[0]["proxy"] is None


def test_a_long_media_list_is_complete_and_in_order(app_client: TestClient, tmp_path: Path) -> None:
    """Past LIST_ON_LOOP items the list is built in a worker thread: the same answer."""
    video = upload_via_http(app_client, SampleMedia(tmp_path).flat_video("teal", seconds=1))
    store = app_client.app.state.store  # type: ignore[attr-defined]
    record = store.get_media(video["id"])
    ids = [video["id"]]
    for n in range(LIST_ON_LOOP + 5):  # rows sharing the one stored file, as identical uploads do
        copy = dataclasses.replace(
            record, id=f"m-{n:016x}", name=f"copy {n}", created_at=record.created_at + n + 1
        )
        store.add_media(copy)
        ids.append(copy.id)
    videos = app_client.get("/video?collection_id=default").json()["data"]["videos"]
    assert [v["id"] for v in videos] == ids
    assert all(v["stream_url"] and "token=" in v["stream_url"] for v in videos)


def test_a_token_spelled_with_escapes_counts_as_a_second_token(app_client: TestClient) -> None:
    """The token query is parsed only when it may hold one: `%74oken` is a token too."""
    answer = app_client.get("/health?token=a&%74oken=b")
    assert answer.status_code == 400 and "more than one token" in answer.json()["message"]
    assert app_client.get("/collection?x=1").status_code == 200  # no token, the key header: served


def test_forwarded_headers_do_not_change_signed_urls(live_server: LiveServer, tmp_path: Path) -> None:
    """`serve` has no proxy before it: a local program's X-Forwarded-Proto/Host must not turn
    the URLs it signs into https or another host (uvicorn trusted them from loopback)."""
    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers, timeout=60) as client:
        video = upload_via_http(client, SampleMedia(tmp_path).flat_video("teal", seconds=1))
        forged = {"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9"}
        answer = client.get(f"/video/{video['id']}", headers=forged)
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"]["stream_url"].startswith(live_server.base_url + "/files/media/")
