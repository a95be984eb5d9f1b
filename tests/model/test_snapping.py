"""Snapping: targets from clips, playhead and markers; pixel tolerance at a zoom; span snapping."""

import pytest

from editor_app.model import Clip, Marker, Timeline, Track, VideoAsset
from editor_app.model.snapping import SnapTarget, snap, snap_span, snap_targets


def timeline() -> Timeline:
    clips_v1 = [Clip(id="a", start=0, duration=2000, asset=VideoAsset(id="m-1"))]
    clips_v2 = [Clip(id="b", start=5000, duration=1000, asset=VideoAsset(id="m-2"))]
    return Timeline(
        tracks=[Track(id="v1", clips=clips_v1), Track(id="v2", clips=clips_v2)],
        markers=[Marker(id="mk", time=8000)],
    )


def test_targets_cover_clip_edges_on_all_tracks_playhead_and_markers_sorted() -> None:
    targets = snap_targets(timeline(), playhead=3000)
    assert [(t.time, t.kind, t.ref) for t in targets] == [
        (0, "clip_start", "a"),
        (2000, "clip_end", "a"),
        (3000, "playhead", None),
        (5000, "clip_start", "b"),
        (6000, "clip_end", "b"),
        (8000, "marker", "mk"),
    ]


def test_targets_leave_out_moving_clips_and_respect_the_window() -> None:
    targets = snap_targets(timeline(), playhead=None, exclude_clip_ids=frozenset({"a"}), window=(4000, 7000))
    assert [(t.time, t.ref) for t in targets] == [(5000, "b"), (6000, "b")]
    targets = snap_targets(timeline(), playhead=None, window=(1500, 5500))
    assert [(t.time, t.ref) for t in targets] == [(2000, "a"), (5000, "b")]


def test_tolerance_is_in_pixels_at_the_current_zoom() -> None:
    targets = snap_targets(timeline(), playhead=None)
    # 100 px per second: 8 px reach 80 ms
    assert snap(2070, targets, 8, 100) == (2000, SnapTarget(2000, "clip_end", "a"))
    assert snap(2090, targets, 8, 100) == (2090, None)
    # zoomed out to 10 px per second the same 8 px reach 800 ms
    assert snap(2700, targets, 8, 10)[0] == 2000
    with pytest.raises(ValueError, match="positive"):
        snap(0, targets, 8, 0)


def test_nearest_wins_and_ties_prefer_the_playhead() -> None:
    targets = snap_targets(timeline(), playhead=5000)
    time, target = snap(5040, targets, 10, 100)
    assert time == 5000 and target is not None and target.kind == "playhead"
    time, target = snap(5980, targets, 10, 100)
    assert (time, target and target.kind) == (6000, "clip_end")


def test_snap_span_snaps_whichever_edge_is_closer() -> None:
    targets = snap_targets(timeline(), playhead=None, exclude_clip_ids=frozenset({"b"}))
    # a 1 s clip dragged to 2050..3050: its start is 50 ms from a's end
    delta, target = snap_span(2050, 3050, targets, 10, 100)
    assert delta == -50 and target is not None and target.ref == "a"
    # dragged to 7030..8030: its end is 30 ms from the marker
    delta, target = snap_span(7030, 8030, targets, 10, 100)
    assert delta == -30 and target is not None and target.kind == "marker"
    assert snap_span(3000, 4000, targets, 10, 100) == (0, None)


def test_snap_on_many_targets_uses_the_sorted_order() -> None:
    targets = [SnapTarget(t * 1000, "clip_start", str(t)) for t in range(100_000)]
    assert snap(50_000_004, targets, 1, 100) == (50_000_000, targets[50_000])
    assert snap(-5, targets, 1, 100)[0] == 0
    assert snap(200_000_000, targets, 1, 100) == (200_000_000, None)
