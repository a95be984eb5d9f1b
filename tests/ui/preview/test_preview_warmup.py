"""Play starts from rendered segments: paused on a compiled stream, the segment under the resting
playhead is fetched ahead of Play (never while the playhead moves, never from the cloud), so the
first picture does not wait for the backend to render it (real local backend, real libvlc)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.model import Timeline
from editor_app.ui.preview.warmup import REST_MS, segment_uris
from editor_app.wire import CompileResult
from tests.support.media import MediaFactory
from tests.support.preview import GREEN, dominant, two_colour_timeline
from tests.support.preview_dock import make_preview_dock
from tests.support.server_process import LiveServer


def test_segments_of_a_media_playlist_with_their_times() -> None:
    playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.000,\nseg_0.ts?t=a\n#EXTINF:0.500,\nseg_1.ts\n"
    assert segment_uris(playlist + "#EXT-X-ENDLIST\n") == [
        (0, 1000, "seg_0.ts?t=a"),
        (1000, 1500, "seg_1.ts"),
    ]


@pytest.fixture
def timeline(
    live_server: LiveServer, media_factory: MediaFactory
) -> Iterator[tuple[VideoDBClient, Timeline]]:
    with VideoDBClient(live_server.base_url, live_server.api_key) as client:
        yield client, two_colour_timeline(client, media_factory)


def test_the_resting_playhead_s_segment_is_rendered_before_play(
    qtbot: QtBot, live_server: LiveServer, timeline: tuple[VideoDBClient, Timeline]
) -> None:
    client, body = timeline
    dock, transport, runner = make_preview_dock(qtbot, client, body.to_editor_json)
    try:
        dock.live.compile_now()
        qtbot.waitUntil(lambda: dock.stills.available and dock.warmup.segments is not None, timeout=20000)
        assert len(dock.warmup.segments or []) == 4  # the playlist, read at once: 1 s segments
        end = time.monotonic() + 2 * REST_MS / 1000
        at = 1000
        while time.monotonic() < end:  # the playhead dragged about: nothing is fetched meanwhile
            at += 100
            transport.seek(at)
            qtbot.wait(REST_MS // 3)
        assert dock.warmup.warmed <= {(dock.stream_url, 0)}  # at most where it rested at first
        transport.seek(2500)  # then it rests in the green half
        qtbot.waitUntil(lambda: (dock.stream_url, 2) in dock.warmup.warmed, timeout=20000)
        assert (dock.stream_url, 0) in dock.warmup.warmed  # VLC reads it first on every open
        assert not dock.player.playing  # fetched, not played: the picture is the still
        transport.play_pause()
        qtbot.waitUntil(lambda: dock.player.has_picture and transport.position > 2600, timeout=20000)
        image = dock.player.view.image
        assert image is not None and dominant(image.pixel(image.width() // 2, image.height() // 2)) == GREEN
    finally:
        dock.player.shutdown()
        runner.wait(20000)


def test_nothing_is_fetched_ahead_from_a_backend_without_the_local_extensions(
    qtbot: QtBot, timeline: tuple[VideoDBClient, Timeline]
) -> None:
    client, body = timeline
    dock, transport, runner = make_preview_dock(qtbot, client, body.to_editor_json)
    try:
        result = client.compile(body.to_editor_json())
        dock.live.compiled.emit(CompileResult(stream_url=result.stream_url))  # no frame route: the cloud
        qtbot.waitUntil(lambda: dock.player.has_picture, timeout=20000)
        transport.seek(2500)
        qtbot.wait(REST_MS + 500)
        assert dock.warmup.client is None and dock.warmup.segments is None and not dock.warmup.warmed
    finally:
        dock.player.shutdown()
        runner.wait(20000)
