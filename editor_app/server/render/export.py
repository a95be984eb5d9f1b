"""Rendering a timeline to a file with progress, cancellation and verification.

ffmpeg writes `<name>.part`; only when it exits cleanly and ffprobe finds a duration within
tolerance of the timeline's is the file renamed into place, so a crash, a full disk or a
missing source leaves no truncated file that looks finished. While an HLS preview renders,
the export's ffmpeg runs at a lower CPU priority (`set_niceness`), so the preview the user is
waiting for gets the processor first.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from editor_app.server.errors import RenderCancelled, RenderFailed
from editor_app.server.render.encoders import export_args
from editor_app.server.render.graph import RenderPlan
from editor_app.server.render.progress import failure_reason, progress_fraction
from editor_app.wire import ExportFormat, Quality

EXPORT_NICENESS = 10


@dataclass(frozen=True)
class RenderedFile:
    path: Path
    size: int
    duration: float


def probe_duration(ffprobe: str, path: Path) -> float | None:
    result = subprocess.run(
        [ffprobe, "-v", "error", "-print_format", "json", "-show_format", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        return None
    try:
        return float(json.loads(result.stdout)["format"]["duration"])
    except (KeyError, ValueError, TypeError):
        return None


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
        *,
        ffmpeg: str = "ffmpeg",
        ffprobe: str = "ffprobe",
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
        self.ffmpeg = ffmpeg
        self.ffprobe = ffprobe
        self.on_progress = on_progress
        self.niceness = 0
        self._process: subprocess.Popen[str] | None = None
        self._cancelled = threading.Event()
        self._lock = threading.Lock()

    def cancel(self) -> None:
        self._cancelled.set()
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._process.kill()

    def set_niceness(self, niceness: int) -> None:
        """Lower (or restore, where permitted) the CPU priority of the running ffmpeg."""
        with self._lock:
            self.niceness = niceness
            process = self._process
        if process is not None and process.poll() is None:
            try:
                os.setpriority(os.PRIO_PROCESS, process.pid, niceness)
            except OSError:
                pass  # raising priority back needs privileges; staying lower only costs speed

    def run(self) -> RenderedFile:
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
        command = self.plan.command(self.ffmpeg, ["-loglevel", "error", "-progress", "pipe:1", "-nostats"])
        command += export_args(self.fmt, self.quality, self.part)
        with self.log.open("w", encoding="utf-8") as log, self._lock:
            if self._cancelled.is_set():
                raise RenderCancelled("cancelled before it started")
            self._process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL, text=True
            )
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
        if returncode != 0:
            raise RenderFailed(failure_reason(self.log, returncode))

    def _verify_and_place(self) -> RenderedFile:
        duration = probe_duration(self.ffprobe, self.part)
        expected = self.plan.seconds
        if duration is None:
            raise RenderFailed("the rendered file is unreadable (ffprobe found no duration)")
        if abs(duration - expected) > duration_tolerance(expected):
            raise RenderFailed(f"the rendered file lasts {duration:.2f} s instead of {expected:.2f} s")
        os.replace(self.part, self.output)
        return RenderedFile(self.output, self.output.stat().st_size, duration)
