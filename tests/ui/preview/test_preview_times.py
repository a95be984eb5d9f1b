"""The preview's time line: before any compile the timeline's position and length, not zeros; in
the one format the status bar uses for the playhead (HH:MM:SS:FF on the timeline's fps)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from editor_app.model.edits.clips import MoveClips
from editor_app.model.project.files import Project
from editor_app.ui.document import Document
from editor_app.ui.window.main_window import MainWindow
from tests.support.demo_timeline import build_demo_timeline


def test_before_a_compile_the_preview_shows_the_timelines_length(qtbot: QtBot, window: MainWindow) -> None:
    timeline = build_demo_timeline()  # 9 s long
    timeline.fps = 30
    window.session.set_document(Document(Project(name="demo", timeline=timeline)))
    controls = window.preview.player.controls
    # nothing moved yet (the playhead was at 0 already): the length is there all the same
    qtbot.waitUntil(lambda: controls.time.text() == "00:00:00:00 / 00:00:09:00", timeout=3000)
    assert controls.seek.maximum() == 9000
    window.transport.seek(2500)
    qtbot.waitUntil(lambda: controls.time.text() == "00:00:02:15 / 00:00:09:00", timeout=3000)
    assert controls.seek.maximum() == 9000 and controls.seek.value() == 2500
    assert window.status_line.position_label.text() == "00:00:02:15"  # the same timecode


def test_the_preview_counts_frames_at_the_timelines_rate(qtbot: QtBot, window: MainWindow) -> None:
    timeline = build_demo_timeline()
    timeline.fps = 25
    window.session.set_document(Document(Project(name="demo", timeline=timeline)))
    window.transport.seek(2520)  # frame 63 of 25 fps: 2 s and 13 frames
    controls = window.preview.player.controls
    qtbot.waitUntil(lambda: controls.time.text().startswith("00:00:02:13 / "), timeout=3000)
    assert window.status_line.position_label.text() == "00:00:02:13"


def test_an_edit_that_lengthens_the_timeline_shows_the_new_length(qtbot: QtBot, window: MainWindow) -> None:
    timeline = build_demo_timeline()
    timeline.fps = 30
    window.session.set_document(Document(Project(name="demo", timeline=timeline)))
    controls = window.preview.player.controls
    qtbot.waitUntil(lambda: controls.time.text().endswith(" / 00:00:09:00"), timeout=3000)
    track = next(t for t in timeline.tracks if t.clips)
    clip = max(track.clips, key=lambda c: c.start)
    end = max(c.start + c.duration for t in timeline.tracks for c in t.clips)
    start = end + 3000 - clip.duration  # the last clip moved 3 s past the end
    window.session.document.history.push(MoveClips({clip.id: (start, track.id)}))
    qtbot.waitUntil(lambda: controls.time.text().endswith(" / 00:00:12:00"), timeout=3000)
