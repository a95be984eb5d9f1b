"""The edit tools (select, ripple, roll, slip, slide) and their gestures, without Qt.

`gesture_kind` says what a press starts for the active tool, the hit and the modifiers (Ctrl on
an edge with the select tool ripples, as in Premiere). Each gesture previews without changing
the model and hands back one command at release; edges and deltas land on the frame grid
unless snapped to a target. Limits come from the model's own `*_bounds` (model/edits/trims.py),
so what the preview shows is what the command does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from editor_app.model.edits import RippleTrim, Roll, Slide, Slip
from editor_app.model.edits.trims import ripple_bounds, roll_bounds, roll_pair, slide_bounds, slip_bounds
from editor_app.model.ticks import Ticks, format_duration, format_timecode
from editor_app.model.undo import Command
from editor_app.ui.timeline.logic.geometry import clips_in
from editor_app.ui.timeline.logic.gestures import (
    ClipView,
    Context,
    Gesture,
    Preview,
    edge_label,
    frame_snapped,
    view_targets,
)

Tool = Literal["select", "ripple", "roll", "slip", "slide"]
Edge = Literal["in", "out"]


@dataclass(frozen=True)
class ToolInfo:
    id: Tool
    title: str
    key: str
    cursor: str  # the name of a Qt.CursorShape, for the canvas to look up
    hint: str


TOOLS: tuple[ToolInfo, ...] = (
    ToolInfo("select", "Select", "V", "ArrowCursor", "Move, trim, Ctrl+drag an edge to ripple"),
    ToolInfo("ripple", "Ripple", "B", "SplitHCursor", "Drag an edge: what follows moves with it"),
    ToolInfo("roll", "Roll", "N", "SizeHorCursor", "Drag a cut between two clips"),
    ToolInfo("slip", "Slip", "Y", "SizeAllCursor", "Drag a clip: its source moves under it"),
    ToolInfo("slide", "Slide", "U", "ClosedHandCursor", "Drag a clip between its neighbours"),
)
TOOL_IDS: tuple[Tool, ...] = tuple(info.id for info in TOOLS)


def tool_info(tool: Tool) -> ToolInfo:
    return next(info for info in TOOLS if info.id == tool)


def gesture_kind(tool: Tool, hit: str, ripple_modifier: bool) -> str:
    """What a drag starting on `hit` does: trim, ripple, roll, slip, slide, move, volume, fade_*."""
    edge = hit in ("trim_in", "trim_out")
    if tool in ("slip", "slide") and hit != "volume":
        return tool
    if edge:
        if tool == "roll":
            return "roll"
        return "ripple" if tool == "ripple" or ripple_modifier else "trim"
    return "move" if hit == "clip" else hit


def _shift_view(view: ClipView, delta: Ticks) -> None:
    view.start += delta
    view.end += delta


class RippleGesture(Gesture):
    """Drag an edge; the clips after it on its track (those in view) follow in the preview."""

    def __init__(self, ctx: Context, clip_id: str, edge: Edge, x: float, all_tracks: bool = False) -> None:
        super().__init__(ctx)
        timeline = ctx.timeline
        track, clip = timeline.find(clip_id)
        self.clip, self.edge, self.all_tracks = clip, edge, all_tracks
        self.original = clip.start if edge == "in" else clip.end
        self.grab_offset = ctx.scale.ticks_at(x) - self.original
        self.low, self.high = ripple_bounds(timeline, clip, edge)
        self.value: Ticks = self.original
        self.targets = view_targets(ctx, frozenset([clip_id]))
        view_start, view_end = ctx.scale.span(ctx.width)
        # the followers that can be on screen during the drag (the view and as much again)
        reach = view_end + (view_end - view_start)
        later = [c for c in clips_in(track, clip.end, reach) if c.start >= clip.end]
        self.later = later
        views = {
            c.id: ClipView(c, track.id, c.start, c.end, c.source_start, c.volume) for c in [clip, *later]
        }
        self.preview = Preview(views)

    def move(self, ctx: Context, x: float, y: float, snapping: bool) -> None:
        super().move(ctx, x, y, snapping)
        t, guide = frame_snapped(ctx, ctx.scale.ticks_at(x) - self.grab_offset, self.targets, snapping)
        self.value = int(min(max(t, self.low), self.high))
        clip, view = self.clip, self.preview.views[self.clip.id]
        if self.edge == "out":
            shift = self.value - clip.end
            view.end = self.value
        else:
            moved = self.value - clip.start
            shift = -moved
            view.end = clip.end - moved
            view.source_start = clip.source_start + moved if clip.kind in ("video", "audio") else 0
        for later in self.later:
            other = self.preview.views[later.id]
            other.start, other.end = later.start + shift, later.end + shift
        self.preview.guide = guide
        self.preview.label = "Ripple " + edge_label(
            ctx.timeline, view.start, view.end, view.source_start, shift
        )

    def command(self) -> Command | None:
        if self.value == self.original:
            return None
        return RippleTrim(self.clip.id, self.edge, self.value, self.all_tracks)


class RollGesture(Gesture):
    """Drag the cut between two touching clips; one grows as the other shrinks."""

    def __init__(self, ctx: Context, clip_id: str, edge: Edge, x: float) -> None:
        super().__init__(ctx)
        timeline = ctx.timeline
        track, clip = timeline.find(clip_id)
        self.clip, self.edge = clip, edge
        self.pair = roll_pair(track, clip, edge)
        self.cut = clip.start if edge == "in" else clip.end
        self.grab_offset = ctx.scale.ticks_at(x) - self.cut
        self.value: Ticks = self.cut
        self.targets = view_targets(ctx, frozenset(c.id for c in self.pair or ()))
        if self.pair is None:
            self.low = self.high = float(self.cut)
            self.preview = Preview(valid=False, label="Roll: no clip touches this edge")
            return
        left, right = self.pair
        self.low, self.high = roll_bounds(timeline, left, right)
        self.preview = Preview(
            {c.id: ClipView(c, track.id, c.start, c.end, c.source_start, c.volume) for c in self.pair}
        )

    def move(self, ctx: Context, x: float, y: float, snapping: bool) -> None:
        super().move(ctx, x, y, snapping)
        if self.pair is None:
            return
        t, guide = frame_snapped(ctx, ctx.scale.ticks_at(x) - self.grab_offset, self.targets, snapping)
        self.value = int(min(max(t, self.low), self.high))
        left, right = self.pair
        self.preview.views[left.id].end = self.value
        view = self.preview.views[right.id]
        view.start = self.value
        if right.kind in ("video", "audio"):
            view.source_start = right.source_start + self.value - self.cut
        self.preview.guide = guide
        fps = ctx.timeline.fps
        self.preview.label = (
            f"Roll Δ {format_duration(self.value - self.cut, fps)}\nCut at {format_timecode(self.value, fps)}"
        )

    def command(self) -> Command | None:
        if self.pair is None or self.value == self.cut:
            return None
        return Roll(self.clip.id, self.edge, self.value)


class SlipGesture(Gesture):
    """Drag a clip left or right: the picture under it moves with the pointer, the clip stays."""

    def __init__(self, ctx: Context, clip_id: str, x: float) -> None:
        super().__init__(ctx)
        track, clip = ctx.timeline.find(clip_id)
        self.clip = clip
        self.anchor = ctx.scale.ticks_at(x)
        self.low, self.high = slip_bounds(ctx.timeline, clip)
        self.source: Ticks = clip.source_start
        timed = clip.kind in ("video", "audio")
        view = ClipView(clip, track.id, clip.start, clip.end, clip.source_start, clip.volume)
        self.preview = Preview({clip.id: view}, valid=timed)
        if not timed:
            self.preview.label = "Slip: only video and audio clips have a source to slip"

    def move(self, ctx: Context, x: float, y: float, snapping: bool) -> None:
        super().move(ctx, x, y, snapping)
        if not self.preview.valid:
            return
        # the content follows the pointer: dragging right shows earlier source
        delta = ctx.timeline.on_frame(ctx.scale.ticks_at(x) - self.anchor)
        self.source = int(min(max(self.clip.source_start - delta, self.low), self.high))
        self.preview.views[self.clip.id].source_start = self.source
        fps, clip = ctx.timeline.fps, self.clip
        source_in, source_out = (
            format_timecode(self.source, fps),
            format_timecode(self.source + clip.duration, fps),
        )
        delta_text = format_duration(self.source - clip.source_start, fps)
        self.preview.label = f"Slip Δ {delta_text}\nSource in {source_in}  out {source_out}"

    def command(self) -> Command | None:
        if not self.preview.valid or self.source == self.clip.source_start:
            return None
        return Slip(self.clip.id, self.source - self.clip.source_start)


class SlideGesture(Gesture):
    """Drag a clip between its neighbours; the ones touching it trim to make room."""

    def __init__(self, ctx: Context, clip_id: str, x: float) -> None:
        super().__init__(ctx)
        timeline = ctx.timeline
        track, clip = timeline.find(clip_id)
        self.clip = clip
        self.anchor = ctx.scale.ticks_at(x)
        self.low, self.high = slide_bounds(timeline, track, clip)
        self.delta: Ticks = 0
        index = track.index_of(clip)
        near = track.clips[max(index - 1, 0) : index + 2]
        self.left = next((c for c in near if c.end == clip.start and c is not clip), None)
        self.right = next((c for c in near if c.start == clip.end and c is not clip), None)
        self.targets = view_targets(ctx, frozenset(c.id for c in near))
        shown = [c for c in (self.left, clip, self.right) if c is not None]
        self.preview = Preview(
            {c.id: ClipView(c, track.id, c.start, c.end, c.source_start, c.volume) for c in shown}
        )

    def move(self, ctx: Context, x: float, y: float, snapping: bool) -> None:
        super().move(ctx, x, y, snapping)
        clip = self.clip
        start, guide = frame_snapped(
            ctx, clip.start + ctx.scale.ticks_at(x) - self.anchor, self.targets, snapping
        )
        self.delta = int(min(max(start - clip.start, self.low), self.high))
        views = self.preview.views
        _shift_view(views[clip.id], self.delta - (views[clip.id].start - clip.start))
        if self.left is not None:
            views[self.left.id].end = self.left.end + self.delta
        if self.right is not None:
            view = views[self.right.id]
            view.start = self.right.start + self.delta
            if self.right.kind in ("video", "audio"):
                view.source_start = self.right.source_start + self.delta
        self.preview.guide = guide
        fps = ctx.timeline.fps
        new_start = clip.start + self.delta
        self.preview.label = (
            f"Slide Δ {format_duration(self.delta, fps)}\n"
            f"In {format_timecode(new_start, fps)}  Out {format_timecode(new_start + clip.duration, fps)}"
        )

    def command(self) -> Command | None:
        return Slide(self.clip.id, self.delta) if self.delta else None
