"""Helpers for the renderer tests: tiny lavfi media, timelines cut into preview segments, waiting
for renders, and measurements of rendered files."""

from __future__ import annotations

import itertools
import re
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from editor_app.model import Timeline
from editor_app.samples import SampleMedia
from editor_app.server.media.probe import probe
from editor_app.server.render.segments import SegmentedTimeline
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolRunner
from editor_app.wire import kind_of_id


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
    """A RenderSource probed from a real file by the server's own parser, as ingest records it;
    the kind is the one its id says (`m-`, `a-`, `img-`), the content hash its file name."""
    probed = probe(ToolRunner(), path)
    kind = kind_of_id(media_id)
    return RenderSource(
        id=media_id,
        kind=kind,
        path=path,
        length=None if kind == "image" else round(probed.length * 1000),
        width=probed.width,
        height=probed.height,
        fps=probed.fps if kind == "video" else None,
        has_audio=probed.has_audio,
        content_hash=path.name,
        video_codec=None if kind == "audio" else probed.video_codec,
    )


# later streams are newer compiles, as the service numbers them
COMPILES = itertools.count()


def repeated_stream(
    source: RenderSource, copies: int, name: str, last_volume: float = 1.0
) -> SegmentedTimeline:
    """`copies` 4 s clips of `source` one after another at 160x90, the last at `last_volume`."""
    clips: list[dict[str, Any]] = []
    for i in range(copies):
        volume = last_volume if i == copies - 1 else 1.0
        asset = {"type": "video", "id": source.id, "start": 0, "volume": volume}
        clips.append({"start": i * 4, "clip": {"asset": asset, "duration": 4}})
    body = {"timeline": {"resolution": "160x90", "tracks": [{"clips": clips}]}}
    return SegmentedTimeline(name, Timeline.from_editor_json(body), {source.id: source}, next(COMPILES))


def layered_stream(source: RenderSource, name: str) -> SegmentedTimeline:
    """10 s of six stacked half-transparent 720p layers: each segment takes a while to render."""
    asset = {"type": "video", "id": source.id, "start": 0, "volume": 1}
    clips = [{"start": i * 4, "clip": {"asset": asset, "duration": 4, "opacity": 0.5}} for i in range(3)]
    body = {"timeline": {"resolution": "1280x720", "tracks": [{"clips": clips} for _ in range(6)]}}
    return SegmentedTimeline(name, Timeline.from_editor_json(body), {source.id: source}, next(COMPILES))


def wait_until(predicate: Callable[[], bool], limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while not predicate():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def rendering(job: object) -> bool:
    """Whether a segment cache job's ffmpeg is running now."""
    process = getattr(job, "process", None)
    return process is not None and process.poll() is None


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
