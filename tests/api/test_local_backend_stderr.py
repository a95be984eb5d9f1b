"""`LocalBackend` keeps reading its child's stderr after the first line (issue 16, #10): a
server that logs a lot never blocks on a full pipe, and `stop()` stays quick."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from editor_app.headless.local_backend import LocalBackend


def test_a_chatty_backend_never_blocks_on_its_stderr(tmp_path: Path) -> None:
    # debug logging writes an access line per request to stderr: far more than a pipe holds
    with LocalBackend(tmp_path / "data", tools=("--log-level", "debug")) as backend:
        headers = {"x-access-token": backend.api_key}
        with httpx.Client(base_url=backend.base_url, headers=headers, timeout=5) as client:
            for _ in range(1500):
                assert client.get("/collection/default/upload_url?name=" + "x" * 100).status_code == 200
        started = time.monotonic()
        backend.stop()
        assert time.monotonic() - started < 5


def test_tokens_stay_out_of_the_access_log(tmp_path: Path) -> None:
    with LocalBackend(tmp_path / "data", tools=("--log-level", "debug")) as backend:
        with httpx.Client(base_url=backend.base_url, timeout=5) as client:
            client.get("/files/media/nothing.mp4?token=0123456789abcdef0123456789abcdef")
            client.get("/upload/secretuploadtoken0123")
        backend.stop()
        logged = "\n".join(backend.log_tail)
    assert "/files/media/nothing.mp4" in logged, logged  # the access line is there...
    assert "0123456789abcdef0123456789abcdef" not in logged  # ...without its token
    assert "secretuploadtoken0123" not in logged
