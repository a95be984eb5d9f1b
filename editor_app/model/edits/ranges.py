"""Gaps and ranges: close a gap, close every gap on a track, lift or extract an I/O range.

A gap is empty time on a track between two clips (or before its first clip). Closing it
moves everything after it left; the range edits work on every unlocked track at once: lift
leaves the range empty, extract also closes it. Undo through the journal, exactly.
"""

from __future__ import annotations

import bisect

from editor_app.model.edits.journal import IdSource, Journal, following
from editor_app.model.edits.modes import carve
from editor_app.model.edits.rules import as_ticks, find_track, require_unlocked, track_label
from editor_app.model.errors import EditError
from editor_app.model.ticks import Ticks, format_timecode
from editor_app.model.timeline import Timeline
from editor_app.model.track import Track
from editor_app.model.undo import Command


def gap_at(track: Track, at: Ticks) -> tuple[Ticks, Ticks] | None:
    """The gap [start, end) on `track` that holds `at`, or None (on a clip, or after the last)."""
    clips = track.clips
    index = bisect.bisect_right(clips, at, key=lambda clip: clip.start)
    if index >= len(clips):
        return None
    before = max((c.end for c in clips[max(index - 2, 0) : index]), default=0)
    end = clips[index].start
    return (before, end) if before <= at < end else None


class _Journaled(Command):
    def __init__(self) -> None:
        self._journal = Journal()

    def undo(self, timeline: Timeline) -> None:
        self._journal.undo(timeline)


class CloseGap(_Journaled):
    """Close the gap that holds `at` on the track: what follows moves left."""

    label = "Close Gap"

    def __init__(self, track_id: str, at: Ticks) -> None:
        super().__init__()
        self.track_id, self.at = track_id, as_ticks(at, "time")

    def do(self, timeline: Timeline) -> None:
        track = find_track(timeline, self.track_id)
        require_unlocked(track)
        gap = gap_at(track, self.at)
        if gap is None:
            raise EditError(f"There is no gap at {format_timecode(self.at)} on {track_label(track)}")
        self._journal = Journal()
        self._journal.shift(following(track, gap[1]), gap[0] - gap[1])
        self.detail = f"on {track_label(track)}"


class CloseAllGaps(_Journaled):
    """Close every gap between clips on the track (the first clip stays where it is)."""

    label = "Close All Gaps"

    def __init__(self, track_id: str) -> None:
        super().__init__()
        self.track_id = track_id

    def do(self, timeline: Timeline) -> None:
        track = find_track(timeline, self.track_id)
        require_unlocked(track)
        journal = Journal()
        closed, end = 0, None
        for clip in track.clips:
            if end is not None and clip.start - closed > end:
                closed += clip.start - closed - end
            if closed:
                journal.shift([clip], -closed)
            end = clip.end if end is None else max(end, clip.end)
        if not journal.entries:
            raise EditError(f"There are no gaps between clips on {track_label(track)}")
        self._journal = journal
        self.detail = f"on {track_label(track)}"


class _RangeEdit(_Journaled):
    extract = False

    def __init__(self, start: Ticks, end: Ticks) -> None:
        super().__init__()
        self.start, self.end = as_ticks(start, "in point"), as_ticks(end, "out point")
        self._ids = IdSource()

    def do(self, timeline: Timeline) -> None:
        if self.end <= self.start or self.start < 0:
            raise EditError("Set an In point before the Out point first")
        tracks = [t for t in timeline.tracks if not t.locked]
        if not tracks:
            raise EditError("Every track is locked")
        journal = self._journal = Journal()
        self._ids.restart()
        for track in tracks:
            carve(timeline, journal, self._ids, track, self.start, self.end)
            if self.extract:
                journal.shift(following(track, self.end), self.start - self.end)
        self.detail = f"{format_timecode(self.start)}-{format_timecode(self.end)}"


class LiftRange(_RangeEdit):
    """Remove what lies between the In and Out points on every unlocked track; leave the gap."""

    label = "Lift Range"


class ExtractRange(_RangeEdit):
    """Remove what lies between the In and Out points on every unlocked track and close the gap."""

    label = "Extract Range"
    extract = True


def range_timeline(timeline: Timeline, start: Ticks, end: Ticks) -> Timeline:
    """A copy of the timeline holding only [start, end), moved to begin at 0: what an export of
    a range renders (every track, locked or not; clips cut at the range's edges keep their sources)."""
    if end <= start or start < 0:
        raise EditError("The range to export is empty")
    cut = timeline.model_copy(deep=True)
    for track in cut.tracks:
        kept = []
        for clip in track.visible(start, end):
            first, last = max(clip.start, start), min(clip.end, end)
            if clip.kind in ("video", "audio"):
                clip.asset.start += first - clip.start  # type: ignore[union-attr]
            clip.start, clip.duration = first - start, last - first
            kept.append(clip)
        track.clips = kept
    cut.markers = [
        m.model_copy(update={"time": m.time - start}) for m in cut.markers if start <= m.time < end
    ]
    cut.reindex()
    return cut
