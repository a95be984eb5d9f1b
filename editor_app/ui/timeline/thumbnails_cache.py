"""Thumbnail and waveform sources for the canvas, and a cache of thumbnails scaled to the row.

The provider (the main window's, backed by the API client) answers at once with what it has or
None while it loads in the background; it tells the canvas to repaint when something lands.
Scaling a frame on every paint would dominate the paint time, so scaled pixmaps are kept here.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap


class ThumbnailProvider(Protocol):
    def thumbnail(self, media_id: str, index: int) -> QImage | None: ...

    def thumbnail_interval(self, media_id: str) -> float | None:
        """Seconds of source between two thumbnails, once known."""
        ...

    def waveform(self, media_id: str) -> list[float] | None:
        """Peak amplitudes 0..1, one per `waveform_interval` seconds of source."""
        ...

    def waveform_interval(self, media_id: str) -> float | None: ...


def tile_width(height: int) -> int:
    """Thumbnails tile a clip at 16:9 whatever the source's shape (cropped to fill)."""
    return max(round(height * 16 / 9), 1)


class ScaledThumbnails:
    """LRU of thumbnails scaled and cropped to a tile of a given height."""

    def __init__(self, capacity: int = 600) -> None:
        self.capacity = capacity
        self._pixmaps: OrderedDict[tuple[str, int, int], QPixmap] = OrderedDict()

    def __len__(self) -> int:
        return len(self._pixmaps)

    def clear(self) -> None:
        self._pixmaps.clear()

    def get(self, provider: ThumbnailProvider, media_id: str, index: int, height: int) -> QPixmap | None:
        key = (media_id, index, height)
        pixmap = self._pixmaps.get(key)
        if pixmap is not None:
            self._pixmaps.move_to_end(key)
            return pixmap
        image = provider.thumbnail(media_id, index)
        if image is None or image.isNull():
            return None
        width = tile_width(height)
        scaled = image.scaled(
            width,
            height,
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        x, y = (scaled.width() - width) // 2, (scaled.height() - height) // 2
        pixmap = QPixmap.fromImage(scaled.copy(x, y, width, height))
        self._pixmaps[key] = pixmap
        if len(self._pixmaps) > self.capacity:
            self._pixmaps.popitem(last=False)
        return pixmap
