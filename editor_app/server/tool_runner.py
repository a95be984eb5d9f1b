"""Run ffmpeg/ffprobe (argument lists, never a shell) so that a server shutdown can end them.

Request threads block in `run_tool`; `stop_all` (a shutdown hook of the app) terminates whatever
is still running, so SIGTERM never leaves an orphaned ffmpeg writing into the data dir. The
waiting request then sees a failed run and removes its partial output.
"""

from __future__ import annotations

import subprocess
import threading
from dataclasses import dataclass

from editor_app.server.errors import ToolError

_running: set[subprocess.Popen[bytes]] = set()
_lock = threading.Lock()
_stopping = threading.Event()


@dataclass(frozen=True)
class ToolResult:
    returncode: int
    stdout: bytes
    stderr: bytes

    def last_error_line(self, fallback: str = "ffmpeg failed") -> str:
        lines = self.stderr.decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else fallback


def run_tool(args: list[str], timeout: float) -> ToolResult:
    """Run to completion and capture its output; ToolError if it cannot run or overruns `timeout`."""
    if _stopping.is_set():
        raise ToolError("the server is shutting down")
    try:
        process = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError as exc:
        raise ToolError(f"cannot run {args[0]}: {exc.strerror or exc}") from exc
    with _lock:
        _running.add(process)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        process.kill()
        process.communicate()
        raise ToolError(f"{args[0]} took longer than {timeout:.0f} s") from exc
    finally:
        with _lock:
            _running.discard(process)
    if _stopping.is_set():
        raise ToolError("the server is shutting down")
    return ToolResult(process.returncode, stdout, stderr)


def running_count() -> int:
    with _lock:
        return len(_running)


def stop_all(grace_s: float = 2.0) -> None:
    """Terminate every running tool (then kill stragglers); new runs are refused from now on."""
    _stopping.set()
    with _lock:
        processes = list(_running)
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(grace_s)
        except subprocess.TimeoutExpired:
            process.kill()


def allow_runs() -> None:
    """Accept runs again (a new app in the same process, as in tests)."""
    _stopping.clear()
