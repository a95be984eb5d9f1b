"""Rows show video tracks stacked upward (the one drawn on top of the picture is the top row) and
audio tracks below them in list order; adding, dropping, moving and reordering follow the rows.
(The row order and the restack edit itself: tests/model/test_edits_tracks.py.)"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from editor_app.model.undo import History
from editor_app.ui.timeline.logic.geometry import TrackLayout
from tests.support.canvas import LEFT, NO_MODS, body_y, drag, drop_mime, media_mime, open_view, x_at


def _ids_top_down(history: History) -> list[str]:
    return [row.track_id for row in TrackLayout(history.timeline).rows]


def test_video_tracks_stack_upward_above_the_audio_tracks(qtbot: QtBot, history: History) -> None:
    assert [t.id for t in history.timeline.tracks] == ["v1", "v2", "a1"]
    assert _ids_top_down(history) == ["v2", "v1", "a1"]
    view = open_view(qtbot, history)
    headers = view.headers
    # headers sit beside their rows and keep the editors' names: V1 is the bottom video track
    assert headers.rows["v2"].y() < headers.rows["v1"].y() < headers.rows["a1"].y()
    assert [headers.rows[t].badge.text() for t in ("v2", "v1", "a1")] == ["V2", "V1", "A1"]


def test_a_new_video_track_goes_on_top_and_is_drawn_on_top(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    QTest.mouseClick(view.headers.add_video, LEFT)
    QTest.mouseClick(view.headers.add_audio, LEFT)
    timeline = history.timeline
    video, audio = timeline.tracks[-2], timeline.tracks[-1]
    assert (video.name, audio.name) == ("V3", "A2")
    assert _ids_top_down(history) == [video.id, "v2", "v1", "a1", audio.id]
    # the renderer orders by z_index before list order: the new track must not slip under V2
    assert video.z_index > max(t.z_index for t in timeline.tracks if t is not video and t.kind == "video")


def test_a_video_dropped_below_every_row_makes_a_top_video_track(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    bottom = int(canvas.layout_rows().bottom) + 20
    assert drop_mime(canvas, media_mime("m-beach", "video", "Beach.mp4", 3.0), x_at(canvas, 20_000), bottom)
    new = history.timeline.tracks[-1]
    assert new.kind == "video" and new.name == "V3" and [c.start for c in new.clips] == [20_000]
    assert _ids_top_down(history)[0] == new.id


def test_dragging_a_clip_one_row_up_moves_it_to_the_track_shown_there(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    # "beach" [0, 4 s) on V1 (bottom video row) dragged up one row, to 10 s: lands on V2, shown above
    drag(canvas, (x_at(canvas, 2000), body_y(canvas, "v1")), (x_at(canvas, 12_000), body_y(canvas, "v2")))
    track, clip = history.timeline.find("beach")
    assert (track.id, clip.start) == ("v2", 10_000)


def test_a_header_dragged_to_the_top_row_moves_its_track_to_the_top(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    rows = view.canvas.layout_rows()
    a1, top = rows.row_of("a1"), rows.rows[0]
    assert a1 is not None
    QTest.mousePress(view.headers, LEFT, NO_MODS, QPoint(8, int(a1.top + a1.height / 2)))
    QTest.mouseMove(view.headers, QPoint(8, int(top.top + 3)))
    QTest.mouseRelease(view.headers, LEFT, NO_MODS, QPoint(8, int(top.top + 3)))
    # an audio track cannot sit among the video rows: it stays the first audio track
    assert _ids_top_down(history) == ["v2", "v1", "a1"]
