"""The ruler's tick spacing for a zoom level and its timecode labels (no Qt)."""

from __future__ import annotations

from editor_app.model.ticks import TICKS_PER_SECOND, Ticks
from editor_app.model.track import Marker
from editor_app.ui.timeline.logic.geometry import TimeScale

# candidate label spacings in ticks: frames-ish up to hours
STEPS: tuple[Ticks, ...] = (
    10, 20, 50, 100, 200, 500,
    1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
    60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
    3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
)  # fmt: skip
MIN_LABEL_SPACING_PX = 90


def tick_steps(px_per_second: float) -> tuple[Ticks, Ticks]:
    """(major, minor) tick spacing in ticks so that labels stay at least ~90 px apart."""
    for major in STEPS:
        if major * px_per_second / TICKS_PER_SECOND >= MIN_LABEL_SPACING_PX:
            break
    else:
        major = STEPS[-1]
    digits = str(major).rstrip("0")
    minor = major // 5 if digits in ("1", "5") else major // 4 if digits == "2" else major // 3
    if major == 15_000:
        minor = 5_000
    return major, max(minor, 1)


def ruler_label(ticks: Ticks, major: Ticks) -> str:
    """`1:02:03`, `2:05` or `0:04.500`: only as precise as the spacing needs."""
    total_s, ms = divmod(ticks, TICKS_PER_SECOND)
    hours, rest = divmod(total_s, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    if major < TICKS_PER_SECOND:
        decimals = 1 if major % 100 == 0 else 2 if major % 10 == 0 else 3
        text += f".{ms:03d}"[: decimals + 1]
    return text


GRAB_PX = 6.0  # how near an In/Out handle or a marker a press on the ruler grabs it


def ruler_hit(
    scale: TimeScale, x: float, io_range: tuple[Ticks | None, Ticks | None], markers: list[Marker]
) -> tuple[str, str | None]:
    """What a press at `x` on the ruler takes: ("marker", id), ("in"|"out", None) or ("time", None)."""
    nearest: tuple[float, str, str | None] | None = None
    for marker in markers:
        distance = abs(scale.x_of(marker.time) - x)
        if distance <= GRAB_PX and (nearest is None or distance < nearest[0]):
            nearest = (distance, "marker", marker.id)
    for side, at in zip(("in", "out"), io_range, strict=True):
        if at is not None:
            distance = abs(scale.x_of(at) - x)
            if distance <= GRAB_PX and (nearest is None or distance < nearest[0]):
                nearest = (distance, side, None)
    return (nearest[1], nearest[2]) if nearest is not None else ("time", None)


def dragged_range(
    io_range: tuple[Ticks | None, Ticks | None], side: str, at: Ticks
) -> tuple[Ticks | None, Ticks | None]:
    """The range after dragging its `side` to `at`: the points never cross (one frame apart at least)."""
    start, end = io_range
    if side == "in":
        return (max(0, min(at, end - 1)) if end is not None else max(at, 0)), end
    return start, (max(at, start + 1) if start is not None else max(at, 1))
