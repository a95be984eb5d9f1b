"""`POST /video/{id}/stream` with `{"timeline": [[start, end], ...]}`: those segments joined, as an MP4.

One ffmpeg command seeks each segment with input `-ss`/`-t` (fast, DESIGN 5) and joins them with
the concat filter, re-encoding (stream copy cannot cut between keyframes). The result is cached
under a hash of the source content and the segments, so asking twice costs nothing.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import uuid
from pathlib import Path

from editor_app.server.errors import ApiError, bad_request
from editor_app.server.store import MediaRecord
from editor_app.server.tool_runner import ToolError, run_tool

MAX_SEGMENTS = 200
END_TOLERANCE_S = 0.05
FFMPEG_TIMEOUT_S = 600.0


def validate_segments(raw: list[tuple[float, float]], length: float) -> list[tuple[float, float]]:
    """Every segment inside the video with start < end; clear 400s naming the bad entry."""
    if len(raw) > MAX_SEGMENTS:
        raise bad_request(f"timeline: at most {MAX_SEGMENTS} segments are allowed, got {len(raw)}")
    segments = []
    for index, (start, end) in enumerate(raw):
        where = f"timeline.{index}"
        if not (math.isfinite(start) and math.isfinite(end)):
            raise bad_request(f"{where}: start and end must be finite numbers")
        if start < 0:
            raise bad_request(f"{where}: start must not be negative, got {start}")
        if end <= start:
            raise bad_request(f"{where}: end ({end}) must be after start ({start})")
        if end > length + END_TOLERANCE_S:
            raise bad_request(f"{where}: end ({end}) is beyond the video's length ({length})")
        segments.append((round(start, 3), round(min(end, length), 3)))
    return segments


def segments_key(record: MediaRecord, segments: list[tuple[float, float]]) -> str:
    canonical = json.dumps({"sha256": record.sha256, "segments": segments}, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def concat_args(
    record: MediaRecord, segments: list[tuple[float, float]], output: Path, ffmpeg: str
) -> list[str]:
    args = [ffmpeg, "-v", "error", "-y"]
    for start, end in segments:
        args += ["-ss", f"{start:.3f}", "-t", f"{end - start:.3f}", "-i", str(record.path)]
    with_audio = record.has_audio
    inputs = "".join(f"[{i}:v:0]" + (f"[{i}:a:0]" if with_audio else "") for i in range(len(segments)))
    graph = f"{inputs}concat=n={len(segments)}:v=1:a={int(with_audio)}[v]" + ("[a]" if with_audio else "")
    args += ["-filter_complex", graph, "-map", "[v]"]
    if with_audio:
        args += ["-map", "[a]", "-c:a", "aac", "-b:a", "128k"]
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-pix_fmt", "yuv420p"]
    args += ["-movflags", "+faststart", "-f", "mp4", str(output)]
    return args


def render_segments(record: MediaRecord, segments: list[tuple[float, float]], ffmpeg: str = "ffmpeg") -> Path:
    """The cached MP4 of these segments, rendered now if it is not there yet."""
    folder = record.data_dir / "streams"
    folder.mkdir(parents=True, exist_ok=True)
    output = folder / f"seg-{segments_key(record, segments)}.mp4"
    if output.is_file():
        return output
    partial = folder / f".{output.stem}-{uuid.uuid4().hex[:8]}.part"
    try:
        done = run_tool(concat_args(record, segments, partial, ffmpeg), FFMPEG_TIMEOUT_S)
        if done.returncode != 0 or not partial.is_file():
            raise ApiError(500, f"rendering the stream failed: {done.last_error_line()}", "render_failed")
        os.replace(partial, output)
    except ToolError as exc:
        raise ApiError(500, f"rendering the stream failed: {exc}", "render_failed") from exc
    finally:
        partial.unlink(missing_ok=True)
    return output
