"""Exact time: integer ticks (milliseconds) inside the model, float seconds only on the wire."""

from __future__ import annotations

import math

TICKS_PER_SECOND = 1000
Ticks = int


def to_ticks(seconds: float | int | str) -> Ticks:
    """Seconds (as the wire carries them) to ticks, rounding to the nearest millisecond."""
    value = float(seconds)
    if not math.isfinite(value):
        raise ValueError(f"not a finite time: {seconds!r}")
    return round(value * TICKS_PER_SECOND)


def to_seconds(ticks: Ticks) -> float | int:
    """Ticks to seconds for the wire: whole seconds stay ints so JSON reads like the SDK's."""
    if ticks % TICKS_PER_SECOND == 0:
        return ticks // TICKS_PER_SECOND
    return ticks / TICKS_PER_SECOND


DEFAULT_FPS = 30.0


def frame_of(ticks: Ticks, fps: float) -> int:
    """The frame nearest to `ticks` on a grid of `fps` frames per second."""
    return round(ticks * fps / TICKS_PER_SECOND)


def frame_start(frame: int, fps: float) -> Ticks:
    """Where frame `frame` starts, in ticks (frames of 30 fps are 33 or 34 ticks long)."""
    return round(frame * TICKS_PER_SECOND / fps)


def on_frame(ticks: Ticks, fps: float | None) -> Ticks:
    """`ticks` moved to the nearest frame boundary (unchanged without a frame rate)."""
    return frame_start(frame_of(ticks, fps), fps) if fps else ticks


def format_timecode(ticks: Ticks, fps: float | None = None) -> str:
    """`HH:MM:SS.mmm`, or `HH:MM:SS:FF` (the nearest frame) when a frame rate is given."""
    sign = "-" if ticks < 0 else ""
    ticks = abs(ticks)
    if fps:
        per_second = max(round(fps), 1)
        total_s, frame = divmod(frame_of(ticks, fps), per_second)
    else:
        total_s, frame = divmod(ticks, TICKS_PER_SECOND)
    h, rem = divmod(total_s, 3600)
    m, s = divmod(rem, 60)
    if fps:
        return f"{sign}{h:02d}:{m:02d}:{s:02d}:{frame:02d}"
    return f"{sign}{h:02d}:{m:02d}:{s:02d}.{frame:03d}"


def format_duration(ticks: Ticks, fps: float | None = None) -> str:
    """A length for a tooltip, with its unit: `2.700 s`, or `2.700 s (81 f)` with a frame rate."""
    sign = "-" if ticks < 0 else ""
    text = f"{sign}{abs(ticks) / TICKS_PER_SECOND:.3f} s"
    return f"{text} ({frame_of(ticks, fps):+d} f)".replace("(+", "(") if fps else text
