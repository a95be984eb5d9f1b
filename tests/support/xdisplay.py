"""A real X server (Xvfb) with a window manager (openbox) for tests that need real windows.

With a window manager, top-level windows are listed in the root's _NET_CLIENT_LIST, which is how
a test sees a window the editor did not mean to open (libvlc's own "VLC media player").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _free_display() -> int:
    for number in range(150, 250):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


@contextmanager
def x_display(window_manager: bool = True, size: str = "1024x768") -> Iterator[dict[str, str]]:
    """Yields an environment whose DISPLAY is a fresh Xvfb (and openbox running on it)."""
    assert shutil.which("Xvfb"), "Xvfb is part of the dev setup (packaging/debian-packages.txt)"
    if window_manager:
        assert shutil.which("openbox"), "openbox is part of the dev setup (packaging/debian-packages.txt)"
    number = _free_display()
    env = {**os.environ, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    started = [
        subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    ]  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        if window_manager:
            quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
            started.append(subprocess.Popen(["openbox"], env=env, **quiet))
            while not client_list_ready(env) and time.monotonic() < deadline:
                time.sleep(0.05)
        yield env
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(10)


def client_list_ready(env: dict[str, str]) -> bool:
    check = ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"]
    done = subprocess.run(check, capture_output=True, text=True, env=env)
    return "window id" in done.stdout


def top_level_titles(env: dict[str, str]) -> list[str]:
    """The titles of the window manager's client windows (every top-level window shown)."""
    listed = subprocess.run(["xprop", "-root", "_NET_CLIENT_LIST"], capture_output=True, text=True, env=env)
    ids = [word.strip() for word in listed.stdout.split("#")[-1].split(",") if word.strip().startswith("0x")]
    titles = []
    for window in ids:
        name = subprocess.run(["xprop", "-id", window, "WM_NAME"], capture_output=True, text=True, env=env)
        titles.append(name.stdout.partition("=")[2].strip().strip('"'))
    return titles
