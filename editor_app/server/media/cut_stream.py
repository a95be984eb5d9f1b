"""`POST /video/{id}/stream` with `{"timeline": [[start, end], ...]}`: those cuts of one video
joined, as an MP4 (the SDK calls the cut list "segments"; they are not preview segments).

One ffmpeg command seeks each cut with input `-ss`/`-t` (much faster than the `trim` filter far
into a file) and joins them with the concat filter, re-encoding (stream copy cannot cut between
keyframes). The result is cached under a hash of the source content and the cuts, as
`streams/seg-<key>.mp4`, so asking twice costs nothing.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import uuid
from pathlib import Path

from editor_app.server.errors import BadRequest, RenderFailed, ToolError
from editor_app.server.store import MediaRecord
from editor_app.server.tool_runner import ToolRunner

MAX_CUTS = 200
END_TOLERANCE_S = 0.05
FFMPEG_TIMEOUT_S = 600.0

Cut = tuple[float, float]


def validate_cuts(raw: list[Cut], length: float) -> list[Cut]:
    """Every cut inside the video with start < end; clear 400s naming the bad entry."""
    if len(raw) > MAX_CUTS:
        raise BadRequest(f"timeline: at most {MAX_CUTS} segments are allowed, got {len(raw)}")
    cuts = []
    for index, (start, end) in enumerate(raw):
        where = f"timeline.{index}"
        if not (math.isfinite(start) and math.isfinite(end)):
            raise BadRequest(f"{where}: start and end must be finite numbers")
        if start < 0:
            raise BadRequest(f"{where}: start must not be negative, got {start}")
        if end <= start:
            raise BadRequest(f"{where}: end ({end}) must be after start ({start})")
        if end > length + END_TOLERANCE_S:
            raise BadRequest(f"{where}: end ({end}) is beyond the video's length ({length})")
        cuts.append((round(start, 3), round(min(end, length), 3)))
    return cuts


def cut_stream_key(record: MediaRecord, cuts: list[Cut]) -> str:
    canonical = json.dumps({"sha256": record.sha256, "segments": cuts}, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def cut_stream_args(record: MediaRecord, cuts: list[Cut], output: Path, ffmpeg: str) -> list[str]:
    args = [ffmpeg, "-v", "error", "-y"]
    for start, end in cuts:
        args += ["-ss", f"{start:.3f}", "-t", f"{end - start:.3f}", "-i", str(record.path)]
    with_audio = record.has_audio
    inputs = "".join(f"[{i}:v:0]" + (f"[{i}:a:0]" if with_audio else "") for i in range(len(cuts)))
    graph = f"{inputs}concat=n={len(cuts)}:v=1:a={int(with_audio)}[v]" + ("[a]" if with_audio else "")
    args += ["-filter_complex", graph, "-map", "[v]"]
    if with_audio:
        args += ["-map", "[a]", "-c:a", "aac", "-b:a", "128k"]
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-pix_fmt", "yuv420p"]
    args += ["-movflags", "+faststart", "-f", "mp4", str(output)]
    return args


def render_cut_stream(tools: ToolRunner, record: MediaRecord, cuts: list[Cut]) -> Path:
    """The cached MP4 of these cuts, rendered now if it is not there yet."""
    folder = record.data_dir / "streams"
    folder.mkdir(parents=True, exist_ok=True)
    output = folder / f"seg-{cut_stream_key(record, cuts)}.mp4"
    if output.is_file():
        return output
    partial = folder / f".{output.stem}-{uuid.uuid4().hex[:8]}.part"
    try:
        done = tools.run(cut_stream_args(record, cuts, partial, tools.ffmpeg), FFMPEG_TIMEOUT_S)
        if done.returncode != 0 or not partial.is_file():
            raise RenderFailed(f"rendering the stream failed: {done.last_error_line()}")
        os.replace(partial, output)
    except ToolError as exc:
        raise RenderFailed(f"rendering the stream failed: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return output
