"""The trim tools of an NLE: ripple, roll, slip and slide, clamped to the sources like `TrimIn`.

- `RippleTrim`: an edge moves and everything after it on the track follows (with
  `all_tracks`, on every unlocked track), so no gap opens or closes. A ripple of the in edge
  keeps the clip's start and moves its source in-point, as editors expect.
- `Roll`: the cut between two clips that touch moves; together they keep their length.
- `Slip`: the source moves under a clip that stays in place.
- `Slide`: the clip moves; the neighbours that touch it trim to make room (a gap is used up).

Each finds what follows through the track's sorted list (a binary search, see `journal.following`)
and undoes through its `Journal`, exactly.
"""

from __future__ import annotations

from typing import Literal

from editor_app.model.clip import Clip
from editor_app.model.edits.journal import Journal, following, previous_end
from editor_app.model.edits.rules import (
    as_ticks,
    clip_name,
    editable_clip,
    names_detail,
    track_label,
)
from editor_app.model.errors import EditError
from editor_app.model.ticks import Ticks, format_timecode
from editor_app.model.timeline import Timeline
from editor_app.model.track import Track
from editor_app.model.undo import Command

Edge = Literal["in", "out"]


def is_timed(clip: Clip) -> bool:
    return clip.kind in ("video", "audio")


def max_end(timeline: Timeline, clip: Clip, start: Ticks, source: Ticks) -> float:
    """The latest end a clip starting at `start` with source in-point `source` may have."""
    length = timeline.source_length(clip)
    return start + (length - source) if length is not None else float("inf")


class _JournalCommand(Command):
    def __init__(self) -> None:
        self._journal = Journal()

    def undo(self, timeline: Timeline) -> None:
        self._journal.undo(timeline)


def _unchanged(what: str, clip: Clip, timeline: Timeline) -> EditError:
    return EditError(f"{what}: '{clip_name(clip, timeline)}' cannot go further that way")


class RippleTrim(_JournalCommand):
    """Move `edge` of the clip to `time`; the clips after it follow (on every unlocked track
    with `all_tracks`). The in edge keeps the clip's start and moves its source in-point."""

    label = "Ripple Trim"

    def __init__(self, clip_id: str, edge: Edge, time: Ticks, all_tracks: bool = False) -> None:
        super().__init__()
        self.clip_id, self.edge, self.all_tracks = clip_id, edge, all_tracks
        self.time = as_ticks(time, "trim time")

    def do(self, timeline: Timeline) -> None:
        track, clip = editable_clip(timeline, self.clip_id)
        old_end = clip.end
        low, high = ripple_bounds(timeline, clip, self.edge)
        if self.edge == "out":
            end = min(max(self.time, low), high)
            shift = int(end) - old_end
            change = {"duration": int(end) - clip.start}
        else:
            moved = int(min(max(self.time, low), high)) - clip.start
            shift = -moved
            source = clip.source_start + moved if is_timed(clip) else 0
            change = {"duration": clip.duration - moved, "source": source}
        if shift == 0:
            raise _unchanged(self.label, clip, timeline)
        others = [t for t in timeline.tracks if t is not track and not t.locked] if self.all_tracks else []
        plans = [(track, following(track, old_end))]
        for other in others:
            later = following(other, old_end)
            if later and shift < 0 and later[0].start + shift < previous_end(other, old_end):
                raise EditError(
                    f"{self.label}: the clips after {format_timecode(old_end)} on {track_label(other)} "
                    f"would overlap '{clip_name(later[0], timeline)}'s neighbour"
                )
            plans.append((other, later))
        journal = self._journal = Journal()
        journal.set(clip, **change)
        for _track, later in plans:
            journal.shift(later, shift)
        self.detail = names_detail(timeline, [clip])


def ripple_bounds(timeline: Timeline, clip: Clip, edge: Edge) -> tuple[float, float]:
    """Where a ripple may put the edge: at least one tick of clip, no further than the source."""
    if edge == "out":
        return clip.start + 1, max_end(timeline, clip, clip.start, clip.source_start)
    return (clip.start - clip.source_start if is_timed(clip) else clip.start), clip.end - 1


def roll_bounds(timeline: Timeline, left: Clip, right: Clip) -> tuple[float, float]:
    """Where the cut between `left` and `right` may go: each keeps a tick, both stay in their sources."""
    earliest = right.start - right.source_start if is_timed(right) else 0  # right's source starts there
    low = max(left.start + 1, earliest)
    return low, min(right.end - 1, max_end(timeline, left, left.start, left.source_start))


def roll_pair(track: Track, clip: Clip, edge: Edge) -> tuple[Clip, Clip] | None:
    """(left, right) sharing the cut at `edge` of `clip`, or None when nothing touches it there."""
    other = touching(track, clip, edge)
    if other is None:
        return None
    return (other, clip) if edge == "in" else (clip, other)


