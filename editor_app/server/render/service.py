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
from editor_app.server.render.graph import build_plan
from editor_app.server.render.segment_cache import SegmentCache
from editor_app.server.render.segment_files import end_orphaned_renders
from editor_app.server.render.segments import SegmentedTimeline
from editor_app.server.render.sources import RenderSource, SourceLookup, collect_sources
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
    ) -> None:
        self.data_dir = data_dir
        self.lookup: SourceLookup = lambda media_id: source_from_record(get_media(media_id))
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

    # ---- compile ------------------------------------------------------------------------------
    def compile(self, timeline: Timeline) -> tuple[str, bool]:
        """Check and store a timeline: its id, and whether every preview segment is cached.

        Nothing renders yet: segments render when a player asks for them."""
        sources = collect_sources(timeline, self.lookup)
        build_plan(timeline, sources, self.data_dir / "work")  # only computes: refuses what cannot render
        tid = timeline_id(timeline, sources)
        self.timelines.save(tid, timeline)
        stream = self._segmented(tid, timeline, sources)
        self._keep(tid, stream)
        return tid, all(self.segments.is_cached(s) for s in stream.segments)

    def _segmented(self, tid: str, timeline: Timeline, sources: dict[str, RenderSource]) -> SegmentedTimeline:
        """`timeline` cut into segments, numbered after every stream made before it."""
        return SegmentedTimeline(stream_folder_name(tid), timeline, sources, next(self._generations))

    def _keep(self, tid: str, stream: SegmentedTimeline) -> None:
        with self._streams_lock:
            self._streams[tid] = stream
            self._streams.move_to_end(tid)
            while len(self._streams) > STREAMS_KEPT:
                self._streams.popitem(last=False)

    def stream(self, tid: str) -> SegmentedTimeline:
        """The compiled timeline `tid` cut into segments (TimelineGone if unknown)."""
        with self._streams_lock:
            stream = self._streams.get(tid)
            if stream is not None:
                self._streams.move_to_end(tid)
                return stream
        timeline, sources = self._plan_for(tid)
        stream = self._segmented(tid, timeline, sources)
        self._keep(tid, stream)
        return stream

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
