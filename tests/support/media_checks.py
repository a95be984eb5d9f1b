"""Look inside media with ffmpeg/ffprobe, for assertions about pictures, lengths and loudness."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from editor_app.samples import SampleMedia


def mean_rgb(source: Path | str, at_seconds: float | None = None) -> tuple[int, int, int]:
    """The average colour of one frame (the whole picture scaled to one pixel)."""
    args = ["ffmpeg", "-v", "error"]
    if at_seconds is not None:
        args += ["-ss", f"{at_seconds:.3f}"]
    args += [
        "-i",
        str(source),
        "-frames:v",
        "1",
        "-vf",
        "scale=1:1",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-",
    ]
    raw = subprocess.run(args, capture_output=True, check=True, timeout=60).stdout
    assert len(raw) == 3, f"expected one rgb24 pixel, got {len(raw)} bytes"
    return raw[0], raw[1], raw[2]


def probe_duration(source: Path | str) -> float:
    args = ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", str(source)]
    done = subprocess.run(args, capture_output=True, check=True, timeout=60)
    return float(json.loads(done.stdout)["format"]["duration"])


def two_colour_video(target: Path, first: str = "red", second: str = "blue", seconds_each: float = 2) -> Path:
    """`first` for `seconds_each`, then `second`; a tone throughout (a cut is visible in picture only)."""
    inputs = ["-f", "lavfi", "-i", f"color=c={first}:s=160x90:r=25:d={seconds_each}"]
    inputs += ["-f", "lavfi", "-i", f"color=c={second}:s=160x90:r=25:d={seconds_each}"]
    inputs += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={2 * seconds_each}"]
    outputs = ["-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]", "-map", "[v]", "-map", "2:a"]
    outputs += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac"]
    return SampleMedia(target.parent).make(target.name, inputs, outputs)


def is_reddish(rgb: tuple[int, int, int]) -> bool:
    return rgb[0] > 180 and rgb[1] < 70 and rgb[2] < 70


def is_bluish(rgb: tuple[int, int, int]) -> bool:
    return rgb[2] > 180 and rgb[0] < 70 and rgb[1] < 70


RAMP_PERIOD = 30  # frames before the grey ramp starts again


def grey_ramp_video(target: Path, seconds: float = 4, fps: int = 25) -> Path:
    """Frame N is grey at luma 16 + 7 * (N mod RAMP_PERIOD): every frame tells which it is
    (`ramp_step` of its mean), so a test sees a frame off by one."""
    ramp = f"geq=lum='16+7*mod(N\\,{RAMP_PERIOD})':cb=128:cr=128"
    inputs = ["-f", "lavfi", "-i", f"color=c=black:s=160x90:r={fps}:d={seconds},format=yuv420p,{ramp}"]
    outputs = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "4", "-pix_fmt", "yuv420p", "-g", str(fps)]
    return SampleMedia(target.parent).make(target.name, inputs, outputs)


def ramp_step(rgb: tuple[int, int, int]) -> int:
    """The frame number (mod RAMP_PERIOD) of a `grey_ramp_video` frame from its mean colour."""
    return round(sum(rgb) / 3 / (7 * 255 / 219))
