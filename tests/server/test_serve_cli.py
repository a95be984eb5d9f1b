"""`videodb-editor serve` as a child process: its one JSON line, its refusals, a clean SIGTERM,
and state that survives a restart."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from editor_app.cli import main
from editor_app.server.app import create_app
from tests.support.media import MediaFactory
from tests.support.processes import is_running
from tests.support.server import upload_via_http
from tests.support.server_process import serve_command, start_server


def test_announces_one_json_line_and_serves(tmp_path: Path) -> None:
    started = time.monotonic()
    server = start_server(tmp_path / "data")
    announced_after = time.monotonic() - started
    try:
        assert server.base_url.startswith("http://127.0.0.1:") and len(server.api_key) >= 24
        # a generated key never starts with "-", which a command line would take for an option
        assert server.api_key.startswith("sk-")
        # the server accepts requests the moment it has printed the line
        answer = httpx.get(f"{server.base_url}/collection", headers=server.headers, timeout=5)
        assert answer.status_code == 200 and answer.json()["data"]["collections"][0]["id"] == "default"
        assert httpx.get(f"{server.base_url}/collection", timeout=5).status_code == 401
    finally:
        code = server.stop()
    assert code == 0
    assert announced_after < 15
    assert sorted(json.loads(server.announcement)) == ["api_key", "base_url"]
    assert server.extra_output == []  # one line, nothing else on stdout


def test_given_key_is_used_and_sigterm_exits_cleanly(tmp_path: Path) -> None:
    server = start_server(tmp_path / "data", "--api-key", "my-key")
    assert server.api_key == "my-key"
    assert (
        httpx.get(f"{server.base_url}/video", headers={"x-access-token": "my-key"}, timeout=5).status_code
        == 200
    )
    stopped_at = time.monotonic()
    assert server.stop() == 0
    assert time.monotonic() - stopped_at < 5
    # the shutdown hook closed the store: SQLite folds its WAL back and removes it on a clean close
    assert (tmp_path / "data" / "backend.sqlite3").is_file()
    assert not (tmp_path / "data" / "backend.sqlite3-wal").exists()


def test_media_survive_a_restart(tmp_path: Path, media_factory: MediaFactory) -> None:
    data_dir = tmp_path / "data"
    first = start_server(data_dir, "--api-key", "k")
    try:
        with httpx.Client(base_url=first.base_url, headers=first.headers, timeout=30) as client:
            video = upload_via_http(client, media_factory.make_video("red", seconds=1))
    finally:
        assert first.stop() == 0
    second = start_server(data_dir, "--api-key", "k")
    try:
        with httpx.Client(base_url=second.base_url, headers=second.headers, timeout=30) as client:
            listed = client.get("/video").json()["data"]["videos"]
            assert [v["id"] for v in listed] == [video["id"]]
            assert (
                client.get(listed[0]["stream_url"]).content
                == media_factory.make_video("red", seconds=1).read_bytes()
            )
    finally:
        assert second.stop() == 0


def test_non_loopback_host_is_refused_without_allow_remote_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--data-dir", str(tmp_path)]) == 2
    refused = capsys.readouterr()
    assert refused.out == "" and "refusing to listen on non-loopback host 0.0.0.0" in refused.err
    assert main(["serve", "--host", "10.1.2.3", "--allow-remote", "--data-dir", str(tmp_path)]) == 2
    assert "--allow-remote needs an explicit --api-key" in capsys.readouterr().err

    allowed = start_server(
        tmp_path / "remote", "--host", "0.0.0.0", "--allow-remote", "--api-key", "remote-key"
    )
    try:
        port = allowed.base_url.rsplit(":", 1)[1]
        answer = httpx.get(f"http://127.0.0.1:{port}/collection", headers=allowed.headers, timeout=5)
        assert answer.status_code == 200
    finally:
        assert allowed.stop() == 0


def test_busy_port_and_bad_arguments_fail_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port), "--data-dir", str(tmp_path)]) == 1
    failed = capsys.readouterr()
    assert "cannot start" in failed.err and failed.out == ""
    for bad in (["--api-key", " "], ["--max-upload-bytes", "0"], ["--port", "70000"]):
        assert main(["serve", "--data-dir", str(tmp_path), *bad]) == 2
        assert capsys.readouterr().err.startswith("videodb-editor serve: ")


def test_unusable_data_dir_fails_with_a_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "backend.sqlite3").write_bytes(b"this is not a database" * 100)
    assert main(["serve", "--data-dir", str(corrupt)]) == 1
    assert "cannot start: file is not a database" in capsys.readouterr().err
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    assert main(["serve", "--data-dir", str(a_file)]) == 1
    assert "cannot start" in capsys.readouterr().err


def test_shutdown_hooks_run_when_the_app_stops(tmp_path: Path) -> None:
    app = create_app(tmp_path / "data", "k")
    calls: list[str] = []
    app.state.on_shutdown.append(lambda: calls.append("first"))
    app.state.on_shutdown.append(lambda: calls.append("second"))

    def broken() -> None:
        raise RuntimeError("a failing hook must not stop the others")

    app.state.on_shutdown.append(broken)
    with TestClient(app) as client:
        assert client.get("/health").json()["data"]["status"] == "ok"
        assert calls == []
    assert calls == ["second", "first"]


def test_sigterm_ends_an_ffmpeg_run_in_flight(tmp_path: Path, media_factory: MediaFactory) -> None:
    # an ffmpeg that hangs when asked for a thumbnail strip (and is real otherwise) stands for a long render
    pid_file = tmp_path / "hung.pid"
    wrapper = tmp_path / "slow-ffmpeg"
    wrapper.write_text(
        f'#!/bin/sh\ncase "$*" in *strip-*) echo $$ > {pid_file}; exec sleep 120;; esac\nexec ffmpeg "$@"\n'
    )
    wrapper.chmod(0o755)
    server = start_server(tmp_path / "data", "--ffmpeg", str(wrapper))
    answers: list[int] = []
    try:
        with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=60) as client:
            video = upload_via_http(client, media_factory.make_video("red", seconds=1))

            def ask_for_strip() -> None:
                try:
                    answers.append(
                        client.get(f"/video/{video['id']}/thumbnails", params={"count": 2}).status_code
                    )
                except httpx.HTTPError:
                    answers.append(-1)

            asking = threading.Thread(target=ask_for_strip)
            asking.start()
            deadline = time.monotonic() + 20
            while not pid_file.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            hung_pid = int(pid_file.read_text())
            assert Path(f"/proc/{hung_pid}").exists()
            stopped_at = time.monotonic()
            assert server.stop() == 0
            took = time.monotonic() - stopped_at
            asking.join(10)
    finally:
        server.stop()
    assert not Path(f"/proc/{hung_pid}").exists(), "the hung ffmpeg outlived the server"
    # under the 3 s grace period: the run was ended when shutdown began, not after the grace
    assert took < 2.5, f"shutdown took {took:.1f} s"
    assert answers and answers[0] != 200


PARENT_SCRIPT = r"""
import subprocess, sys, time
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)
sys.stdout.write(f"{child.pid} {child.stdout.readline().decode().strip()}\n")
sys.stdout.flush()
time.sleep(600)
"""


@pytest.mark.parametrize("watch", [True, False])
def test_parent_watch_ends_serve_when_its_parent_is_killed(tmp_path: Path, watch: bool) -> None:
    command = serve_command(tmp_path / "data", *(["--parent-watch"] if watch else []))
    parent = subprocess.Popen([sys.executable, "-c", PARENT_SCRIPT, *command], stdout=subprocess.PIPE)
    assert parent.stdout is not None
    pid_text, _, announcement = parent.stdout.readline().decode().partition(" ")
    child = int(pid_text)
    try:
        base_url = json.loads(announcement)["base_url"]
        assert httpx.get(f"{base_url}/collection", timeout=5).status_code == 401  # it serves
        parent.send_signal(signal.SIGKILL)
        parent.wait(5)
        killed = time.monotonic()
        deadline = killed + (5 if watch else 2)
        while is_running(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        print(f"serve (parent watch {watch}) running {time.monotonic() - killed:.1f} s after its parent died")
        assert is_running(child) is not watch  # without the flag it would outlive the editor
    finally:
        parent.kill()
        parent.wait(5)
        if is_running(child):
            os.kill(child, signal.SIGTERM)
