"""The app's backend supervisor starts the real `serve` child, restarts it when it dies, stops it."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import httpx
from pytestqt.qtbot import QtBot

from editor_app.ui.backend.link import BackendLink
from editor_app.ui.backend.process import FAILED, READY, RESTARTING, STOPPED, BackendProcess
from tests.support.server_process import LiveServer


def _collections(base_url: str, api_key: str) -> int:
    return httpx.get(f"{base_url}/collection", headers={"x-access-token": api_key}, timeout=10).status_code


def test_starts_restarts_after_a_crash_and_stops(qtbot: QtBot, tmp_path: Path) -> None:
    backend = BackendProcess(tmp_path / "backend")
    states: list[str] = []
    backend.stateChanged.connect(lambda state, _message: states.append(state))
    with qtbot.waitSignal(backend.ready, timeout=30000) as ready:
        backend.start()
    base_url, api_key = ready.args
    assert base_url.startswith("http://127.0.0.1:")
    assert _collections(base_url, api_key) == 200
    first_pid = backend.pid
    assert first_pid is not None

    with qtbot.waitSignal(backend.ready, timeout=30000) as again:
        os.kill(first_pid, signal.SIGKILL)  # a crash, not a clean exit
    assert RESTARTING in states and backend.state == READY
    assert backend.pid not in (None, first_pid)
    new_url, new_key = again.args
    assert _collections(new_url, new_key) == 200

    last_pid = backend.pid
    backend.stop()
    assert backend.state == STOPPED and backend.pid is None
    assert last_pid is not None
    qtbot.waitUntil(lambda: not _alive(last_pid), timeout=5000)


def test_a_given_key_reaches_the_child_but_not_its_command_line(qtbot: QtBot, tmp_path: Path) -> None:
    backend = BackendProcess(tmp_path / "backend", api_key="sk-given-key-123")
    try:
        with qtbot.waitSignal(backend.ready, timeout=30000) as ready:
            backend.start()
        base_url, api_key = ready.args
        assert api_key == "sk-given-key-123" and _collections(base_url, api_key) == 200
        assert backend.pid is not None
        # any local user can read a command line; the environment only its owner
        assert b"sk-given-key-123" not in Path(f"/proc/{backend.pid}/cmdline").read_bytes()
    finally:
        backend.stop()


def test_gives_up_with_a_reason_when_the_child_keeps_dying(qtbot: QtBot, tmp_path: Path) -> None:
    backend = BackendProcess(
        tmp_path / "data", max_restarts=1, command=[sys.executable, "-c", "import sys; sys.exit(7)"]
    )
    messages: list[str] = []
    backend.stateChanged.connect(lambda _state, message: messages.append(message))
    backend.start()
    qtbot.waitUntil(lambda: backend.state == FAILED, timeout=10000)
    assert "code 7" in backend.message and "gave up after 1 restarts" in backend.message
    assert any("restarting (attempt 1)" in m for m in messages)


def test_a_child_that_never_reports_ready_is_killed_and_retried(qtbot: QtBot, tmp_path: Path) -> None:
    backend = BackendProcess(
        tmp_path / "data",
        startup_timeout_ms=300,
        max_restarts=1,
        command=[sys.executable, "-c", "import time; print('booting', flush=True); time.sleep(60)"],
    )
    lines: list[str] = []
    backend.outputLine.connect(lines.append)
    backend.start()
    qtbot.waitUntil(lambda: backend.state == FAILED, timeout=10000)
    assert "booting" in lines and any("did not report ready" in line for line in lines)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie still answers kill(0); read its state
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_the_link_says_when_the_backend_restarts_and_hands_over_a_new_client(
    qtbot: QtBot, tmp_path: Path
) -> None:
    link = BackendLink()
    statuses: list[tuple[str, bool]] = []
    clients: list[object] = []
    link.statusChanged.connect(lambda text, ok: statuses.append((text, ok)))
    link.clientChanged.connect(clients.append)
    link.start_local(tmp_path)
    qtbot.waitUntil(lambda: link.client is not None, timeout=30000)
    first = link.client
    assert first is not None and first.list_media("video") == []
    assert statuses[-1][1] and statuses[-1][0].startswith("local (http://127.0.0.1:")
    assert link.process is not None and link.process.pid is not None
    os.kill(link.process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: link.client is not None and link.client is not first, timeout=30000)
    assert any("restarting" in text and not ok for text, ok in statuses)
    assert link.client is not None and link.client.list_media("audio") == []
    link.stop()
    assert link.client is None and clients[-1] is None


def test_a_configured_cloud_is_reached_directly(qtbot: QtBot, live_server: LiveServer) -> None:
    # the local server speaks the cloud's protocol, so it stands in for api.videodb.io here
    link = BackendLink()
    statuses: list[str] = []
    link.statusChanged.connect(lambda text, _ok: statuses.append(text))
    link.connect_cloud(live_server.base_url, live_server.api_key)
    assert link.kind == "cloud" and link.process is None
    assert link.client is not None and link.client.get_collection().id == "default"
    assert statuses == [f"VideoDB cloud ({live_server.base_url})"]
    assert live_server.api_key not in statuses[0]
    link.stop()
    assert link.client is None
