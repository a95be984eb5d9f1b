"""Waveform lines cached per source, zoom and height, in chunks of source pixels.

Computing peaks per pixel column in Python on every paint would dominate the paint time. The
lines are built once per (source, zoom, height) for 1024-pixel chunks of the source and drawn
with one `drawLines` call per chunk, translated to where the clip shows that source.
"""

from __future__ import annotations

import math
from collections import OrderedDict

from PySide6.QtCore import QLineF
from PySide6.QtGui import QPainter

CHUNK_PX = 1024
STEP_PX = 2


class WaveformCache:
    def __init__(self, capacity: int = 256) -> None:
        self.capacity = capacity
        self._chunks: OrderedDict[tuple[str, float, int, int], list[QLineF]] = OrderedDict()

    def clear(self) -> None:
        self._chunks.clear()

    def _chunk(
        self, media_id: str, peaks: list[float], interval: float, pps: float, half: int, index: int
    ) -> list[QLineF]:
        key = (media_id, pps, half, index)
        lines = self._chunks.get(key)
        if lines is not None:
            self._chunks.move_to_end(key)
            return lines
        per_px = 1.0 / (interval * pps)  # peaks per source pixel
        lines = []
        for x in range(index * CHUNK_PX, (index + 1) * CHUNK_PX, STEP_PX):
            lo = int(x * per_px)
            hi = max(int((x + STEP_PX) * per_px), lo + 1)
            if lo >= len(peaks):
                break
            h = min(max(peaks[lo:hi]), 1.0) * half
            lines.append(QLineF(x + 0.5, -h, x + 0.5, h))
        self._chunks[key] = lines
        if len(self._chunks) > self.capacity:
            self._chunks.popitem(last=False)
        return lines

    def draw(
        self,
        painter: QPainter,
        media_id: str,
        peaks: list[float],
        interval: float,
        pps: float,
        source_x: float,
        left: float,
        right: float,
        mid: float,
        half: int,
    ) -> None:
        """Draw the source's waveform so that source time 0 sits at canvas x `source_x`,
        for canvas columns [left, right)."""
        if not peaks or interval <= 0 or right <= left:
            return
        first = max(math.floor((left - source_x) / CHUNK_PX), 0)
        last = math.floor((right - source_x) / CHUNK_PX)
        painter.save()
        painter.translate(source_x, mid)
        for index in range(first, last + 1):
            lines = self._chunk(media_id, peaks, interval, pps, half, index)
            # only the columns inside [left, right): the clip's neighbours are not ours to cover
            base = index * CHUNK_PX
            lo = max(math.ceil((left - source_x - base) / STEP_PX), 0)
            hi = math.ceil((right - source_x - base) / STEP_PX)
            if hi > lo:
                painter.drawLines(lines[lo:hi])
        painter.restore()
