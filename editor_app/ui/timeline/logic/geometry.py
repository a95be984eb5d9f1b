"""Pure time <-> pixel mapping, track rows and hit testing for the timeline canvas.

No Qt here: the canvas, the gestures and the tests all share these numbers, and every
lookup is a binary search (over rows, and over a track's clips via `Track.visible`).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import Literal

from editor_app.model.edits import display_order
from editor_app.model.ticks import TICKS_PER_SECOND, Ticks
from editor_app.model.timeline import Clip, Timeline, Track

RULER_HEIGHT = 30
TRACK_HEIGHTS = {"video": 68, "audio": 52}
CLIP_MARGIN = 2  # vertical gap between a row's edge and its clips
LABEL_HEIGHT = 15  # the clip's title bar
TRIM_HANDLE_PX = 7
VOLUME_GRAB_PX = 4
FADE_HANDLE_PX = 6
DETAIL_MIN_PX = 56.0  # narrower clips are painted as bars: no volume line or fade handles to grab
MAX_VOLUME = 2.0  # the docs' range is 0-2; the line spans it
MIN_PX_PER_SECOND = 0.005
MAX_PX_PER_SECOND = 4000.0

HitKind = Literal["clip", "trim_in", "trim_out", "volume", "fade_in", "fade_out", "empty", "ruler", "header"]


@dataclass
class TimeScale:
    """`px_per_second` pixels per second; `origin_ticks` is the time at x = 0."""

    px_per_second: float = 50.0
    origin_ticks: Ticks = 0

    def x_of(self, ticks: Ticks) -> float:
        return (ticks - self.origin_ticks) * self.px_per_second / TICKS_PER_SECOND

    def ticks_at(self, x: float) -> Ticks:
        return round(self.origin_ticks + x * TICKS_PER_SECOND / self.px_per_second)

    def ticks_per_px(self) -> float:
        return TICKS_PER_SECOND / self.px_per_second

    def span(self, width: float) -> tuple[Ticks, Ticks]:
        """The time range [start, end) shown across `width` pixels."""
        return self.origin_ticks, self.ticks_at(width) + 1

    def zoomed_about(self, x: float, factor: float) -> TimeScale:
        """The scale after zooming by `factor`, keeping the time under `x` where it is."""
        pps = min(max(self.px_per_second * factor, MIN_PX_PER_SECOND), MAX_PX_PER_SECOND)
        anchor = self.origin_ticks + x * TICKS_PER_SECOND / self.px_per_second
        origin = max(0, round(anchor - x * TICKS_PER_SECOND / pps))
        return TimeScale(pps, origin)


def fit_scale(duration: Ticks, width: float) -> TimeScale:
    """A scale that shows [0, duration] across `width` pixels with a little room at the end."""
    seconds = max(duration, TICKS_PER_SECOND) * 1.05 / TICKS_PER_SECOND
    pps = min(max(max(width, 1.0) / seconds, MIN_PX_PER_SECOND), MAX_PX_PER_SECOND)
    return TimeScale(pps, 0)


@dataclass(frozen=True)
class Row:
    track_id: str
    index: int  # the track's index in `timeline.tracks`
    top: float  # in canvas pixels, after vertical scrolling
    height: float
    position: int = 0  # the row's place from the top (see model.edits.display_order)

    @property
    def bottom(self) -> float:
        return self.top + self.height


class TrackLayout:
    """Where each track's row is, below the ruler and shifted by the vertical scroll.

    `rows` run top to bottom in display order (video tracks upward, then audio tracks)."""

    def __init__(
        self,
        timeline: Timeline,
        scroll_y: float = 0.0,
        top: float = RULER_HEIGHT,
        heights: dict[str, int] | None = None,  # rows being resized: track id -> height
    ) -> None:
        self.rows: list[Row] = []
        self._tops: list[float] = []
        y = top - scroll_y
        for position, index in enumerate(display_order(timeline)):
            track = timeline.tracks[index]
            height = float((heights or {}).get(track.id) or track.height or TRACK_HEIGHTS.get(track.kind, 60))
            self.rows.append(Row(track.id, index, y, height, position))
            self._tops.append(y)
            y += height
        self.top = top - scroll_y
        self.bottom = y

    @property
    def content_height(self) -> float:
        return self.bottom - self.top

    def row_at(self, y: float) -> Row | None:
        index = bisect.bisect_right(self._tops, y) - 1
        if index < 0 or y >= self.rows[index].bottom:
            return None
        return self.rows[index]

    def row_of(self, track_id: str) -> Row | None:
        for row in self.rows:
            if row.track_id == track_id:
                return row
        return None

    def position_of(self, track_id: str) -> int:
        row = self.row_of(track_id)
        if row is None:
            raise KeyError(f"no track {track_id!r}")
        return row.position

    def visible_rows(self, y0: float, y1: float) -> list[Row]:
        first = max(bisect.bisect_right(self._tops, y0) - 1, 0)
        return [r for r in self.rows[first:] if r.top < y1 and r.bottom > y0]


@dataclass(frozen=True)
class ClipRect:
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


def clip_rect(scale: TimeScale, row: Row, start: Ticks, end: Ticks) -> ClipRect:
    return ClipRect(scale.x_of(start), scale.x_of(end), row.top + CLIP_MARGIN, row.bottom - CLIP_MARGIN)


def volume_y(rect: ClipRect, volume: float) -> float:
    """The volume line's height inside a clip: bottom = silent, top of the body = MAX_VOLUME."""
    body_top = rect.top + LABEL_HEIGHT
    fraction = min(max(volume / MAX_VOLUME, 0.0), 1.0)
    return rect.bottom - 2 - fraction * (rect.bottom - 2 - body_top)


