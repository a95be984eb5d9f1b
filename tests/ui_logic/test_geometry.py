"""The canvas' geometry without Qt: time <-> pixels, rows, hit testing, ruler steps, level of detail."""

from __future__ import annotations

import random

import pytest

from editor_app.model import AudioAsset, Clip, Timeline, Track, Transition, VideoAsset
from editor_app.ui.timeline.logic.geometry import (
    LABEL_HEIGHT,
    RULER_HEIGHT,
    TRACK_HEIGHTS,
    TimeScale,
    TrackLayout,
    clip_rect,
    clips_in,
    fit_scale,
    hit_test,
    volume_at,
    volume_y,
)
from editor_app.ui.timeline.logic.lod import LodCache, Run, build_items
from editor_app.ui.timeline.logic.ruler import ruler_label, tick_steps


def _timeline() -> Timeline:
    v1 = Track(id="v1", name="V1", kind="video")
    a1 = Track(id="a1", name="A1", kind="audio")
    timeline = Timeline(tracks=[v1, a1])
    timeline.attach(v1, Clip(id="c1", start=1000, duration=2000, asset=VideoAsset(id="m-1")))
    timeline.attach(v1, Clip(id="c2", start=3000, duration=2000, asset=VideoAsset(id="m-1", volume=0.5)))
    timeline.attach(
        a1,
        Clip(
            id="c3",
            start=0,
            duration=4000,
            asset=AudioAsset(id="a-1"),
            transition=Transition(in_="fade", duration=1000),
        ),
    )
    return timeline


def test_time_scale_round_trips_and_zooms_about_the_mouse() -> None:
    scale = TimeScale(100.0, 2000)
    assert scale.x_of(2000) == 0
    assert scale.x_of(3500) == 150
    assert scale.ticks_at(150) == 3500
    zoomed = scale.zoomed_about(150, 2.0)
    assert zoomed.px_per_second == 200
    assert zoomed.ticks_at(150) == 3500  # the time under the mouse stays put
    assert scale.zoomed_about(0, 1e9).px_per_second <= 4000  # clamped
    fit = fit_scale(60_000, 1000)
    assert fit.origin_ticks == 0 and fit.x_of(60_000) < 1000 and fit.x_of(60_000) > 900


def test_rows_stack_below_the_ruler_and_scroll() -> None:
    timeline = _timeline()
    layout = TrackLayout(timeline, scroll_y=0)
    assert [r.track_id for r in layout.rows] == ["v1", "a1"]
    assert layout.rows[0].top == RULER_HEIGHT
    assert layout.rows[1].top == RULER_HEIGHT + TRACK_HEIGHTS["video"]
    assert layout.row_at(RULER_HEIGHT + 5).track_id == "v1"  # type: ignore[union-attr]
    assert layout.row_at(layout.bottom + 1) is None
    scrolled = TrackLayout(timeline, scroll_y=20)
    assert scrolled.rows[0].top == RULER_HEIGHT - 20
    assert scrolled.row_of("a1") is not None and scrolled.row_of("nope") is None


def test_hit_test_finds_bodies_edges_volume_and_fades() -> None:
    timeline = _timeline()
    scale = TimeScale(100.0, 0)  # 1 s = 100 px
    layout = TrackLayout(timeline)
    v_row, a_row = layout.rows
    body_y = v_row.top + LABEL_HEIGHT + 6
    assert hit_test(timeline, scale, layout, 50, 10).kind == "ruler"
    assert hit_test(timeline, scale, layout, 50, body_y).kind == "empty"
    assert hit_test(timeline, scale, layout, 50, body_y).track_id == "v1"
    assert hit_test(timeline, scale, layout, 200, body_y).clip_id == "c1"
    assert hit_test(timeline, scale, layout, 102, body_y).kind == "trim_in"
    assert hit_test(timeline, scale, layout, 97, body_y).kind == "trim_in"  # just outside still grabs
    # at the cut between c1 and c2 the side of the pointer decides
    left = hit_test(timeline, scale, layout, 298, body_y)
    right = hit_test(timeline, scale, layout, 302, body_y)
    assert (left.kind, left.clip_id) == ("trim_out", "c1")
    assert (right.kind, right.clip_id) == ("trim_in", "c2")
    rect = clip_rect(scale, v_row, 3000, 5000)
    y = volume_y(rect, 0.5)
    assert hit_test(timeline, scale, layout, 400, y).kind == "volume"
    assert volume_at(rect, y) == pytest.approx(0.5, abs=0.02)
    fade = hit_test(timeline, scale, layout, 100, a_row.top + 5)  # 1 s fade-in handle at x=100
    assert (fade.kind, fade.clip_id) == ("fade_in", "c3")
    assert hit_test(timeline, scale, layout, 2000, layout.bottom + 10).kind == "empty"


def test_ruler_steps_adapt_to_the_zoom() -> None:
    for pps in (0.01, 0.5, 5, 50, 500, 4000):
        major, minor = tick_steps(pps)
        assert major * pps / 1000 >= 90 or major == 86_400_000
        assert major % minor == 0
    assert tick_steps(50)[0] == 2000
    assert tick_steps(4000)[0] < 100
    assert ruler_label(65_000, 5000) == "1:05"
    assert ruler_label(3_725_000, 60_000) == "1:02:05"
    assert ruler_label(4_500, 500) == "0:04.5"
    assert ruler_label(4_520, 20) == "0:04.52"


def test_thin_clips_merge_into_runs_and_lookup_stays_small() -> None:
    track = Track(id="v", kind="video")
    timeline = Timeline(tracks=[track])
    for i in range(5000):
        timeline.attach(track, Clip(id=f"c{i}", start=i * 1000, duration=1000, asset=VideoAsset(id="m")))
    # 1 s = 0.5 px: every clip is tiny, back to back -> one run
    items = build_items(track.clips, 0.5)
    assert len(items) == 1 and isinstance(items[0], Run) and items[0].count == 5000
    assert items[0].end == 5_000_000
    # wide enough clips stay clips
    assert all(isinstance(i, Clip) for i in build_items(track.clips[:10], 100))
    cache = LodCache()
    seen = cache.visible(track, 1, 0.5, 0, 5_000_000)
    assert len(seen) == 1
    few = cache.visible(track, 1, 100, 10_000, 20_000)
    assert [c.id for c in few if isinstance(c, Clip)] == [f"c{i}" for i in range(10, 20)]


def test_clips_in_agrees_with_track_visible() -> None:
    rng = random.Random(3)
    track = Track(id="v", kind="video")
    timeline = Timeline(tracks=[track])
    at = 0
    for i in range(300):
        at += rng.choice((0, 0, 150, 700))
        duration = rng.randint(100, 2000)
        timeline.attach(track, Clip(id=f"c{i}", start=at, duration=duration, asset=VideoAsset(id="m")))
        at += duration
    for _ in range(200):
        start = rng.randint(0, at)
        end = start + rng.randint(1, 5000)
        assert [c.id for c in clips_in(track, start, end)] == [c.id for c in track.visible(start, end)]
