"""Still frames of the compiled timeline from the local backend's frame route (issue 13, seek and
scrub): a paused seek shows the exact frame under the playhead at once, a drag of the playhead
shows frames as fast as the backend renders them, and reverse shuttle is built from them.

Fetches run on the TaskRunner (the GUI thread never waits), at most IN_FLIGHT at a time (the
backend renders two frames at once on 2 cores): beyond that only the newest wanted position is
kept, so a drag never queues a backlog, an answer older than one already shown is dropped (the
picture never runs backwards during a drag), and the last answer is for where the pointer
stopped. Answers for an older compile are dropped, and pictures
are cached per frame of the grid. Against VideoDB cloud there is no frame route (`frame_url`
is None): nothing is fetched and seeking goes through the player.
"""

from __future__ import annotations

import functools
import logging
from collections import OrderedDict

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from editor_app.api.client import VideoDBClient
from editor_app.model.ticks import Ticks
from editor_app.ui.playback.frames import DEFAULT_FPS, frame_index
from editor_app.ui.workers import TaskRunner

log = logging.getLogger(__name__)
CACHE_FRAMES = 90
IN_FLIGHT = 2


class StillFrames(QObject):
    shown = Signal(int, object)  # ms asked for, QImage: the frame to show now
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.client: VideoDBClient | None = None
        self.frame_url: str | None = None
        self.height: int | None = None
        self.fps = DEFAULT_FPS
        self.generation = 0  # one per compiled stream: older answers are dropped
        self.wanted: Ticks | None = None  # the newest position asked for
        self.fetched = 0  # answers shown (tests, benchmark)
        self._in_flight: set[Ticks] = set()  # positions being fetched
        self._sequence = 0  # of requests sent; answers older than the newest shown are dropped
        self._shown_sequence = 0
        self._shown_key: tuple[int, int] | None = None  # the frame on screen: never re-sent unasked
        self._cache: OrderedDict[tuple[int, int], QImage] = OrderedDict()

    @property
    def available(self) -> bool:
        return self.client is not None and self.frame_url is not None

    def set_source(
        self, client: VideoDBClient | None, frame_url: str | None, height: int | None, fps: float
    ) -> None:
        """A new compile (or none): answers and pictures of the previous one are never shown."""
        self.client, self.frame_url, self.height, self.fps = client, frame_url, height, fps or DEFAULT_FPS
        self.generation += 1
        self._cache.clear()
        self._in_flight = set()  # whatever is in flight belongs to the old generation
        self._shown_key = None
        self.wanted = None

    def request(self, ms: Ticks) -> None:
        """Show the frame under `ms` as soon as it can be had (latest wins)."""
        if not self.available:
            return
        self.wanted = ms
        cached = self._cache.get(self._key(ms))
        if cached is not None:
            self._cache.move_to_end(self._key(ms))
            self._shown_key = self._key(ms)
            self._shown_sequence = self._sequence  # fetches sent before this wish are older than it
            self.shown.emit(ms, cached)
            return
        if len(self._in_flight) < IN_FLIGHT and ms not in self._in_flight:
            self._fetch(ms)

    @property
    def busy(self) -> bool:
        """A fetch is on its way (tests, benchmark)."""
        return bool(self._in_flight)

    def _key(self, ms: Ticks) -> tuple[int, int]:
        return self.generation, frame_index(ms, self.fps)

    def _fetch(self, ms: Ticks) -> None:
        client, url, height = self.client, self.frame_url, self.height
        assert client is not None and url is not None
        self._in_flight.add(ms)
        self._sequence += 1
        generation, sequence = self.generation, self._sequence

        def work(_report: object) -> bytes:
            # only the bytes here: a QImage decoded on a worker thread deadlocked once with the GUI
            # thread (a Qt lock against the GIL); a preview-size JPEG decodes in a few ms there
            return client.frame(url, ms / 1000, height=height)

        self.runner.run(
            work,
            on_done=functools.partial(self._done, generation, sequence, ms),
            on_error=functools.partial(self._failed, generation, ms),
            name="preview frame",
            owner=self,
        )

    def _done(self, generation: int, sequence: int, ms: Ticks, jpeg: bytes) -> None:
        if generation != self.generation:
            return  # an older compile's picture: never shown for the new timeline
        image = QImage.fromData(jpeg)
        if image.isNull():
            self._failed(generation, ms, ValueError("the frame route answered no picture"))
            return
        self._in_flight.discard(ms)
        self._cache[self._key(ms)] = image
        while len(self._cache) > CACHE_FRAMES:
            self._cache.popitem(last=False)
        wanted = self.wanted
        if sequence > self._shown_sequence:  # a drag shows every answer newer than the last shown
            self._shown_sequence = sequence
            self._shown_key = self._key(ms)
            self.fetched += 1
            self.shown.emit(ms, image)
        # the newest position still wanted, unless it is what the pane already shows (a late
        # answer for an earlier position must not bring the same picture back, see show_still)
        if (
            wanted is not None
            and self._key(wanted) not in (self._key(ms), self._shown_key)
            and wanted not in self._in_flight
        ):
            self.request(wanted)

    def _failed(self, generation: int, ms: Ticks, exc: BaseException) -> None:
        if generation != self.generation:
            return
        self._in_flight.discard(ms)
        log.info("still frame failed: %s", exc)
        self.wanted = None  # a broken route is not hammered: the next seek asks again
        self.failed.emit(str(exc))
