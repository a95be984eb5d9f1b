"""The timeline's frame grid (Qt-free): its fps and where frame N starts.

The rule is the local renderer's (server/render/graph.py `output_fps`): the fastest video
source, at most 60, and 25 when no video says. Frame N starts at ceil(N * 1000 / fps) ms, so a
step lands inside frame N (the still-frame route floors t * fps) and never drifts.
"""

from __future__ import annotations

import math

from editor_app.model import Timeline
from editor_app.model.ticks import Ticks

DEFAULT_FPS = 25.0
MAX_FPS = 60.0


def timeline_fps(timeline: Timeline) -> float:
    rates = [
        info.fps
        for _track, clip in timeline.clips()
        if clip.kind == "video"
        and clip.media_id is not None
        and (info := timeline.media.get(clip.media_id)) is not None
        and info.fps
    ]
    best = max(rates, default=0.0)
    return round(min(best, MAX_FPS), 3) if best >= 1 else DEFAULT_FPS


def frame_index(ticks: Ticks, fps: float) -> int:
    """The frame under `ticks` on the `fps` grid."""
    return math.floor(ticks * fps / 1000 + 1e-6)


def frame_start(index: int, fps: float) -> Ticks:
    """The first whole millisecond inside frame `index`."""
    return max(0, math.ceil(index * 1000 / fps - 1e-6))


def stepped(ticks: Ticks, frames: int, fps: float) -> Ticks:
    """`frames` whole frames from the frame under `ticks`, onto the grid."""
    return frame_start(frame_index(ticks, fps) + frames, fps)
