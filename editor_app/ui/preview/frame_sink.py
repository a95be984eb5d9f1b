"""libvlc video callbacks into a QImage (offscreen, Wayland and the tests).

VLC decodes into one buffer we own (RV32 = BGRA bytes = QImage.Format_RGB32 in memory), on
its own threads. The display callback takes a snapshot of the buffer and emits `frameReady`
only when the GUI has taken the previous one, so a slow GUI drops frames instead of queueing
them. The ctypes callbacks are kept on the object: if they were collected, VLC would call
freed memory.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from editor_app.ui.preview.vlc_loader import vlc

MAX_SIZE = (960, 540)


def frame_size(width: int, height: int, limit: tuple[int, int] = MAX_SIZE) -> tuple[int, int]:
    """The timeline's size scaled down to fit `limit`, even-sized (VLC's scalers want that)."""
    scale = min(1.0, limit[0] / max(width, 1), limit[1] / max(height, 1))
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


class FrameSink(QObject):
    frameReady = Signal()  # a new picture can be taken with `take()`

    def __init__(self, width: int, height: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.width, self.height = width, height
        self.pitch = width * 4
        self._buffer = ctypes.create_string_buffer(self.pitch * height + 32)
        # planes must be aligned on 32 bytes
        self._address = (ctypes.addressof(self._buffer) + 31) & ~31
        self._lock = threading.Lock()
        self._latest: bytes | None = None
        self._announced = False
        self.frames = 0  # pictures VLC displayed (tests, benchmarks)
        self.closed = False
        assert vlc is not None, "FrameSink needs libvlc"
        decorators = vlc.CallbackDecorators
        self._lock_cb = decorators.VideoLockCb(self._on_lock)
        self._unlock_cb = decorators.VideoUnlockCb(self._on_unlock)
        self._display_cb = decorators.VideoDisplayCb(self._on_display)

    def attach(self, player: Any) -> None:
        player.video_set_callbacks(self._lock_cb, self._unlock_cb, self._display_cb, None)
        player.video_set_format("RV32", self.width, self.height, self.pitch)

    # ---- VLC's threads: no Qt calls but emit, never the player -------------------------------
    def _on_lock(self, _opaque: int | None, planes: Any) -> int | None:
        planes[0] = self._address
        return None

    def _on_unlock(self, _opaque: int | None, _picture: int | None, _planes: Any) -> None:
        return None

    def _on_display(self, _opaque: int | None, _picture: int | None) -> None:
        snapshot = ctypes.string_at(self._address, self.pitch * self.height)
        with self._lock:
            self._latest = snapshot
            self.frames += 1
            announce = not self._announced and not self.closed
            self._announced = True
        if announce:
            self.frameReady.emit()

    # ---- the GUI thread ------------------------------------------------------------------
    def take(self) -> QImage | None:
        """The newest picture (None if none arrived since the last take)."""
        with self._lock:
            data, self._latest, self._announced = self._latest, None, False
        if data is None:
            return None
        image = QImage(data, self.width, self.height, self.pitch, QImage.Format.Format_RGB32)
        return image.copy()  # own the pixels: `data` is freed with this frame

    def close(self) -> None:
        with self._lock:
            self.closed = True
