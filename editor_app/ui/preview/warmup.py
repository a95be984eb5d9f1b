"""Play starts from rendered segments: while the preview is paused on a stream nobody plays yet,
its playlist is read at once and the HLS segment under the playhead is fetched once the
playhead has rested a moment.

Measured on the camera timeline (issue 13, a loaded 2-core machine): the local backend renders a
segment when it is first asked for (0.4-0.55 s at 540p), and VLC shows no picture before it has
read the first two (and, opening anywhere else, it reads the stream's first segment before the
one it seeks to), so Play stood still for 0.7-1.25 s, which the 60 s benchmark counted as its
stalls (none happened later). Fetched beforehand (the backend then reads the next ones ahead
too), the picture moved 0.26-0.28 s after Play. Reading a new compile's playlist also makes it
the stream the backend works for, so the previous compile's read-ahead stops competing with the
new still frames. Only the local backend is asked (the cloud renders ahead on its own), each
segment once per stream, and never while the playhead moves (each seek cancels the wait).
"""

from __future__ import annotations

import functools
import logging
from urllib.parse import urljoin

from PySide6.QtCore import QObject, QTimer

from editor_app.api.client import VideoDBClient
from editor_app.model.ticks import Ticks
from editor_app.ui.workers import TaskRunner

log = logging.getLogger(__name__)
REST_MS = 250  # after the still is on screen: a playhead resting this long is looked at
Segments = list[tuple[Ticks, Ticks, str]]


def segment_uris(playlist: str) -> Segments:
    """(start ms, end ms, URI) of every media segment of an HLS media playlist."""
    segments: Segments = []
    start, duration = 0.0, 0.0
    for line in playlist.splitlines():
        line = line.strip()
        if line.startswith("#EXTINF:"):
            duration = float(line[len("#EXTINF:") :].split(",")[0] or 0)
        elif line and not line.startswith("#"):
            end = start + duration * 1000
            segments.append((round(start), round(end), line))
            start, duration = end, 0.0
    return segments


def _index_at(segments: Segments, ms: Ticks) -> int | None:
    return next((i for i, (start, end, _uri) in enumerate(segments) if start <= ms < end), None)


class SegmentWarmup(QObject):
    def __init__(self, runner: TaskRunner, rest_ms: int = REST_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.client: VideoDBClient | None = None
        self.stream_url: str | None = None
        self.segments: Segments | None = None  # the current stream's, once its playlist is read
        self.warmed: set[tuple[str, int]] = set()  # (stream, segment index) fetched
        self._at: Ticks = 0
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(rest_ms)
        self._timer.timeout.connect(self._warm)

    def set_source(self, client: VideoDBClient | None, stream_url: str | None) -> None:
        """The stream Play would open (client None: not the local backend, nothing is fetched)."""
        if stream_url == self.stream_url and client is self.client:
            return
        self.client, self.stream_url, self.segments = client, stream_url, None
        self.warmed, self._busy = set(), False  # the old stream's answers are dropped (`_done`)
        self._timer.stop()
        if client is not None and stream_url is not None:
            self._run(client, stream_url, None)

    def rest(self, ms: Ticks) -> None:
        """The paused playhead is at `ms` (each call restarts the wait)."""
        if self.client is not None and self.stream_url is not None:
            self._at = ms
            self._timer.start()

    def cancel(self) -> None:
        """The playhead moves again, or Play started (VLC asks for itself)."""
        self._timer.stop()

    def _warm(self) -> None:
        client, url = self.client, self.stream_url
        if client is None or url is None:
            return
        if self._busy:  # the playlist is on its way: warm once it is there
            self._timer.start()
            return
        index = None if self.segments is None else _index_at(self.segments, self._at)
        if self.segments is not None and (index is None or (url, index) in self.warmed):
            return
        self._run(client, url, self._at)

    def _run(self, client: VideoDBClient, url: str, at: Ticks | None) -> None:
        """Read the playlist if it is not known yet, then (`at` given) the segment under `at`."""
        known = self.segments
        self._busy = True

        done = {index for stream, index in self.warmed if stream == url}

        def work(_report: object) -> tuple[Segments, list[int]]:
            segments = known if known is not None else segment_uris(client.fetch_bytes(url).decode())
            index = None if at is None else _index_at(segments, at)
            # VLC reads the first segment on every open (it probes the format there) before it
            # seeks: that one first, then the playhead's (whose fetch sets the read-ahead)
            wanted = [] if index is None else [i for i in dict.fromkeys((0, index)) if i not in done]
            for i in wanted:
                client.fetch_bytes(urljoin(url, segments[i][2]))  # rendered and cached there
            return segments, wanted

        self.runner.run(
            work,
            on_done=functools.partial(self._done, url),
            on_error=functools.partial(self._failed, url),
            name="warm preview",
            owner=self,
        )

    def _done(self, url: str, result: tuple[Segments, list[int]]) -> None:
        if url != self.stream_url:
            return  # a newer compile's playlist is being read now
        self._busy = False
        self.segments, fetched = result
        self.warmed.update((url, index) for index in fetched)

    def _failed(self, url: str, exc: BaseException) -> None:
        if url == self.stream_url:
            self._busy = False
        log.info("could not read ahead of Play: %s", exc)
