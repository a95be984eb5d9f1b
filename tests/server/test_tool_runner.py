"""The one owner of an app's ffmpeg/ffprobe processes: runs with timeouts, long processes it
tracks, and a shutdown that ends them all, one app's runner independent of another's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from editor_app.server.app import create_app
from editor_app.server.errors import ShuttingDown, ToolError, ToolTimeout
from editor_app.server.tool_runner import ToolRunner
from tests.support.processes import is_running

# real time, so it never ends by itself
NEVER_ENDING = ["ffmpeg", "-v", "error", "-re", "-f", "lavfi", "-i", "anullsrc", "-f", "null", "-"]


def wait_until(predicate: Callable[[], bool], limit: float = 10) -> None:
    deadline = time.monotonic() + limit
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def run_in_thread(
    tools: ToolRunner, args: list[str], timeout: float
) -> tuple[threading.Thread, list[object]]:
    """`tools.run` on a worker thread; its outcome (result or exception) lands in the list."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(tools.run(args, timeout))
        except ToolError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    wait_until(lambda: tools.running_count() == 1 or not worker.is_alive())
    return worker, outcome


def test_a_run_captures_its_output_and_exit_status(tools: ToolRunner) -> None:
    done = tools.run(["ffmpeg", "-version"], timeout=10)
    assert done.returncode == 0 and done.stdout.startswith(b"ffmpeg version")
    failed = tools.run(["ffmpeg", "-v", "error", "-i", "/no/such/file.mp4"], timeout=10)
    assert failed.returncode != 0 and "No such file" in failed.last_error_line()
    assert tools.running_count() == 0


def test_a_tool_that_cannot_start_is_a_tool_error(tools: ToolRunner) -> None:
    with pytest.raises(ToolError, match="cannot run /no/such/ffmpeg"):
        tools.run(["/no/such/ffmpeg", "-version"], timeout=10)


def test_a_run_over_its_timeout_is_killed_and_reported(tools: ToolRunner) -> None:
    started = time.monotonic()
    with pytest.raises(ToolTimeout, match=r"ffmpeg took longer than 0\.5 s"):
        tools.run(NEVER_ENDING, timeout=0.5)
    assert time.monotonic() - started < 5
    assert tools.running_count() == 0


def test_a_started_process_over_its_timeout_is_killed(tools: ToolRunner) -> None:
    process = tools.start(NEVER_ENDING, timeout=0.5)
    assert process.wait() == -signal.SIGKILL
    assert process.timed_out and not process.ended_by_shutdown and not is_running(process.pid)


def test_shutdown_ends_runs_and_long_processes_and_refuses_new_ones(tools: ToolRunner) -> None:
    worker, outcome = run_in_thread(tools, NEVER_ENDING, timeout=60)
    long = tools.start(NEVER_ENDING, timeout=60)
    paused = tools.start(NEVER_ENDING, timeout=60)
    paused.pause()
    assert tools.running_count() == 3
    stopped_at = time.monotonic()
    tools.shutdown()
    worker.join(10)
    assert time.monotonic() - stopped_at < 3
    assert [str(e) for e in outcome] == ["the server is shutting down"]
    assert isinstance(outcome[0], ShuttingDown)
    for process in (long, paused):  # a paused one is continued so that it can end
        assert process.wait() == -signal.SIGTERM and process.ended_by_shutdown
        assert not is_running(process.pid)
    assert tools.running_count() == 0
    with pytest.raises(ShuttingDown):
        tools.run(["ffmpeg", "-version"], timeout=10)
    with pytest.raises(ShuttingDown):
        tools.start(NEVER_ENDING, timeout=60)


def test_shutdown_kills_a_process_that_ignores_sigterm(tmp_path: Path) -> None:
    stubborn = tmp_path / "stubborn"
    stubborn.write_text("#!/bin/sh\ntrap '' TERM\nwhile :; do sleep 0.05; done\n")
    stubborn.chmod(0o755)
    tools = ToolRunner(grace_s=0.5)
    process = tools.start([str(stubborn)], timeout=60)
    time.sleep(0.2)  # the trap is set
    started = time.monotonic()
    tools.shutdown()
    assert process.wait() == -signal.SIGKILL and time.monotonic() - started < 3


def test_two_apps_stop_independently(tmp_path: Path) -> None:
    first = create_app(tmp_path / "one", "k")
    second = create_app(tmp_path / "two", "k")
    first_tools: ToolRunner = first.state.tools
    second_tools: ToolRunner = second.state.tools
    assert first_tools is not second_tools
    with TestClient(first), TestClient(second):
        worker, outcome = run_in_thread(first_tools, NEVER_ENDING, timeout=60)
        second_tools.shutdown()  # as when the second app stops
        time.sleep(0.3)
        assert worker.is_alive() and first_tools.running_count() == 1 and not first_tools.stopping
        assert first_tools.run(["ffmpeg", "-version"], timeout=10).returncode == 0
        with pytest.raises(ShuttingDown):
            second_tools.run(["ffmpeg", "-version"], timeout=10)
    worker.join(10)  # the first app's own shutdown ended its run
    assert not worker.is_alive() and isinstance(outcome[0], ShuttingDown)


def test_a_tool_dies_with_a_server_killed_by_sigkill(tmp_path: Path) -> None:
    """The parent-death signal (set by `setpriv`, not a `preexec_fn`) reaches the tool itself."""
    script = (
        "import sys, time\n"
        "from editor_app.server.tool_runner import ToolRunner\n"
        f"process = ToolRunner().start({NEVER_ENDING!r}, timeout=60)\n"
        "print(process.pid, process.name, flush=True)\n"
        "time.sleep(60)\n"
    )
    server = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        pid_text, name = server.stdout.readline().split()
        pid = int(pid_text)
        assert name == "ffmpeg"
        # setpriv sets the signal, then execs the tool in the same pid (on a busy machine a moment later)
        wait_until(lambda: b"ffmpeg" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0], limit=10)
        server.kill()
        server.wait(10)
        wait_until(lambda: not is_running(pid))
    finally:
        server.kill()
        server.wait(10)


def test_set_niceness_reaches_every_thread_of_the_tool(tools: ToolRunner) -> None:
    """Linux niceness is per thread: an export niced while a preview renders must nice its codec
    threads too, not only ffmpeg's main thread."""
    command = [
        *(tools.ffmpeg, "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi"),
        *("-i", "testsrc2=size=640x360:rate=30", "-t", "20", "-c:v", "libx264", "-threads", "4"),
        *("-f", "null", "-"),
    ]
    process = tools.start(command, timeout=30)
    try:
        tasks = Path(f"/proc/{process.pid}/task")
        wait_until(lambda: len(list(tasks.iterdir())) > 2)  # the encoder's threads have started
        process.set_niceness(7)
        threads = [int(task.name) for task in tasks.iterdir()]
        nices = set()
        for tid in threads:
            try:
                nices.add(os.getpriority(os.PRIO_PROCESS, tid))
            except OSError:
                continue  # ended meanwhile
        assert nices == {7}
    finally:
        process.kill()
