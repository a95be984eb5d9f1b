"""Preview segments on disk by content key, rendered when first asked for and read ahead.

`fetch` answers a cached segment at once; otherwise it queues the segment ahead of
everything else and waits for it. Each fetch also queues the next `read_ahead` segments of
the same stream behind it. The queue is ordered: segments somebody waits for first, then
newer compiles before older ones, then earlier segments first. One worker is kept for
segments somebody waits for (read-ahead uses the others), and while such a segment renders,
read-ahead ffmpegs are paused (SIGSTOP) so it has the CPU; they resume after. Read-ahead work
belongs to
the stream last asked for: when a player moves to another stream (a new compile after an
edit), the old stream's read-ahead is dropped, so nothing renders for a stream nobody
watches. A few worker threads render (one ffmpeg each); the same key asked for by two
streams renders once.

Files: `<root>/<key>.ts`, written whole (renamed into place), so a file that exists is
complete; per-render work folders live under `<root>/work/` and are removed after. Every
`EVICT_EVERY` renders, the least recently used files (by mtime, which a fetch refreshes) go
until the folder is back under `max_bytes`.
"""

from __future__ import annotations

import contextlib
import functools
import heapq
import itertools
import os
import signal
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from editor_app.server.render.segments import Segment, SegmentedTimeline, SegmentFailed, render_segment

DEFAULT_MAX_BYTES = 2 * 1024**3
EVICT_EVERY = 16


class SegmentTimeout(TimeoutError):
    """A segment was not ready in time (still rendering behind other work)."""


@dataclass
class _Job:
    stream: SegmentedTimeline
    segment: Segment
    wanted: bool
    running: bool = False
    process: subprocess.Popen[bytes] | None = None
    error: str | None = None
    done: threading.Event = field(default_factory=threading.Event)


