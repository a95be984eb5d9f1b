"""First-frame watchdog: a stream that never shows a picture is a failure, not a hang.

VLC reports a 404 at once, but garbage bytes end with no error and a playlist that never
fills hangs silently (measured with libvlc 3.0), so every open is timed until its first picture.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

FIRST_FRAME_TIMEOUT_MS = 15_000  # generous: a loaded 2-core machine took 10 s


class FirstFrameWatchdog(QObject):
    expired = Signal(str)  # the reason

    def __init__(self, timeout_ms: int = FIRST_FRAME_TIMEOUT_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self.waiting = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)

    def arm(self) -> None:
        self.waiting = True
        self._timer.start(self.timeout_ms)

    def frame_arrived(self) -> None:
        self.waiting = False
        self._timer.stop()

    def disarm(self) -> None:
        self.waiting = False
        self._timer.stop()

    def ended_early(self) -> None:
        """The stream ended (or VLC stopped) before any picture: not playable video."""
        if self.waiting:
            self.disarm()
            self.expired.emit("The stream ended before showing any picture: it is not playable video")

    def _expire(self) -> None:
        if self.waiting:
            self.waiting = False
            seconds = self.timeout_ms / 1000
            self.expired.emit(f"No picture after {seconds:g} s: the stream never delivered a frame")
