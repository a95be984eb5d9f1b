"""The window's own ways to add a track put a new video track on top of the stack, in the rows and
in the picture (z_index above every other track)."""

from __future__ import annotations

from editor_app.ui.window.main_window import MainWindow


def test_add_video_track_goes_on_top_of_the_rows_and_the_picture(window: MainWindow) -> None:
    document = window.session.document
    assert document is window.session.document
    window.editing.add_video_track()
    window.editing.add_audio_track()
    timeline = document.timeline
    video = next(t for t in timeline.tracks if t.name == "V3")
    audio = next(t for t in timeline.tracks if t.name == "A2")
    rows = [row.track_id for row in window.timeline_view.canvas.layout_rows().rows]
    assert rows[0] == video.id and rows[-1] == audio.id
    assert video.z_index > max(t.z_index for t in timeline.tracks if t is not video and t.kind == "video")
