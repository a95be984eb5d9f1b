"""Snapping as pure functions: which times attract a dragged edge, and where it lands.

The tolerance is in screen pixels, so it means the same at every zoom; targets are sorted
once per drag (`snap_targets`) and each `snap` is a binary search.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from editor_app.model.ticks import TICKS_PER_SECOND, Ticks
from editor_app.model.timeline import Timeline

# when two targets are equally near, the playhead wins, then markers, then clip edges
PRIORITY = {"playhead": 0, "marker": 1, "clip_start": 2, "clip_end": 3}


@dataclass(frozen=True)
class SnapTarget:
    time: Ticks
    kind: str  # "clip_start", "clip_end", "playhead", "marker"
    ref: str | None = None  # the clip or marker id


def _time(target: SnapTarget) -> Ticks:
    return target.time


def snap_targets(
    timeline: Timeline,
    playhead: Ticks | None,
    exclude_clip_ids: frozenset[str] = frozenset(),
    window: tuple[Ticks, Ticks] | None = None,
) -> list[SnapTarget]:
    """Clip edges on all tracks, the playhead and markers, sorted by time.

    `window` keeps only targets inside [start, end] (the visible part of a long timeline);
    clips are found by binary search, so a window costs only what it shows.
    """
    low, high = window if window is not None else (0, max(timeline.duration, playhead or 0))
    targets: list[SnapTarget] = []
    for track in timeline.tracks:
        clips = track.visible(low - 1, high + 1) if window is not None else iter(track.clips)
        for clip in clips:
            if clip.id in exclude_clip_ids:
                continue
            targets.append(SnapTarget(clip.start, "clip_start", clip.id))
            targets.append(SnapTarget(clip.end, "clip_end", clip.id))
    if playhead is not None:
        targets.append(SnapTarget(playhead, "playhead", None))
    targets.extend(SnapTarget(marker.time, "marker", marker.id) for marker in timeline.markers)
    if window is not None:
        targets = [t for t in targets if low <= t.time <= high]
    targets.sort(key=lambda t: (t.time, PRIORITY.get(t.kind, 9)))
    return targets


def tolerance_ticks(tolerance_px: float, px_per_second: float) -> float:
    if px_per_second <= 0:
        raise ValueError(f"px_per_second must be positive, not {px_per_second}")
    return tolerance_px * TICKS_PER_SECOND / px_per_second


def snap(
    time: Ticks, targets: Sequence[SnapTarget], tolerance_px: float, px_per_second: float
) -> tuple[Ticks, SnapTarget | None]:
    """The nearest target within the tolerance and its time, or (time, None)."""
    reach = tolerance_ticks(tolerance_px, px_per_second)
    index = bisect.bisect_left(targets, time - reach, key=_time)
    best: SnapTarget | None = None
    while index < len(targets) and targets[index].time <= time + reach:
        candidate = targets[index]
        if best is None or _better(candidate, best, time):
            best = candidate
        index += 1
    return (best.time, best) if best is not None else (time, None)


def _better(candidate: SnapTarget, best: SnapTarget, time: Ticks) -> bool:
    distance, best_distance = abs(candidate.time - time), abs(best.time - time)
    if distance != best_distance:
        return distance < best_distance
    return PRIORITY.get(candidate.kind, 9) < PRIORITY.get(best.kind, 9)


def snap_span(
    start: Ticks, end: Ticks, targets: Sequence[SnapTarget], tolerance_px: float, px_per_second: float
) -> tuple[Ticks, SnapTarget | None]:
    """How far to shift a moving clip [start, end) so either edge lands on a target: (delta, target)."""
    at_start, start_target = snap(start, targets, tolerance_px, px_per_second)
    at_end, end_target = snap(end, targets, tolerance_px, px_per_second)
    options = [(at_start - start, start_target), (at_end - end, end_target)]
    found = [(delta, target) for delta, target in options if target is not None]
    if not found:
        return 0, None
    return min(found, key=lambda option: abs(option[0]))