def slip_bounds(timeline: Timeline, clip: Clip) -> tuple[float, float]:
    length = timeline.source_length(clip)
    return 0, max(length - clip.duration, 0) if length is not None else float("inf")


def slide_bounds(timeline: Timeline, track: Track, clip: Clip) -> tuple[float, float]:
    """How far the clip may slide left (negative) and right."""
    return Slide.limits(timeline, track, clip, touching(track, clip, "in"), touching(track, clip, "out"))


def touching(track: Track, clip: Clip, side: Edge) -> Clip | None:
    """The clip that touches `clip` on `side` without a gap, or None."""
    index = track.index_of(clip)
    if side == "in":
        before = track.clips[index - 1] if index > 0 else None
        return before if before is not None and before.end == clip.start else None
    after = track.clips[index + 1] if index + 1 < len(track.clips) else None
    return after if after is not None and after.start == clip.end else None


def _neighbour(track: Track, clip: Clip, side: Edge) -> Clip | None:
    index = track.index_of(clip)
    if side == "in":
        return track.clips[index - 1] if index > 0 else None
    return track.clips[index + 1] if index + 1 < len(track.clips) else None


class Roll(_JournalCommand):
    """Move the cut at `edge` of the clip (shared with the clip touching it there) to `time`."""

    label = "Roll Edit"

    def __init__(self, clip_id: str, edge: Edge, time: Ticks) -> None:
        super().__init__()
        self.clip_id, self.edge = clip_id, edge
        self.time = as_ticks(time, "cut time")

    def do(self, timeline: Timeline) -> None:
        track, clip = editable_clip(timeline, self.clip_id)
        pair = roll_pair(track, clip, self.edge)
        if pair is None:
            name = clip_name(clip, timeline)
            raise EditError(f"{self.label}: no clip touches the {self.edge} edge of '{name}'")
        left, right = pair
        cut = left.end
        low, high = roll_bounds(timeline, left, right)
        at = int(min(max(self.time, low), high))
        if at == cut:
            raise _unchanged(self.label, clip, timeline)
        journal = self._journal = Journal()
        journal.set(left, duration=at - left.start)
        source = right.source_start + (at - cut) if is_timed(right) else 0
        journal.set(right, start=at, duration=right.end - at, source=source)
        self.detail = names_detail(timeline, [left, right])


class Slip(_JournalCommand):
    """Move the source under the clip by `delta` (the clip stays where it is), clamped to the source."""

    label = "Slip Clip"

    def __init__(self, clip_id: str, delta: Ticks) -> None:
        super().__init__()
        self.clip_id = clip_id
        self.delta = as_ticks(delta, "slip")

    def do(self, timeline: Timeline) -> None:
        _track, clip = editable_clip(timeline, self.clip_id)
        if not is_timed(clip):
            raise EditError(f"'{clip_name(clip, timeline)}' has no source to slip (only video and audio)")
        low, high = slip_bounds(timeline, clip)
        source = int(min(max(clip.source_start + self.delta, low), high))
        if source == clip.source_start:
            raise _unchanged(self.label, clip, timeline)
        journal = self._journal = Journal()
        journal.set(clip, source=source)
        self.detail = names_detail(timeline, [clip])


class Slide(_JournalCommand):
    """Move the clip by `delta` between its neighbours: one that touches it trims to make room
    (its out edge on the left, its in edge on the right); a gap is used up first."""

    label = "Slide Clip"

    def __init__(self, clip_id: str, delta: Ticks) -> None:
        super().__init__()
        self.clip_id = clip_id
        self.delta = as_ticks(delta, "slide")

    def do(self, timeline: Timeline) -> None:
        track, clip = editable_clip(timeline, self.clip_id)
        left, right = touching(track, clip, "in"), touching(track, clip, "out")
        low, high = self.limits(timeline, track, clip, left, right)
        delta = int(min(max(self.delta, low), high))
        if delta == 0:
            raise _unchanged(self.label, clip, timeline)
        journal = self._journal = Journal()
        if left is not None:
            journal.set(left, duration=left.duration + delta)
        journal.set(clip, start=clip.start + delta)
        if right is not None:
            source = right.source_start + delta if is_timed(right) else 0
            journal.set(right, start=right.start + delta, duration=right.duration - delta, source=source)
        self.detail = names_detail(timeline, [clip])

    @staticmethod
    def limits(
        timeline: Timeline, track: Track, clip: Clip, left: Clip | None, right: Clip | None
    ) -> tuple[float, float]:
        if left is not None:
            low: float = -(left.duration - 1)
            high: float = max_end(timeline, left, left.start, left.source_start) - left.end
        else:
            before = _neighbour(track, clip, "in")
            low, high = -(clip.start - (before.end if before is not None else 0)), float("inf")
        if right is not None:
            high = min(high, right.duration - 1)
            if is_timed(right):
                low = max(low, -right.source_start)
        else:
            after = _neighbour(track, clip, "out")
            high = min(high, after.start - clip.end if after is not None else float("inf"))
        return low, high
