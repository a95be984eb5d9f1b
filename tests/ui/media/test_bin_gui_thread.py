"""The GUI thread keeps turning while the backend hangs: network work runs on workers."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.ui.media.bin import MediaBin
from editor_app.ui.workers import TaskRunner


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A loopback socket that accepts connections and never answers a byte."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()  # the client's pending read fails now, ending the worker
    listener.close()


def test_timer_keeps_firing_while_a_media_refresh_hangs(qtbot: QtBot, silent_server: str) -> None:
    runner = TaskRunner()
    media_bin = MediaBin(runner)
    qtbot.addWidget(media_bin)
    client = VideoDBClient(silent_server, "key", timeout=30)
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    clock = QElapsedTimer()
    clock.start()
    timer.start()
    media_bin.set_client(client)  # starts the refresh against the silent server
    assert media_bin.refreshing
    qtbot.wait(1000)
    elapsed = clock.elapsed()
    timer.stop()
    assert media_bin.refreshing, "the silent server cannot have answered"
    # a 10 ms timer over ~1 s: a blocked GUI thread would give a handful of ticks at most
    print(f"gui-thread ticks: {ticks} in {elapsed} ms with the backend hanging")
    assert ticks >= 0.6 * elapsed / 10, f"only {ticks} ticks in {elapsed} ms"
    client.close()
