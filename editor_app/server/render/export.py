"""Rendering a timeline to a file with progress, cancellation and verification.

ffmpeg writes `<name>.part`; only when it exits cleanly and ffprobe finds a duration within
tolerance of the timeline's is the file renamed into place, so a crash, a full disk or a
missing source leaves no truncated file that looks finished. While an HLS preview renders,
the export's ffmpeg runs at a lower CPU priority (`set_niceness`), so the preview the user is
waiting for gets the processor first.

An export's ffmpeg is ended by `cancel()`, by the app's shutdown (`ShuttingDown`: the job stays
owed), or after `export_timeout(seconds)`: 30 times the timeline's length, at least 10 minutes
(real renders run faster than real time; a render that slow is stuck).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from editor_app.server.errors import ProbeError, RenderCancelled, RenderFailed, ShuttingDown
from editor_app.server.media.probe import probe
from editor_app.server.render.encoders import export_output
from editor_app.server.render.plan import RenderPlan
from editor_app.server.render.progress import failure_reason, progress_fraction
from editor_app.server.tool_runner import PIPE, ToolProcess, ToolRunner
from editor_app.wire import ExportFormat, Quality

EXPORT_NICENESS = 10
EXPORT_TIMEOUT_PER_SECOND = 30.0
EXPORT_TIMEOUT_MIN_S = 600.0


@dataclass(frozen=True)
class RenderedFile:
    path: Path
    size: int
    duration: float


def export_timeout(seconds: float) -> float:
    return max(EXPORT_TIMEOUT_MIN_S, seconds * EXPORT_TIMEOUT_PER_SECOND)


def duration_tolerance(seconds: float) -> float:
    # a frame or two of rounding and the audio priming, but never a lost chunk
    return max(0.2, seconds * 0.01)


class FileRender:
    """One export: `run()` blocks until the file is in place; `cancel()` from any thread."""

    def __init__(
        self,
        plan: RenderPlan,
        output: Path,
        fmt: ExportFormat,
        quality: Quality,
        tools: ToolRunner,
        *,
        on_progress: Callable[[float], None] | None = None,
        work_dir: Path | None = None,
    ) -> None:
        self.plan = plan
        self.work_dir = work_dir  # text files and long graphs of this render, removed after it
        self.output = output
        self.part = output.with_name(output.name + ".part")
        self.log = output.with_name(output.name + ".log")
        self.fmt = fmt
        self.quality = quality
        self.tools = tools
        self.on_progress = on_progress
        self.niceness = 0
        self._process: ToolProcess | None = None
        self._cancelled = threading.Event()
        self._lock = threading.Lock()

    def cancel(self) -> None:
        self._cancelled.set()
        with self._lock:
            if self._process is not None:
                self._process.kill()

    def set_niceness(self, niceness: int) -> None:
        """Lower (or restore, where permitted) the CPU priority of the running ffmpeg."""
        with self._lock:
            self.niceness = niceness
            process = self._process
        if process is not None:
            process.set_niceness(niceness)

    def run(self) -> RenderedFile:
        """The finished file; RenderFailed, RenderCancelled, or ShuttingDown (the app is stopping)."""
        self.output.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.plan.write_files()
            self._encode()
            return self._verify_and_place()
        finally:
            self.part.unlink(missing_ok=True)
            self.log.unlink(missing_ok=True)
            if self.work_dir is not None:
                shutil.rmtree(self.work_dir, ignore_errors=True)

    def _encode(self) -> None:
        output = export_output(self.fmt, self.quality, self.part)
        command = self.plan.command(self.tools.ffmpeg, output, progress=True)
        timeout = export_timeout(self.plan.seconds)
        with self.log.open("w", encoding="utf-8") as log, self._lock:
            if self._cancelled.is_set():
                raise RenderCancelled("cancelled before it started")
            self._process = self.tools.start(command, timeout=timeout, stdout=PIPE, stderr=log, text=True)
        process = self._process
        if self.niceness:
            self.set_niceness(self.niceness)
        assert process.stdout is not None
        for line in process.stdout:
            fraction = progress_fraction(line, self.plan.seconds)
            if fraction is not None and self.on_progress is not None:
                self.on_progress(fraction)
        returncode = process.wait()
        if self._cancelled.is_set():
            raise RenderCancelled("cancelled")
        if process.ended_by_shutdown:
            raise ShuttingDown("the server is shutting down")
        if process.timed_out:
            raise RenderFailed(f"ffmpeg took longer than {timeout:.0f} s")
        if returncode != 0:
            raise RenderFailed(failure_reason(self.log, returncode))

    def _verify_and_place(self) -> RenderedFile:
        try:
            duration = probe(self.tools, self.part).length
        except ProbeError:
            raise RenderFailed("the rendered file is unreadable (ffprobe found no duration)") from None
        expected = self.plan.seconds
        if abs(duration - expected) > duration_tolerance(expected):
            raise RenderFailed(f"the rendered file lasts {duration:.2f} s instead of {expected:.2f} s")
        os.replace(self.part, self.output)
        return RenderedFile(self.output, self.output.stat().st_size, duration)