def volume_at(rect: ClipRect, y: float) -> float:
    body_top = rect.top + LABEL_HEIGHT
    span = max(rect.bottom - 2 - body_top, 1.0)
    fraction = min(max((rect.bottom - 2 - y) / span, 0.0), 1.0)
    return round(fraction * MAX_VOLUME, 2)


def fade_handle_x(scale: TimeScale, clip: Clip, side: Literal["in", "out"]) -> float | None:
    """Where a fade handle sits, or None when the clip has no fade on that side."""
    transition = clip.transition
    if transition is None:
        return None
    if side == "in" and transition.in_ == "fade":
        return scale.x_of(clip.start + min(transition.duration, clip.duration))
    if side == "out" and transition.out == "fade":
        return scale.x_of(clip.end - min(transition.duration, clip.duration))
    return None


def _start(clip: Clip) -> int:
    return clip.start


def clips_in(track: Track, start: Ticks, end: Ticks) -> list[Clip]:
    """The clips sharing time with [start, end), by binary search, copying only those.

    (`Track.visible` walks a copy of the track's tail, which costs O(clips after `start`).)
    """
    clips = track.clips
    first = bisect.bisect_left(clips, start, key=_start)
    while first > 0 and clips[first - 1].end > start:
        first -= 1
    last = bisect.bisect_left(clips, end, lo=first, key=_start)
    return [c for c in clips[first:last] if c.end > start]


@dataclass(frozen=True)
class Hit:
    kind: HitKind
    clip_id: str | None = None
    track_id: str | None = None


def _trim_zone(rect: ClipRect) -> float:
    # a thin clip keeps a middle to grab it by
    return min(TRIM_HANDLE_PX, max(rect.width / 3, 1.0))


def _hit_clip(scale: TimeScale, clip: Clip, rect: ClipRect, x: float, y: float) -> HitKind:
    detailed = rect.width >= DETAIL_MIN_PX
    if detailed and y <= rect.top + LABEL_HEIGHT:
        for side in ("in", "out"):
            fx = fade_handle_x(scale, clip, side)
            if fx is not None and abs(fx - x) <= FADE_HANDLE_PX:
                return "fade_in" if side == "in" else "fade_out"
    zone = _trim_zone(rect)
    if x - rect.x0 <= zone:
        return "trim_in"
    if rect.x1 - x <= zone:
        return "trim_out"
    if detailed and clip.volume is not None and abs(volume_y(rect, clip.volume) - y) <= VOLUME_GRAB_PX:
        return "volume"
    return "clip"


def hit_test(timeline: Timeline, scale: TimeScale, layout: TrackLayout, x: float, y: float) -> Hit:
    """What is under the point (x, y) of the canvas."""
    if x < 0:
        return Hit("header")
    if y < RULER_HEIGHT:
        return Hit("ruler")
    row = layout.row_at(y)
    if row is None:
        return Hit("empty")
    track = timeline.tracks[row.index]
    slack = math.ceil(TRIM_HANDLE_PX * scale.ticks_per_px())
    at = scale.ticks_at(x)
    best: tuple[float, Clip, ClipRect] | None = None
    for clip in clips_in(track, max(at - slack, 0), at + slack + 1):
        rect = clip_rect(scale, row, clip.start, clip.end)
        if rect.x0 - TRIM_HANDLE_PX > x or rect.x1 + TRIM_HANDLE_PX < x:
            continue
        # inside beats near; among near clips the closer edge wins (the cut between two clips)
        distance = 0.0 if rect.x0 <= x < rect.x1 else min(abs(x - rect.x0), abs(x - rect.x1))
        if best is None or distance < best[0]:
            best = (distance, clip, rect)
    if best is None:
        return Hit("empty", None, track.id)
    distance, clip, rect = best
    if distance > 0:
        kind: HitKind = "trim_in" if x < rect.x0 else "trim_out"
        if distance > _trim_zone(rect):
            return Hit("empty", None, track.id)
        return Hit(kind, clip.id, track.id)
    return Hit(_hit_clip(scale, clip, rect, x, y), clip.id, track.id)
