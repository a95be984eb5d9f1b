"""Issue 16, item 15: an expired signed URL never leaves the preview stuck. Against a real
`serve` whose URLs live a few seconds, with real libvlc: once the compiled stream's URL has
expired, play and paused seeks compile once more and go on where the playhead is, playing or
not, with a status line that says so; a renewal is never a loop."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.api.url_expiry import expires_at, has_expired
from editor_app.ui.preview.dock import PreviewDock
from editor_app.ui.preview.live import LiveCompiler
from editor_app.ui.preview.renewal import GAVE_UP_TEXT, UrlRenewal
from editor_app.ui.preview.widget import PreviewWidget
from editor_app.ui.workers import TaskRunner
from tests.support.media import MediaFactory
from tests.support.preview import GREEN, RED, dominant, two_colour_timeline
from tests.support.preview_dock import make_preview_dock
from tests.support.server_process import start_server

LIFETIME_S = 6  # long enough for a compile and a first picture on a loaded machine


@pytest.fixture(scope="module")
def short_lived(
    tmp_path_factory: pytest.TempPathFactory, media_factory: MediaFactory
) -> Iterator[tuple[VideoDBClient, dict[str, object]]]:
    server = start_server(Path(tmp_path_factory.mktemp("short-lived")), "--url-lifetime", str(LIFETIME_S))
    client = VideoDBClient(server.base_url, server.api_key, timeout=60)
    body = two_colour_timeline(client, media_factory).to_editor_json()  # red 0-2 s, lime 2-4 s
    yield client, body
    client.close()
    server.stop()


@pytest.fixture
def dock(qtbot: QtBot, short_lived: tuple[VideoDBClient, dict[str, object]]) -> Iterator[PreviewDock]:
    client, body = short_lived
    dock, _transport, runner = make_preview_dock(qtbot, client, lambda: body)
    yield dock
    dock.live.cancel()
    dock.player.shutdown()
    runner.wait(10000)


def centre_colour(dock: PreviewDock) -> int:
    image = dock.player.view.image
    assert image is not None
    return dominant(image.pixel(image.width() // 2, image.height() // 2) & 0xFFFFFF)


def compiled_and_expired(qtbot: QtBot, dock: PreviewDock) -> str:
    """Compile (paused: the still at 0 s is the picture), then wait until that stream's URL expired."""
    dock.live.compile_now()
    qtbot.waitUntil(lambda: dock.stream_url is not None and dock.stills.fetched > 0, timeout=30000)
    url = dock.stream_url
    assert url is not None
    expiry = expires_at(url)
    assert expiry is not None and expiry <= time.time() + LIFETIME_S + 1
    qtbot.wait(int((expiry - time.time() + 0.3) * 1000))
    assert has_expired(url, time.time())
    assert dock.live.compiles == 1
    return url


def test_play_after_the_url_expired_compiles_again_and_plays_from_the_playhead(
    qtbot: QtBot, dock: PreviewDock
) -> None:
    expired = compiled_and_expired(qtbot, dock)
    assert dock.sync is not None
    transport = dock.sync.transport
    transport.seek(1000)
    transport.play_pause()
    assert "expired" in dock.player.controls.state.text()  # said at once, while it renews
    qtbot.waitUntil(lambda: dock.player.has_picture, timeout=30000)
    assert dock.live.compiles == 2 and dock.renewal.renewals == 1
    assert dock.stream_url is not None and dock.stream_url != expired
    assert dock.player.url == dock.stream_url and dock.player.failure is None
    assert dock.player.playing and transport.playing
    assert 900 <= dock.player.position() <= 2000  # it resumed where the playhead was
    assert centre_colour(dock) == RED
    qtbot.waitUntil(lambda: dock.player.position() >= 2600, timeout=10000)
    qtbot.wait(200)
    assert centre_colour(dock) == GREEN


def test_a_paused_seek_after_the_url_expired_shows_the_frame_there_then_play_renews(
    qtbot: QtBot, dock: PreviewDock
) -> None:
    expired = compiled_and_expired(qtbot, dock)
    assert dock.sync is not None
    shown: list[int] = []
    dock.player.stillShown.connect(shown.append)
    dock.sync.transport.seek(3000)
    # the still needs no stream URL (the client sends its key to its backend): shown at once
    qtbot.waitUntil(lambda: 3000 in shown, timeout=20000)
    assert centre_colour(dock) == GREEN and dock.live.compiles == 1
    dock.sync.transport.play_pause()  # the player needs the stream's URL: renewed, from 3 s
    qtbot.waitUntil(lambda: dock.player.has_picture, timeout=30000)
    assert dock.live.compiles == 2 and dock.stream_url != expired
    assert 2900 <= dock.player.position() <= 4000
    assert centre_colour(dock) == GREEN


