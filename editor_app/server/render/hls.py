"""Compiled previews: an HLS EVENT playlist that ffmpeg fills segment by segment.

Each compiled timeline has a folder `streams/<id>/` with `index.m3u8`, `seg_NNNNN.ts`, and
a marker: `DONE` once ffmpeg finished (the folder is then a cache hit forever) or `FAILED`
holding ffmpeg's reason. A folder with neither and no live ffmpeg (a restart, an eviction)
is rendered again from scratch on the next request; a failed one only when it is compiled
again (the playlist keeps answering the failure, so a player does not loop on it). At most
`max_running` previews render at once; starting another stops the oldest, which re-renders
if it is asked for again.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from editor_app.server.render.encoders import hls_args
from editor_app.server.render.graph import RenderPlan
from editor_app.server.render.progress import failure_reason

PLAYLIST = "index.m3u8"
DONE_MARKER = "DONE"
FAILED_MARKER = "FAILED"


class PreviewFailed(RuntimeError):
    pass


class PreviewRenderer:
    def __init__(
        self,
        root: Path,
        ffmpeg: str = "ffmpeg",
        max_running: int = 2,
        on_busy: Callable[[bool], None] | None = None,
    ) -> None:
        self.root = root
        self.on_busy = on_busy  # told when the first preview starts and the last one ends
        self.ffmpeg = ffmpeg
        self.max_running = max_running
        self._running: OrderedDict[str, subprocess.Popen[bytes]] = OrderedDict()
        self._lock = threading.Lock()
        root.mkdir(parents=True, exist_ok=True)

    def folder(self, stream_id: str) -> Path:
        return self.root / stream_id

    def is_cached(self, stream_id: str) -> bool:
        return (self.folder(stream_id) / DONE_MARKER).is_file()

    def forget_failure(self, stream_id: str) -> bool:
        """Drop a failed render (it may have been transient) so the next `ensure` tries again."""
        folder = self.folder(stream_id)
        with self._lock:
            if not (folder / FAILED_MARKER).is_file():
                return False
            shutil.rmtree(folder, ignore_errors=True)
            return True

    def is_running(self, stream_id: str) -> bool:
        with self._lock:
            process = self._running.get(stream_id)
            return process is not None and process.poll() is None

    def ensure(self, stream_id: str, make_plan: Callable[[Path], RenderPlan]) -> None:
        """Start rendering unless the stream is cached, rendering, or failed (the failure stays)."""
        folder = self.folder(stream_id)
        with self._lock:
            if (folder / DONE_MARKER).is_file() or (folder / FAILED_MARKER).is_file():
                return
            process = self._running.get(stream_id)
            if process is not None and process.poll() is None:
                self._running.move_to_end(stream_id)
                return
            self._evict_for_one_more()
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            plan = make_plan(folder / "work")
            plan.write_files()
            command = plan.command(self.ffmpeg, ["-loglevel", "error", "-nostats"])
            command += hls_args(plan.fps, folder)
            with (folder / "ffmpeg.log").open("wb") as log:
                process = subprocess.Popen(
                    command, stdout=subprocess.DEVNULL, stderr=log, stdin=subprocess.DEVNULL
                )
            self._running[stream_id] = process
        self._tell_busy(True)
        threading.Thread(target=self._watch, args=(stream_id, process), daemon=True).start()

    def _evict_for_one_more(self) -> None:
        # finished processes stay listed until their watcher has written the marker
        alive = [sid for sid, process in self._running.items() if process.poll() is None]
        while len(alive) >= self.max_running:
            oldest = alive.pop(0)
            self._running.pop(oldest).kill()

    def _watch(self, stream_id: str, process: subprocess.Popen[bytes]) -> None:
        returncode = process.wait()
        folder = self.folder(stream_id)
        with self._lock:
            if self._running.get(stream_id) is not process:
                return  # evicted or shut down: leave no marker, so it renders again when asked
            del self._running[stream_id]
            if returncode == 0:
                (folder / DONE_MARKER).write_text("ok", encoding="utf-8")
                shutil.rmtree(folder / "work", ignore_errors=True)
            else:
                reason = failure_reason(folder / "ffmpeg.log", returncode)
                (folder / FAILED_MARKER).write_text(reason, encoding="utf-8")
            idle = not self._running
        if idle:
            self._tell_busy(False)

    def _tell_busy(self, busy: bool) -> None:
        if self.on_busy is not None:
            self.on_busy(busy)

    def playlist_when_ready(self, stream_id: str, timeout: float) -> str | None:
        """The playlist once it lists a segment (None after `timeout`); PreviewFailed on failure."""
        folder = self.folder(stream_id)
        deadline = time.monotonic() + timeout
        while True:
            failed = folder / FAILED_MARKER
            if failed.is_file():
                raise PreviewFailed(failed.read_text(encoding="utf-8"))
            try:
                text = (folder / PLAYLIST).read_text(encoding="utf-8")
            except OSError:
                text = ""
            if "#EXTINF" in text:
                return text
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.03)

    def shutdown(self) -> None:
        with self._lock:
            running = list(self._running.values())
            self._running.clear()
        for process in running:
            if process.poll() is None:
                process.kill()
                process.wait()
        self._tell_busy(False)
