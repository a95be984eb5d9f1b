"""An unexpected error answers 500 on a connection that stays usable (issue 16, #8): the next
request on the same keep-alive connection succeeds. The failing route is the injected fault."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from editor_app.server.app import create_app
from tests.support.server import TEST_KEY


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    app = create_app(tmp_path / "data", TEST_KEY)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("injected fault")

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(15)


def test_a_500_leaves_the_connection_usable(base_url: str) -> None:
    headers = {"x-access-token": TEST_KEY}
    with httpx.Client(base_url=base_url, headers=headers, timeout=10) as client:
        for _ in range(10):
            failed = client.get("/boom")
            assert failed.status_code == 500
            assert failed.json() == {
                "success": False,
                "message": "internal error: RuntimeError",
                "error_code": "internal_error",
            }
            assert client.post("/editor", json={"timeline": {"tracks": []}}).status_code < 500
