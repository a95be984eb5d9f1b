"""Mouse gestures on the canvas as small state machines: move, trim, volume, fade.

A gesture never changes the model while the mouse moves; it keeps a `Preview` that the painter
draws over the model, and at release it hands back ONE command for the undo history (or None
when nothing changed), so one drag is one undo step named for what it did.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from editor_app.model.edits import Mode, MoveClips, Place, SetClipProperty, SetVolume, TrimIn, TrimOut
from editor_app.model.snapping import SnapTarget, snap, snap_span, snap_targets
from editor_app.model.ticks import Ticks, format_duration, format_timecode
from editor_app.model.timeline import Clip, Timeline, Track, Transition
from editor_app.model.undo import Command
from editor_app.ui.timeline.logic.geometry import TimeScale, TrackLayout, clip_rect, volume_at

SNAP_PX = 8.0


@dataclass
class ClipView:
    """How to draw a clip during a gesture."""

    clip: Clip
    track_id: str
    start: Ticks
    end: Ticks
    source_start: Ticks
    volume: float | None
    fade: Ticks | None = None


@dataclass
class Preview:
    views: dict[str, ClipView] = field(default_factory=dict)
    ghost: bool = False  # True: originals stay (dimmed) and views float over them
    valid: bool = True
    guide: Ticks | None = None
    label: str | None = None


@dataclass
class Context:
    timeline: Timeline
    scale: TimeScale
    layout: TrackLayout
    playhead: Ticks
    width: float


def view_targets(ctx: Context, exclude: frozenset[str]) -> list[SnapTarget]:
    """What to snap to: clip edges, the playhead and markers in and around the view."""
    start, end = ctx.scale.span(ctx.width)
    margin = end - start
    return snap_targets(ctx.timeline, ctx.playhead, exclude, (max(start - margin, 0), end + margin))


def _view(timeline: Timeline, clip: Clip) -> ClipView:
    return ClipView(clip, timeline.track_of(clip.id).id, clip.start, clip.end, clip.source_start, clip.volume)


def edge_label(
    timeline: Timeline, start: Ticks, end: Ticks, source: Ticks, delta: Ticks | None = None
) -> str:
    """The live tooltip of a trim: the change, the new length, and in/out timecodes."""
    fps = timeline.fps
    parts = [] if delta is None else [f"Δ {format_duration(delta, fps)}"]
    parts.append(f"Duration {format_duration(end - start, fps)}")
    parts.append(f"In {format_timecode(start, fps)}  Out {format_timecode(end, fps)}")
    if source:
        parts.append(f"Source in {format_timecode(source, fps)}")
    return "\n".join(parts)


def frame_snapped(
    ctx: Context, t: Ticks, targets: list[SnapTarget], snapping: bool
) -> tuple[Ticks, Ticks | None]:
    """`t` on a snap target when one is near (and snapping is on), else on the frame grid."""
    if snapping:
        snapped, target = snap(t, targets, SNAP_PX, ctx.scale.px_per_second)
        if target is not None:
            return snapped, target.time
    return ctx.timeline.on_frame(t), None


def duration_text(ticks: Ticks) -> str:
    """`2.700`, `1:05.250`, `1:00:00.000`: a duration as short as it can be said."""
    minutes, ms = divmod(ticks, 60_000)
    hours, minutes = divmod(minutes, 60)
    seconds = f"{ms / 1000:06.3f}"
    if hours:
        return f"{hours}:{minutes:02d}:{seconds}"
    return f"{minutes}:{seconds}" if minutes else f"{ms / 1000:.3f}"


class Gesture:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.preview = Preview()

    def move(self, ctx: Context, x: float, y: float, snapping: bool) -> None:
        self.ctx = ctx

    def command(self) -> Command | None:
        return None


class MoveGesture(Gesture):
    """Drag clips in time and across compatible tracks, snapping the grabbed clip's edges."""

    def __init__(self, ctx: Context, clip_ids: list[str], grabbed: str, x: float, y: float) -> None:
        super().__init__(ctx)
        timeline = ctx.timeline
        self.clips = [timeline.clip(cid) for cid in clip_ids]
        self.grabbed = timeline.clip(grabbed)
        self.ids = frozenset(clip_ids)
        # rows by display position (from the top), so a drag one row down moves every clip one row down
        self.rows = {c.id: ctx.layout.position_of(timeline.track_of(c.id).id) for c in self.clips}
        self.anchor_t = ctx.scale.ticks_at(x)
        row = ctx.layout.row_at(y)
        self.anchor_row = row.position if row is not None else self.rows[grabbed]
        self.min_start = min(c.start for c in self.clips)
        self.delta: Ticks = 0
        self.shift = 0
        self.targets = view_targets(ctx, self.ids)
        self.preview = Preview({c.id: _view(timeline, c) for c in self.clips}, ghost=True)
        # onto occupied time: overwrite or insert (the canvas sets it from its toggle and modifier)
        self.mode: Mode = "overwrite"
        self.occupied = False

    def _track(self, clip: Clip, shift: int) -> Track | None:
        """The track `clip` lands on when shifted by `shift` rows, or None past the last row."""
        rows = self.ctx.layout.rows
        position = self.rows[clip.id] + shift
        if not 0 <= position < len(rows):
            return None
        return self.ctx.timeline.tracks[rows[position].index]

    def _shift_ok(self, shift: int) -> bool:
        for clip in self.clips:
            track = self._track(clip, shift)
            if track is None or not track.accepts(clip):
                return False
        return True

    def move(self, ctx: Context, x: float, y: float, snapping: bool) -> None:
        super().move(ctx, x, y, snapping)
        delta = max(ctx.scale.ticks_at(x) - self.anchor_t, -self.min_start)
        guide = None
        if snapping:
            g = self.grabbed
            correction, target = snap_span(
                g.start + delta, g.end + delta, self.targets, SNAP_PX, ctx.scale.px_per_second
            )
            if target is not None and delta + correction >= -self.min_start:
                delta += correction
                guide = target.time
        if guide is None:  # land the grabbed clip on a frame
            delta = max(
                ctx.timeline.on_frame(self.grabbed.start + delta) - self.grabbed.start, -self.min_start
            )
        row = ctx.layout.row_at(y)
        if row is not None and self._shift_ok(row.position - self.anchor_row):
            self.shift = row.position - self.anchor_row
        self.delta = delta
        valid, occupied = True, False
        for clip in self.clips:
            track = self._track(clip, self.shift)
            assert track is not None  # the shift was checked
            view = self.preview.views[clip.id]
            view.track_id, view.start, view.end = track.id, clip.start + delta, clip.end + delta
            valid = valid and not track.locked and not self.timeline_locked(clip)
            occupied = occupied or track.overlapping(view.start, view.end, self.ids) is not None
        self.occupied = occupied
        self.preview.valid, self.preview.guide = valid, guide
        at = format_timecode(self.grabbed.start + delta, ctx.timeline.fps)
        how = " (insert)" if self.mode == "insert" else " (overwrite)" if occupied else ""
        self.preview.label = at + how

    def timeline_locked(self, clip: Clip) -> bool:
        return self.ctx.timeline.track_of(clip.id).locked

    def command(self) -> Command | None:
        if self.delta == 0 and self.shift == 0:
            return None
        moves: dict[str, tuple[Ticks, str]] = {}
        for clip in self.clips:
            track = self._track(clip, self.shift)
            assert track is not None  # the shift was checked
            moves[clip.id] = (clip.start + self.delta, track.id)
        if self.mode == "insert" or self.occupied:
            items = [
                (track_id, self.ctx.timeline.clip(cid), start) for cid, (start, track_id) in moves.items()
            ]
            label = "Insert Move" if self.mode == "insert" else "Overwrite Move"
            return Place(self.mode, items, label)
        return MoveClips(moves)


