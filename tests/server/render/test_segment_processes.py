"""The segment cache's ffmpeg processes: read-ahead paused while a waited-for segment renders,
renders ended by the app's shutdown, and paused renders a dead server left behind ended."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from editor_app.server.errors import SegmentFailed
from editor_app.server.render.segment_cache import SegmentCache
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolRunner
from tests.support.processes import is_running
from tests.support.render_tools import layered_stream, rendering, repeated_stream, wait_until


def test_read_ahead_pauses_while_a_waited_for_segment_renders(
    tmp_path: Path, big: RenderSource, tools: ToolRunner
) -> None:
    cache = SegmentCache(tmp_path, tools, workers=2, read_ahead=1)
    try:
        seen = repeated_stream(big, 3, "seen")
        cache.watch(seen)
        asker = threading.Thread(target=cache.fetch, args=(seen, 2, 30))
        asker.start()  # renders 2 and reads 3 ahead on the second worker
        wait_until(lambda: running_kinds(cache) == {True, False} or not asker.is_alive())
        with cache._cond:
            states = [process_state(j) for j in cache._running if rendering(j) and not j.wanted]
        asker.join(30)
        assert states == ["T"]  # stopped while segment 2 rendered
        wait_until(lambda: cache.is_cached(seen.segments[3]))  # and resumed after
    finally:
        cache.shutdown()


def running_kinds(cache: SegmentCache) -> set[bool]:
    """Whether live renders are waited for (True) or read-ahead (False)."""
    return {job.wanted for job in list(cache._running) if rendering(job)}


def process_state(job: Any) -> str:
    """The job's ffmpeg's state letter in /proc ("T": stopped)."""
    deadline = time.monotonic() + 2
    state = ""
    while time.monotonic() < deadline:  # SIGSTOP lands asynchronously
        state = Path(f"/proc/{job.process.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state == "T":
            break
        time.sleep(0.01)
    return state


def test_a_paused_render_left_by_a_dead_server_is_ended(tmp_path: Path, tools: ToolRunner) -> None:
    """A server killed outright leaves its ffmpeg children; a read-ahead it had paused would wait
    for a SIGCONT forever. The next server ends it."""
    root = tmp_path / "segments"
    render = [sys.executable, "-c", "import time; time.sleep(120)", str(root / "work" / "1" / "segment.ts")]
    orphan = subprocess.Popen(render)
    # a render of a live server on the same folder (its parent runs `serve`) is left alone
    spawn = "import os, subprocess, sys; subprocess.Popen([*sys.argv[2:], os.environ['OUT']]).wait()"
    live_server = subprocess.Popen(
        [sys.executable, "-c", spawn, "serve", *render[:-1]],
        env=dict(os.environ, OUT=render[-1]),  # its own command line names no work folder
        start_new_session=True,
    )
    try:
        orphan.send_signal(signal.SIGSTOP)
        time.sleep(0.5)  # the live server's render has started
        SegmentCache(root, tools, workers=1).shutdown()
        assert orphan.wait(10) == -signal.SIGKILL
        time.sleep(0.2)
        assert live_server.poll() is None  # it returns once its render ends
    finally:
        if orphan.poll() is None:
            orphan.kill()
        os.killpg(live_server.pid, signal.SIGKILL)
        live_server.wait(10)


def test_the_apps_shutdown_ends_a_render_under_way(
    tmp_path: Path, big: RenderSource, tools: ToolRunner
) -> None:
    """The segment's ffmpeg belongs to the app's tools: their shutdown ends it, and its waiter is told."""
    cache = SegmentCache(tmp_path, tools, workers=1, read_ahead=0)
    try:
        seen = layered_stream(big, "seen")
        outcome: list[BaseException] = []

        def ask() -> None:
            try:
                cache.fetch(seen, 0, 30)
            except SegmentFailed as exc:
                outcome.append(exc)

        asker = threading.Thread(target=ask)
        asker.start()
        wait_until(lambda: any(rendering(j) for j in list(cache._running)), 10)
        pid = cache._running[0].process.pid  # type: ignore[union-attr]
        tools.shutdown()
        asker.join(10)
        assert outcome and "the server is shutting down" in str(outcome[0])
        assert not is_running(pid) and not cache.is_cached(seen.segments[0])
    finally:
        cache.shutdown()
