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


def format_timecode(ticks: Ticks, fps: float | None = None) -> str:
    """`HH:MM:SS.mmm`, or `HH:MM:SS:FF` when a frame rate is given."""
    sign = "-" if ticks < 0 else ""
    ticks = abs(ticks)
    total_s, ms = divmod(ticks, TICKS_PER_SECOND)
    h, rem = divmod(total_s, 3600)
    m, s = divmod(rem, 60)
    if fps:
        frame = int(ms * fps / TICKS_PER_SECOND)
        return f"{sign}{h:02d}:{m:02d}:{s:02d}:{frame:02d}"
    return f"{sign}{h:02d}:{m:02d}:{s:02d}.{ms:03d}"
