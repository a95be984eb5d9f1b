"""Thumbnails and waveforms for the timeline canvas, fetched from the backend in the background.

The canvas asks `thumbnail(media_id, index)` and `waveform(media_id)` while painting; an
answer is either ready (cached) or None, in which case a load starts on the TaskRunner and
`updated` fires when it lands, so the canvas repaints. Nothing here blocks the paint.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from editor_app.api.client import VideoDBClient
from editor_app.ui.workers import Report, TaskRunner, Work
from editor_app.wire import ThumbnailStrip, kind_of_id

log = logging.getLogger(__name__)

STRIP_COUNT = 20
STILL_INTERVAL = 24 * 3600.0  # seconds "between frames" of an image: index 0 covers any clip


class BackendThumbnails(QObject):
    """Implements the canvas' provider interface on top of the API client."""

    updated = Signal(str)  # media_id whose pictures or peaks just arrived

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.client: VideoDBClient | None = None
        self._strips: dict[str, ThumbnailStrip] = {}
        self._images: dict[tuple[str, int], QImage] = {}
        self._peaks: dict[str, list[float]] = {}
        self._loading: set[object] = set()
        self._peak_intervals: dict[str, float] = {}
        self._failed: set[object] = set()

    def set_client(self, client: VideoDBClient | None) -> None:
        self.client = client
        # a restarted backend has a new port and key: its old URLs are dead, the pictures are not
        self._strips.clear()
        self._failed.clear()

    @property
    def pending(self) -> int:
        return len(self._loading)

    # ---- provider interface -----------------------------------------------------------------
    def thumbnail(self, media_id: str, index: int) -> QImage | None:
        strip = self._strips.get(media_id)
        if strip is not None and strip.urls:
            index = min(max(index, 0), len(strip.urls) - 1)  # past the strip's end: its last frame
        image = self._images.get((media_id, index))
        if image is not None:
            return image
        if strip is None:
            self._load_strip(media_id)
        elif strip.urls:
            self._load_image(media_id, index)
        return None

    def thumbnail_count(self, media_id: str) -> int | None:
        strip = self._strips.get(media_id)
        return len(strip.urls) if strip is not None else None

    def thumbnail_interval(self, media_id: str) -> float | None:
        strip = self._strips.get(media_id)
        return strip.interval if strip is not None else None

    def waveform(self, media_id: str) -> list[float] | None:
        peaks = self._peaks.get(media_id)
        if peaks is None:
            self._load_peaks(media_id)
        return peaks

    def waveform_interval(self, media_id: str) -> float | None:
        return self._peak_intervals.get(media_id)

    # ---- loading --------------------------------------------------------------------------
    def _start(self, key: object, work: Work, store: Callable[[Any], None]) -> None:
        client = self.client
        if client is None or key in self._loading or key in self._failed:
            return
        self._loading.add(key)

        def done(value: object) -> None:
            self._loading.discard(key)
            store(value)

        def failed(exc: BaseException) -> None:
            self._loading.discard(key)
            self._failed.add(key)
            log.info("could not load %s: %s", key, exc)
            self.updated.emit(str(key))

        self.runner.run(work, on_done=done, on_error=failed, name=f"load {key}", owner=self)

    def _load_strip(self, media_id: str) -> None:
        client = self.client
        if client is None or kind_of_id(media_id) == "audio":
            return

        def work(_report: Report) -> ThumbnailStrip:
            if kind_of_id(media_id) == "image":  # a still: its one picture stands for every frame
                item = client.get_media(media_id)
                urls = [item.url] if item.url else []
                return ThumbnailStrip(
                    interval=STILL_INTERVAL, width=item.width or 0, height=item.height or 0, urls=urls
                )
            return client.thumbnails(media_id, STRIP_COUNT)

        def store(strip: ThumbnailStrip) -> None:
            self._strips[media_id] = strip
            self.updated.emit(media_id)

        self._start(("strip", media_id), work, store)

    def _load_image(self, media_id: str, index: int) -> None:
        client = self.client
        strip = self._strips[media_id]
        url = strip.urls[index]
        if client is None:
            return

        def work(_report: Report) -> QImage:
            image = QImage()
            if not image.loadFromData(client.fetch_bytes(url)):
                raise ValueError(f"frame {index} of {media_id} is not an image")
            return image

        def store(image: QImage) -> None:
            self._images[(media_id, index)] = image
            self.updated.emit(media_id)

        self._start((media_id, index), work, store)

    def _load_peaks(self, media_id: str) -> None:
        client = self.client
        if client is None or kind_of_id(media_id) == "image":
            return

        def work(_report: Report) -> tuple[float, list[float]]:
            waveform = client.waveform(media_id)
            return waveform.interval, list(waveform.peaks)

        def store(value: tuple[float, list[float]]) -> None:
            interval, peaks = value
            self._peak_intervals[media_id] = interval
            self._peaks[media_id] = peaks
            self.updated.emit(media_id)

        self._start(("peaks", media_id), work, store)