class TrimGesture(Gesture):
    """Drag one edge of a clip; clamps at the source's bounds and at the neighbours."""

    def __init__(
        self, ctx: Context, clip_id: str, edge: Literal["in", "out"], x: float | None = None
    ) -> None:
        super().__init__(ctx)
        timeline = ctx.timeline
        track, clip = timeline.find(clip_id)
        self.clip, self.edge = clip, edge
        # the edge moves by the drag's distance, not to the pointer (grabbed a few px inside it)
        original = clip.start if edge == "in" else clip.end
        self.grab_offset: Ticks = ctx.scale.ticks_at(x) - original if x is not None else 0
        index = track.index_of(clip)
        before = track.clips[index - 1].end if index > 0 else 0
        after = track.clips[index + 1].start if index + 1 < len(track.clips) else math.inf
        timed = clip.kind in ("video", "audio")
        length = timeline.source_length(clip) if timed else None
        self.low: float
        self.high: float
        if edge == "in":
            earliest = clip.start - clip.source_start if timed else 0
            self.low, self.high = max(earliest, before, 0), clip.end - 1
        else:
            latest = clip.start + (length - clip.source_start) if length is not None else math.inf
            self.low, self.high = clip.start + 1, min(latest, after)
        self.value: Ticks = clip.start if edge == "in" else clip.end
        self.targets = view_targets(ctx, frozenset([clip_id]))
        self.preview = Preview({clip.id: _view(timeline, clip)})

    def move(self, ctx: Context, x: float, y: float, snapping: bool) -> None:
        super().move(ctx, x, y, snapping)
        t, guide = frame_snapped(ctx, ctx.scale.ticks_at(x) - self.grab_offset, self.targets, snapping)
        if guide is not None and not self.low <= t <= self.high:
            t, guide = ctx.timeline.on_frame(ctx.scale.ticks_at(x) - self.grab_offset), None
        self.value = int(min(max(t, self.low), self.high))
        view = self.preview.views[self.clip.id]
        if self.edge == "in":
            view.start = self.value
            view.source_start = self.clip.source_start + (self.value - self.clip.start)
        else:
            view.end = self.value
        self.preview.guide = guide
        original = self.clip.start if self.edge == "in" else self.clip.end
        self.preview.label = edge_label(
            ctx.timeline, view.start, view.end, view.source_start, self.value - original
        )

    def command(self) -> Command | None:
        if self.edge == "in":
            return TrimIn(self.clip.id, self.value) if self.value != self.clip.start else None
        return TrimOut(self.clip.id, self.value) if self.value != self.clip.end else None