def test_a_url_expiring_while_it_plays_is_renewed_and_play_goes_on(qtbot: QtBot, dock: PreviewDock) -> None:
    """As after a laptop suspend: the URL's time passes while VLC plays it (its timer long due)."""
    dock.live.compile_now()
    qtbot.waitUntil(lambda: dock.stream_url is not None and dock.stills.fetched > 0, timeout=30000)
    first = dock.stream_url
    assert first is not None and dock.sync is not None
    expiry = expires_at(first)
    assert expiry is not None
    qtbot.wait(max(0, int((expiry - time.time() - 1.5) * 1000)))
    dock.sync.transport.play_pause()
    qtbot.waitUntil(lambda: dock.live.compiles == 2, timeout=20000)  # renewed as it expired
    renewed_at = dock.player.position()
    qtbot.waitUntil(lambda: dock.player.has_picture and dock.player.url != first, timeout=30000)
    assert dock.player.failure is None and dock.player.playing
    assert abs(dock.player.position() - renewed_at) < 1000  # it went on from where it was
    qtbot.waitUntil(lambda: dock.player.position() >= 3000, timeout=15000)
    qtbot.wait(200)
    assert centre_colour(dock) == GREEN and dock.renewal.renewals == 1


def test_vlc_refused_an_expired_url_so_the_stream_is_renewed(qtbot: QtBot, dock: PreviewDock) -> None:
    """VLC itself handed the expired URL (as when it expires between the check and VLC's read):
    the backend's 403 is VLC's error at once, which renews instead of failing."""
    expired = compiled_and_expired(qtbot, dock)
    assert dock.player.player is not None and dock.player.url == expired
    dock.player.player.open(expired)  # past the widget's own check, straight to libvlc
    qtbot.waitUntil(lambda: dock.live.compiles == 2, timeout=15000)
    qtbot.waitUntil(lambda: dock.player.url not in (None, expired), timeout=30000)
    assert dock.player.failure is None and dock.renewal.renewals == 1
    assert not dock.player.playing  # it was paused: the fresh stream is cued, not played


def test_a_renewal_is_never_a_loop(
    qtbot: QtBot, short_lived: tuple[VideoDBClient, dict[str, object]]
) -> None:
    """The same URL found expired again, or a renewed stream expired before any picture, is an
    error the pane shows (with Retry), never another compile."""
    client, body = short_lived
    widget = PreviewWidget(output="frames")
    qtbot.addWidget(widget)
    runner = TaskRunner()
    live = LiveCompiler(runner, parent=widget)  # goes with the widget, its renewal timer too
    live.configure(lambda: client, lambda: body)
    renewal = UrlRenewal(live, widget, parent=widget)
    live.stateChanged.connect(lambda state, text: widget.show_state(state, text))  # as the dock does
    expired = f"http://127.0.0.1:9/stream/x/index.m3u8?token={int(time.time()) - 5}.sig"
    widget.load(expired)  # found expired before VLC is asked: renewing
    assert renewal.renewals == 1 and live.compiles == 1 and widget.failure is None
    assert "expired" in widget.controls.state.text()
    qtbot.waitUntil(lambda: live.state == "ready", timeout=30000)
    widget.load(expired)  # the same URL again (nothing plays the fresh one here): no second compile
    assert live.compiles == 1 and widget.failure == GAVE_UP_TEXT
    assert widget.controls.retry.isVisibleTo(widget)
    widget.retry()  # the user asks: one more
    assert live.compiles == 2
    qtbot.waitUntil(lambda: live.state == "ready", timeout=30000)
    live.cancel()
    live._renew.stop()
    widget.shutdown()
    runner.wait(10000)


def test_without_a_dock_an_expired_url_fails_saying_so(qtbot: QtBot) -> None:
    widget = PreviewWidget(output="frames")
    qtbot.addWidget(widget)
    widget.load(f"http://127.0.0.1:9/stream/x/index.m3u8?token={int(time.time()) - 5}.sig")
    assert widget.failure is not None and "expired" in widget.failure
    widget.shutdown()
