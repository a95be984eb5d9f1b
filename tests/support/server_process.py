"""Start `videodb-editor serve` as a real child process and read its one JSON line (for tests).

Importable by any test folder: `from tests.support.server_process import start_server, LiveServer`.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

STARTUP_TIMEOUT_S = 30.0


@dataclass
class LiveServer:
    base_url: str
    api_key: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    announcement: str = ""
    # stdout after the JSON line (there should be none), collected when the server stops
    extra_output: list[str] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return {"x-access-token": self.api_key}

    def stop(self, timeout: float = 15.0) -> int:
        """SIGTERM, then wait; kills (and fails loudly in the return code) if it lingers."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self.process.stdout is not None and not self.process.stdout.closed:
            rest = self.process.stdout.read().decode(errors="replace")
            if rest:
                self.extra_output.append(rest)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return int(self.process.returncode)


def serve_command(data_dir: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "editor_app.cli",
        "serve",
        "--port",
        "0",
        "--data-dir",
        str(data_dir),
        *extra,
    ]


def start_server(data_dir: Path, *extra: str, timeout: float = STARTUP_TIMEOUT_S) -> LiveServer:
    """Spawn the server and return once it printed its JSON line (it accepts requests from then on)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    # --parent-watch: a run that pytest-timeout ends with os._exit leaves no server behind
    process = subprocess.Popen(
        serve_command(data_dir, "--parent-watch", *extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    buffer = b""
    while b"\n" not in buffer:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or process.poll() is not None:
            process.kill()
            errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"serve did not announce itself (exit {process.poll()}): {errors[-2000:]}")
        if selector.select(min(remaining, 0.5)):
            chunk = os.read(process.stdout.fileno(), 4096)
            buffer += chunk
    selector.close()
    line, _, rest = buffer.partition(b"\n")
    announced = json.loads(line)
    return LiveServer(
        base_url=announced["base_url"],
        api_key=announced["api_key"],
        data_dir=data_dir,
        process=process,
        announcement=line.decode(),
        extra_output=[rest.decode(errors="replace")] if rest else [],
    )


@contextmanager
def serve_child(
    data_dir: Path, *extra: str, timeout: float = 60
) -> Iterator[tuple[LiveServer, httpx.Client]]:
    """A `serve` child of the test's own (a fresh data dir, `extra` flags) and a client of it; the
    client is closed and the server stopped after, also when the test fails."""
    server = start_server(data_dir, *extra)
    try:
        with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=timeout) as client:
            yield server, client
    finally:
        server.stop()


def one_clip_timeline(
    media_id: str, seconds: float, *, resolution: str = "640x360", volume: float = 1.0
) -> dict[str, object]:
    """An editor-API body: one video clip of `media_id` from 0 for `seconds` (another `volume`
    makes another timeline, so new segments)."""
    asset = {"type": "video", "id": media_id, "start": 0, "volume": volume}
    clip = {"start": 0, "clip": {"asset": asset, "duration": seconds}}
    return {"timeline": {"resolution": resolution, "tracks": [{"clips": [clip]}]}}
