"""Still frames of a compiled timeline: the picture at one instant, as JPEG
(docs/architecture.md, "Proxies and preview size").

`GET /stream/{id}/frame?t=&height=` answers the frame on the timeline's fps grid under `t`,
composed by the same graph builder as preview segments and exports, at `height` rows, from
proxies where a preview stream would read them. One ffmpeg run seeks every input to that
instant (input `-ss`: straight to the keyframe before it, which a proxy's short GOP keeps
close) and encodes one frame. Frames are cached in memory by a key of exactly what is on
screen at that instant, so scrubbing back over a spot is instant and an edit elsewhere
keeps them.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from editor_app.model import Timeline
from editor_app.model.ticks import Ticks
from editor_app.server.errors import RenderFailed
from editor_app.server.render.graph import build_plan
from editor_app.server.render.plan import Window
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolRunner

FRAME_VERSION = "frame-1"
FRAME_TIMEOUT_S = 60.0
FRAMES_KEPT = 256  # about 10-40 KiB each at preview sizes
JPEG_QUALITY = "3"  # ffmpeg's -q:v (2 best .. 31)


def frame_start(t: float, fps: float, duration: Ticks) -> tuple[int, Ticks]:
    """The frame index under `t` s on the `fps` grid (within the timeline) and its start in ms."""
    last = max(0, math.ceil(duration * fps / 1000) - 1)
    index = min(max(0, math.floor(t * fps + 1e-6)), last)
    return index, math.floor(index * 1000 / fps)


def frame_key(
    timeline: Timeline, sources: dict[str, RenderSource], at: Ticks, fps: float, height: int
) -> str:
    """A key of what is on screen at `at` ms: the clips there (relative to that instant), their
    media content, the frame's size and the background."""
    end = at + max(1, math.ceil(1000 / fps))
    tracks: list[dict[str, Any]] = []
    for index, track in enumerate(timeline.tracks):
        if track.hidden:
            continue
        clips = []
        for clip in track.visible(at, end):
            if clip.kind == "audio":
                continue
            wire = clip.to_wire()
            wire["start"] = clip.start - at
            source = sources.get(clip.media_id or "")
            wire["media"] = source.content_hash if source else None
            clips.append(wire)
        if clips:
            tracks.append({"index": index, "z": track.z_index, "clips": clips})
    described = {
        "version": FRAME_VERSION,
        "resolution": timeline.resolution,
        "background": timeline.background,
        "fps": fps,
        "height": height,
        "tracks": tracks,
    }
    text = json.dumps(described, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class FrameCache:
    """Recent frames by key (bytes in memory, least recently used go first)."""

    def __init__(self, kept: int = FRAMES_KEPT) -> None:
        self.kept = kept
        self._frames: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            found = self._frames.get(key)
            if found is not None:
                self._frames.move_to_end(key)
            return found

    def put(self, key: str, jpeg: bytes) -> None:
        with self._lock:
            self._frames[key] = jpeg
            self._frames.move_to_end(key)
            while len(self._frames) > self.kept:
                self._frames.popitem(last=False)


def render_frame(
    timeline: Timeline,
    sources: dict[str, RenderSource],
    at: Ticks,
    fps: float,
    height: int,
    tools: ToolRunner,
    work_dir: Path,
) -> bytes:
    """The JPEG of the frame starting at `at` ms, `height` rows high (RenderFailed if ffmpeg fails)."""
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    try:
        length = max(1, math.ceil(1000 / fps))
        window = Window(at, min(at + length, timeline.duration), 0, 0)
        plan = build_plan(
            timeline, sources, work_dir, window, height=height, sound=False, single_threaded=True
        )
        plan.write_files()
        command = [
            *(tools.ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-nostats"),
            *("-filter_complex_threads", "1"),
            *plan.input_args,
            *plan.graph_args(),
            *("-map", "[vout]", "-frames:v", "1", "-c:v", "mjpeg", "-q:v", JPEG_QUALITY),
            *("-f", "image2pipe", "pipe:1"),
        ]
        done = tools.run(command, FRAME_TIMEOUT_S)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    if done.returncode != 0 or not done.stdout.startswith(b"\xff\xd8"):
        raise RenderFailed(f"the frame at {at / 1000:.3f} s did not render: {done.last_error_line()}")
    return done.stdout
