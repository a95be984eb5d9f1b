"""Still frames answered out of order: a late answer never shows an old picture again, and a still
shown while a recompile is under way keeps the pane's "Recompiling…" mark (issue 13: "never
preceded by a stale picture; while a recompile is under way the pane says so")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.ui.preview.stills import StillFrames
from editor_app.ui.preview.widget import PreviewWidget
from editor_app.ui.workers import TaskRunner
from tests.support.api import FAST_RETRY
from tests.support.fault_proxy import FaultProxy
from tests.support.media import MediaFactory
from tests.support.preview import RED, dominant, two_colour_timeline
from tests.support.server_process import LiveServer


@pytest.fixture
def proxied(live_server: LiveServer) -> Iterator[tuple[FaultProxy, VideoDBClient]]:
    proxy = FaultProxy(live_server.base_url).start()
    client = VideoDBClient(proxy.base_url, live_server.api_key, retry=FAST_RETRY, timeout=30)
    yield proxy, client
    client.close()
    proxy.stop()


@pytest.fixture
def frames(
    proxied: tuple[FaultProxy, VideoDBClient], media_factory: MediaFactory
) -> Iterator[tuple[FaultProxy, StillFrames, list[int]]]:
    """The proxy, StillFrames of a compiled two-colour timeline through it, and the ms it showed."""
    proxy, client = proxied
    compiled = client.compile(two_colour_timeline(client, media_factory).to_editor_json())
    assert compiled.frame_url is not None
    runner = TaskRunner()
    stills = StillFrames(runner)
    stills.set_source(client, compiled.frame_url, 180, 25)
    shown: list[int] = []
    stills.shown.connect(lambda ms, _image: shown.append(ms))
    yield proxy, stills, shown
    runner.wait(10000)


def test_a_late_answer_for_an_earlier_position_shows_nothing_again(
    qtbot: QtBot, frames: tuple[FaultProxy, StillFrames, list[int]]
) -> None:
    proxy, stills, shown = frames
    proxy.plan("GET", r"/frame$", "delay:1.5")  # the first frame asked (0 s) is answered last
    stills.request(0)
    qtbot.waitUntil(lambda: proxy.count("GET", r"/frame$", forwarded=False) == 1, timeout=10000)
    stills.request(1000)
    qtbot.waitUntil(lambda: shown == [1000], timeout=20000)
    qtbot.waitUntil(lambda: not stills.busy, timeout=20000)  # the late answer for 0 s is in
    qtbot.wait(200)
    assert shown == [1000]  # neither the late 0 s picture nor 1 s again


def test_a_late_answer_never_replaces_a_cached_frame_shown_after_it_was_asked(
    qtbot: QtBot, frames: tuple[FaultProxy, StillFrames, list[int]]
) -> None:
    """Reverse shuttle under load showed 2969 ms, then 2982 ms: a fetch sent before a cache hit was
    shown came back after it and was shown too, so the picture ran backwards for a frame."""
    proxy, stills, shown = frames
    stills.request(1000)
    qtbot.waitUntil(lambda: shown == [1000] and not stills.busy, timeout=20000)  # 1 s is cached
    proxy.plan("GET", r"/frame$", "delay:1.5")
    stills.request(3000)  # asked now, answered late
    qtbot.waitUntil(lambda: proxy.count("GET", r"/frame$", forwarded=False) == 2, timeout=10000)
    stills.request(1000)  # the cache has it: shown at once, and it is the newest wish
    assert shown == [1000, 1000]
    qtbot.waitUntil(lambda: not stills.busy, timeout=20000)
    qtbot.wait(200)
    assert shown == [1000, 1000]  # the late 3 s answer is cached, not shown over the newer wish


def test_a_still_during_a_recompile_keeps_the_recompiling_mark(qtbot: QtBot, tmp_path: Path) -> None:
    widget = PreviewWidget()
    qtbot.addWidget(widget)
    image = QImage(32, 18, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 0, 0))
    widget.show_state("stale", "Out of date: recompiling shortly")
    widget.show_still(1000, image)
    assert widget.view.overlay == "Recompiling…"
    assert widget.view.image is not None and dominant(widget.view.image.pixel(16, 9) & 0xFFFFFF) == RED
    widget.show_state("ready", "Ready")
    widget.show_still(1000, image)
    assert widget.view.overlay == ""
