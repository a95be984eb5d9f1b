"""Preview segments on disk by content key, rendered when first asked for and read ahead
(docs/architecture.md, "Preview segments", "Flow: an edit").

`fetch` answers a cached segment at once; otherwise it queues the segment and waits for it,
and queues the next `read_ahead` segments behind it. One stream is *watched*: the one whose
playlist a player opened last (`watch`), or a newer compile a client fetches from without
reading its playlist. After an edit the player opens the new compile, so the old stream's
work stops mattering the moment the new playlist is read; an older stream's fetch (a retired
player's) never takes the watch back.

What runs first (the measured cost of an edit is the time until the segment under the
playhead exists, so everything else yields to it):
- a segment of the watched stream that somebody waits for is *urgent* (the newest request
  first); then the watched stream's read-ahead; then segments of other streams somebody
  waits for (a player being retired still asks for its next ones); newer compiles first,
  earlier segments first.
- while an urgent segment renders, every other ffmpeg is paused (SIGSTOP) and resumes after.
- the watched stream's waited-for segments never wait for a worker held by another stream's
  render: as many of those renders as they need are killed (the least urgent first), and
  queued again if somebody still waits for them.
- when another stream becomes watched, the others' read-ahead is dropped (killed if under
  way); segments of other streams somebody waits for stay queued at the lower priority and
  are served, slower, while the watched stream has no urgent work (an SDK user's player beside
  the app is never turned away while the queue has room); a retired player hangs up.
- at most `MAX_WAITED_FOR` segments are waited for at once; beyond that a fetch of a stream
  nobody watches answers "busy, retry" (503) at once instead of queueing without bound.
- all but urgent work uses at most `workers - 1` workers, so one stays free for urgent work.
- read-ahead follows the player: a fetch of segment i replaces the stream's read-ahead
  with i+1 .. i+read_ahead.
- segment 0 of a fresh preview compile is *primed* (`prime`): rendered niced at read-ahead's
  rank, newest compile first, before anybody asks, since VLC reads it on every open; a running
  read-ahead of another stream yields its worker to it.
The same key asked for by two streams renders once.

Files: `<root>/<key>.ts`, written whole, so a file that exists is complete; every
`EVICT_EVERY` renders the least recently used go until the folder is under `max_bytes`
(see `segment_files.py`).
"""

from __future__ import annotations

import functools
import heapq
import itertools
import threading
import time
from collections.abc import Callable
from pathlib import Path

from editor_app.server.errors import SegmentAbandoned, SegmentFailed, SegmentTimeout, ServerError
from editor_app.server.render import segment_jobs
from editor_app.server.render.segment_files import end_orphaned_renders, evict_least_recent, touch
from editor_app.server.render.segment_jobs import SegmentJob as _Job
from editor_app.server.render.segments import Segment, SegmentedTimeline, render_segment
from editor_app.server.tool_runner import ToolProcess, ToolRunner

DEFAULT_MAX_BYTES = 2 * 1024**3
# segments waited for at once before a fetch of a stream nobody watches is refused (503):
# far above what the app and a few other viewers ask (one or two each), bounds a flood
MAX_WAITED_FOR = 128
EVICT_EVERY = 16


