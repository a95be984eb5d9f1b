"""The timeline's frame grid (Qt-free): where frame N of the project frame rate
(`Timeline.fps`, the grid edits and snapping land on) starts. Frame N starts at
ceil(N * 1000 / fps) ms, so a step lands inside frame N (the still-frame route floors t * fps)
and never drifts.
"""

from __future__ import annotations

import math

from editor_app.model.ticks import DEFAULT_FPS, Ticks

__all__ = ["DEFAULT_FPS", "frame_index", "frame_start", "stepped"]


def frame_index(ticks: Ticks, fps: float) -> int:
    """The frame under `ticks` on the `fps` grid."""
    return math.floor(ticks * fps / 1000 + 1e-6)


def frame_start(index: int, fps: float) -> Ticks:
    """The first whole millisecond inside frame `index`."""
    return max(0, math.ceil(index * 1000 / fps - 1e-6))


def stepped(ticks: Ticks, frames: int, fps: float) -> Ticks:
    """`frames` whole frames from the frame under `ticks`, onto the grid."""
    return frame_start(frame_index(ticks, fps) + frames, fps)
