"""libvlc video callbacks into a QImage (offscreen, Wayland and the tests).

VLC decodes into one buffer we own (RV32 = BGRA bytes = QImage.Format_RGB32 in memory), on
its own threads. Each libvlc player gets a buffer sized when it is attached (`size_of`: the
pane's picture in device pixels, never more than the stream has), so a big pane is sharp and a
small one cheap; VLC scales into it. The display callback takes a snapshot of the buffer and
emits `frameReady` only when the GUI has taken the previous one, so a slow GUI drops frames
instead of queueing them. The ctypes callbacks are kept on the object: if they were collected, VLC would call
freed memory.
"""

from __future__ import annotations

import ctypes
import functools
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from editor_app.ui.preview.vlc_loader import vlc

DEFAULT_SIZE = (960, 540)  # until the widget says what its pane shows


def frame_size(width: int, height: int, limit: tuple[float, float] = DEFAULT_SIZE) -> tuple[int, int]:
    """`width`x`height` scaled down (never up) to fit `limit`, even-sized (VLC's scalers want that)."""
    scale = min(1.0, limit[0] / max(width, 1), limit[1] / max(height, 1))
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


class FrameSink(QObject):
    """One sink for the widget; each libvlc player attached gets its own buffer and callbacks
    (a generation), so a player being retired on another thread never writes into the new
    player's picture, and only the newest generation's pictures are shown."""

    frameReady = Signal()  # a new picture can be taken with `take()`

    def __init__(
        self, size_of: Callable[[], tuple[int, int]] = lambda: DEFAULT_SIZE, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.size_of = size_of  # asked on the GUI thread at each attach
        self.width, self.height = DEFAULT_SIZE  # the newest player's buffer
        self._lock = threading.Lock()
        self._generation = 0
        self._buffers: dict[int, tuple[ctypes.Array[ctypes.c_char], int]] = {}
        # VLC may call a player's callbacks until that player is released: kept for good
        self._callbacks: list[tuple[Any, Any, Any]] = []
        self._latest: tuple[bytes, int, int] | None = None
        self._announced = False
        self.frames = 0  # pictures VLC displayed (tests, benchmarks)
        self.closed = False
        assert vlc is not None, "FrameSink needs libvlc"

    def attach(self, player: Any) -> int:
        """Make `player` paint into a fresh buffer; returns its generation (see `forget`)."""
        assert vlc is not None
        width, height = frame_size(*self.size_of(), limit=(8192, 8192))
        buffer = ctypes.create_string_buffer(width * 4 * height + 32)
        address = (ctypes.addressof(buffer) + 31) & ~31  # planes aligned on 32 bytes
        with self._lock:
            self._generation += 1
            generation = self._generation
            self._buffers[generation] = (buffer, address)
            self._latest, self._announced = None, False
            self.width, self.height = width, height
        decorators = vlc.CallbackDecorators
        display = functools.partial(self._on_display, generation, address, width, height)
        callbacks = (
            decorators.VideoLockCb(functools.partial(self._on_lock, address)),
            decorators.VideoUnlockCb(self._on_unlock),
            decorators.VideoDisplayCb(display),
        )
        self._callbacks.append(callbacks)
        player.video_set_callbacks(*callbacks, None)
        player.video_set_format("RV32", width, height, width * 4)
        return generation

    def forget(self, generation: int) -> None:
        """The player of `generation` is released: its buffer can go (any thread)."""
        with self._lock:
            self._buffers.pop(generation, None)

    # ---- VLC's threads: no Qt calls but emit, never the player -------------------------------
    def _on_lock(self, address: int, _opaque: int | None, planes: Any) -> int | None:
        planes[0] = address
        return None

    def _on_unlock(self, _opaque: int | None, _picture: int | None, _planes: Any) -> None:
        return None

    def _on_display(
        self, generation: int, address: int, width: int, height: int, _opaque: Any, _picture: Any
    ) -> None:
        if generation != self._generation or self.closed:
            return  # a retired player's last pictures
        snapshot = ctypes.string_at(address, width * 4 * height)
        with self._lock:
            if generation != self._generation:
                return
            self._latest = (snapshot, width, height)
            self.frames += 1
            announce = not self._announced and not self.closed
            self._announced = True
        if announce:
            self.frameReady.emit()

    # ---- the GUI thread ------------------------------------------------------------------
    def take(self) -> QImage | None:
        """The newest picture (None if none arrived since the last take)."""
        with self._lock:
            latest, self._latest, self._announced = self._latest, None, False
        if latest is None:
            return None
        data, width, height = latest
        image = QImage(data, width, height, width * 4, QImage.Format.Format_RGB32)
        return image.copy()  # own the pixels: `data` is freed with this frame

    def close(self) -> None:
        with self._lock:
            self.closed = True
