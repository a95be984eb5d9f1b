"""The picture follows the pane: VLC paints into a buffer of the pane's device pixels (never more
than the stream has), and at Auto a resize that changes Auto's choice compiles that size and
carries on where the playhead is, playing or paused (real libvlc, real local backend)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.model import Timeline
from editor_app.ui.preview.widget import PreviewWidget
from tests.support.media import MediaFactory
from tests.support.preview import two_colour_timeline
from tests.support.preview_dock import make_preview_dock
from tests.support.server_process import LiveServer


@pytest.fixture(scope="module")
def client(live_server: LiveServer) -> Iterator[VideoDBClient]:
    with VideoDBClient(live_server.base_url, live_server.api_key) as client:
        yield client


@pytest.fixture(scope="module")
def timeline(client: VideoDBClient, media_factory: MediaFactory) -> Timeline:
    """Red then green, 2 s each, on a 1280x720 timeline (Auto: 180, 360 or 720 rows)."""
    timeline = two_colour_timeline(client, media_factory)
    timeline.resolution = "1280x720"
    return timeline


def buffer_size(widget: PreviewWidget) -> tuple[int, int]:
    image = widget.view.image
    assert image is not None
    return image.width(), image.height()


def test_the_frame_buffer_follows_the_pane_up_to_the_stream_size(
    qtbot: QtBot, client: VideoDBClient, timeline: Timeline
) -> None:
    url = client.compile(timeline.to_editor_json(), preview_height=360).stream_url  # 640x360
    widget = PreviewWidget(output="frames")
    qtbot.addWidget(widget)
    widget.set_resolution(1280, 720)
    widget.stream_height = 360
    widget.show()
    try:
        sizes = []
        for size in ((420, 330), (1100, 800)):
            widget.resize(*size)
            qtbot.wait(50)  # laid out
            picture = widget.view.frame_rect()  # device pixels: the ratio is 1 offscreen
            widget.load(url)
            qtbot.waitUntil(lambda: widget.has_picture and widget.frames_shown > 2, timeout=20000)
            width, height = buffer_size(widget)
            if picture.height() < 360:  # a small pane: its own pixels, not the old fixed 960x540
                assert abs(width - picture.width()) <= 2 and abs(height - picture.height()) <= 2
            else:  # a big one: all the stream has, never more
                assert (width, height) == (640, 360)
            sizes.append((width, height))
        assert sizes[0][1] < 300 and sizes[1] == (640, 360)
    finally:
        widget.shutdown()


def test_a_resize_that_changes_autos_choice_recompiles_and_keeps_playing(
    qtbot: QtBot, client: VideoDBClient, timeline: Timeline
) -> None:
    dock, transport, runner = make_preview_dock(
        qtbot, client, timeline.to_editor_json, resolution=(1280, 720), size=(420, 360), fps=30.0
    )
    try:
        qtbot.wait(50)
        small = dock.preview_height()
        dock.compile_and_play()
        qtbot.waitUntil(lambda: dock.player.has_picture and transport.position > 300, timeout=20000)
        assert dock.compiled_height == small
        first_url, compiles = dock.stream_url, dock.live.compiles
        dock.resize(900, 800)  # a bigger pane: Auto wants more rows
        qtbot.wait(50)
        assert dock.preview_height() > small
        at = transport.position
        qtbot.waitUntil(lambda: dock.live.compiles == compiles + 1, timeout=5000)  # once, after it rests
        qtbot.waitUntil(lambda: dock.stream_url != first_url and dock.player.has_picture, timeout=20000)
        assert dock.compiled_height == dock.preview_height()
        assert f"-p{dock.compiled_height}/" in (dock.stream_url or "")
        assert transport.playing and dock.player.playing  # the play state is kept
        assert transport.position >= at - 100  # and the playhead: not back to the start
        qtbot.wait(600)
        assert dock.live.compiles == compiles + 1  # no further compile while nothing changes
    finally:
        dock.player.shutdown()
        runner.wait(20000)


def test_resizing_at_a_fixed_resolution_or_within_autos_choice_compiles_nothing(
    qtbot: QtBot, client: VideoDBClient, timeline: Timeline
) -> None:
    dock, _transport, runner = make_preview_dock(
        qtbot, client, timeline.to_editor_json, resolution=(1280, 720), size=(420, 360)
    )
    try:
        dock.live.compile_now()
        qtbot.waitUntil(lambda: dock.stills.available, timeout=20000)
        compiles = dock.live.compiles
        dock.resize(430, 365)  # Auto still picks the same rows
        qtbot.wait(700)
        assert dock.live.compiles == compiles
        dock.set_resolution_choice("quarter")
        qtbot.waitUntil(lambda: dock.stills.available and dock.compiled_height == 180, timeout=20000)
        compiles = dock.live.compiles
        dock.resize(1000, 900)
        qtbot.wait(700)
        assert dock.live.compiles == compiles
    finally:
        dock.player.shutdown()
        runner.wait(20000)
