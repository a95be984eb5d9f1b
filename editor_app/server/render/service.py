"""The renderer behind the compile, stream and job routes: compiled timelines (cached by
content), their HLS previews cut into segments, and export jobs (docs/architecture.md,
"Flow: a compile"). Every ffmpeg it runs goes through the app's ToolRunner.

Folders under the data dir: `segments/` (preview segments by content key, see
`segment_cache.py`; a compiled timeline's playlist lists them, see `hls.py`) and `exports/`
(finished files `<job id>.<ext>`, served as `/files/exports/...` by `routes/files.py`; per-job
work files in `exports/work-<job id>/`, removed after the render).
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from editor_app.model import Timeline
from editor_app.server.errors import TimelineGone
from editor_app.server.render.encoders import extension
from editor_app.server.render.export import EXPORT_NICENESS, FileRender
from editor_app.server.render.export_jobs import Job, JobRunner, JobStore, remove_partial_exports
from editor_app.server.render.frame_runs import FrameRenderer
from editor_app.server.render.graph import build_plan
from editor_app.server.render.segment_cache import SegmentCache
from editor_app.server.render.segment_files import end_orphaned_renders
from editor_app.server.render.segments import SegmentedTimeline
from editor_app.server.render.sources import (
    ProxyLookup,
    RenderSource,
    SourceLookup,
    collect_sources,
    with_proxies,
)
from editor_app.server.render.timelines import (
    Connect,
    TimelineStore,
    source_from_record,
    stream_folder_name,
    timeline_id,
)
from editor_app.server.tool_runner import ToolRunner
from editor_app.wire import ExportFormat, Quality

# compiled timelines kept cut into segments (their keys); older ones are rebuilt from SQLite
STREAMS_KEPT = 16


class EditorService:
    def __init__(
        self,
        data_dir: Path,
        connect: Connect,
        get_media: Callable[[str], Any],
        tools: ToolRunner,
        proxies: ProxyLookup | None = None,
        proxy_version: str = "proxy",
        get_transcript: Callable[[str], Any] = lambda _media_id: None,
    ) -> None:
        self.data_dir = data_dir
        self.proxies = proxies  # previews read proxies where ready; exports never do
        self.proxy_version = proxy_version
        self.lookup: SourceLookup = lambda media_id: source_from_record(
            get_media(media_id), get_transcript(media_id)
        )
        self.tools = tools
        self.timelines = TimelineStore(connect)
        self.exports_dir = data_dir / "exports"
        self.exports_dir.mkdir(parents=True, exist_ok=True)
        self.jobs = JobStore(connect)
        self.runner = JobRunner(self.jobs, self._make_render, space_dir=self.exports_dir)
        self.segments = SegmentCache(data_dir / "segments", tools, on_busy=self._previews_busy)
        self._streams: OrderedDict[str, SegmentedTimeline] = OrderedDict()
        self._streams_lock = threading.Lock()
        self._generations = itertools.count()  # the segment cache lets newer compiles go first
        self.frames = FrameRenderer(tools, data_dir / "work")

    # ---- compile ------------------------------------------------------------------------------
    def compile(self, timeline: Timeline, preview_height: int | None = None) -> tuple[str, bool]:
        """Check and store a timeline: its id, and whether every preview segment is cached.
        `preview_height`: the stream is a preview that many rows high (from proxies where ready).

        Segments render when a player asks for them; a preview stream's segment 0 renders at
        once in the background (VLC reads it on every open, see `SegmentCache.prime`)."""
        sources = collect_sources(timeline, self.lookup)
        build_plan(timeline, sources, self.data_dir / "work")  # only computes: refuses what cannot render
        tid = timeline_id(timeline, sources)
        self.timelines.save(tid, timeline)
        stream = self._segmented(tid, timeline, sources, preview_height)
        self._keep(stream)
        if preview_height is not None:  # the app's player opens it next (the SDKs never prime)
            self.segments.prime(stream)
        return tid, all(self.segments.is_cached(s) for s in stream.segments)

    def _preview_sources(
        self, timeline: Timeline, sources: dict[str, RenderSource], rows: int | None
    ) -> dict[str, RenderSource]:
        if rows is None or self.proxies is None:
            return sources
        return with_proxies(sources, min(rows, timeline.size[1]), self.proxies, self.proxy_version)

    def _segmented(
        self, tid: str, timeline: Timeline, sources: dict[str, RenderSource], preview_height: int | None
    ) -> SegmentedTimeline:
        """`timeline` cut into segments, numbered after every stream made before it."""
        return SegmentedTimeline(
            stream_folder_name(tid, preview_height),
            timeline,
            self._preview_sources(timeline, sources, preview_height),
            next(self._generations),
            preview_height,
        )

    def _keep(self, stream: SegmentedTimeline) -> None:
        with self._streams_lock:
            self._streams[stream.stream_id] = stream
            self._streams.move_to_end(stream.stream_id)
            while len(self._streams) > STREAMS_KEPT:
                self._streams.popitem(last=False)

    def stream(self, tid: str, preview_height: int | None = None) -> SegmentedTimeline:
        """The compiled timeline `tid` cut into segments (TimelineGone if unknown)."""
        folder = stream_folder_name(tid, preview_height)
        with self._streams_lock:
            stream = self._streams.get(folder)
            if stream is not None:
                self._streams.move_to_end(folder)
                return stream
        timeline, sources = self._plan_for(tid)
        stream = self._segmented(tid, timeline, sources, preview_height)
        self._keep(stream)
        return stream

    def proxy_ready(self, _content_hash: str) -> None:
        """A proxy became ready: preview streams are cut again, so their next segments read it."""
        with self._streams_lock:
            for folder in [f for f, s in self._streams.items() if s.preview_height is not None]:
                del self._streams[folder]

    # ---- still frames -------------------------------------------------------------------------
    def frame(self, tid: str, t: float, height: int | None, preview_height: int | None) -> bytes:
        """JPEG of the frame under `t` s, `height` rows high (default: the stream's preview
        height, else the timeline's); from proxies where a preview that high reads them."""
        stream = self.stream(tid, preview_height)
        timeline = stream.timeline
        rows = min(height or preview_height or timeline.size[1], timeline.size[1])
        if rows == preview_height:
            sources = stream.sources
        else:
            sources = self._preview_sources(timeline, self._plan_for(tid)[1], rows)
        return self.frames.frame(f"{stream.stream_id}@{rows}", timeline, sources, t, stream.fps, rows)

    def _plan_for(self, tid: str) -> tuple[Timeline, dict[str, RenderSource]]:
        stored = self.timelines.get(tid)
        if stored is None:
            raise TimelineGone(f"timeline {tid} not found")
        timeline = stored.timeline()
        return timeline, collect_sources(timeline, self.lookup)

    def _previews_busy(self, busy: bool) -> None:
        # previews preempt exports: the user is watching a preview, an export can wait a little
        self.runner.set_niceness(EXPORT_NICENESS if busy else 0)

    # ---- export -------------------------------------------------------------------------------
    def export(self, tid: str, fmt: ExportFormat, quality: Quality) -> Job:
        if self.timelines.get(tid) is None:
            raise TimelineGone(f"timeline {tid} not found")
        return self.runner.submit(tid, fmt, quality)

    def export_path(self, job: Job) -> Path | None:
        return self.exports_dir / job.output_name if job.output_name else None

    def _make_render(self, job: Job, on_progress: Callable[[float], None]) -> FileRender:
        # the originals, always: proxies are for previews only
        timeline, sources = self._plan_for(job.timeline_id)
        fmt = cast(ExportFormat, job.format)
        work_dir = self.exports_dir / f"work-{job.id}"
        plan = build_plan(timeline, sources, work_dir)
        output = self.exports_dir / f"{job.id}.{extension(fmt)}"
        return FileRender(
            plan,
            output,
            fmt,
            cast(Quality, job.quality),
            self.tools,
            on_progress=on_progress,
            work_dir=work_dir,
        )

    # ---- life ---------------------------------------------------------------------------------
    def start(self) -> None:
        # a server killed outright may have left an export's ffmpeg and its partial file behind
        end_orphaned_renders(self.exports_dir)
        remove_partial_exports(self.exports_dir)
        self.runner.start()

    def shutdown(self) -> None:
        self.runner.shutdown()
        self.segments.shutdown()
