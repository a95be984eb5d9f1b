"""Level of detail: what to paint for a track when its clips are thinner than a few pixels.

Zoomed far out, thousands of clips share a handful of pixels; painting each one makes the paint
cost grow with the clip count. Instead, neighbouring tiny clips merge into `Run`s, computed once
per (track, edit version, zoom level) and looked up by binary search, so a paint touches at most
a few items per pixel column whatever the timeline holds. Pure Python; no Qt.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from editor_app.model.ticks import TICKS_PER_SECOND, Ticks
from editor_app.model.timeline import Clip, Track
from editor_app.ui.timeline.logic.geometry import clips_in

DETAIL_PX = 4.0  # clips narrower than this merge into runs
DIRECT_LIMIT = 200  # up to this many clips in view, just paint them


@dataclass
class Run:
    start: Ticks
    end: Ticks
    kind: str
    count: int


Item = Clip | Run


def zoom_level(px_per_second: float) -> int:
    """Half-octave buckets of zoom, so continuous zooming rebuilds a track's runs rarely."""
    return math.floor(math.log2(px_per_second) * 2)


def build_items(clips: list[Clip], px_per_second: float) -> list[Item]:
    tiny = DETAIL_PX * TICKS_PER_SECOND / px_per_second
    gap = TICKS_PER_SECOND / px_per_second  # one pixel
    items: list[Item] = []
    run: Run | None = None
    for clip in clips:
        if clip.duration >= tiny:
            items.append(clip)
            run = None
        elif run is not None and clip.start <= run.end + gap:
            run.end = max(run.end, clip.end)
            run.count += 1
        else:
            run = Run(clip.start, clip.end, clip.kind, 1)
            items.append(run)
    return items


class LodCache:
    """Per track, the merged items for the current edit version and zoom level."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple[int, int, int], list[int], list[Item]]] = {}

    def clear(self) -> None:
        self._entries.clear()

    def visible(
        self, track: Track, version: int, px_per_second: float, start: Ticks, end: Ticks
    ) -> list[Item]:
        """What to draw for `track` in [start, end): its clips, or runs when too many are in view."""
        clips = track.clips
        first = bisect.bisect_left(clips, start, key=_start)
        last = bisect.bisect_left(clips, end, lo=first, key=_start)
        if last - first <= DIRECT_LIMIT:
            return list(clips_in(track, start, end))
        level = zoom_level(px_per_second)
        key = (version, level, len(clips))
        entry = self._entries.get(track.id)
        if entry is None or entry[0] != key:
            items = build_items(clips, 2 ** (level / 2))
            entry = (key, [i.start for i in items], items)
            self._entries[track.id] = entry
        _, starts, items = entry
        index = bisect.bisect_left(starts, start)
        if index > 0 and items[index - 1].end > start:
            index -= 1
        stop = bisect.bisect_left(starts, end, lo=index)
        return items[index:stop]


def _start(clip: Clip) -> int:
    return clip.start
