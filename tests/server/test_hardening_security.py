"""Requests refused before routing (issue 16, #11 #12 #13): foreign Host names, a URL with two
tokens; and the data dir is private to its user."""

from __future__ import annotations

import stat
from urllib.parse import urlparse

import httpx
import pytest

from tests.support.media import MediaFactory
from tests.support.server import upload_via_http
from tests.support.server_process import LiveServer


def test_a_foreign_host_header_is_refused_even_for_open_routes(live_server: LiveServer) -> None:
    for path in ("/health", "/openapi.json", "/collection"):
        answer = httpx.get(
            live_server.base_url + path, headers={**live_server.headers, "host": "evil.example:80"}
        )
        assert answer.status_code == 421, (path, answer.text)


def test_loopback_names_and_the_bound_address_are_served(live_server: LiveServer) -> None:
    port = urlparse(live_server.base_url).port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
        answer = httpx.get(live_server.base_url + "/health", headers={"host": host})
        assert answer.status_code == 200, (host, answer.text)


def test_two_tokens_in_one_url_are_refused(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers) as client:
        answer = client.get("/health?token=a&token=b")
    assert answer.status_code == 400 and "more than one token" in answer.json()["message"]


def test_the_data_dir_and_database_are_private(live_server: LiveServer) -> None:
    assert stat.S_IMODE(live_server.data_dir.stat().st_mode) == 0o700
    database = live_server.data_dir / "backend.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) & 0o077 == 0


def test_a_playlist_never_echoes_a_foreign_token(live_server: LiveServer, red_stream: str) -> None:
    evil = "x\n#EXT-X-KEY:METHOD=AES-128,URI=http://evil.example/k\nhttp://evil.example/seg.ts"
    path = urlparse(red_stream).path
    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers, timeout=30) as client:
        playlist = client.get(path, params={"token": evil})
    assert playlist.status_code == 200, playlist.text
    assert "EXT-X-KEY" not in playlist.text and "evil.example" not in playlist.text


@pytest.fixture
def red_stream(live_server: LiveServer, media_factory: MediaFactory) -> str:
    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers, timeout=60) as client:
        media_id = upload_via_http(client, media_factory.make_video("red", seconds=2), media_type="video")[
            "id"
        ]
        asset = {"type": "video", "id": media_id, "start": 0, "volume": 1}
        body = {
            "timeline": {
                "resolution": "320x180",
                "tracks": [{"clips": [{"start": 0, "clip": {"asset": asset, "duration": 2}}]}],
            }
        }
        return str(client.post("/editor", json=body).json()["data"]["stream_url"])
