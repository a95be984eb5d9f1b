"""The local backend for tests: in process (`app_client`), as a real `serve` child on loopback
(`live_server`, one per session), the three-step upload through real HTTP (`uploaded`), and a
runner of ffmpeg/ffprobe for testing the renderer on its own (`tools`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from editor_app.server.app import create_app
from editor_app.server.tool_runner import ToolRunner
from tests.support.server_process import LiveServer, start_server

TEST_KEY = "test-key-0123456789"


@pytest.fixture
def app_client(tmp_path: Path) -> Iterator[TestClient]:
    """TestClient over a fresh data dir; `app_client.app.state` is the app's shared state."""
    app = create_app(tmp_path / "data", TEST_KEY, max_upload_bytes=5 * 1024 * 1024)
    with TestClient(app, headers={"x-access-token": TEST_KEY}) as client:
        yield client


@pytest.fixture
def tools() -> Iterator[ToolRunner]:
    """A runner of ffmpeg/ffprobe on PATH, as an app owns one; shut down after the test."""
    runner = ToolRunner()
    yield runner
    runner.shutdown()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(tmp_path_factory.mktemp("live-data"))
    yield server
    server.stop()


def upload_via_http(
    client: httpx.Client | TestClient,
    path: Path,
    *,
    media_type: str | None = None,
    name: str | None = None,
    collection_id: str = "default",
) -> dict[str, Any]:
    """The three-step upload flow; raises AssertionError with the server's message on failure."""
    answer = client.get(f"/collection/{collection_id}/upload_url", params={"name": name or path.stem})
    assert answer.status_code == 200, answer.text
    upload_url = answer.json()["data"]["upload_url"]
    with path.open("rb") as handle:
        sent = client.post(upload_url, files={"file": (path.stem, handle, "application/octet-stream")})
    assert sent.status_code == 200, sent.text
    body = {"url": upload_url, "name": name or path.stem, "media_type": media_type}
    ingested = client.post(f"/collection/{collection_id}/upload", json=body)
    assert ingested.status_code == 200, ingested.text
    data: dict[str, Any] = ingested.json()["data"]
    return data


@pytest.fixture
def uploaded(live_server: LiveServer) -> Iterator[Callable[..., dict[str, Any]]]:
    """`uploaded(path, media_type=None, name=None)` -> MediaItem JSON, via the live server."""
    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers, timeout=60) as client:

        def upload(path: Path, media_type: str | None = None, name: str | None = None) -> dict[str, Any]:
            return upload_via_http(client, path, media_type=media_type, name=name)

        yield upload
