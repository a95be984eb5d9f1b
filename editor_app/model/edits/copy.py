"""Edits that make new clips from existing ones: split, paste, duplicate (and `copy_clips`).

New ids are chosen once, when the command is built, so redo recreates the very same clips.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from editor_app.model.clip import Clip, Transition, new_id
from editor_app.model.edits.clips import AddClips, found_clips, plural, set_source_start
from editor_app.model.edits.rules import as_ticks, find_clip, require_unlocked, unique_ids
from editor_app.model.errors import EditError
from editor_app.model.ticks import Ticks, format_timecode
from editor_app.model.timeline import Timeline
from editor_app.model.track import Track
from editor_app.model.undo import Command


def copy_clips(timeline: Timeline, clip_ids: Iterable[str]) -> list[Clip]:
    """Deep copies of the clips (same ids), earliest first: the clipboard's content."""
    found = [find_clip(timeline, clip_id) for clip_id in unique_ids(clip_ids)]
    order = {track.id: i for i, track in enumerate(timeline.tracks)}
    found.sort(key=lambda item: (item[1].start, order[item[0].id]))
    return [clip.model_copy(deep=True) for _track, clip in found]


class Split(Command):
    """Cut clips in two at `at`: the left part keeps the id, durations add up exactly.

    Clips that do not span `at` are left alone; if none does, the split is refused. A fade-in
    stays with the left part and a fade-out with the right.
    """

    def __init__(self, clip_ids: Iterable[str], at: Ticks) -> None:
        self.clip_ids = unique_ids(clip_ids)
        self.at = as_ticks(at, "split time")
        self.label = plural(len(self.clip_ids), "Split Clip", "Split Clips")
        self._right_ids = {clip_id: new_id() for clip_id in self.clip_ids}
        self._done: list[tuple[Clip, Ticks, Transition | None, Clip]] = []

    def do(self, timeline: Timeline) -> None:
        found = found_clips(timeline, self.clip_ids, "split")
        targets = [(track, clip) for track, clip in found if clip.start < self.at < clip.end]
        if not targets:
            raise EditError(f"No selected clip spans {format_timecode(self.at)}")
        for track, _clip in targets:
            require_unlocked(track)
        done: list[tuple[Clip, Ticks, Transition | None, Clip]] = []
        for track, clip in targets:
            cut = self.at - clip.start
            right = clip.model_copy(
                deep=True,
                update={"id": self._right_ids[clip.id], "start": self.at, "duration": clip.end - self.at},
            )
            set_source_start(right, clip.source_start + cut)
            old = clip.transition
            right.transition = halve_transition(old, keep="out")
            done.append((clip, clip.duration, old, right))
            clip.duration = cut
            clip.transition = halve_transition(old, keep="in")
            timeline.attach(track, right)
        self._done = done

    def undo(self, timeline: Timeline) -> None:
        for clip, duration, transition, right in reversed(self._done):
            timeline.detach(right)
            clip.duration = duration
            clip.transition = transition


def halve_transition(transition: Transition | None, keep: str) -> Transition | None:
    if transition is None:
        return None
    fade_in = transition.in_ if keep == "in" else None
    fade_out = transition.out if keep == "out" else None
    if fade_in is None and fade_out is None:
        return None
    return Transition(in_=fade_in, out=fade_out, duration=transition.duration)


def split_all(timeline: Timeline, at: Ticks) -> Split:
    """A Split of every clip spanning `at` on every unlocked track."""
    ids = [
        clip.id
        for track in timeline.tracks
        if not track.locked
        for clip in track.visible(at, at + 1)
        if clip.start < at < clip.end
    ]
    if not ids:
        raise EditError(f"No clip spans {format_timecode(at)} on an unlocked track")
    return Split(ids, at)


class Paste(AddClips):
    """Copies of `clips` with new ids on one track; the earliest lands at `at`, the rest keep
    their distance to it."""

    def __init__(self, clips: Sequence[Clip], track_id: str, at: Ticks) -> None:
        if not clips:
            raise EditError("The clipboard is empty")
        at = as_ticks(at, "paste time")
        first = min(clip.start for clip in clips)
        copies = [
            clip.model_copy(deep=True, update={"id": new_id(), "start": at + clip.start - first})
            for clip in clips
        ]
        super().__init__([(track_id, clip) for clip in copies], "Paste")


class Duplicate(AddClips):
    """Copies placed right after the originals on the same track (a group keeps its layout);
    refused when that place is occupied."""

    def __init__(self, clip_ids: Iterable[str]) -> None:
        self.clip_ids = unique_ids(clip_ids)
        super().__init__([], "Duplicate")
        self._copy_ids = {clip_id: new_id() for clip_id in self.clip_ids}

    def do(self, timeline: Timeline) -> None:
        found = found_clips(timeline, self.clip_ids, "duplicate")
        groups: dict[str, tuple[Track, list[Clip]]] = {}
        for track, clip in found:
            groups.setdefault(track.id, (track, []))[1].append(clip)
        items: list[tuple[str, Clip]] = []
        for track, clips in groups.values():
            offset = max(c.end for c in clips) - min(c.start for c in clips)
            for clip in clips:
                copy = clip.model_copy(
                    deep=True, update={"id": self._copy_ids[clip.id], "start": clip.start + offset}
                )
                items.append((track.id, copy))
        self._place(timeline, items)
        self.items = items  # what undo takes back
