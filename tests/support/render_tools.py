"""Helpers for the renderer tests: tiny lavfi media and measurements of rendered files."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from editor_app.samples import SampleMedia
from editor_app.server.render.sources import RenderSource


def _make(path: Path, inputs: list[str], outputs: Sequence[str] = ()) -> Path:
    return SampleMedia(path.parent).make(path.name, inputs, outputs)


def make_video(
    path: Path,
    color: str,
    seconds: float = 4,
    size: str = "320x180",
    fps: int = 25,
    tone_hz: int | None = 440,
) -> Path:
    inputs = ["-f", "lavfi", "-i", f"color={color}:s={size}:r={fps}:d={seconds}"]
    outputs = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    if tone_hz is not None:
        inputs += ["-f", "lavfi", "-i", f"sine=f={tone_hz}:d={seconds}"]
        outputs += ["-c:a", "aac", "-shortest"]
    return _make(path, inputs, outputs)


def make_image(path: Path, color: str, size: str = "64x64") -> Path:
    return _make(path, ["-f", "lavfi", "-i", f"color={color}:s={size}"], ["-frames:v", "1"])


def make_split_image(path: Path) -> Path:
    """A 64x36 picture: left half red, right half blue."""
    halves = ["-f", "lavfi", "-i", "color=red:s=32x36", "-f", "lavfi", "-i", "color=blue:s=32x36"]
    return _make(path, halves, ["-filter_complex", "hstack", "-frames:v", "1"])


def make_tone(path: Path, seconds: float = 2, hz: int = 440) -> Path:
    return _make(path, ["-f", "lavfi", "-i", f"sine=f={hz}:d={seconds}"])


def source_for(path: Path, media_id: str) -> RenderSource:
    """A RenderSource probed from a real file, as the routes build them from the store."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    info = json.loads(out)
    video = next((s for s in info["streams"] if s["codec_type"] == "video"), None)
    has_audio = any(s["codec_type"] == "audio" for s in info["streams"])
    kind = "image" if media_id.startswith("img-") else ("audio" if media_id.startswith("a-") else "video")
    length = None if kind == "image" else round(float(info["format"]["duration"]) * 1000)
    fps = None
    if video is not None and kind == "video":
        num, _, den = video["avg_frame_rate"].partition("/")
        fps = float(num) / float(den or 1) if float(den or 1) else None
    return RenderSource(
        id=media_id,
        kind=kind,
        path=path,
        length=length,
        width=video["width"] if video else None,
        height=video["height"] if video else None,
        fps=fps,
        has_audio=has_audio,
        content_hash=path.name,
    )


def duration_of(path: Path) -> float:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(out.strip())


def pixel_at(path: Path, seconds: float, x: int, y: int) -> tuple[int, int, int]:
    head = ["ffmpeg", "-v", "error", "-ss", f"{seconds}", "-i", str(path), "-frames:v", "1"]
    raw = subprocess.run(
        [*head, "-vf", f"format=rgb24,crop=1:1:{x}:{y}", "-f", "rawvideo", "-"],
        check=True,
        capture_output=True,
    ).stdout
    assert len(raw) == 3, f"no frame at {seconds}s in {path}"
    return raw[0], raw[1], raw[2]


def mean_volume(path: Path, start: float, seconds: float) -> float:
    """Mean volume in dB of `seconds` from `start` (-91 for digital silence)."""
    head = ["ffmpeg", "-hide_banner", "-ss", f"{start}", "-t", f"{seconds}", "-i", str(path)]
    err = subprocess.run(
        [*head, "-vn", "-af", "volumedetect", "-f", "null", "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    match = re.search(r"mean_volume: (-?[\d.]+|-inf) dB", err)
    assert match, err[-500:]
    return -91.0 if match.group(1) == "-inf" else float(match.group(1))


def close(actual: tuple[int, int, int], expected: tuple[int, int, int], tolerance: int = 24) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def frame_rgb(path: Path, seconds: float) -> bytes:
    """One whole frame as packed rgb24 bytes."""
    head = ["ffmpeg", "-v", "error", "-ss", f"{seconds}", "-i", str(path), "-frames:v", "1"]
    return subprocess.run(
        [*head, "-vf", "format=rgb24", "-f", "rawvideo", "-"], check=True, capture_output=True
    ).stdout


def count_close(frame: bytes, expected: tuple[int, int, int], tolerance: int = 40) -> int:
    """How many pixels of an rgb24 frame are within `tolerance` of `expected`."""
    return sum(
        1
        for i in range(0, len(frame) - 2, 3)
        if close((frame[i], frame[i + 1], frame[i + 2]), expected, tolerance)
    )


def codec_names(path: Path) -> list[str]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]
