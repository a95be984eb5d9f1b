"""The preview plays a compiled timeline through real libvlc from the real local backend (frames mode)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.ui.preview.widget import PreviewWidget
from tests.support.media import MediaFactory
from tests.support.preview import GREEN, RED, dominant, two_colour_timeline
from tests.support.server_process import LiveServer


@pytest.fixture(scope="module")
def stream_url(live_server: LiveServer, media_factory: MediaFactory) -> str:
    with VideoDBClient(live_server.base_url, live_server.api_key) as client:
        timeline = two_colour_timeline(client, media_factory)
        return client.compile(timeline.to_editor_json()).stream_url


@pytest.fixture
def preview(qtbot: QtBot) -> Iterator[PreviewWidget]:
    widget = PreviewWidget(output="frames")
    qtbot.addWidget(widget)
    widget.set_resolution(320, 180)
    widget.resize(480, 360)
    widget.show()
    yield widget
    widget.shutdown()


def centre_colour(widget: PreviewWidget) -> int:
    image = widget.view.image
    assert image is not None
    return dominant(image.pixel(image.width() // 2, image.height() // 2) & 0xFFFFFF)


def test_plays_and_shows_the_right_colour_at_known_times(
    qtbot: QtBot, preview: PreviewWidget, stream_url: str
) -> None:
    preview.load(stream_url)
    qtbot.waitUntil(lambda: preview.has_picture, timeout=15000)
    assert preview.playing
    qtbot.waitUntil(lambda: 300 <= preview.position() <= 1500 and preview.frames_shown > 3, timeout=5000)
    assert centre_colour(preview) == RED
    qtbot.waitUntil(lambda: preview.position() >= 2700, timeout=8000)
    qtbot.wait(200)
    assert centre_colour(preview) == GREEN
    assert preview.duration_ms == pytest.approx(4000, abs=300)


def test_seek_shows_the_frame_there(qtbot: QtBot, preview: PreviewWidget, stream_url: str) -> None:
    preview.load(stream_url)
    qtbot.waitUntil(lambda: preview.has_picture, timeout=15000)
    preview.seek(3000)
    assert preview.position() >= 3000
    qtbot.waitUntil(lambda: centre_colour(preview) == GREEN, timeout=5000)
    preview.seek(500)
    assert preview.position() < 1000  # an intended seek may go backwards
    qtbot.waitUntil(lambda: centre_colour(preview) == RED, timeout=5000)


def test_pause_freezes_time_and_picture(qtbot: QtBot, preview: PreviewWidget, stream_url: str) -> None:
    preview.load(stream_url)
    qtbot.waitUntil(lambda: preview.has_picture and preview.position() > 300, timeout=15000)
    preview.pause()
    qtbot.wait(300)  # frames already decoded may still land
    assert preview.player is not None
    frozen_at, vlc_at = preview.position(), preview.player.time_ms()
    qtbot.wait(700)
    assert preview.position() == frozen_at
    # a paused VLC may show its last picture again, but the media time stands still
    assert preview.player.time_ms() == vlc_at and preview.player.state == "paused"
    assert not preview.playing
    preview.play()
    qtbot.waitUntil(lambda: preview.position() > frozen_at + 300, timeout=5000)


def test_opened_paused_it_shows_the_frame_at_the_start_position(
    qtbot: QtBot, preview: PreviewWidget, stream_url: str
) -> None:
    preview.load(stream_url, start_ms=3000, autoplay=False)
    qtbot.waitUntil(lambda: preview.has_picture, timeout=15000)
    qtbot.wait(300)
    assert centre_colour(preview) == GREEN
    assert not preview.playing and preview.position() == 3000
