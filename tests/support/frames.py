"""Pixels of JPEG frames (the still-frame route's answers), decoded by ffmpeg."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    rgb: bytes  # rgb24, row by row

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        at = (y * self.width + x) * 3
        return self.rgb[at], self.rgb[at + 1], self.rgb[at + 2]

    def mean(
        self, x0: int = 0, y0: int = 0, x1: int | None = None, y1: int | None = None
    ) -> tuple[int, int, int]:
        """The average colour of the box [x0, x1) x [y0, y1)."""
        x1, y1 = x1 or self.width, y1 or self.height
        sums = [0, 0, 0]
        for y in range(y0, y1):
            for x in range(x0, x1):
                for c, v in enumerate(self.pixel(x, y)):
                    sums[c] += v
        n = max(1, (x1 - x0) * (y1 - y0))
        return sums[0] // n, sums[1] // n, sums[2] // n


def decode_jpeg(data: bytes) -> Picture:
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=width,height", "-of", "json", "-i", "pipe:0"],
        input=data,
        capture_output=True,
        check=True,
        timeout=30,
    )
    stream = json.loads(probe.stdout)["streams"][0]
    to_rgb = ["-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "image2pipe", "-i", "pipe:0", *to_rgb],
        input=data,
        capture_output=True,
        check=True,
        timeout=30,
    ).stdout
    return Picture(int(stream["width"]), int(stream["height"]), raw)
