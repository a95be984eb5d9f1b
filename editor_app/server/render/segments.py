"""One preview segment: its window, its cache key, and rendering it on its own
(docs/architecture.md, "Preview segments").

A timeline is cut into `SEGMENT_MS` windows. Each segment renders from the shared graph
builder over its window (every input seeked to the window's start) and is written as an
MPEG-TS file whose timestamps continue the previous one (`-output_ts_offset`), starting on a
keyframe, so a player sees one continuous stream.

Sound at the joins: AAC codes 1024-sample frames whose decoded output overlaps the frame
before, and an encoder starting cold emits a priming frame; independently encoded segments
would each start with a gap and a click. So the sound of every segment sits on one global
grid of AAC frames (frame j covers samples [j*1024, (j+1)*1024) of the timeline): a segment
carries exactly the frames whose start falls inside its window. It encodes from two frames
before its first frame to two after its last (pre-roll and tail, so the encoder is warm and
the frame boundaries match the grid), then keeps only its own frames and moves them to their
grid time with bitstream filters (`noise=drop=...`, `setts`), all in one ffmpeg run.
Decoded in a row, neighbouring frames from two encodes overlap-add as if one encoder had
made them.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor_app.model import Timeline
from editor_app.model.ticks import Ticks
from editor_app.server.errors import SegmentFailed, ShuttingDown
from editor_app.server.render.graph import build_plan, output_fps
from editor_app.server.render.plan import AUDIO_RATE, Output, RenderPlan, Window
from editor_app.server.render.progress import failure_reason
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolProcess, ToolRunner

# 1 s: after an edit the player waits for the segment under the playhead, and now and then
# for the next one too (VLC's start-up); 2 s segments made that 1.2-2.0 s, 1 s ones about 1 s
SEGMENT_MS: Ticks = 1000
AAC_FRAME = 1024
PRE_ROLL_FRAMES = 2
TAIL_FRAMES = 2
# what the encoder makes of a segment: part of every key, so changing it re-renders
VIDEO_ARGS = (
    *("-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast", "-tune", "zerolatency"),
    *("-crf", "23", "-bf", "0", "-g", "100000", "-sc_threshold", "0"),
)
AUDIO_ARGS = ("-c:a", "aac", "-b:a", "128k", "-ar", str(AUDIO_RATE), "-ac", "2")
SEGMENT_FORMAT_VERSION = "seg-1"
# a segment is a second of output and renders in about one; one that runs for minutes (paused
# time included) is stuck, and its worker is wanted
SEGMENT_TIMEOUT_S = 300.0


@dataclass(frozen=True)
class Segment:
    index: int
    start: Ticks
    end: Ticks
    key: str

    @property
    def name(self) -> str:
        return f"seg_{self.index:05d}.ts"

    @property
    def seconds(self) -> float:
        return (self.end - self.start) / 1000


def _first_frame_at_or_after(sample: int) -> int:
    return -(-sample // AAC_FRAME)


def audio_frames(start: Ticks, end: Ticks) -> tuple[int, int]:
    """The grid frames [first, last) a segment over [start, end) ms carries."""
    per_ms = AUDIO_RATE // 1000
    return _first_frame_at_or_after(start * per_ms), _first_frame_at_or_after(end * per_ms)


def segment_window(start: Ticks, end: Ticks) -> Window:
    first, last = audio_frames(start, end)
    return Window(start, end, (first - PRE_ROLL_FRAMES) * AAC_FRAME, (last + TAIL_FRAMES) * AAC_FRAME)


class SegmentedTimeline:
    """A compiled timeline cut into segments, each keyed by exactly what falls inside it."""

    def __init__(
        self,
        stream_id: str,
        timeline: Timeline,
        sources: dict[str, RenderSource],
        generation: int,
        preview_height: int | None = None,
    ) -> None:
        self.stream_id = stream_id
        # rows of a preview stream (None: the timeline's full frame, as the SDKs get it)
        self.preview_height = preview_height
        self.generation = generation  # later compiles get larger numbers (the service counts them)
        self.timeline = timeline
        self.sources = sources
        self.duration = timeline.duration
        # the frame rate is the whole timeline's, so every segment is cut on the same clock
        self.fps = output_fps(timeline, sources)
        count = max(1, math.ceil(self.duration / SEGMENT_MS))
        self.segments = [self._segment(i) for i in range(count)]

    def _segment(self, index: int) -> Segment:
        start = index * SEGMENT_MS
        end = min(start + SEGMENT_MS, self.duration)
        return Segment(index, start, end, self._key(start, end))

    def _key(self, start: Ticks, end: Ticks) -> str:
        window = segment_window(start, end)
        per_ms = AUDIO_RATE // 1000
        reach = (window.audio_from // per_ms, -(-window.audio_to // per_ms))
        tracks: list[dict[str, Any]] = []
        for index, track in enumerate(self.timeline.tracks):
            inside = [c for c in track.visible(min(reach[0], start), max(reach[1], end))]
            if not inside:
                continue
            clips = []
            for clip in inside:
                wire = clip.to_wire()
                wire["start"] = clip.start - start  # relative, in ms: the same clip later is the same
                source = self.sources.get(clip.media_id or "")
                wire["media"] = source.content_hash if source else None
                clips.append(wire)
            tracks.append(
                {
                    "index": index,
                    "z": track.z_index,
                    "muted": track.muted,
                    "hidden": track.hidden,
                    "clips": clips,
                }
            )
        described = {
            "version": SEGMENT_FORMAT_VERSION,
            "window": [start, end],
            "segment_ms": SEGMENT_MS,
            "resolution": self.timeline.resolution,
            "background": self.timeline.background,
            "fps": self.fps,
            "video": VIDEO_ARGS,
            "audio": AUDIO_ARGS,
            "tracks": tracks,
        }
        if self.preview_height is not None:  # full-size keys stay as they were
            described["preview_height"] = self.preview_height
        text = json.dumps(described, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def plan(self, segment: Segment, work_dir: Path) -> RenderPlan:
        window = segment_window(segment.start, segment.end)
        return build_plan(self.timeline, self.sources, work_dir, window, height=self.preview_height)


def _keep_grid_frames(segment: Segment, first: int, last: int) -> str:
    """Bitstream filters keeping grid frames [first, last) of the encoder's packets, at their
    grid times. Packet 0 is the encoder's priming frame, so grid frame `first` is packet
    PRE_ROLL + 1; the sound's time 0 is the window's `audio_from`."""
    keep_from = PRE_ROLL_FRAMES + 1
    keep_to = keep_from + last - first
    window = segment_window(segment.start, segment.end)
    shift = window.audio_from - segment.start * (AUDIO_RATE // 1000)  # samples, the encoder's time base
    return f"noise=drop=lt(n\\,{keep_from})+gte(n\\,{keep_to}),setts=ts=TS{shift:+d}"


ProcessHook = Callable[[ToolProcess], None]


def _run(tools: ToolRunner, command: list[str], log: Path, on_process: ProcessHook | None) -> None:
    with log.open("ab") as err:
        process = tools.start(command, timeout=SEGMENT_TIMEOUT_S, stderr=err)
        if on_process is not None:
            on_process(process)
        returncode = process.wait()
    if process.ended_by_shutdown:
        raise ShuttingDown("the server is shutting down")
    if process.timed_out:
        raise SegmentFailed(f"ffmpeg took longer than {SEGMENT_TIMEOUT_S:.0f} s")
    if returncode != 0:
        raise SegmentFailed(failure_reason(log, returncode))


def render_segment(
    stream: SegmentedTimeline,
    segment: Segment,
    output: Path,
    work_dir: Path,
    tools: ToolRunner,
    on_process: ProcessHook | None = None,
) -> None:
    """Render `segment` into `output` (written whole or not at all); SegmentFailed on failure.
    `work_dir` must be on `output`'s file system (the file is renamed from there).

    `on_process` is told the ffmpeg process once it runs (so a scheduler can pause it)."""
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    try:
        plan = stream.plan(segment, work_dir)
        plan.write_files()
        first, last = audio_frames(segment.start, segment.end)
        partial = work_dir / "segment.ts"  # the render's own folder: a killed render leaves nothing behind
        written = Output(
            partial,
            "mpegts",
            VIDEO_ARGS,
            AUDIO_ARGS,
            audio_bitstream_filters=_keep_grid_frames(segment, first, last),
            timestamp_offset=segment.start / 1000,
            cut_at_length=False,  # the sound runs on into the tail frames the filters drop
        )
        _run(tools, plan.command(tools.ffmpeg, written), work_dir / "ffmpeg.log", on_process)
        os.replace(partial, output)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
