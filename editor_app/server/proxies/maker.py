"""Making preview proxies in the background (docs/architecture.md, "Proxies and preview size").

One worker thread makes one proxy at a time, niced, through the app's ToolRunner, so an upload's
answer and the preview's own renders never wait for it. State lives in SQLite (`store.py`):
at start, proxies left `queued` or `making` by a previous run are queued again, and `ready`
ones whose file is gone are made again.

The recipe was chosen by measurement on camera-like 1080p (docs/architecture.md): 360 rows,
H.264 ultrafast with a 15-frame GOP and no B-frames decodes and seeks several times faster
than the original and is made at about 3x real time on 2 cores; sound is copied when it is AAC
so the preview sounds exactly like the export.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from editor_app.server.errors import ServerError, ShuttingDown, ToolError
from editor_app.server.media.probe import probe
from editor_app.server.proxies.store import ProxyStore
from editor_app.server.render.progress import failure_reason, progress_fraction
from editor_app.server.tool_runner import PIPE, ToolProcess, ToolRunner

log = logging.getLogger(__name__)

PROXY_HEIGHT = 360
PROXY_GOP = 15
PROXY_NICENESS = 10
PROXY_VERSION = "proxy-1"  # part of a render key where a proxy stands in for its original
PROGRESS_EVERY_S = 0.5
# codecs whose decoding costs so much that they always get a proxy when proxies are automatic
HEAVY_CODECS = ("hevc", "h265", "prores", "dnxhd", "av1", "vp9")


@dataclass(frozen=True)
class ProxyJob:
    sha256: str
    source: Path
    length: float
    width: int | None
    height: int | None
    audio_codec: str | None


def wants_proxy(height: int | None, video_codec: str | None) -> bool:
    """Whether automatic proxies cover a video: taller than a proxy, or costly to decode."""
    return (height or 0) > PROXY_HEIGHT or (video_codec or "").lower() in HEAVY_CODECS


def proxy_command(ffmpeg: str, job: ProxyJob, output: Path) -> list[str]:
    sound = ["-c:a", "copy"] if job.audio_codec == "aac" else ["-c:a", "aac", "-b:a", "160k"]
    return [
        *(ffmpeg, "-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-progress", "pipe:1"),
        # decoding the original is the cost; skipping its deblocking made proxies of camera-like
        # 1080p ~20% faster, invisible at a third of the size
        *("-nostats", "-skip_loop_filter", "all", "-flags2", "+fast"),
        *("-i", str(job.source), "-map", "0:v:0", "-map", "0:a:0?"),
        *("-vf", f"scale=w=-2:h='min(ih,{PROXY_HEIGHT})',format=yuv420p"),
        *("-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-g", str(PROXY_GOP), "-bf", "0"),
        *sound,
        *("-movflags", "+faststart", "-f", "mp4", str(output)),
    ]


class ProxyMaker:
    def __init__(
        self, store: ProxyStore, tools: ToolRunner, on_ready: Callable[[str], None] | None = None
    ) -> None:
        self.store = store
        self.tools = tools
        self.on_ready = on_ready  # told the sha256 of each proxy that becomes ready
        self._queue: deque[ProxyJob] = deque()
        self._cond = threading.Condition()
        self._current: ProxyJob | None = None
        self._process: ToolProcess | None = None
        self._dropped: set[str] = set()
        self._stopping = False
        self._thread = threading.Thread(target=self._work, name="proxy-maker", daemon=True)

    def start(self, resume: list[ProxyJob]) -> None:
        """Start the worker; `resume`: jobs of rows left unfinished or files gone missing."""
        for job in resume:
            self.submit(job)
        self._thread.start()

    def submit(self, job: ProxyJob) -> None:
        with self._cond:
            if job.sha256 in (j.sha256 for j in self._queue) or (
                self._current is not None and self._current.sha256 == job.sha256
            ):
                return
            self._dropped.discard(job.sha256)
            self.store.set(job.sha256, "queued")
            self._queue.append(job)
            self._cond.notify()

    def drop(self, sha256: str) -> None:
        """Forget the proxy of `sha256`: unqueue it, end its making, delete its row and file."""
        with self._cond:
            self._queue = deque(j for j in self._queue if j.sha256 != sha256)
            if self._current is not None and self._current.sha256 == sha256:
                self._dropped.add(sha256)
                if self._process is not None:
                    self._process.kill()
            self.store.delete(sha256)

    def shutdown(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            if self._process is not None:
                self._process.kill()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                job = self._current = self._queue.popleft()
            try:
                self._make(job)
            except ShuttingDown:
                return  # the row stays queued/making: the next start makes it again
            except (ServerError, OSError) as exc:
                with self._cond:
                    if self._stopping:
                        return  # ended by our shutdown: the next start makes it again
                    if job.sha256 not in self._dropped:
                        log.warning("proxy of %s failed: %s", job.sha256, exc)
                        self.store.set(job.sha256, "failed", error=str(exc)[:500])
            finally:
                with self._cond:
                    self._current = None
                    self._process = None
                    self._dropped.discard(job.sha256)

    def _make(self, job: ProxyJob) -> None:
        target = self.store.path(job.sha256)
        partial = target.with_name(f"partial-{target.name}")
        log_path = target.with_name(f"{job.sha256}.log")
        self.store.set(job.sha256, "making")
        try:
            with log_path.open("w", encoding="utf-8") as err, self._cond:
                if job.sha256 in self._dropped or self._stopping:
                    return
                command = proxy_command(self.tools.ffmpeg, job, partial)
                timeout = max(600.0, job.length * 10)
                self._process = self.tools.start(command, timeout=timeout, stdout=PIPE, stderr=err, text=True)
            process = self._process
            process.set_niceness(PROXY_NICENESS)  # previews and exports go first
            self._follow(job, process)
            returncode = process.wait()
            with self._cond:
                if job.sha256 in self._dropped:
                    return
            if process.ended_by_shutdown:
                raise ShuttingDown("the server is shutting down")
            if returncode != 0:
                raise ToolError(failure_reason(log_path, returncode))
            made = probe(self.tools, partial)
            os.replace(partial, target)
            self.store.set(job.sha256, "ready", progress=1.0, size=(made.width or 0, made.height or 0))
        finally:
            partial.unlink(missing_ok=True)
            log_path.unlink(missing_ok=True)
        if self.on_ready is not None:
            self.on_ready(job.sha256)

    def _follow(self, job: ProxyJob, process: ToolProcess) -> None:
        assert process.stdout is not None
        told = 0.0
        for line in process.stdout:
            fraction = progress_fraction(line, job.length)
            now = time.monotonic()
            if fraction is not None and now - told >= PROGRESS_EVERY_S:
                told = now
                self.store.set_progress(job.sha256, fraction)
