"""Compiled previews: an HLS EVENT playlist that ffmpeg fills segment by segment.

Each compiled timeline has a folder `streams/<id>/` with `index.m3u8`, `seg_NNNNN.ts`, and
a marker: `DONE` once ffmpeg finished (the folder is then a cache hit forever) or `FAILED`
holding ffmpeg's reason. A folder with neither and no live ffmpeg (a restart, an eviction)
is rendered again from scratch on the next request; a failed one only when it is compiled
again (the playlist keeps answering the failure, so a player does not loop on it).

At most `max_active` previews encode at once. Starting or asking for another one pauses
(SIGSTOP) the least recently asked-for one instead of killing it, so no work is lost when
a player keeps polling an older stream; a paused render resumes (SIGCONT) when it is asked
for again or when a slot frees up. Beyond `max_live` processes the oldest paused is killed
(it renders again from scratch if it is ever asked for).
"""

from __future__ import annotations

import os
import shutil
import signal
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


def _write_atomically(path: Path, text: str) -> None:
    # a reader polling for the marker must never see it half-written (an empty reason)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


class PreviewRenderer:
    def __init__(
        self,
        root: Path,
        ffmpeg: str = "ffmpeg",
        max_active: int = 1,
        max_live: int = 4,
        on_busy: Callable[[bool], None] | None = None,
    ) -> None:
        self.root = root
        self.on_busy = on_busy  # told when the first preview starts encoding and the last stops
        self.ffmpeg = ffmpeg
        self.max_active = max_active
        self.max_live = max(max_live, max_active)
        # live processes, least recently asked-for first; finished ones stay until watched
        self._live: OrderedDict[str, subprocess.Popen[bytes]] = OrderedDict()
        self._paused: set[str] = set()
        self._busy = False
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
        """Encoding right now (not paused, not finished)."""
        with self._lock:
            process = self._live.get(stream_id)
            return process is not None and process.poll() is None and stream_id not in self._paused

    def is_paused(self, stream_id: str) -> bool:
        with self._lock:
            return stream_id in self._paused

    def ensure(self, stream_id: str, make_plan: Callable[[Path], RenderPlan]) -> None:
        """Start (or resume) rendering unless the stream is cached or failed (the failure stays)."""
        folder = self.folder(stream_id)
        started: subprocess.Popen[bytes] | None = None
        with self._lock:
            if (folder / DONE_MARKER).is_file() or (folder / FAILED_MARKER).is_file():
                return
            process = self._live.get(stream_id)
            if process is not None:  # encoding, paused, or just finished (its watcher records it)
                self._live.move_to_end(stream_id)
                if stream_id in self._paused and process.poll() is None:
                    self._make_room(keep=stream_id, adding=False)
                    self._resume(stream_id)
            else:
                self._make_room(keep=stream_id, adding=True)
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                plan = make_plan(folder / "work")
                plan.write_files()
                command = plan.command(self.ffmpeg, ["-loglevel", "error", "-nostats"])
                command += hls_args(plan.fps, folder)
                with (folder / "ffmpeg.log").open("wb") as log:
                    started = subprocess.Popen(
                        command, stdout=subprocess.DEVNULL, stderr=log, stdin=subprocess.DEVNULL
                    )
                self._live[stream_id] = started
            busy = self._busy_changed()
        if busy is not None:
            self._tell_busy(busy)
        if started is not None:
            threading.Thread(target=self._watch, args=(stream_id, started), daemon=True).start()

    def _active(self) -> list[str]:
        return [sid for sid, p in self._live.items() if p.poll() is None and sid not in self._paused]

    def _make_room(self, keep: str, adding: bool) -> None:
        """Pause the least recently asked-for encoders; before adding a process, kill the oldest
        paused ones beyond `max_live`."""
        active = [sid for sid in self._active() if sid != keep]
        while len(active) >= self.max_active:
            self._pause(active.pop(0))
        if not adding:
            return
        paused = [sid for sid in self._live if sid in self._paused and sid != keep]
        while len([p for p in self._live.values() if p.poll() is None]) >= self.max_live and paused:
            oldest = paused.pop(0)
            self._paused.discard(oldest)
            process = self._live.pop(oldest)
            process.send_signal(signal.SIGCONT)
            process.kill()

    def _pause(self, stream_id: str) -> None:
        self._live[stream_id].send_signal(signal.SIGSTOP)
        self._paused.add(stream_id)

    def _resume(self, stream_id: str) -> None:
        self._live[stream_id].send_signal(signal.SIGCONT)
        self._paused.discard(stream_id)

    def _busy_changed(self) -> bool | None:
        busy = bool(self._active())
        if busy == self._busy:
            return None
        self._busy = busy
        return busy

    def _watch(self, stream_id: str, process: subprocess.Popen[bytes]) -> None:
        returncode = process.wait()
        folder = self.folder(stream_id)
        with self._lock:
            if self._live.get(stream_id) is not process:
                return  # killed to make room or shut down: no marker, so it renders again when asked
            del self._live[stream_id]
            self._paused.discard(stream_id)
            if returncode == 0:
                _write_atomically(folder / DONE_MARKER, "ok")
                shutil.rmtree(folder / "work", ignore_errors=True)
            else:
                reason = failure_reason(folder / "ffmpeg.log", returncode)
                _write_atomically(folder / FAILED_MARKER, reason)
            waiting = [sid for sid in reversed(self._live) if sid in self._paused]
            if waiting and len(self._active()) < self.max_active:
                self._resume(waiting[0])  # the most recently asked-for paused render goes on
            busy = self._busy_changed()
        if busy is not None:
            self._tell_busy(busy)

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
            live = list(self._live.values())
            self._live.clear()
            self._paused.clear()
            busy = self._busy_changed()
        for process in live:
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.kill()
                process.wait()
        if busy is not None:
            self._tell_busy(busy)