class SegmentCache:
    def __init__(
        self,
        root: Path,
        tools: ToolRunner,
        *,
        workers: int = 2,
        read_ahead: int = 4,
        max_bytes: int = DEFAULT_MAX_BYTES,
        on_busy: Callable[[bool], None] | None = None,
    ) -> None:
        self.root = root
        self.tools = tools
        self.read_ahead = read_ahead
        self.max_bytes = max_bytes
        # told when the first render starts and the last one ends
        self._tell_busy: Callable[[bool], None] = on_busy or (lambda _busy: None)
        self.renders = 0  # segments rendered to the end (for tests and the benchmark)
        self.preemptions = 0  # renders killed to free a worker (for tests)
        self._cond = threading.Condition()
        self._queue: list[tuple[tuple[int, int, int], int, _Job]] = []
        self._jobs: dict[str, _Job] = {}
        self._running: list[_Job] = []
        self._order = itertools.count()
        self._asks = itertools.count(1)
        self._watched: str | None = None
        self._watched_generation = -1
        self._workers = workers
        self._background_slots = max(1, workers - 1)
        self._stopping = False
        root.mkdir(parents=True, exist_ok=True)
        end_orphaned_renders(root / "work")
        self._threads = [
            threading.Thread(target=self._work, args=(n,), daemon=True, name=f"segments-{n}")
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def path(self, segment: Segment) -> Path:
        return self.root / f"{segment.key}.ts"

    def is_cached(self, segment: Segment) -> bool:
        return self.path(segment).is_file()

    # ---- asking ---------------------------------------------------------------------------
    def watch(self, stream: SegmentedTimeline) -> None:
        """A player opened `stream`: it goes first, and other streams' read-ahead is dropped."""
        with self._cond:
            self._watch(stream)

    def prime(self, stream: SegmentedTimeline) -> None:
        """Render segment 0 of a fresh preview compile before anybody asks (niced): VLC reads it
        on every open before it jumps to the playhead, so after an edit the player then waits
        for the playhead's segment alone. Older primes nobody watches are dropped, and a render
        of read-ahead for another stream (which the edit made stale) yields its worker."""
        segment = stream.segments[0]
        with self._cond:
            if self.path(segment).is_file():
                return
            for job in list(self._jobs.values()):
                stale_prime = job.primed and not job.wanted and job.stream.stream_id != self._watched
                if stale_prime or (
                    job.running and not (job.wanted or job.primed) and job.stream is not stream
                ):
                    job.primed = False
                    self._preempt(job) if job.running else self._drop(job)
            self._enqueue(stream, segment, primed=True)

    def fetch(
        self, stream: SegmentedTimeline, index: int, timeout: float, gone: threading.Event | None = None
    ) -> Path:
        """The file of segment `index`, rendered first if needed (SegmentFailed, SegmentTimeout).

        `gone` is set when the asker hangs up (a retired player): the wait ends with
        SegmentAbandoned, and a segment nobody else waits for is no longer rendered for it."""
        segment = stream.segments[index]
        path = self.path(segment)
        with self._cond:
            if stream.generation > self._watched_generation:
                self._watch(stream)  # a newer compile asked for by a client that skipped its playlist
            if (
                not path.is_file()
                and stream.stream_id != self._watched
                and segment_jobs.full(self._jobs, segment.key, MAX_WAITED_FOR)
            ):
                raise SegmentTimeout(f"segment {index} of {stream.stream_id}: the server is busy; retry soon")
            job = None if path.is_file() else self._enqueue(stream, segment, asked=next(self._asks))
            if job is not None:
                job.waiters += 1
            if stream.stream_id == self._watched:
                self._read_ahead_from(stream, index)
                self._yield_to_watched()
        if job is None:
            touch(path)
            return path
        try:
            self._wait(job, timeout, gone)
        finally:
            with self._cond:
                job.waiters -= 1
        if job.error is not None:
            raise SegmentFailed(f"rendering the stream failed: {job.error}")
        return path

    def _wait(self, job: _Job, timeout: float, gone: threading.Event | None) -> None:
        deadline = time.monotonic() + timeout
        name = f"segment {job.segment.index} of {job.stream.stream_id}"
        while not job.done.wait(min(segment_jobs.HANG_UP_POLL_S, max(0.0, deadline - time.monotonic()))):
            if gone is not None and gone.is_set():
                with self._cond:
                    self._abandon(job)
                raise SegmentAbandoned("the client closed the request")
            now = time.monotonic()
            if now >= deadline:
                raise SegmentTimeout(f"{name} is not ready after {timeout:.0f} s; retry in a moment")

    # ---- scheduling (the caller holds the lock) -------------------------------------------
    def _urgent(self, job: _Job) -> bool:
        return segment_jobs.is_urgent(job, self._watched)

    def _priority(self, job: _Job) -> tuple[int, int, int]:
        return segment_jobs.priority(job, self._watched)

    def _push(self, job: _Job) -> None:
        heapq.heappush(self._queue, (self._priority(job), next(self._order), job))
        self._cond.notify()

    def _enqueue(
        self, stream: SegmentedTimeline, segment: Segment, asked: int = 0, primed: bool = False
    ) -> _Job:
        """Queue `segment`: waited for when `asked` (the request's number), else read-ahead
        (or a primed segment 0)."""
        wanted = asked > 0
        job = self._jobs.get(segment.key)
        if job is not None and job.stream is not stream and stream.stream_id == self._watched:
            # the same content queued by an older stream (an edit elsewhere): it is the watched one's now
            job.stream, job.segment = stream, segment
            if not job.running:
                self._push(job)
        if job is None:
            job = self._jobs[segment.key] = _Job(stream, segment, wanted, primed=primed, asked=asked)
        elif not wanted:
            return job  # already queued, running, or waited for
        else:
            job.wanted, job.asked = True, asked  # promoted, or asked again
            if job.running:
                if job.primed and job.process is not None:
                    job.process.set_niceness(0)  # where permitted: somebody waits for it now
                self._set_pauses()
                return job
        self._push(job)  # a job's older entry is skipped when popped
        return job

    def _abandon(self, job: _Job) -> None:
        """The asker of `job` hung up (the caller still counts it among the waiters)."""
        if job.waiters > 1 or job.done.is_set():
            return
        job.wanted = False
        if job.stream.stream_id == self._watched:
            self._reprioritise()  # still the watched stream: kept as read-ahead
        elif job.running:
            self._preempt(job)
        else:
            self._drop(job)
        self._set_pauses()

    def _drop(self, job: _Job) -> None:
        if self._jobs.get(job.segment.key) is job:
            del self._jobs[job.segment.key]
        job.done.set()

    def _reprioritise(self) -> None:
        live = [(self._priority(j), n, j) for _p, n, j in self._queue if self._jobs.get(j.segment.key) is j]
        self._queue = live
        heapq.heapify(self._queue)
        self._cond.notify_all()

    def _watch(self, stream: SegmentedTimeline) -> None:
        stream_id = stream.stream_id
        if stream_id == self._watched:
            return
        self._watched, self._watched_generation = stream_id, stream.generation
        for job in list(self._jobs.values()):
            if job.stream.stream_id == stream_id:
                continue
            if job.wanted:
                continue  # somebody waits for it: served at the lower priority
            if job.primed and job.stream.generation > stream.generation:
                continue  # a newer compile's segment 0: its player comes next
            job.primed = False
            if job.running:
                self._preempt(job)  # read-ahead nobody will watch
            else:
                self._drop(job)
        self._reprioritise()  # priorities depend on what is watched
        self._yield_to_watched()
        self._set_pauses()

    def _read_ahead_from(self, stream: SegmentedTimeline, index: int) -> None:
        """Read ahead of `index` only: the player has left wherever earlier read-ahead was for
        (VLC reads segment 0 first, then jumps to the playhead)."""
        ahead = stream.segments[index + 1 : index + 1 + self.read_ahead]
        keys = {segment.key for segment in ahead}
        for job in list(self._jobs.values()):
            if job.wanted or job.primed or job.stream is not stream or job.segment.key in keys:
                continue  # a primed segment 0 stays: the player reads it again on its next open
            if job.running:
                self._preempt(job)
            else:
                self._drop(job)
        for segment in ahead:
            if not self.path(segment).is_file():
                self._enqueue(stream, segment)

    def _yield_to_watched(self) -> None:
        """Free a worker for each queued urgent segment that has none: kill that many renders of
        other streams, the least urgent first (they are queued again if somebody waits for them)."""
        queued = [j for _p, _n, j in self._queue if self._jobs.get(j.segment.key) is j and not j.running]
        for job in segment_jobs.to_free_for_urgent(queued, self._running, self._workers, self._watched):
            self._preempt(job)

    def _preempt(self, job: _Job) -> None:
        job.preempted = True
        self.preemptions += 1
        if job.process is not None:
            job.process.kill()  # SIGKILL also ends a paused process

    def _set_pauses(self) -> None:
        """Pause every other render while an urgent one runs; resume them when none does."""
        urgent_running = any(self._urgent(j) and not j.preempted for j in self._running)
        for job in self._running:
            pause = urgent_running and not self._urgent(job) and not job.preempted
            if job.process is not None:
                job.process.pause() if pause else job.process.resume()

    def _next_job(self) -> _Job | None:
        """The most urgent queued job (None when stopping)."""
        while not self._stopping:
            if not self._queue:
                self._cond.wait()
                continue
            _priority, _n, job = self._queue[0]
            stale = self._jobs.get(job.segment.key) is not job or job.running
            background = sum(1 for j in self._running if not self._urgent(j))
            if not stale and not self._urgent(job) and background >= self._background_slots:
                self._cond.wait()  # the free worker stays free for an urgent segment
                continue
            heapq.heappop(self._queue)
            if stale:
                continue  # a promoted, re-queued or finished job's old entry
            if self.path(job.segment).is_file():
                del self._jobs[job.segment.key]
                job.done.set()
                continue
            job.running = True
            self._running.append(job)
            self._set_pauses()
            return job
        return None

    def _started(self, job: _Job, process: ToolProcess) -> None:
        with self._cond:
            job.process = process
            if job.preempted:
                process.kill()
            else:
                if job.primed and not job.wanted:
                    process.set_niceness(segment_jobs.PRIME_NICENESS)
                self._set_pauses()

    def _finished(self, job: _Job) -> bool:
        """Book-keeping after a render; True when the job is over (False: queued again)."""
        self._running.remove(job)
        job.running, job.process = False, None
        over = True
        if job.preempted and not self.path(job.segment).is_file():
            job.preempted, job.error = False, None
            if job.wanted or job.primed:  # a primed one was only moved aside for urgent work
                self._push(job)
                over = False
        else:
            self.renders += 1
        if over and self._jobs.get(job.segment.key) is job:
            del self._jobs[job.segment.key]  # its waiters are told by the caller (done)
        self._set_pauses()
        self._cond.notify_all()
        return over

    # ---- workers --------------------------------------------------------------------------
    def _work(self, number: int) -> None:
        while True:
            with self._cond:
                job = self._next_job()
                if job is None:
                    return
                started = len(self._running) == 1
            if started:
                self._tell_busy(True)
            try:
                render_segment(
                    job.stream,
                    job.segment,
                    self.path(job.segment),
                    self.root / "work" / f"{number}",
                    self.tools,
                    on_process=functools.partial(self._started, job),
                )
            except (ServerError, OSError) as exc:
                job.error = str(exc)
            except Exception as exc:  # a bad timeline must not kill the worker
                job.error = f"{type(exc).__name__}: {exc}"
            with self._cond:
                over = self._finished(job)
                idle = not self._running
                rendered = self.renders
            if over:
                job.done.set()
            if idle:
                self._tell_busy(False)
            if over and rendered % EVICT_EVERY == 0:
                self.evict()

    def evict(self) -> None:
        """Remove the least recently used segment files beyond `max_bytes`."""
        evict_least_recent(self.root, self.max_bytes)

    def shutdown(self) -> None:
        """Stop taking work; renders under way go on, unpaused, until they end or the app's tools
        shut down (which ends them)."""
        with self._cond:
            self._stopping = True
            for job in self._running:
                if job.process is not None:
                    job.process.resume()
            self._cond.notify_all()
