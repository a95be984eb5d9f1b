"""Still frames for scrubbing: one ffmpeg run renders a neighbourhood of frames
(docs/architecture.md, "Proxies and preview size").

Starting ffmpeg costs 0.1-0.2 s on a loaded machine, far more than composing one more frame
at preview size, so a frame that is not cached is rendered together with its neighbours on
the fps grid: the frames after it (or, when the playhead moved back a little, before it), in
one run whose JPEGs are read off its stdout as they are encoded. The asked frame comes first
when scrubbing forward, so it is answered as soon as it is encoded; the run goes on filling
the frame cache with what a drag will ask next. A request for a frame a run is about to
write waits for it instead of starting another ffmpeg, and a run nobody waits for any more
is ended when a new one starts (a jump elsewhere): two cores do not render frames nobody sees.
Each frame is keyed by what is on screen at its instant (`frames.frame_key`), as before.
"""

from __future__ import annotations

import math
import os
import shutil
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from editor_app.model import Timeline
from editor_app.server.errors import RenderFailed
from editor_app.server.render.frames import (
    FRAME_TIMEOUT_S,
    FrameCache,
    frame_key,
    frame_start,
    frames_command,
    render_frame,
)
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import PIPE, ToolProcess, ToolRunner

NEIGHBOURHOOD_S = 0.6  # frames one run renders, in seconds of the timeline
SCRUB_BACK_S = 2.0  # a request this little before the last one is a drag backwards
SCOPES_KEPT = 32  # streams whose last asked frame is remembered (for the drag's direction)
READ_SIZE = 1 << 16


def jpeg_end(data: bytes | bytearray) -> int | None:
    """The length of the whole JPEG at the start of `data`, or None while it is incomplete
    (walks the marker segments, then the entropy-coded data to the marker after it)."""
    if len(data) >= 2 and data[:2] != b"\xff\xd8":
        raise RenderFailed("ffmpeg wrote something that is not a JPEG")
    pos = 2
    while pos + 2 <= len(data):
        marker = data[pos + 1]
        if data[pos] != 0xFF:
            raise RenderFailed("ffmpeg wrote a broken JPEG")
        if marker == 0xD9:
            return pos + 2
        if marker == 0xFF or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 1 if marker == 0xFF else 2
            continue
        if pos + 4 > len(data):
            return None
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if marker == 0xDA:  # scan data: 0xFF00 is a stuffed byte, 0xFFD0-D7 restarts
            while True:
                found = data.find(b"\xff", pos)
                if found < 0 or found + 1 >= len(data):
                    return None
                following = data[found + 1]
                if following != 0 and not 0xD0 <= following <= 0xD7:
                    pos = found
                    break
                pos = found + 2
    return None


@dataclass(eq=False)
class _Run:
    keys: list[str]  # the key of each frame the run writes, in order
    process: ToolProcess | None = None
    ended: bool = False


@dataclass(eq=False)
class _Pending:
    run: _Run
    done: threading.Event = field(default_factory=threading.Event)
    waiters: int = 0
    jpeg: bytes | None = None


