"""Client paths the local backend does not exercise, driven by an httpx MockTransport: the
cloud's mp4-only export, big timelines sent by upload, async ingest, job failure and timeout."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from editor_app.api import (
    DownloadIncomplete,
    InvalidRequestError,
    JobFailed,
    JobTimeout,
    NotFoundError,
    RetryPolicy,
    ServerError,
    VideoDBClient,
    supports_formats,
)
from editor_app.api.errors import ConnectionFailed, redact
from editor_app.api.retry import retry_after_seconds
from editor_app.wire import CompileResult

BASE = "https://api.example.test"
KEY = "sk-cloud-SECRET-000111"
Handler = Callable[[httpx.Request], httpx.Response]


def ok(data: Any) -> httpx.Response:
    return httpx.Response(200, json={"success": True, "data": data})


def make_client(handler: Handler, **kwargs: Any) -> VideoDBClient:
    retry = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02)
    return VideoDBClient(BASE, KEY, transport=httpx.MockTransport(handler), retry=retry, **kwargs)


def test_without_a_timeline_id_export_is_mp4_only_through_editor_download() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        out = f"{BASE}/async-response/j1"
        return httpx.Response(
            200, json={"success": True, "status": "processing", "data": {"output_url": out}}
        )

    compiled = CompileResult(stream_url=f"{BASE}/s/1.m3u8")
    assert supports_formats(compiled) == ("mp4",)
    with make_client(handler) as api:
        with pytest.raises(InvalidRequestError, match="mp4 only"):
            api.start_export(compiled, format="webm")
        assert not sent
        handle = api.start_export(compiled, format="mp4", quality="low")
    assert handle.endpoint == "/editor/download" and handle.output_url.endswith("/j1")
    assert json.loads(sent[0].content) == {"stream_url": f"{BASE}/s/1.m3u8"}


def test_a_timeline_over_100_kib_is_uploaded_and_sent_as_timeline_url() -> None:
    uploads: list[httpx.Request] = []
    posted: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/upload_url"):
            return ok({"upload_url": "https://storage.example.test/put/abc"})
        if request.url.host == "storage.example.test":
            uploads.append(request)
            return httpx.Response(200, json={})
        posted.append(json.loads(request.content))
        return ok({"stream_url": f"{BASE}/s/2.m3u8"})

    big = {"timeline": {"tracks": [{"clips": [{"start": 0, "clip": {"pad": "x" * 120_000}}]}]}}
    with make_client(handler) as api:
        api.compile(big)
        api.compile({"timeline": {"tracks": []}})
    assert posted == [{"timeline_url": "https://storage.example.test/put/abc"}, {"timeline": {"tracks": []}}]
    assert len(uploads) == 1 and b'"pad"' in uploads[0].content
    assert "x-access-token" not in uploads[0].headers  # a storage host never sees the key


def test_an_async_ingest_is_followed_to_the_media_object(tmp_path: Path) -> None:
    source = tmp_path / "clip.mp4"
    source.write_bytes(b"\0" * 1000)
    polls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/upload_url"):
            return ok({"upload_url": f"{BASE}/upload/t1"})
        if path == "/upload/t1":
            return ok({})
        if path.endswith("/upload"):
            body = json.loads(request.content)
            assert body["media_type"] == "video" and body["name"] == "clip"
            out = f"{BASE}/async-response/u1"
            return httpx.Response(
                200, json={"success": True, "status": "processing", "data": {"output_url": out}}
            )
        polls.append(1)
        if len(polls) < 2:
            return httpx.Response(200, json={"success": True, "status": "processing", "data": {}})
        media = {"id": "m-1", "name": "clip", "length": "12.5"}
        return httpx.Response(200, json={"success": True, "status": "done", "data": media})

    with make_client(handler) as api:
        item = api.upload(source)
    assert item.id == "m-1" and item.length == 12.5 and len(polls) == 2


def test_a_failed_job_carries_its_reason_and_a_stuck_one_times_out() -> None:
    def failed(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"success": False, "status": "failed", "message": "disk full"})

    def stuck(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"success": True, "status": "processing", "data": {"progress": 0.5}})

    with make_client(failed) as api, pytest.raises(JobFailed) as caught:
        api.wait_job(f"{BASE}/async-response/j")
    assert caught.value.reason == "disk full"
    with make_client(stuck) as api, pytest.raises(JobTimeout, match="did not finish"):
        api.wait_job(f"{BASE}/async-response/j", timeout=0.3)


def test_error_bodies_map_to_types_and_never_show_secrets() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/video/m-404":
            return httpx.Response(404, json={"success": False, "message": "video m-404 not found"})
        if request.url.path == "/editor":
            message = f"tracks[0].clips[0].clip.duration: bad (key {KEY}, url {BASE}/f?token=abc123)"
            return httpx.Response(400, json={"success": False, "message": message})
        return httpx.Response(200, content=b"\x00garbage")

    with make_client(handler) as api:
        with pytest.raises(NotFoundError, match="m-404"):
            api.get_media("m-404")
        with pytest.raises(InvalidRequestError) as caught:
            api.compile({"timeline": {}})
        with pytest.raises(ServerError, match="unreadable"):
            api.list_videos()
    assert caught.value.field == "tracks[0].clips[0].clip.duration"
    assert KEY not in str(caught.value) and "abc123" not in str(caught.value)


def test_retry_delays_grow_cap_and_honour_retry_after() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=4, jitter=0.25)
    delays = [policy.delay(n) for n in range(1, 8)]
    assert 0.375 <= delays[0] <= 0.625 and all(d <= 5.0 for d in delays)
    assert max(delays) >= 3.0  # reaches the cap region
    assert policy.delay(1, retry_after=7) == 7 and policy.delay(1, retry_after=1e6) == policy.max_retry_after
    later = datetime.now(UTC) + timedelta(seconds=30)
    response = httpx.Response(429, headers={"Retry-After": format_datetime(later, usegmt=True)})
    assert 25 <= (retry_after_seconds(response) or 0) <= 31
    assert retry_after_seconds(httpx.Response(429, headers={"Retry-After": "soon"})) is None


def test_redact_removes_keys_and_url_tokens() -> None:
    text = redact(f"GET {BASE}/x?a=1&token=zzz&api_key=yyy {KEY}", (KEY,))
    assert "zzz" not in text and "yyy" not in text and KEY not in text and "a=1" in text


def test_redirects_carry_the_key_only_on_the_backends_origin(tmp_path: Path) -> None:
    seen: list[tuple[str, str | None, str | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.host, request.headers.get("x-access-token"), request.headers.get("range")))
        if request.url.path == "/files/out.mp4":
            return httpx.Response(302, headers={"Location": f"{BASE}/files/moved.mp4"})
        if request.url.path == "/files/moved.mp4":
            return httpx.Response(302, headers={"Location": "https://cdn.example.test/out.mp4?sig=1"})
        return httpx.Response(200, content=b"video-bytes")

    with make_client(handler) as api:
        out = api.download(f"{BASE}/files/out.mp4", tmp_path / "out.mp4")
    assert out.read_bytes() == b"video-bytes"
    assert [(host, key) for host, key, _ in seen] == [
        ("api.example.test", KEY),
        ("api.example.test", KEY),
        ("cdn.example.test", None),
    ]


def test_a_server_that_ignores_range_restarts_the_file(tmp_path: Path) -> None:
    body = bytes(range(256)) * 40

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body)  # no 206, whatever the Range asks

    dest = tmp_path / "f.bin"
    (tmp_path / "f.bin.part").write_bytes(b"stale-and-wrong")
    with make_client(handler) as api:
        api.download(f"{BASE}/files/f.bin", dest, expected_size=len(body))
    assert dest.read_bytes() == body


def test_a_wrong_range_restarts_the_file_and_a_short_body_is_incomplete(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if "range" not in request.headers:
            return httpx.Response(200, headers={"Content-Length": "100"}, content=b"x" * 40)
        return httpx.Response(206, headers={"Content-Range": "bytes 0-99/100"}, content=b"x" * 100)

    dest = tmp_path / "f.bin"
    (tmp_path / "f.bin.part").write_bytes(b"x" * 40)
    with make_client(handler) as api, pytest.raises((ServerError, DownloadIncomplete)):
        api.download(f"{BASE}/files/f.bin", dest)
    assert not dest.exists()


def test_a_closed_client_fails_as_a_lost_connection_not_a_runtime_error() -> None:
    # the app closes a client when its backend dies; a worker still using it must get a typed error
    client = make_client(lambda request: ok([]))
    client.close()
    with pytest.raises(ConnectionFailed, match="closed"):
        client.list_videos()
