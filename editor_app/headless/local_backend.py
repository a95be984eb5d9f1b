"""Start the embedded backend as a child process (`videodb-editor serve --port 0`) for headless use.

The child prints one JSON line `{"base_url", "api_key"}` once it accepts requests; that line
is all this module knows about the server (it never imports `editor_app.server`). After it,
both pipes are drained on threads (their last lines kept in `log_tail` for diagnostics): a child
that logs more than a pipe holds would otherwise block on its next write.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from editor_app.api.errors import ConnectionFailed
from editor_app.self_command import self_command

STARTUP_TIMEOUT_S = 30.0
LOG_LINES_KEPT = 200  # the last lines the child wrote after its announcement (both pipes)


class LocalBackend:
    """A running `serve` child; use as a context manager so it is always stopped."""

    def __init__(
        self, data_dir: Path, *, timeout: float = STARTUP_TIMEOUT_S, tools: Sequence[str] = ()
    ) -> None:
        """`tools`: extra `serve` options naming ffmpeg/ffprobe (`EditorSettings.serve_tool_arguments`)."""
        self.data_dir = data_dir
        command = self_command("serve", "--port", "0", "--data-dir", str(data_dir), *tools)
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONUNBUFFERED="1"),
        )
        self.log_tail: deque[str] = deque(maxlen=LOG_LINES_KEPT)
        self._drains: list[threading.Thread] = []
        try:
            self.base_url, self.api_key = self._read_announcement(timeout)
        except BaseException:
            self.stop()
            raise
        self._drain(self.process.stdout, self.log_tail)
        self._drain(self.process.stderr, self.log_tail)

    def _drain(self, stream: IO[bytes] | None, keep: deque[str] | None) -> None:
        if stream is None:
            return

        def read() -> None:
            try:
                for line in stream:
                    if keep is not None:
                        keep.append(line.decode(errors="replace").rstrip())
            except (OSError, ValueError):
                pass  # closed by stop()

        thread = threading.Thread(target=read, name="local-backend-pipe", daemon=True)
        thread.start()
        self._drains.append(thread)

    def __repr__(self) -> str:
        return f"LocalBackend(pid={self.process.pid}, data_dir={str(self.data_dir)!r})"

    def _read_announcement(self, timeout: float) -> tuple[str, str]:
        stdout = self.process.stdout
        assert stdout is not None
        deadline = time.monotonic() + timeout
        buffer = b""
        with selectors.DefaultSelector() as selector:
            selector.register(stdout, selectors.EVENT_READ)
            while b"\n" not in buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.process.poll() is not None:
                    raise ConnectionFailed(f"the local backend did not start: {self._stderr_tail()}")
                if selector.select(min(remaining, 0.25)):
                    chunk = os.read(stdout.fileno(), 4096)
                    if not chunk:
                        self.process.wait(5)
                        raise ConnectionFailed(f"the local backend exited: {self._stderr_tail()}")
                    buffer += chunk
        try:
            announced = json.loads(buffer.partition(b"\n")[0])
            return str(announced["base_url"]), str(announced["api_key"])
        except (ValueError, KeyError, TypeError):
            raise ConnectionFailed("the local backend announced itself in an unknown way") from None

    def _stderr_tail(self) -> str:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        text = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
        lines = [line for line in text.strip().splitlines() if line.strip()]
        return lines[-1] if lines else f"exit code {self.process.returncode}"

    def stop(self, timeout: float = 15.0) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        for thread in self._drains:  # they end at the pipes' EOF, now the child is gone
            thread.join(2)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()

    def __enter__(self) -> LocalBackend:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
