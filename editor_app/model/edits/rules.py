"""The rules every edit checks before it changes anything, with the reasons users read.

Overlap policy: clips on one track never share time; an edit that would make them is refused
("... would overlap 'm-abc' on V1 at 00:00:05.000"). Locked tracks refuse clip edits. Audio
clips live on audio tracks, picture clips on video tracks. No clip runs past its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from editor_app.model.clip import Clip
from editor_app.model.errors import EditError
from editor_app.model.ticks import Ticks, format_timecode
from editor_app.model.timeline import Timeline
from editor_app.model.track import Track


def as_ticks(value: float, what: str = "time") -> Ticks:
    """Times are whole ticks; a float that is one is accepted, anything else refused."""
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if isinstance(value, bool) or not whole:
        raise EditError(f"The {what} must be a whole number of milliseconds, not {value!r}")
    return int(value)


def track_label(track: Track) -> str:
    return track.name or f"track {track.id}"


def find_clip(timeline: Timeline, clip_id: str) -> tuple[Track, Clip]:
    try:
        return timeline.find(clip_id)
    except KeyError:
        raise EditError(f"There is no clip {clip_id!r}") from None


def find_track(timeline: Timeline, track_id: str) -> Track:
    try:
        return timeline.track(track_id)
    except KeyError:
        raise EditError(f"There is no track {track_id!r}") from None


def unique_ids(clip_ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(clip_ids))


def require_unlocked(track: Track) -> None:
    if track.locked:
        raise EditError(f"Track {track_label(track)} is locked")


def editable_clip(timeline: Timeline, clip_id: str) -> tuple[Track, Clip]:
    """`find_clip`, refusing a clip on a locked track: what every edit of one clip starts with."""
    track, clip = find_clip(timeline, clip_id)
    require_unlocked(track)
    return track, clip


def clip_name(clip: Clip, timeline: Timeline | None = None) -> str:
    """What users call a clip: its media's name when the timeline knows it, else its label."""
    if timeline is not None and clip.media_id is not None:
        info = timeline.media.get(clip.media_id)
        if info is not None and info.name:
            return info.name
    return clip.label()


def names_detail(timeline: Timeline, clips: Iterable[Clip]) -> str:
    """The clips an edit touched, for its History entry: `'beach.mp4'`, `'a' and 2 more`."""
    names = list(dict.fromkeys(clip_name(clip, timeline) for clip in clips))
    if not names:
        return ""
    more = f" and {len(names) - 1} more" if len(names) > 1 else ""
    return f"'{names[0]}'{more}"


def require_accepts(track: Track, clip: Clip) -> None:
    if not track.accepts(clip):
        needed, actual = ("an audio", "a video") if clip.kind == "audio" else ("a video", "an audio")
        raise EditError(f"'{clip.label()}' needs {needed} track; {track_label(track)} is {actual} track")


def require_start(clip: Clip, start: Ticks) -> None:
    if start < 0:
        raise EditError(f"'{clip.label()}' would start before {format_timecode(0)}")


def require_free(
    what: str,
    clip: Clip,
    track: Track,
    start: Ticks,
    end: Ticks,
    ignore: frozenset[str] = frozenset(),
    timeline: Timeline | None = None,
) -> None:
    """Refuse when [start, end) on `track` holds a clip not in `ignore`."""
    other = track.overlapping(start, end, ignore | {clip.id})
    if other is not None:
        raise overlap_error(what, clip, other, track, timeline)


def overlap_error(
    what: str, clip: Clip, other: Clip, track: Track, timeline: Timeline | None = None
) -> EditError:
    at = format_timecode(max(clip.start, other.start))
    mine, theirs = clip_name(clip, timeline), clip_name(other, timeline)
    return EditError(f"{what}: '{mine}' would overlap '{theirs}' on {track_label(track)} at {at}")


def require_apart(
    what: str, track: Track, placed: list[tuple[Ticks, Ticks, Clip]], timeline: Timeline | None = None
) -> None:
    """Refuse when clips being placed together on one track overlap each other."""
    ordered = sorted(placed, key=lambda item: item[0])
    for (_start1, end1, first), (start2, _end2, second) in pairwise(ordered):
        if start2 < end1:
            raise EditError(
                f"{what}: '{clip_name(second, timeline)}' would overlap '{clip_name(first, timeline)}'"
                f" on {track_label(track)} at {format_timecode(start2)}"
            )


def require_within_source(timeline: Timeline, clip: Clip, source_start: Ticks, duration: Ticks) -> None:
    length = timeline.source_length(clip)
    if length is not None and source_start + duration > length:
        name, end = clip_name(clip, timeline), format_timecode(length)
        raise EditError(f"'{name}' would run past the end of its source ({end})")


def require_new_id(timeline: Timeline, clip: Clip) -> None:
    try:
        timeline.track_of(clip.id)
    except KeyError:
        return
    raise EditError(f"A clip with id {clip.id!r} is already on the timeline")