class VolumeGesture(Gesture):
    """Drag the volume line of a clip (and of the other selected clips with it) up and down."""

    def __init__(self, ctx: Context, clip_ids: list[str], grabbed: str) -> None:
        super().__init__(ctx)
        timeline = ctx.timeline
        self.clips = [c for c in (timeline.clip(cid) for cid in clip_ids) if c.volume is not None]
        self.grabbed = timeline.clip(grabbed)
        self.volume = self.grabbed.volume if self.grabbed.volume is not None else 1.0
        self.preview = Preview({c.id: _view(timeline, c) for c in self.clips})

    def move(self, ctx: Context, x: float, y: float, snapping: bool) -> None:
        super().move(ctx, x, y, snapping)
        row = ctx.layout.row_of(ctx.timeline.track_of(self.grabbed.id).id)
        if row is None:
            return
        volume = volume_at(clip_rect(ctx.scale, row, self.grabbed.start, self.grabbed.end), y)
        if snapping and abs(volume - 1.0) <= 0.05:
            volume = 1.0  # unity is where people want to land
        self.volume = volume
        for view in self.preview.views.values():
            view.volume = volume
        db = "-inf" if volume <= 0 else f"{20 * math.log10(volume):+.1f}"
        self.preview.label = f"Volume {volume:.2f} ({db} dB)"

    def command(self) -> Command | None:
        if all(c.volume == self.volume for c in self.clips):
            return None
        return SetVolume([c.id for c in self.clips], self.volume)


class FadeGesture(Gesture):
    """Drag a fade handle to set the transition's length."""

    def __init__(self, ctx: Context, clip_id: str, side: Literal["in", "out"]) -> None:
        super().__init__(ctx)
        self.clip, self.side = ctx.timeline.clip(clip_id), side
        transition = self.clip.transition or Transition()
        self.transition = transition
        self.duration = transition.duration
        view = _view(ctx.timeline, self.clip)
        view.fade = self.duration
        self.preview = Preview({clip_id: view})

    def move(self, ctx: Context, x: float, y: float, snapping: bool) -> None:
        super().move(ctx, x, y, snapping)
        t = ctx.scale.ticks_at(x)
        both = self.transition.in_ == "fade" and self.transition.out == "fade"
        limit = self.clip.duration // 2 if both else self.clip.duration
        raw = t - self.clip.start if self.side == "in" else self.clip.end - t
        self.duration = int(min(max(raw, 0), limit))
        self.preview.views[self.clip.id].fade = self.duration
        self.preview.label = f"Fade {self.duration / 1000:.2f} s"

    def command(self) -> Command | None:
        if self.duration == self.transition.duration:
            return None
        value = self.transition.model_copy(update={"duration": self.duration})
        return SetClipProperty([self.clip.id], "transition", value)
