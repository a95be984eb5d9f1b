"""The preview inside the main window: in step with the transport, live recompiles after edits,
and a clean exit while playing (real libvlc, real local backend)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.model.edits.clips import Lift
from editor_app.model.project.files import Project
from editor_app.ui.document import Document
from editor_app.ui.preview.dock import PreviewDock
from editor_app.ui.window.main_window import MainWindow
from tests.support.media import MediaFactory
from tests.support.preview import GREEN, RED, dominant, two_colour_timeline


@pytest.fixture
def window(
    backend_window: tuple[MainWindow, VideoDBClient], media_factory: MediaFactory
) -> Iterator[MainWindow]:
    win, client = backend_window
    timeline = two_colour_timeline(client, media_factory)
    win.session.set_document(Document(Project(name="preview", timeline=timeline)))
    win.show()
    yield win
    win.preview.player.shutdown()
    win.runner.wait(30000)
    client.close()


def centre(dock: PreviewDock) -> int:
    image = dock.player.view.image
    assert image is not None
    return dominant(image.pixel(image.width() // 2, image.height() // 2) & 0xFFFFFF)


def test_compile_plays_and_the_playhead_follows(qtbot: QtBot, window: MainWindow) -> None:
    dock = window.preview
    dock.compile_and_play()
    qtbot.waitUntil(lambda: dock.player.has_picture, timeout=20000)
    assert window.transport.playing and dock.player.playing
    assert dock.player.controls.state.text() == "Ready"
    qtbot.waitUntil(lambda: window.transport.position > 600, timeout=5000)
    assert abs(window.transport.position - dock.player.position()) < 100
    assert abs(window.timeline_view.canvas.playhead - window.transport.position) < 100
    assert centre(dock) == RED
    window.transport.play_pause()  # Space: the player pauses too
    assert not dock.player.playing
    window.transport.seek(3000)  # moving the playhead seeks the preview
    assert dock.player.position() == 3000
    qtbot.waitUntil(lambda: centre(dock) == GREEN, timeout=5000)


def test_shuttle_drives_the_player_rate_and_reverse_pauses_it(qtbot: QtBot, window: MainWindow) -> None:
    dock = window.preview
    dock.compile_and_play()
    qtbot.waitUntil(lambda: dock.player.has_picture, timeout=20000)
    window.transport.shuttle_forward()  # L while playing: 2x
    assert window.transport.speed == 2 and dock.player.playing and dock.player.rate == 2.0
    assert dock.player.player is not None
    qtbot.waitUntil(lambda: dock.player.player.player.get_rate() == pytest.approx(2.0), timeout=3000)
    # reverse from 0 rightly stays at 0, so let the playhead get somewhere first
    qtbot.waitUntil(lambda: window.transport.position > 500, timeout=5000)
    window.transport.shuttle_reverse()  # J: VLC cannot play backwards, the playhead runs alone
    assert window.transport.speed == -1 and not dock.player.playing
    start = window.transport.position
    qtbot.wait(300)
    assert window.transport.position < start
    assert dock.player.controls.play.property("playing") is True  # the pane agrees with the toolbar
    window.transport.stop()  # K: the player shows the frame where the playhead stopped
    qtbot.waitUntil(lambda: abs(dock.player.position() - window.transport.position) < 5, timeout=3000)
    assert dock.player.controls.play.property("playing") is False


def test_reverse_shuttle_shows_moving_pictures_from_still_frames(qtbot: QtBot, window: MainWindow) -> None:
    dock = window.preview
    dock.compile_and_play()
    qtbot.waitUntil(lambda: dock.player.has_picture, timeout=20000)
    window.transport.play_pause()
    window.transport.seek(3500)  # in the green half
    qtbot.waitUntil(lambda: centre(dock) == GREEN, timeout=5000)
    stills: list[tuple[int, int]] = []
    dock.player.stillShown.connect(lambda ms: stills.append((ms, centre(dock))))
    window.transport.shuttle_reverse()  # J
    qtbot.waitUntil(lambda: window.transport.position < 1500, timeout=5000)
    window.transport.stop()
    qtbot.wait(300)
    times = [ms for ms, _ in stills]
    assert len(set(times)) >= 5, stills  # pictures move while the playhead runs back
    assert times[:-1] == sorted(times[:-1], reverse=True)  # backwards (the last: where K stopped)
    assert all(colour == (GREEN if ms >= 2000 else RED) for ms, colour in stills), stills


def test_a_paused_click_shows_the_exact_frame_at_once_and_a_drag_shows_many(
    qtbot: QtBot, window: MainWindow
) -> None:
    dock = window.preview
    dock.compile_and_play()
    qtbot.waitUntil(lambda: dock.player.has_picture, timeout=20000)
    window.transport.play_pause()
    qtbot.wait(100)
    # the still of where it paused is in before the clicks (late, it would pass for a click's)
    qtbot.waitUntil(lambda: not dock.stills.busy, timeout=10000)
    stills: list[tuple[int, int]] = []
    dock.player.stillShown.connect(lambda ms: stills.append((ms, centre(dock))))
    for target, colour in ((3000, GREEN), (500, RED), (2100, GREEN), (1900, RED)):
        before = len(stills)
        started = time.monotonic()
        window.transport.seek(target)
        qtbot.waitUntil(lambda before=before: len(stills) > before, timeout=3000)
        assert time.monotonic() - started < 1.5  # loose here; bench/preview_gui.py measures it
        assert stills[-1] == (target, colour)
        assert dock.player.player is not None and dock.player.player.url is None  # no player churn
    stills.clear()
    started = time.monotonic()
    for step in range(60):  # a drag of the playhead over 1.5 s
        window.transport.seek(200 + step * 60)
        qtbot.wait(25)
    moved_for = time.monotonic() - started
    # the last picture is where the drag stopped (the newest wanted frame is fetched last)
    qtbot.waitUntil(lambda: bool(stills) and stills[-1][0] == 200 + 59 * 60, timeout=5000)
    distinct = {ms for ms, _ in stills}
    assert len(distinct) >= 4, (len(distinct), moved_for)  # bench/preview_gui.py measures the rate
    assert all(colour == (GREEN if ms >= 2000 else RED) for ms, colour in stills), stills


def test_an_edit_recompiles_and_resumes_at_the_same_position(qtbot: QtBot, window: MainWindow) -> None:
    dock = window.preview
    dock.compile_and_play()
    qtbot.waitUntil(lambda: dock.player.has_picture, timeout=20000)
    window.transport.play_pause()
    settled: list[int] = []
    dock.player.stillShown.connect(settled.append)
    window.transport.seek(1000)
    qtbot.waitUntil(lambda: settled[-1:] == [1000] and centre(dock) == RED, timeout=5000)
    first_url, compiles = dock.stream_url, dock.live.compiles
    red_clip = window.session.document.timeline.tracks[0].clips[0]
    states: list[str] = []
    dock.live.stateChanged.connect(lambda state, _text: states.append(state))
    stills: list[tuple[int, int]] = []  # (ms, centre colour) of each still shown
    dock.player.stillShown.connect(lambda ms: stills.append((ms, centre(dock))))
    window.session.document.history.push(Lift([red_clip.id]))
    window.session.document.history.undo()
    window.session.document.history.redo()  # a burst of edits: one compile
    assert dock.player.controls.state.property("compileState") == "stale"
    assert dock.player.view.overlay == "Recompiling…"  # the old picture is marked out of date
    qtbot.waitUntil(lambda: dock.stream_url != first_url and bool(stills), timeout=20000)
    assert dock.live.compiles == compiles + 1
    assert states[-3:] == ["stale", "compiling", "ready"]
    assert dock.player.position() == 1000 and not dock.player.playing
    # paused, the new timeline's frame comes from the frame route: the red clip is gone at once
    assert stills == [(1000, 0x000000)] and dock.player.view.overlay == ""


def test_a_failed_compile_shows_the_reason_and_retry(qtbot: QtBot, window: MainWindow) -> None:
    dock = window.preview
    timeline = window.session.document.timeline
    timeline.tracks[0].clips[0].asset.id = "m-00000000000000ff"  # type: ignore[union-attr]  # unknown media
    dock.compile_and_play()
    qtbot.waitUntil(lambda: dock.live.state == "failed", timeout=20000)
    text = dock.player.controls.state.text()
    assert text.startswith("Could not compile") and dock.player.controls.retry.isVisibleTo(dock)


QUIT_WHILE_PLAYING = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from editor_app.ui.preview.widget import PreviewWidget
app = QApplication([])
widget = PreviewWidget(output="frames")
widget.show()
widget.load(sys.argv[1])
def quit_when_playing():
    if widget.has_picture and widget.frames_shown > 5:
        app.quit()
timer = QTimer()
timer.timeout.connect(quit_when_playing)
timer.start(20)
QTimer.singleShot(15000, lambda: sys.exit(3))
app.exec()
print("clean exit", widget.frames_shown)
"""


def test_quitting_while_playing_exits_cleanly(media_factory: MediaFactory) -> None:
    video = media_factory.make_video(color="blue", seconds=3)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(QUIT_WHILE_PLAYING), video.as_uri()],
        capture_output=True, text=True, timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "clean exit" in done.stdout
