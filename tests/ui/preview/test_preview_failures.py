"""Preview failures never hang or crash: 404, garbage bytes, a playlist that never fills,
no libvlc at all, thousands of signal emits from foreign threads, quitting while playing."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from editor_app.ui.preview import widget as widget_module
from editor_app.ui.preview.clock import PlaybackClock
from editor_app.ui.preview.native import SETTING, chosen_output
from editor_app.ui.preview.player import Player
from editor_app.ui.preview.preferences_page import PreviewPage
from editor_app.ui.preview.widget import PreviewWidget
from tests.support.preview import static_server

EMPTY_PLAYLIST = b"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n"


@pytest.fixture
def preview(qtbot: QtBot) -> Iterator[PreviewWidget]:
    widget = PreviewWidget(output="frames")
    widget.watchdog.timeout_ms = 2500
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.shutdown()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing.m3u8", "could not"),
        ("/garbage.mp4", "picture"),
        ("/never/index.m3u8", "picture"),
    ],
)
def test_a_bad_stream_is_reported_with_retry(
    qtbot: QtBot, preview: PreviewWidget, path: str, expected: str
) -> None:
    routes = {
        "/garbage.mp4": ("video/mp4", os.urandom(64 * 1024)),
        "/never/index.m3u8": ("application/vnd.apple.mpegurl", EMPTY_PLAYLIST),
    }
    with static_server(routes) as base, qtbot.waitSignal(preview.failed, timeout=10000) as failure:
        preview.load(base + path)
    reason = str(failure.args[0]) if failure.args else ""
    assert expected in reason.lower(), reason
    assert preview.failure == reason and not preview.playing and not preview.has_picture
    assert preview.controls.retry.isVisibleTo(preview)
    assert reason in preview.view.message


def test_without_libvlc_the_pane_says_how_to_install_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(widget_module, "missing_reason", lambda: "libvlc is not available. Install libvlc5")
    widget = PreviewWidget(output="frames")
    qtbot.addWidget(widget)
    widget.load("http://127.0.0.1:9/never.m3u8")  # no player: nothing happens, nothing breaks
    assert widget.player is None and not widget.playing
    assert "Install libvlc5" in widget.view.message
    assert "unavailable" in widget.controls.state.text()


def test_thousands_of_emits_from_foreign_threads(qtbot: QtBot) -> None:
    player = Player()
    seen: list[int] = []
    player.timeChanged.connect(seen.append)

    def storm() -> None:
        for value in range(2500):
            player.timeChanged.emit(value)
            player.stateChanged.emit("playing")

    threads = [threading.Thread(target=storm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    qtbot.waitUntil(lambda: len(seen) == 5000, timeout=10000)
    assert player.state == "playing"
    player.close()
    player.close()  # twice is harmless


def test_the_playhead_clock_never_runs_backwards_between_reports() -> None:
    now = [100.0]
    clock = PlaybackClock(now=lambda: now[0])
    clock.seek(1000)
    clock.run(1.0)
    now[0] += 0.5
    assert clock.position() == 1500
    clock.report(1000)  # VLC's coarse time lags: ignored
    assert clock.position() == 1500
    clock.report(1800)  # ahead: jump to it
    assert clock.position() == 1800
    now[0] += 0.1
    assert clock.position() == 1900
    clock.report(100)  # a stall far behind: hold, never back
    now[0] += 0.5
    assert clock.position() == 1900
    now[0] += 2.0  # playback caught up: it runs on from VLC's time
    assert clock.position() == 2600
    clock.run(0)
    now[0] += 1.0
    assert clock.position() == 2600
    clock.seek(300)  # an intended seek may go back
    assert clock.position() == 300


def test_the_video_output_override_is_kept_and_used(qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert chosen_output(settings) == "frames"  # offscreen: no native window system
    page = PreviewPage(settings)
    qtbot.addWidget(page)
    page.output.setCurrentIndex(page.output.findData("native"))
    page.save(settings)
    assert settings.value(SETTING) == "native"
    assert chosen_output(settings) == "frames"  # still offscreen: native cannot work here
    page.output.setCurrentIndex(page.output.findData("frames"))
    page.save(settings)
    assert PreviewWidget(settings).output == "frames"


STALLED_PLAYLIST = (
    b"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-PLAYLIST-TYPE:VOD\n"
    b"#EXTINF:2.0,\nseg.ts\n#EXT-X-ENDLIST\n"
)


def test_switching_streams_never_blocks_the_gui_thread(qtbot: QtBot, preview: PreviewWidget) -> None:
    """A segment the backend is still rendering made VLC's stop wait for seconds."""
    routes = {"/slow/index.m3u8": ("application/vnd.apple.mpegurl", STALLED_PLAYLIST)}
    routes["/slow/seg.ts"] = ("video/mp2t", b"\x47" + bytes(187))
    with static_server(routes, stall_s={"/slow/seg.ts": 4.0}) as base:
        preview.load(base + "/slow/index.m3u8")
        qtbot.wait(700)  # VLC is now waiting for the segment
        started = time.monotonic()
        preview.load(base + "/slow/index.m3u8?again")
        preview.pause()
        assert preview.player is not None
        preview.player.stop()
        assert time.monotonic() - started < 0.5
        preview.shutdown()  # quitting joins the retired players: within their stall
