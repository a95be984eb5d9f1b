"""The editor process: its backend child lives and dies with it, also when it is terminated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def _children(pid: int) -> list[tuple[int, str]]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append((int(entry.name), cmdline))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_sigterm_closes_the_editor_and_its_backend(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VIDEODB_EDITOR_DATA_DIR=str(tmp_path))
    gui = subprocess.Popen(
        [sys.executable, "-m", "editor_app.cli"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        backend: list[int] = []
        while time.monotonic() < deadline and not backend:
            backend = [pid for pid, cmd in _children(gui.pid) if " serve " in cmd]
            time.sleep(0.1)
        assert backend, "the editor started no backend child"
        time.sleep(1.0)  # let it come up and announce itself
        gui.send_signal(signal.SIGTERM)
        assert gui.wait(timeout=20) == 0
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(backend[0]):
            time.sleep(0.1)
        assert not _alive(backend[0]), "the backend child outlived the editor"
    finally:
        if gui.poll() is None:
            gui.kill()
            gui.wait()


def test_sigterm_at_the_recovery_question_keeps_the_copy_and_exits(tmp_path: Path) -> None:
    """A logout while the start asks "Recover unsaved work?": the editor exits, and the copy it
    asked about is still there for the next start (it was deleted as if the user said No, and
    the editor then stayed up)."""
    orphan = tmp_path / "recovery" / "untitled-0123456789abcdef.vdbproj"
    orphan.parent.mkdir(parents=True)
    orphan.write_text("{}")
    (tmp_path / "settings.ini").write_text("[first_run]\ndone=true\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VIDEODB_EDITOR_DATA_DIR=str(tmp_path))
    gui = subprocess.Popen(
        [sys.executable, "-m", "editor_app.cli"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not [c for _, c in _children(gui.pid) if " serve " in c]:
            time.sleep(0.1)
        time.sleep(1.5)  # the question is up (it comes with the window, before the event loop)
        gui.send_signal(signal.SIGTERM)
        assert gui.wait(timeout=20) == 0
        assert orphan.exists()
    finally:
        if gui.poll() is None:
            gui.kill()
            gui.wait()
