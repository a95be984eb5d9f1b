"""Mouse gestures without Qt: each keeps a preview while it moves and hands back one command (or
none) at release; snapping, clamping and which rows a clip may move to are decided here."""

from __future__ import annotations

import pytest

from editor_app.model import Timeline
from editor_app.ui.timeline.logic.geometry import TimeScale, TrackLayout, clip_rect, volume_y
from editor_app.ui.timeline.logic.gestures import (
    Context,
    FadeGesture,
    MoveGesture,
    TrimGesture,
    VolumeGesture,
    duration_text,
)
from tests.support.demo_timeline import build_demo_timeline

PPS = 100.0  # 1 s = 100 px, so 1 px = 10 ms


def _context(timeline: Timeline) -> Context:
    return Context(timeline, TimeScale(PPS, 0), TrackLayout(timeline), playhead=0, width=1600.0)


def _x(ticks: int) -> float:
    return ticks * PPS / 1000


def _mid_y(ctx: Context, track_id: str) -> float:
    row = ctx.layout.row_of(track_id)
    assert row is not None
    return row.top + row.height / 2


def test_a_move_previews_then_gives_one_command_and_snaps_to_an_edge() -> None:
    timeline = build_demo_timeline()
    ctx = _context(timeline)
    y = _mid_y(ctx, "v1")
    gesture = MoveGesture(ctx, ["beach"], "beach", _x(2000), y)  # beach [0, 4 s) grabbed at 2 s
    gesture.move(ctx, _x(11_000), y, snapping=False)
    view = gesture.preview.views["beach"]
    assert (view.track_id, view.start, view.end) == ("v1", 9000, 13_000) and gesture.preview.valid
    assert gesture.preview.ghost and gesture.preview.label == "00:00:09:00"
    gesture.move(ctx, _x(10_050), y, snapping=True)  # its start 5 px from city's end at 8 s
    assert gesture.delta == 8000 and gesture.preview.guide == 8000
    command = gesture.command()
    assert command is not None and command.label == "Move Clip"
    command.do(timeline)
    assert (timeline.track_of("beach").id, timeline.clip("beach").start) == ("v1", 8000)


def test_a_move_onto_a_clip_is_invalid_and_rows_follow_the_kind() -> None:
    timeline = build_demo_timeline()
    ctx = _context(timeline)
    y = _mid_y(ctx, "v1")
    gesture = MoveGesture(ctx, ["beach"], "beach", _x(2000), y)
    gesture.move(ctx, _x(4000), y, snapping=False)  # onto city: it would overwrite it
    assert gesture.preview.valid and gesture.occupied and gesture.preview.label == "00:00:02:00 (overwrite)"
    command = gesture.command()
    assert command is not None and command.label == "Overwrite Move"
    gesture.mode = "insert"
    command = gesture.command()
    assert command is not None and command.label == "Insert Move"
    gesture.move(ctx, _x(2000), _mid_y(ctx, "a1"), snapping=False)  # a video clip on the audio row
    assert gesture.shift == 0 and gesture.preview.views["beach"].track_id == "v1"
    gesture.move(ctx, _x(12_000), _mid_y(ctx, "v2"), snapping=False)  # the row above: V2
    assert gesture.preview.views["beach"].track_id == "v2" and gesture.preview.valid
    gesture.move(ctx, _x(2000), y, snapping=False)
    assert gesture.command() is None  # back where it started: nothing to undo


def test_trims_clamp_at_the_source_and_the_neighbours() -> None:
    timeline = build_demo_timeline()
    ctx = _context(timeline)
    y = _mid_y(ctx, "v1")
    trim_in = TrimGesture(ctx, "beach", "in")  # beach's source starts 1 s before what it shows
    trim_in.move(ctx, _x(-500), y, snapping=False)
    assert trim_in.value == 0 and trim_in.command() is None  # the timeline's start is the limit
    trim_out = TrimGesture(ctx, "city", "out")  # city: 8 s of source, shown from 0
    trim_out.move(ctx, _x(15_000), y, snapping=False)
    assert trim_out.value == 12_000 and duration_text(8000) == "8.000"
    assert (
        trim_out.preview.label
        == "Δ 4.000 s (120 f)\nDuration 8.000 s (240 f)\nIn 00:00:04:00  Out 00:00:12:00"
    )
    command = trim_out.command()
    assert command is not None
    command.do(timeline)
    assert timeline.clip("city").end == 12_000
    blocked = TrimGesture(_context(timeline), "beach", "out")
    blocked.move(ctx, _x(6000), y, snapping=False)
    assert blocked.value == 4000  # city starts there


def test_the_volume_line_sets_every_selected_clip_and_lands_on_unity() -> None:
    timeline = build_demo_timeline()
    ctx = _context(timeline)
    row = ctx.layout.row_of("v1")
    assert row is not None
    rect = clip_rect(ctx.scale, row, 0, 4000)
    gesture = VolumeGesture(ctx, ["beach", "city", "logo"], "beach")  # the image has no volume
    assert set(gesture.preview.views) == {"beach", "city"}
    gesture.move(ctx, _x(2000), volume_y(rect, 1.5), snapping=False)
    assert gesture.volume == pytest.approx(1.5, abs=0.02) and gesture.preview.label is not None
    assert gesture.preview.label.startswith("Volume 1.5")
    gesture.move(ctx, _x(2000), volume_y(rect, 1.03), snapping=True)
    assert gesture.volume == 1.0
    command = gesture.command()
    assert command is not None
    command.do(timeline)
    assert timeline.clip("beach").volume == timeline.clip("city").volume == 1.0


def test_a_fade_handle_sets_the_length_within_the_clip() -> None:
    timeline = build_demo_timeline()
    ctx = _context(timeline)
    gesture = FadeGesture(ctx, "city", "out")  # city [4 s, 8 s), fade out 0.8 s
    gesture.move(ctx, _x(6000), 0, snapping=False)
    assert gesture.duration == 2000 and gesture.preview.label == "Fade 2.00 s"
    gesture.move(ctx, _x(0), 0, snapping=False)
    assert gesture.duration == 4000  # the whole clip at most (it fades out only)
    gesture.move(ctx, _x(7200), 0, snapping=False)
    assert gesture.command() is None  # back to 0.8 s
    gesture.move(ctx, _x(7000), 0, snapping=False)
    command = gesture.command()
    assert command is not None
    command.do(timeline)
    transition = timeline.clip("city").transition
    assert transition is not None and (transition.out, transition.duration) == ("fade", 1000)


def test_durations_are_said_as_short_as_they_can_be() -> None:
    assert duration_text(2700) == "2.700"
    assert duration_text(65_250) == "1:05.250"
    assert duration_text(3_600_000) == "1:00:00.000"
