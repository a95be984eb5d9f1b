"""Insert and overwrite: placing clips (new ones, moved ones, pasted copies) onto occupied time.

- overwrite cuts away what lies under the placed clip: clips it covers go, a clip it covers in
  part is trimmed, a clip it covers in the middle is split around it;
- insert splits a clip under the insertion point and pushes everything after it on that track
  to the right by the length being inserted.

Both refuse locked tracks (nothing changes) and never leave an overlap. `carve` is the
overwrite's cutting step, shared with the range edits (`ranges.py`). Undo through the journal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from editor_app.model.clip import Clip, new_id
from editor_app.model.edits.copy import halve_transition
from editor_app.model.edits.journal import IdSource, Journal, following
from editor_app.model.edits.rules import (
    find_clip,
    find_track,
    names_detail,
    require_accepts,
    require_apart,
    require_start,
    require_unlocked,
    require_within_source,
)
from editor_app.model.errors import EditError
from editor_app.model.ticks import Ticks
from editor_app.model.timeline import Timeline
from editor_app.model.track import Track
from editor_app.model.undo import Command

Mode = Literal["insert", "overwrite"]


def carve(
    timeline: Timeline, journal: Journal, ids: IdSource, track: Track, start: Ticks, end: Ticks
) -> None:
    """Clear [start, end) on `track`: remove, trim or split what lies there."""
    for clip in list(track.visible(start, end)):
        if clip.start >= start and clip.end <= end:
            journal.detach(timeline, clip)
        elif clip.start < start and clip.end > end:
            piece = split_off(clip, end, ids.take())
            journal.set(clip, duration=start - clip.start)
            clip.transition = halve_transition(clip.transition, keep="in")
            journal.attach(timeline, track, piece)
        elif clip.start < start:
            journal.set(clip, duration=start - clip.start)
        else:
            journal.detach(timeline, clip)
            journal.set(
                clip, start=end, duration=clip.end - end, source=shifted_source(clip, end - clip.start)
            )
            journal.attach(timeline, track, clip)


def shifted_source(clip: Clip, by: Ticks) -> Ticks:
    return clip.source_start + by if clip.kind in ("video", "audio") else 0


def split_off(clip: Clip, at: Ticks, piece_id: str) -> Clip:
    """A new clip for the part of `clip` from `at` to its end (the caller shortens `clip`)."""
    piece = clip.model_copy(deep=True, update={"id": piece_id, "start": at, "duration": clip.end - at})
    source = shifted_source(clip, at - clip.start)
    if clip.kind in ("video", "audio"):
        piece.asset.start = source  # type: ignore[union-attr]
    piece.transition = halve_transition(clip.transition, keep="out")
    return piece


def open_at(
    timeline: Timeline, journal: Journal, ids: IdSource, track: Track, at: Ticks, span: Ticks
) -> None:
    """Make room for `span` at `at`: split the clip under `at`, push what follows right."""
    for clip in list(track.visible(at, at + 1)):
        if clip.start < at < clip.end:
            piece = split_off(clip, at, ids.take())
            journal.set(clip, duration=at - clip.start)
            clip.transition = halve_transition(clip.transition, keep="in")
            journal.attach(timeline, track, piece)
    journal.shift(following(track, at), span)


class Place(Command):
    """Put clips at (track, start) in `mode`. Clips already on the timeline move there (they
    leave their places first); others are added. All or nothing."""

    def __init__(
        self, mode: Mode, items: Sequence[tuple[str, Clip, Ticks]], label: str | None = None
    ) -> None:
        self.mode = mode
        self.items = list(items)
        self.label = label or ("Insert" if mode == "insert" else "Overwrite")
        self._journal = Journal()
        self._ids = IdSource()

    def do(self, timeline: Timeline) -> None:
        if not self.items:
            raise EditError("There are no clips to place")
        planned = self._check(timeline)
        journal = self._journal = Journal()
        self._ids.restart()
        try:
            for clip, _track, _start, moving in planned:
                if moving:
                    journal.detach(timeline, clip)
            by_track: dict[str, list[tuple[Clip, Track, Ticks]]] = {}
            for clip, track, start, _moving in planned:
                by_track.setdefault(track.id, []).append((clip, track, start))
            for group in by_track.values():
                track = group[0][1]
                low, high = min(s for _c, _t, s in group), max(s + c.duration for c, _t, s in group)
                if self.mode == "insert":
                    open_at(timeline, journal, self._ids, track, low, high - low)
                else:
                    for clip, _t, start in group:
                        carve(timeline, journal, self._ids, track, start, start + clip.duration)
                for clip, _t, start in group:
                    journal.set(clip, start=start)
                    journal.attach(timeline, track, clip)
        except BaseException:
            journal.undo(timeline)
            raise
        self.detail = names_detail(timeline, (item[0] for item in planned))

    def _check(self, timeline: Timeline) -> list[tuple[Clip, Track, Ticks, bool]]:
        """(clip, target, start, already on the timeline) per item, every rule checked first."""
        planned: list[tuple[Clip, Track, Ticks, bool]] = []
        landing: dict[str, tuple[Track, list[tuple[Ticks, Ticks, Clip]]]] = {}
        for track_id, item, start in self.items:
            track = find_track(timeline, track_id)
            require_unlocked(track)
            # a clip whose id is on the timeline moves (by id: a redo may meet a new copy of it)
            clip, moving = self._current(timeline, item)
            if moving:
                require_unlocked(timeline.track_of(clip.id))
            require_accepts(track, clip)
            require_start(clip, start)
            require_within_source(timeline, clip, clip.source_start, clip.duration)
            landing.setdefault(track.id, (track, []))[1].append((start, start + clip.duration, clip))
            planned.append((clip, track, start, moving))
        for track, placed in landing.values():
            require_apart(self.label, track, placed, timeline)
        return planned

    @staticmethod
    def _current(timeline: Timeline, clip: Clip) -> tuple[Clip, bool]:
        try:
            return timeline.clip(clip.id), True
        except KeyError:
            return clip, False

    def undo(self, timeline: Timeline) -> None:
        self._journal.undo(timeline)


def duplicate_at(timeline: Timeline, clip_ids: Sequence[str], at: Ticks, mode: Mode) -> Place:
    """Copies of the clips (new ids) on their own tracks, keeping their distances, the earliest
    at `at` (the playhead); when copies there would cover the originals' span, right after it
    instead, so an overwrite never cuts away what is being duplicated."""
    if not clip_ids:
        raise EditError("Select the clips to duplicate first")
    found = [find_clip(timeline, clip_id) for clip_id in dict.fromkeys(clip_ids)]
    first = min(clip.start for _track, clip in found)
    end = max(clip.end for _track, clip in found)
    land = end if first - (end - first) < at < end else at
    items = [
        (track.id, clip.model_copy(deep=True, update={"id": new_id()}), land + clip.start - first)
        for track, clip in found
    ]
    return Place(mode, items, "Duplicate")
