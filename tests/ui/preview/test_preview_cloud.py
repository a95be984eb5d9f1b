"""Against a backend without the local extensions (VideoDB cloud) the pane still seeks: no
frame route, no preview_height, the player shows the frame; a failing frame route falls back too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.ui.playback.transport import Transport
from editor_app.ui.preview.dock import PreviewDock
from editor_app.ui.workers import TaskRunner
from editor_app.wire import CompileResult
from tests.support.media import MediaFactory
from tests.support.preview import GREEN, RED, dominant, two_colour_timeline
from tests.support.preview_dock import make_preview_dock
from tests.support.server_process import LiveServer


@pytest.fixture
def compiled(
    live_server: LiveServer, media_factory: MediaFactory
) -> Iterator[tuple[VideoDBClient, CompileResult]]:
    with VideoDBClient(live_server.base_url, live_server.api_key) as client:
        yield client, client.compile(two_colour_timeline(client, media_factory).to_editor_json())


def centre(dock: PreviewDock) -> int:
    image = dock.player.view.image
    assert image is not None
    return dominant(image.pixel(image.width() // 2, image.height() // 2) & 0xFFFFFF)


def make_dock(qtbot: QtBot, client: VideoDBClient) -> tuple[PreviewDock, Transport, TaskRunner]:
    return make_preview_dock(qtbot, client, lambda: None)


@pytest.mark.parametrize("route", ["none", "broken"])
def test_without_a_frame_route_paused_seeks_go_through_the_player(
    qtbot: QtBot, compiled: tuple[VideoDBClient, CompileResult], route: str
) -> None:
    client, result = compiled
    assert result.frame_url is not None  # the local backend has one; the cloud answers none
    frame_url = None if route == "none" else result.frame_url.replace("/frame", "/no-such-route")
    dock, transport, runner = make_dock(qtbot, client)
    dock.live.compiled.emit(CompileResult(stream_url=result.stream_url, frame_url=frame_url))
    assert dock.stills.available == (route == "broken")
    qtbot.waitUntil(lambda: dock.player.has_picture, timeout=15000)
    transport.play_pause()
    transport.play_pause()  # paused
    for target, colour in ((3000, GREEN), (500, RED)):
        transport.seek(target)
        qtbot.waitUntil(
            lambda colour=colour: dock.player.has_picture and centre(dock) == colour, timeout=10000
        )
    assert dock.stills.fetched == 0
    dock.player.shutdown()
    runner.wait(10000)


def test_compiles_ask_for_a_preview_height_only_on_loopback() -> None:
    dock = PreviewDock(runner=TaskRunner(), output="frames")
    dock.set_resolution(1920, 1080)
    with VideoDBClient("https://api.videodb.io", "not-a-key") as cloud:
        assert dock._compile_height(cloud) is None
    with VideoDBClient("http://127.0.0.1:9", "key") as local:
        height = dock._compile_height(local)
        assert height is not None and height in (270, 540, 1080)
        dock.set_resolution_choice("quarter")
        assert dock._compile_height(local) == 270
    dock.player.shutdown()
