"""Playhead transport: play/pause, J/K/L shuttle, frame steps, in/out points.

It moves the timeline playhead in real time from a monotonic clock (not by counting timer
ticks, which drift), so the canvas scrolls along while the Preview dock (when present)
follows `positionChanged`. Shuttle speeds step through 1x, 2x, 4x, 8x each way. Frame steps
move one frame of the timeline's fps (frames.py), onto its frame grid.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from editor_app.model.ticks import Ticks
from editor_app.ui.playback.frames import DEFAULT_FPS, stepped

SPEEDS = (1, 2, 4, 8)


class Transport(QObject):
    positionChanged = Signal(int)  # ticks
    playingChanged = Signal(bool)
    rangeChanged = Signal(object, object)  # in, out (ticks or None)
    pointMarked = Signal(str, int)  # "in" or "out", where it was set (a window says so)
    speedChanged = Signal(int)  # the signed speed, on every change (a preview player follows it)
    jumped = Signal(int)  # an explicit seek (not the clock running): a preview player seeks too
    durationInvalidated = Signal()  # the timeline changed: its length (and fps) may have too

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.position: Ticks = 0
        # the timeline's length is O(clips) to compute: asked only when needed, cached until told
        self._duration_of: Callable[[], Ticks] = lambda: 0
        self._duration: Ticks | None = None
        self.speed = 0  # signed multiple of real time; 0 = stopped
        self.mark_in: Ticks | None = None
        self.mark_out: Ticks | None = None
        self._fps_of: Callable[[], float] = lambda: DEFAULT_FPS
        self._fps: float | None = None
        self.loop = False  # the loop-range hook: playing forward past Out jumps back to In
        self._anchor_clock = 0.0
        self._anchor_position: Ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(16)
        self._timer.timeout.connect(self._tick)
        # while it answers, a playing preview's clock moves the playhead instead of ours
        self.clock_source: Callable[[], Ticks | None] | None = None

    @property
    def playing(self) -> bool:
        return self.speed != 0

    def seek(self, ticks: Ticks) -> None:
        ticks = max(0, min(int(ticks), max(self.duration, 0)))
        self._anchor_position, self._anchor_clock = ticks, time.monotonic()
        if ticks != self.position:
            self.position = ticks
            self.positionChanged.emit(ticks)
        self.jumped.emit(ticks)

    @property
    def duration(self) -> Ticks:
        if self._duration is None:
            self._duration = max(0, int(self._duration_of()))
        return self._duration

    def set_duration_source(self, source: Callable[[], Ticks]) -> None:
        self._duration_of = source
        self.invalidate_duration()

    @property
    def fps(self) -> float:
        if self._fps is None:
            self._fps = float(self._fps_of()) or DEFAULT_FPS
        return self._fps

    def set_fps_source(self, source: Callable[[], float]) -> None:
        """Where the timeline's frame rate comes from (frames.py `timeline_fps`)."""
        self._fps_of, self._fps = source, None

    def invalidate_duration(self) -> None:
        """The timeline changed: its length (and frame rate) are computed again when they matter."""
        self._duration = None
        self._fps = None
        self.durationInvalidated.emit()
        if self.playing and self.position > self.duration:
            self.seek(self.duration)

    def set_duration(self, ticks: Ticks) -> None:
        length = max(0, int(ticks))
        self.set_duration_source(lambda: length)
        if self.position > length:
            self.seek(length)

    def play_pause(self) -> None:
        self._set_speed(0 if self.playing else 1)

    def shuttle_forward(self) -> None:
        self._set_speed(self._next_speed(+1))

    def shuttle_reverse(self) -> None:
        self._set_speed(self._next_speed(-1))

    def stop(self) -> None:
        self._set_speed(0)

    def step(self, frames: int) -> None:
        self.stop()
        self.seek(stepped(self.position, frames, self.fps))

    def previous_frame(self) -> None:
        self.step(-1)

    def next_frame(self) -> None:
        self.step(+1)

    def go_home(self) -> None:
        self.stop()
        self.seek(0)

    def go_end(self) -> None:
        self.stop()
        self.seek(self.duration)

    def set_in(self) -> None:
        self.mark_in = self.position
        if self.mark_out is not None and self.mark_out <= self.mark_in:
            self.mark_out = None
        self.rangeChanged.emit(self.mark_in, self.mark_out)
        self.pointMarked.emit("in", self.mark_in)

    def set_out(self) -> None:
        self.mark_out = self.position
        if self.mark_in is not None and self.mark_in >= self.mark_out:
            self.mark_in = None
        self.rangeChanged.emit(self.mark_in, self.mark_out)
        self.pointMarked.emit("out", self.mark_out)

    def set_range(self, start: Ticks | None, end: Ticks | None) -> None:
        """Both points at once (dragged on the ruler, or cleared with None)."""
        self.mark_in, self.mark_out = start, end
        self.rangeChanged.emit(start, end)

    def _next_speed(self, direction: int) -> int:
        if self.speed == 0 or (self.speed > 0) != (direction > 0):
            return direction
        index = min(SPEEDS.index(abs(self.speed)) + 1, len(SPEEDS) - 1)
        return direction * SPEEDS[index]

    def _set_speed(self, speed: int) -> None:
        was_playing = self.playing
        if speed > 0 and self.position >= self.duration:
            self.seek(0)  # play from the start when parked at the end
        self._anchor_position, self._anchor_clock = self.position, time.monotonic()
        changed, self.speed = speed != self.speed, speed
        if speed:
            self._timer.start()
        else:
            self._timer.stop()
        if was_playing != self.playing:
            self.playingChanged.emit(self.playing)
        if changed:
            self.speedChanged.emit(speed)

    def _tick(self) -> None:
        now = time.monotonic()
        followed = self.clock_source() if self.clock_source is not None else None
        if followed is not None:
            self._anchor_position, self._anchor_clock = followed, now
        target = self._anchor_position + round((now - self._anchor_clock) * 1000 * self.speed)
        start, end = self.mark_in, self.mark_out
        if self.loop and self.speed > 0 and start is not None and end is not None and target >= end > start:
            self.seek(start)
            return
        if target >= self.duration or (target <= 0 and self.speed < 0):
            target = max(0, min(target, self.duration))
            self.position = target
            self.positionChanged.emit(target)
            self.stop()
            return
        self.position = target
        self.positionChanged.emit(target)
