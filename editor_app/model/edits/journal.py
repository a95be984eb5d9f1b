"""A record of the primitive changes one edit made, so its undo replays them backwards exactly.

The trim tools, insert/overwrite, gaps and ranges change several clips in ways that depend on
each other (a split piece, a neighbour trimmed, the rest of a track shifted). Rather than each
writing its own undo, they make their changes through a `Journal`: detach, attach and
attribute changes are logged in order and `undo` walks the log back. A shift of clips that
keeps their order is an attribute change; anything that could reorder a track detaches and
re-attaches, so list positions come back exactly (docs/architecture.md, "The NLE tools").
"""

from __future__ import annotations

import bisect

from editor_app.model.bulk import shift_starts
from editor_app.model.clip import Clip, Transition, new_id
from editor_app.model.edits.clips import set_source_start
from editor_app.model.ticks import Ticks
from editor_app.model.timeline import Timeline
from editor_app.model.track import Track

# ("detach", track, index, clip) | ("attach", clip) | ("set", clip, start, duration, source, transition)
Entry = tuple[object, ...]


class Journal:
    """The log of one `do`; `undo` reverts it. Not reused: each `do` starts a new one."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def detach(self, timeline: Timeline, clip: Clip) -> Track:
        track = timeline.track_of(clip.id)
        index = track.index_of(clip)
        timeline.detach(clip)
        self.entries.append(("detach", track, index, clip))
        return track

    def attach(self, timeline: Timeline, track: Track, clip: Clip) -> None:
        timeline.attach(track, clip)
        self.entries.append(("attach", clip))

    def set(
        self,
        clip: Clip,
        start: Ticks | None = None,
        duration: Ticks | None = None,
        source: Ticks | None = None,
    ) -> None:
        """Change a clip's times; a start change must keep its track's order (or be detached)."""
        self.entries.append(("set", clip, clip.start, clip.duration, clip.source_start, clip.transition))
        if start is not None:
            clip.start = start
        if duration is not None:
            clip.duration = duration
        if source is not None:
            set_source_start(clip, source)

    def shift(self, clips: list[Clip], delta: Ticks) -> None:
        """Move clips that keep their order (the rest of a track) by `delta`: one entry."""
        if clips and delta:
            self.entries.append(("shift", clips, delta))
            shift_starts(clips, delta)

    def undo(self, timeline: Timeline) -> None:
        for entry in reversed(self.entries):
            kind = entry[0]
            if kind == "shift":
                clips, delta = entry[1], entry[2]
                assert isinstance(clips, list) and isinstance(delta, int)
                shift_starts(clips, -delta)
            elif kind == "set":
                clip, start, duration, source, transition = entry[1:]
                assert isinstance(clip, Clip) and isinstance(start, int) and isinstance(duration, int)
                assert isinstance(source, int) and (transition is None or isinstance(transition, Transition))
                clip.start, clip.duration = start, duration
                set_source_start(clip, source)
                clip.transition = transition
            elif kind == "attach":
                clip = entry[1]
                assert isinstance(clip, Clip)
                timeline.detach(clip)
            else:
                track, index, clip = entry[1:]
                assert isinstance(track, Track) and isinstance(index, int) and isinstance(clip, Clip)
                timeline.attach(track, clip, index)
        self.entries = []


class IdSource:
    """New clip ids chosen once: a redo makes the very same pieces the first `do` made."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._next = 0

    def restart(self) -> None:
        self._next = 0

    def take(self) -> str:
        if self._next == len(self._ids):
            self._ids.append(new_id())
        self._next += 1
        return self._ids[self._next - 1]


def following(track: Track, at: Ticks) -> list[Clip]:
    """The clips of `track` that start at or after `at`, found by binary search."""
    return track.clips[_first_at(track, at) :]


def _start(clip: Clip) -> Ticks:
    return clip.start


def _first_at(track: Track, at: Ticks) -> int:
    return bisect.bisect_left(track.clips, at, key=_start)


def previous_end(track: Track, at: Ticks) -> Ticks:
    """Where the last clip starting before `at` ends (0 when there is none)."""
    index = _first_at(track, at)
    return track.clips[index - 1].end if index > 0 else 0