class SegmentCache:
    def __init__(
        self,
        root: Path,
        ffmpeg: str = "ffmpeg",
        *,
        workers: int = 2,
        read_ahead: int = 3,
        max_bytes: int = DEFAULT_MAX_BYTES,
        on_busy: Callable[[bool], None] | None = None,
    ) -> None:
        self.root = root
        self.ffmpeg = ffmpeg
        self.read_ahead = read_ahead
        self.max_bytes = max_bytes
        self.on_busy = on_busy  # told when the first render starts and the last one ends
        self.renders = 0  # segments rendered so far (for tests and the benchmark)
        self._cond = threading.Condition()
        self._queue: list[tuple[tuple[int, int, int], int, str]] = []
        self._jobs: dict[str, _Job] = {}
        self._order = itertools.count()
        self._watched: str | None = None
        self._running = 0
        self._waited_for_running = 0
        self._reading_ahead: list[_Job] = []  # running read-ahead jobs
        self._read_ahead_slots = max(1, workers - 1)
        self._stopping = False
        root.mkdir(parents=True, exist_ok=True)
        self._workers = [
            threading.Thread(target=self._work, args=(n,), daemon=True, name=f"segments-{n}")
            for n in range(workers)
        ]
        for worker in self._workers:
            worker.start()

    def path(self, segment: Segment) -> Path:
        return self.root / f"{segment.key}.ts"

    def is_cached(self, segment: Segment) -> bool:
        return self.path(segment).is_file()

    def watch(self, stream: SegmentedTimeline) -> None:
        """A player opened `stream`: read-ahead of any other stream is no longer wanted."""
        with self._cond:
            self._watched = stream.stream_id

    def fetch(self, stream: SegmentedTimeline, index: int, timeout: float) -> Path:
        """The file of segment `index`, rendered first if needed (SegmentFailed, SegmentTimeout)."""
        segment = stream.segments[index]
        path = self.path(segment)
        with self._cond:
            self._watched = stream.stream_id
            job = None if path.is_file() else self._enqueue(stream, segment, wanted=True)
            for ahead in stream.segments[index + 1 : index + 1 + self.read_ahead]:
                if not self.path(ahead).is_file():
                    self._enqueue(stream, ahead, wanted=False)
        if job is None:
            _touch(path)
            return path
        if not job.done.wait(timeout):
            raise SegmentTimeout(f"segment {index} of {stream.stream_id} is not ready after {timeout:.0f} s")
        if job.error is not None:
            raise SegmentFailed(job.error)
        return path

    def _enqueue(self, stream: SegmentedTimeline, segment: Segment, wanted: bool) -> _Job:
        job = self._jobs.get(segment.key)
        if job is None:
            job = _Job(stream, segment, wanted)
            self._jobs[segment.key] = job
        elif wanted and not job.wanted:
            job.wanted = True  # promoted: queued again below with the better priority
        else:
            return job
        priority = (0 if wanted else 1, -stream.generation, segment.index)
        heapq.heappush(self._queue, (priority, next(self._order), segment.key))
        self._cond.notify()
        return job

    def _next_job(self) -> _Job | None:
        """The most urgent queued job (None when stopping); the caller holds the lock."""
        while not self._stopping:
            if not self._queue:
                self._cond.wait()
                continue
            _priority, _n, key = self._queue[0]
            job = self._jobs.get(key)
            waiting_for_slot = len(self._reading_ahead) >= self._read_ahead_slots
            if job is not None and not job.running and not job.wanted and waiting_for_slot:
                self._cond.wait()  # the free worker stays free for a segment somebody waits for
                continue
            heapq.heappop(self._queue)
            if job is None or job.running:
                continue  # a stale entry of a promoted or finished job
            if not job.wanted and job.stream.stream_id != self._watched:
                del self._jobs[key]  # read-ahead for a stream nobody watches any more
                continue
            if self.path(job.segment).is_file():
                del self._jobs[key]
                job.done.set()
                continue
            job.running = True
            if job.wanted:
                self._waited_for_running += 1
                self._signal_read_ahead(signal.SIGSTOP)
            else:
                self._reading_ahead.append(job)
            return job
        return None

    def _signal_read_ahead(self, which: signal.Signals) -> None:
        for job in self._reading_ahead:
            if job.process is not None and job.process.poll() is None:
                job.process.send_signal(which)

    def _started(self, job: _Job, process: subprocess.Popen[bytes]) -> None:
        with self._cond:
            job.process = process
            if not job.wanted and self._waited_for_running:
                process.send_signal(signal.SIGSTOP)

    def _finished(self, job: _Job) -> None:
        """Book-keeping after a render; the caller holds the lock."""
        if job in self._reading_ahead:
            self._reading_ahead.remove(job)
        elif job.wanted:
            self._waited_for_running -= 1
            if self._waited_for_running == 0:
                self._signal_read_ahead(signal.SIGCONT)
        self._cond.notify_all()

    def _work(self, number: int) -> None:
        while True:
            with self._cond:
                job = self._next_job()
                if job is None:
                    return
                self._running += 1
                started = self._running == 1
            if started:
                self._tell_busy(True)
            try:
                work = self.root / "work" / f"{number}"
                render_segment(
                    job.stream,
                    job.segment,
                    self.path(job.segment),
                    work,
                    self.ffmpeg,
                    on_process=functools.partial(self._started, job),
                )
            except (SegmentFailed, OSError) as exc:
                job.error = str(exc)
            except Exception as exc:  # a bad timeline must not kill the worker
                job.error = f"{type(exc).__name__}: {exc}"
            with self._cond:
                self.renders += 1
                self._jobs.pop(job.segment.key, None)
                self._finished(job)
                self._running -= 1
                idle = self._running == 0
            job.done.set()
            if idle:
                self._tell_busy(False)
            if self.renders % EVICT_EVERY == 0:
                self.evict()

    def evict(self) -> None:
        """Remove the least recently used segment files beyond `max_bytes`."""
        files = []
        for path in self.root.glob("*.ts"):
            try:
                info = path.stat()
            except OSError:
                continue  # removed meanwhile
            files.append((info.st_mtime, info.st_size, path))
        total = sum(size for _mtime, size, _path in files)
        for _mtime, size, path in sorted(files):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size

    def _tell_busy(self, busy: bool) -> None:
        if self.on_busy is not None:
            self.on_busy(busy)

    def shutdown(self) -> None:
        """Stop taking work; renders under way finish on their own (daemon threads)."""
        with self._cond:
            self._stopping = True
            self._signal_read_ahead(signal.SIGCONT)
            self._cond.notify_all()


def _touch(path: Path) -> None:
    # evicted meanwhile: the caller's read fails and the player asks again
    with contextlib.suppress(OSError):
        os.utime(path)
