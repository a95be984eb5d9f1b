"""The tool gestures without Qt: which gesture a press starts, what the preview shows while the
mouse moves (the rest of the track following a ripple, a roll's cut, a slip's source), and the
one command at release. Demo timeline, 1 s = 100 px."""

from __future__ import annotations

from editor_app.ui.timeline.logic.tools import (
    RippleGesture,
    RollGesture,
    SlideGesture,
    SlipGesture,
    gesture_kind,
)
from tests.support.demo_timeline import build_demo_timeline
from tests.ui_logic.test_gestures import _context, _mid_y, _x


def test_the_tool_and_ctrl_choose_the_gesture() -> None:
    assert gesture_kind("select", "trim_out", False) == "trim"
    assert gesture_kind("select", "trim_out", True) == "ripple"
    assert gesture_kind("roll", "trim_in", False) == "roll"
    assert gesture_kind("slip", "trim_in", False) == "slip"
    assert gesture_kind("slide", "clip", False) == "slide"
    assert gesture_kind("ripple", "clip", False) == "move"
    assert gesture_kind("slip", "volume", False) == "volume"


def test_each_tool_previews_then_gives_one_command() -> None:
    timeline = build_demo_timeline()
    ctx = _context(timeline)
    y = _mid_y(ctx, "v1")
    ripple = RippleGesture(ctx, "beach", "out", _x(3990))  # grabbed 1 px inside
    ripple.move(ctx, _x(3490), y, snapping=False)
    assert ripple.preview.views["city"].start == 3500 and ripple.preview.label is not None
    assert ripple.preview.label.startswith("Ripple Δ -0.500 s (-15 f)")
    assert ripple.command() is not None
    roll = RollGesture(ctx, "city", "in", _x(4000))
    roll.move(ctx, _x(4300), y, snapping=False)
    assert (roll.preview.views["beach"].end, roll.preview.views["city"].start) == (4300, 4300)
    slip = SlipGesture(ctx, "beach", _x(2000))
    slip.move(ctx, _x(2400), y, snapping=False)
    assert slip.preview.views["beach"].source_start == 600
    slide = SlideGesture(ctx, "title", _x(6000))
    slide.move(ctx, _x(5000), _mid_y(ctx, "v2"), snapping=False)
    assert slide.delta == -1000
    assert RollGesture(ctx, "title", "in", _x(5000)).command() is None  # nothing touches it
