"""Fixtures of the client's tests: the real backend on loopback (the server tests' fixtures),
a client on it, and the fault-injecting proxy in front of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from editor_app.api import VideoDBClient
from tests.support.api import FAST_RETRY
from tests.support.fault_proxy import FaultProxy
from tests.support.media import MediaFactory
from tests.support.server import upload_via_http
from tests.support.server_process import LiveServer


@pytest.fixture
def client(live_server: LiveServer) -> Iterator[VideoDBClient]:
    with VideoDBClient(live_server.base_url, live_server.api_key, retry=FAST_RETRY, timeout=20) as api:
        yield api


@pytest.fixture(scope="session")
def session_proxy(live_server: LiveServer) -> Iterator[FaultProxy]:
    proxy = FaultProxy(live_server.base_url).start()
    yield proxy
    proxy.stop()


@pytest.fixture
def proxy(session_proxy: FaultProxy) -> Iterator[FaultProxy]:
    session_proxy.reset()
    yield session_proxy
    session_proxy.reset()


@pytest.fixture
def proxied(proxy: FaultProxy, live_server: LiveServer) -> Iterator[VideoDBClient]:
    """A client that reaches the backend through the fault proxy (short timeout for delay faults)."""
    with VideoDBClient(proxy.base_url, live_server.api_key, retry=FAST_RETRY, timeout=3) as api:
        yield api


@pytest.fixture(scope="session")
def red_video(live_server: LiveServer, media_factory: MediaFactory) -> dict[str, Any]:
    """A 4 s red video with a tone, uploaded once per session."""
    import httpx

    path: Path = media_factory.make_video("red", seconds=4)
    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers, timeout=60) as http:
        return upload_via_http(http, path, media_type="video", name="red")
