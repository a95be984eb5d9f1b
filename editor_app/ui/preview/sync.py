"""Keeps the preview player and the timeline's transport in step.

The transport stays the one source of play/pause, J/K/L and seeks (its shortcuts work from
any widget); the player follows it. While the player shows pictures, the transport's playhead
follows the player's interpolated clock. Reverse shuttle is not something VLC can play: the
player pauses, the transport runs on its own clock and the pane shows the frame route's still
frames of where it is (as fast as the backend renders them). The pane's play button shows the
transport's state, so it and the toolbar always agree.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from editor_app.model.ticks import Ticks
from editor_app.ui.playback.transport import Transport
from editor_app.ui.preview.widget import PreviewWidget

DRIFT_MS = 120  # the player this far from the playhead when play starts: seek it first


class TransportSync(QObject):
    def __init__(self, transport: Transport, widget: PreviewWidget) -> None:
        super().__init__(widget)
        self.transport = transport
        self.widget = widget
        widget.on_play_pause = transport.play_pause
        widget.on_step = transport.step
        widget.on_seek = transport.seek
        widget.on_stop = self._stop
        widget.duration_of = lambda: transport.duration
        widget.controls.fps_of = lambda: transport.fps
        # the times show the timeline's length before any stream plays (one refresh per burst)
        self._times = QTimer(self)
        self._times.setSingleShot(True)
        self._times.setInterval(0)
        self._times.timeout.connect(self._show_times)
        transport.durationInvalidated.connect(self._times.start)
        transport.jumped.connect(self._times.start)
        self._times.start()
        transport.speedChanged.connect(self._speed_changed)
        transport.jumped.connect(self._jumped)
        transport.playingChanged.connect(widget.controls.show_playing)
        transport.positionChanged.connect(self._moved)
        widget.controls.show_playing(transport.playing)
        transport.clock_source = self._followed
        widget.ended.connect(self._ended)

    def resume_position(self) -> tuple[Ticks, bool]:
        """Where a newly compiled stream should open, and whether it should play."""
        return self.transport.position, self.transport.speed > 0

    def _followed(self) -> Ticks | None:
        widget = self.widget
        # from play until the first picture too: the playhead waits for the picture
        if widget.playing and widget.url is not None and widget.failure is None and self.transport.speed > 0:
            return widget.position()
        return None

    def _speed_changed(self, speed: int) -> None:
        widget = self.widget
        if widget.url is None:
            return
        if speed > 0:
            if abs(widget.position() - self.transport.position) > DRIFT_MS:
                widget.seek(self.transport.position)
            widget.play(rate=float(speed))
        else:
            widget.pause()
            if speed == 0:
                widget.seek(self.transport.position)

    def _moved(self, ticks: int) -> None:
        stills = self.widget.stills
        if self.transport.speed < 0 and stills is not None and stills.available:
            stills.request(ticks)

    def _jumped(self, ticks: int) -> None:
        if self.widget.url is not None:
            self.widget.seek(ticks)

    def _show_times(self) -> None:
        if not self.widget.playing:
            self.widget.controls.show_times(self.transport.position, self.widget.total_ms())

    def _stop(self) -> None:
        self.transport.stop()
        self.transport.seek(0)

    def _ended(self) -> None:
        transport = self.transport
        if self.widget.loop and transport.playing:
            transport.seek(0)
            self.widget.play(rate=float(max(transport.speed, 1)))
        elif transport.playing:
            transport.seek(transport.duration)  # its own clock reaches the end and stops
