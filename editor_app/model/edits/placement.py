"""Placing one new clip: on the track asked for, or on a new track of its kind when that cannot take it.

Media dropped from the bin, files dropped from the desktop (once uploaded) and a title added at
the playhead all end here, so "the clip, or a new track plus the clip" is one undo step written
once. A new track is appended: a new video track tops the video stack, a new audio track ends the
audio rows (see `tracks.new_track`).
"""

from __future__ import annotations

from editor_app.model.edits.clips import AddClip
from editor_app.model.edits.rules import find_track
from editor_app.model.edits.tracks import AddTrack, new_track
from editor_app.model.ticks import Ticks
from editor_app.model.timeline import Clip, Timeline, Track, TrackKind
from editor_app.model.undo import Command, CompoundCommand


class PlaceClip(Command):
    """Add `clip` on `track_id`; when that is None or a track of the other kind, on a new track.

    Refused (EditError, nothing changed) when the track is unknown or locked, or the place is taken.
    After `do`, `track_id` names the track the clip is on.
    """

    def __init__(self, clip: Clip, track_id: str | None = None, label: str = "Add Clip") -> None:
        self.clip = clip
        self.track_id = track_id
        self.label = label
        self.new_track: Track | None = None
        self._steps: list[Command] | None = None  # planned once, so a redo brings back the same track

    def _plan(self, timeline: Timeline) -> tuple[list[Command], Track | None]:
        track = find_track(timeline, self.track_id) if self.track_id is not None else None
        if track is not None and track.accepts(self.clip):
            return [AddClip(track.id, self.clip)], None
        fresh = new_track(timeline, "audio" if self.clip.kind == "audio" else "video")
        return [AddTrack(fresh, None), AddClip(fresh.id, self.clip)], fresh

    def do(self, timeline: Timeline) -> None:
        if self._steps is not None:  # a redo
            CompoundCommand(self.label, self._steps).do(timeline)
            return
        steps, fresh = self._plan(timeline)
        CompoundCommand(self.label, steps).do(timeline)  # takes the new track back if the clip is refused
        self._steps, self.new_track = steps, fresh
        if fresh is not None:
            self.track_id = fresh.id

    def undo(self, timeline: Timeline) -> None:
        for step in reversed(self._steps or []):
            step.undo(timeline)


def track_with_room(timeline: Timeline, kind: TrackKind, start: Ticks, end: Ticks) -> Track | None:
    """The last track in the list (drawn over the others) of `kind`, unlocked, with [start, end) free."""
    for track in reversed(timeline.tracks):
        if track.kind == kind and not track.locked and track.overlapping(start, end) is None:
            return track
    return None
