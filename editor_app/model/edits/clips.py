"""Clip placement edits: add, lift, ripple delete, move, trim in and out.

Each is a `Command` class: build it with ids and times, hand it to `History.push`. `do`
checks everything first and changes nothing when it refuses; `undo` puts every clip back at
its exact place in its track's list (same ids, same order, same values). Cost: the clips
touched plus a binary search per track, never the whole timeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from editor_app.model.assets import AudioAsset, VideoAsset
from editor_app.model.clip import Clip
from editor_app.model.edits.rules import (
    as_ticks,
    editable_clip,
    find_clip,
    find_track,
    names_detail,
    overlap_error,
    require_accepts,
    require_apart,
    require_free,
    require_new_id,
    require_start,
    require_unlocked,
    require_within_source,
    unique_ids,
)
from editor_app.model.errors import EditError
from editor_app.model.ticks import Ticks
from editor_app.model.timeline import Timeline
from editor_app.model.track import Track
from editor_app.model.undo import Command

Removed = list[tuple[Track, int, Clip]]


def plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def detach_all(timeline: Timeline, clips: Iterable[Clip]) -> Removed:
    """Take clips off their tracks, remembering each list position for `restore_all`."""
    removed: Removed = []
    for clip in clips:
        track = timeline.track_of(clip.id)
        index = track.index_of(clip)
        timeline.detach(clip)
        removed.append((track, index, clip))
    return removed


def restore_all(timeline: Timeline, removed: Removed) -> None:
    for track, index, clip in reversed(removed):
        timeline.attach(track, clip, index)


def found_clips(timeline: Timeline, clip_ids: Sequence[str], verb: str) -> list[tuple[Track, Clip]]:
    if not clip_ids:
        raise EditError(f"Select the clips to {verb} first")
    return [find_clip(timeline, clip_id) for clip_id in clip_ids]


class AddClips(Command):
    """Place new clips (track id, clip) all at once; the clip objects themselves go in."""

    def __init__(self, items: Sequence[tuple[str, Clip]], label: str | None = None) -> None:
        self.items = list(items)
        self.label = label or plural(len(self.items), "Add Clip", "Add Clips")

    def do(self, timeline: Timeline) -> None:
        self._place(timeline, self.items)

    def _place(self, timeline: Timeline, items: list[tuple[str, Clip]]) -> None:
        if not items:
            raise EditError("There are no clips to add")
        seen: set[str] = set()
        per_track: dict[str, tuple[Track, list[tuple[Ticks, Ticks, Clip]]]] = {}
        for track_id, clip in items:
            track = find_track(timeline, track_id)
            require_unlocked(track)
            require_accepts(track, clip)
            require_start(clip, clip.start)
            require_new_id(timeline, clip)
            if clip.id in seen:
                raise EditError(f"Clip id {clip.id!r} appears twice")
            seen.add(clip.id)
            require_within_source(timeline, clip, clip.source_start, clip.duration)
            require_free(self.label, clip, track, clip.start, clip.end, timeline=timeline)
            per_track.setdefault(track.id, (track, []))[1].append((clip.start, clip.end, clip))
        for track, placed in per_track.values():
            require_apart(self.label, track, placed, timeline)
        for track_id, clip in items:
            timeline.attach(per_track[track_id][0], clip)
        self.detail = names_detail(timeline, (clip for _track_id, clip in items))

    def undo(self, timeline: Timeline) -> None:
        self._take_back(timeline, self.items)

    def _take_back(self, timeline: Timeline, items: list[tuple[str, Clip]]) -> None:
        for _track_id, clip in reversed(items):
            timeline.detach(clip)


class AddClip(AddClips):
    def __init__(self, track_id: str, clip: Clip) -> None:
        super().__init__([(track_id, clip)], "Add Clip")


class Lift(Command):
    """Remove clips and leave their gaps."""

    def __init__(self, clip_ids: Iterable[str]) -> None:
        self.clip_ids = unique_ids(clip_ids)
        self.label = plural(len(self.clip_ids), "Lift Clip", "Lift Clips")
        self._removed: Removed = []

    def do(self, timeline: Timeline) -> None:
        found = found_clips(timeline, self.clip_ids, "lift")
        for track, _clip in found:
            require_unlocked(track)
        self.detail = names_detail(timeline, (clip for _track, clip in found))
        self._removed = detach_all(timeline, (clip for _track, clip in found))

    def undo(self, timeline: Timeline) -> None:
        restore_all(timeline, self._removed)


class RippleDelete(Command):
    """Remove clips and close their gaps: later clips on the same track move left."""

    label = "Ripple Delete"

    def __init__(self, clip_ids: Iterable[str]) -> None:
        self.clip_ids = unique_ids(clip_ids)
        self._removed: Removed = []
        self._shifts: list[tuple[Clip, Ticks]] = []

    def do(self, timeline: Timeline) -> None:
        found = found_clips(timeline, self.clip_ids, "delete")
        by_track: dict[str, tuple[Track, list[Clip]]] = {}
        for track, clip in found:
            require_unlocked(track)
            by_track.setdefault(track.id, (track, []))[1].append(clip)
        shifts: list[tuple[Clip, Ticks]] = []
        for track, clips in by_track.values():
            shifts.extend(self._plan(timeline, track, clips))
        self.detail = names_detail(timeline, (clip for _track, clip in found))
        self._removed = detach_all(timeline, (clip for _track, clip in found))
        for clip, shift in shifts:
            clip.start -= shift
        self._shifts = shifts

    def _plan(self, timeline: Timeline, track: Track, removing: list[Clip]) -> list[tuple[Clip, Ticks]]:
        """How far each later clip moves: the removed time before its start."""
        spans: list[list[Ticks]] = []
        for clip in sorted(removing, key=lambda c: c.start):
            if spans and clip.start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], clip.end)
            else:
                spans.append([clip.start, clip.end])
        gone = {clip.id for clip in removing}
        first = min(track.index_of(clip) for clip in removing)
        previous: tuple[Clip, Ticks] | None = None  # the last clip kept, and its shift
        for clip in reversed(track.clips[:first]):
            if clip.id not in gone:
                previous = (clip, 0)
                break
        shifts: list[tuple[Clip, Ticks]] = []
        whole, span = 0, 0  # removed time in spans entirely before the clip; next span to look at
        for clip in track.clips[first:]:
            if clip.id in gone:
                continue
            while span < len(spans) and spans[span][1] <= clip.start:
                whole += spans[span][1] - spans[span][0]
                span += 1
            partial = max(0, clip.start - spans[span][0]) if span < len(spans) else 0
            shift = whole + partial
            if previous is not None:
                before, before_shift = previous
                overlapped = before.end > clip.start
                if not overlapped and before.end - before_shift > clip.start - shift:
                    moved = clip.model_copy(update={"start": clip.start - shift})
                    raise overlap_error(self.label, moved, before, track, timeline)
            if shift:
                shifts.append((clip, shift))
            previous = (clip, shift)
        return shifts

    def undo(self, timeline: Timeline) -> None:
        for clip, shift in self._shifts:
            clip.start += shift
        restore_all(timeline, self._removed)


class MoveClips(Command):
    """Move clips in time and across tracks, all or nothing: {clip_id: (new_start, new_track_id)}."""

    def __init__(self, moves: dict[str, tuple[Ticks, str]]) -> None:
        self.moves = {clip_id: (as_ticks(start, "start"), track) for clip_id, (start, track) in moves.items()}
        self.label = plural(len(self.moves), "Move Clip", "Move Clips")
        self._removed: Removed = []
        self._old_starts: list[Ticks] = []

    def do(self, timeline: Timeline) -> None:
        if not self.moves:
            raise EditError("There are no clips to move")
        moving = frozenset(self.moves)
        plan: list[tuple[Clip, Track, Ticks]] = []
        landing: dict[str, tuple[Track, list[tuple[Ticks, Ticks, Clip]]]] = {}
        for clip_id, (start, track_id) in self.moves.items():
            source, clip = find_clip(timeline, clip_id)
            target = find_track(timeline, track_id)
            if source is not target or start != clip.start:
                require_unlocked(source)
                require_unlocked(target)
            require_accepts(target, clip)
            require_start(clip, start)
            end = start + clip.duration
            # the check runs as if every moving clip had already left its place
            other = target.overlapping(start, end, moving)
            if other is not None:
                moved = clip.model_copy(update={"start": start})
                raise overlap_error(self.label, moved, other, target, timeline)
            landing.setdefault(target.id, (target, []))[1].append((start, end, clip))
            plan.append((clip, target, start))
        for target, placed in landing.values():
            require_apart(self.label, target, placed, timeline)
        self.detail = names_detail(timeline, (clip for clip, _target, _start in plan))
        self._old_starts = [clip.start for clip, _target, _start in plan]
        self._removed = detach_all(timeline, (clip for clip, _target, _start in plan))
        for clip, target, start in plan:
            clip.start = start
            timeline.attach(target, clip)

    def undo(self, timeline: Timeline) -> None:
        for _track, _index, clip in self._removed:
            timeline.detach(clip)
        for (_track, _index, clip), start in zip(self._removed, self._old_starts, strict=True):
            clip.start = start
        restore_all(timeline, self._removed)


class _Trim(Command):
    label = "Trim Clip"

    def __init__(self, clip_id: str) -> None:
        self.clip_id = clip_id
        # what undo puts back: start, duration, source start, list position
        self._before: tuple[Ticks, Ticks, Ticks, int] = (0, 0, 0, 0)

    def _apply(self, timeline: Timeline, track: Track, clip: Clip, start: Ticks, source: Ticks) -> None:
        self.detail = names_detail(timeline, [clip])
        end = clip.end
        index = track.remove(clip)
        self._before = (clip.start, clip.duration, clip.source_start, index)
        clip.start, clip.duration = start, end - start
        set_source_start(clip, source)
        track.insert(clip)

    def _apply_end(self, track: Track, clip: Clip, end: Ticks) -> None:
        self._before = (clip.start, clip.duration, clip.source_start, track.index_of(clip))
        clip.duration = end - clip.start

    def undo(self, timeline: Timeline) -> None:
        track, clip = find_clip(timeline, self.clip_id)
        start, duration, source, index = self._before
        track.remove(clip)
        clip.start, clip.duration = start, duration
        set_source_start(clip, source)
        track.clips.insert(index, clip)


def set_source_start(clip: Clip, source: Ticks) -> None:
    if isinstance(clip.asset, VideoAsset | AudioAsset):
        clip.asset.start = source


class TrimIn(_Trim):
    """Move the clip's left edge to `new_start`; its source start moves with it. Clamps."""

    def __init__(self, clip_id: str, new_start: Ticks) -> None:
        super().__init__(clip_id)
        self.new_start = as_ticks(new_start, "start")

    def do(self, timeline: Timeline) -> None:
        track, clip = editable_clip(timeline, self.clip_id)
        timed = clip.asset.type in ("video", "audio")
        lowest = max(0, clip.start - clip.source_start) if timed else 0
        start = min(max(self.new_start, lowest), clip.end - 1)
        if start < clip.start:
            require_free(self.label, clip, track, start, clip.start, timeline=timeline)
        source = clip.source_start + (start - clip.start) if timed else 0
        self._apply(timeline, track, clip, start, source)


class TrimOut(_Trim):
    """Move the clip's right edge to `new_end`, clamped to one tick and to the source's end."""

    def __init__(self, clip_id: str, new_end: Ticks) -> None:
        super().__init__(clip_id)
        self.new_end = as_ticks(new_end, "end")

    def do(self, timeline: Timeline) -> None:
        track, clip = editable_clip(timeline, self.clip_id)
        end = self.new_end
        length = timeline.source_length(clip)
        if length is not None:
            end = min(end, clip.start + length - clip.source_start)
        end = max(end, clip.start + 1)
        if end > clip.end:
            require_free(self.label, clip, track, clip.end, end, timeline=timeline)
        self.detail = names_detail(timeline, [clip])
        self._apply_end(track, clip, end)
