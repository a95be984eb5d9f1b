"""Rows show video tracks stacked upward (the one drawn on top of the picture is the top row) and
audio tracks below them in list order; adding, dropping, moving and reordering follow the rows."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from editor_app.model.timeline import Timeline, Track
from editor_app.model.undo import History
from editor_app.ui.timeline.geometry import TrackLayout
from editor_app.ui.timeline.track_order import RestackTrack, display_order
from tests.support.canvas import LEFT, NO_MODS, body_y, drag, drop_mime, media_mime, open_view, x_at


def _ids_top_down(history: History) -> list[str]:
    return [row.track_id for row in TrackLayout(history.timeline).rows]


def _timeline(*kinds: str) -> Timeline:
    return Timeline(
        tracks=[Track(id=f"t{i}", kind="audio" if k == "a" else "video") for i, k in enumerate(kinds)]
    )


def test_video_tracks_stack_upward_above_the_audio_tracks(qtbot: QtBot, history: History) -> None:
    assert [t.id for t in history.timeline.tracks] == ["v1", "v2", "a1"]
    assert _ids_top_down(history) == ["v2", "v1", "a1"]
    view = open_view(qtbot, history)
    headers = view.headers
    # headers sit beside their rows and keep the editors' names: V1 is the bottom video track
    assert headers.rows["v2"].y() < headers.rows["v1"].y() < headers.rows["a1"].y()
    assert [headers.rows[t].badge.text() for t in ("v2", "v1", "a1")] == ["V2", "V1", "A1"]
    # an interleaved list still shows every video track above every audio track
    mixed = _timeline("v", "a", "v", "a")
    assert display_order(mixed) == [2, 0, 1, 3]


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


def _restack(timeline: Timeline, track_id: str, row: int) -> list[str]:
    RestackTrack(track_id, row).do(timeline)
    return [timeline.tracks[i].id for i in display_order(timeline)]


def test_reordering_by_rows_keeps_each_kind_in_its_rows() -> None:
    timeline = _timeline("v", "v", "v", "a", "a")  # rows from the top: t2 t1 t0 | t3 t4
    assert [timeline.tracks[i].id for i in display_order(timeline)] == ["t2", "t1", "t0", "t3", "t4"]
    assert _restack(timeline, "t0", 0) == ["t0", "t2", "t1", "t3", "t4"]  # bottom video to the top
    assert [t.id for t in timeline.tracks] == ["t1", "t2", "t0", "t3", "t4"]  # last in the list = on top
    assert _restack(timeline, "t0", 2) == ["t2", "t0", "t1", "t3", "t4"]
    assert _restack(timeline, "t2", 5) == ["t0", "t1", "t2", "t3", "t4"]  # into the audio rows: bottom video
    assert _restack(timeline, "t4", 0) == ["t0", "t1", "t2", "t4", "t3"]  # into the video rows: first audio
    unchanged = RestackTrack("t1", 1)
    assert not unchanged.changes(timeline)


def test_a_restack_makes_the_picture_follow_the_rows_and_undoes_exactly() -> None:
    timeline = _timeline("v", "v", "a")
    for z, track in zip((5, 1, 0), timeline.tracks, strict=True):
        track.z_index = z  # t0 has the highest z_index: the renderer draws it on top despite its place
    assert [timeline.tracks[i].id for i in display_order(timeline)] == ["t0", "t1", "t2"]
    before = [(t.id, t.z_index) for t in timeline.tracks]
    command = RestackTrack("t1", 0)  # t1 to the top row
    command.do(timeline)
    assert [timeline.tracks[i].id for i in display_order(timeline)] == ["t1", "t0", "t2"]
    stacking = sorted(
        (t for t in timeline.tracks if t.kind == "video"), key=lambda t: (t.z_index, timeline.tracks.index(t))
    )
    assert stacking[-1].id == "t1"  # what the renderer draws last (on top) is the top row
    command.undo(timeline)
    assert [(t.id, t.z_index) for t in timeline.tracks] == before


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