class FrameRenderer:
    """Frames by key from the cache, or from runs rendering neighbourhoods (see the module)."""

    def __init__(
        self,
        tools: ToolRunner,
        work_root: Path,
        cache: FrameCache | None = None,
        neighbourhood_s: float = NEIGHBOURHOOD_S,
    ) -> None:
        self.tools = tools
        self.neighbourhood_s = neighbourhood_s
        self.work_root = work_root
        self.cache = cache or FrameCache()
        self._lock = threading.Lock()
        self._pending: dict[str, _Pending] = {}
        self._runs: set[_Run] = set()
        self._last: OrderedDict[str, int] = OrderedDict()
        self._serial = 0
        self.runs_started = 0  # ffmpeg runs so far (tests see the de-duplication)
        self.runs_abandoned = 0

    def frame(
        self,
        scope: str,
        timeline: Timeline,
        sources: dict[str, RenderSource],
        t: float,
        fps: float,
        height: int,
    ) -> bytes:
        """The JPEG of the frame under `t` s; `scope` names the stream (its drag direction)."""
        index, at = frame_start(t, fps, timeline.duration)
        key = frame_key(timeline, sources, at, fps, height)
        found = self.cache.get(key)
        if found is not None:
            with self._lock:
                self._remember(scope, index)
            return found
        with self._lock:
            pending = self._pending.get(key)
            found = self.cache.get(key) if pending is None else None
            if found is None and pending is None:
                pending = self._start(scope, timeline, sources, index, fps, height)
            if pending is not None:
                pending.waiters += 1
            self._remember(scope, index)
        if found is not None:
            return found
        assert pending is not None
        pending.done.wait(FRAME_TIMEOUT_S)
        with self._lock:
            pending.waiters -= 1
        if pending.jpeg is not None:
            return pending.jpeg
        # the run ended without this frame (failed, or fewer frames at the end): render it alone
        work_dir = self.work_root / f"frame-{key[:16]}-{threading.get_ident()}"
        jpeg = render_frame(timeline, sources, at, fps, height, self.tools, work_dir)
        self.cache.put(key, jpeg)
        return jpeg

    def _remember(self, scope: str, index: int) -> None:
        """Under the lock: the last frame asked in `scope`."""
        self._last[scope] = index
        self._last.move_to_end(scope)
        while len(self._last) > SCOPES_KEPT:
            self._last.popitem(last=False)

    def _start(
        self,
        scope: str,
        timeline: Timeline,
        sources: dict[str, RenderSource],
        index: int,
        fps: float,
        height: int,
    ) -> _Pending:
        """Under the lock: a run for the neighbourhood of frame `index`; the pending entry of it."""
        count = max(1, math.ceil(self.neighbourhood_s * fps))
        last_frame, _ = frame_start(timeline.duration / 1000, fps, timeline.duration)
        previous = self._last.get(scope)
        backwards = previous is not None and 0 < previous - index <= SCRUB_BACK_S * fps
        first = max(0, index - count + 1) if backwards else index
        count = min(count, last_frame - first + 1)
        starts = [frame_start((first + n) / fps + 1e-9, fps, timeline.duration)[1] for n in range(count + 1)]
        end = timeline.duration if first + count > last_frame else starts[count]
        run = _Run([frame_key(timeline, sources, at, fps, height) for at in starts[:count]])
        self._abandon_idle_runs()
        for key in run.keys:
            if key not in self._pending:
                self._pending[key] = _Pending(run)
        self._runs.add(run)
        self._serial += 1
        work_dir = self.work_root / f"frames-{self._serial}-{os.getpid()}"
        try:
            window = (starts[0], end, count)
            command = frames_command(timeline, sources, window, fps, height, self.tools, work_dir)
            run.process = self.tools.start(command, timeout=FRAME_TIMEOUT_S, stdout=PIPE, stderr=PIPE)
        except BaseException:
            self._finish(run)
            shutil.rmtree(work_dir, ignore_errors=True)
            raise
        self.runs_started += 1
        threading.Thread(target=self._read, args=(run, work_dir), daemon=True, name="frames").start()
        return self._pending[run.keys[index - first]]

    def _abandon_idle_runs(self) -> None:
        """Under the lock: end the runs whose frames nobody waits for."""
        for run in list(self._runs):
            if not any(p.run is run and p.waiters for p in self._pending.values()):
                self._finish(run)
                if run.process is not None and run.process.poll() is None:
                    run.process.kill()
                    self.runs_abandoned += 1

    def _finish(self, run: _Run) -> None:
        """Under the lock: forget the run and wake whoever waits for a frame it did not write."""
        run.ended = True
        self._runs.discard(run)
        for key in run.keys:
            pending = self._pending.get(key)
            if pending is not None and pending.run is run:
                del self._pending[key]
                pending.done.set()

    def _deliver(self, run: _Run, key: str, jpeg: bytes) -> None:
        self.cache.put(key, jpeg)  # first the cache, then the pending entry goes: no gap
        with self._lock:
            pending = self._pending.get(key)
            if pending is not None and pending.run is run:
                pending.jpeg = jpeg
                del self._pending[key]
                pending.done.set()

    def _read(self, run: _Run, work_dir: Path) -> None:
        process = run.process
        assert process is not None and process.stdout is not None
        buffer, written = bytearray(), 0
        try:
            while written < len(run.keys):
                chunk = os.read(process.stdout.fileno(), READ_SIZE)
                if not chunk:
                    break
                buffer += chunk
                while written < len(run.keys) and (end := jpeg_end(buffer)) is not None:
                    self._deliver(run, run.keys[written], bytes(buffer[:end]))
                    del buffer[:end]
                    written += 1
        except RenderFailed:
            process.kill()
        finally:
            process.communicate()
            with self._lock:
                self._finish(run)
            shutil.rmtree(work_dir, ignore_errors=True)
