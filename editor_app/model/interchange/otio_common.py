"""Shared pieces of the OpenTimelineIO bridge: time conversion, metadata, marker colours."""

from __future__ import annotations

from typing import Any

import opentimelineio as otio

from editor_app.model.ticks import TICKS_PER_SECOND, Ticks, to_ticks

KEY = "videodb"
URL_SCHEME = "videodb://"


def otio_time(ticks: Ticks) -> otio.opentime.RationalTime:
    return otio.opentime.RationalTime(ticks, TICKS_PER_SECOND)


def otio_range(start: Ticks, duration: Ticks) -> otio.opentime.TimeRange:
    return otio.opentime.TimeRange(otio_time(start), otio_time(duration))


def model_ticks(rt: otio.opentime.RationalTime) -> Ticks:
    return to_ticks(rt.to_seconds())


def plain(value: Any) -> Any:
    """OTIO's AnyDictionary/AnyVector into plain dicts and lists."""
    if hasattr(value, "items"):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, str | bytes):
        return value
    if hasattr(value, "__iter__"):
        return [plain(v) for v in value]
    return value


MARKER_PALETTE = {
    "RED": (255, 0, 0),
    "PINK": (255, 105, 180),
    "ORANGE": (255, 165, 0),
    "YELLOW": (255, 215, 0),
    "GREEN": (0, 170, 0),
    "CYAN": (0, 200, 200),
    "BLUE": (0, 90, 255),
    "PURPLE": (128, 0, 160),
    "MAGENTA": (255, 0, 255),
    "BLACK": (0, 0, 0),
    "WHITE": (255, 255, 255),
}


def marker_colour_name(hex_colour: str) -> str:
    """The palette name nearest to `#rrggbb` (RED when the colour cannot be read)."""
    digits = hex_colour.lstrip("#")
    try:
        rgb = tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return "RED"
    if len(digits) != 6:
        return "RED"
    return min(
        MARKER_PALETTE, key=lambda n: sum((a - b) ** 2 for a, b in zip(MARKER_PALETTE[n], rgb, strict=True))
    )
