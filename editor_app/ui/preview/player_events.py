"""What the preview widget does with its player's news (queued onto the GUI thread): frames
from the sink, the first picture of a stream, the end, VLC's time and length. A mixin of
`PreviewWidget` (widget.py), kept apart so each file stays short."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import shiboken6
from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QStackedWidget

from editor_app.ui.preview.clock import PlaybackClock
from editor_app.ui.preview.frame_sink import FrameSink
from editor_app.ui.preview.frame_view import FrameView
from editor_app.ui.preview.native import NativeSurface
from editor_app.ui.preview.player import ENDED, Player
from editor_app.ui.preview.watchdog import FirstFrameWatchdog


class _Widget(Protocol):
    sink: FrameSink | None
    view: FrameView
    stack: QStackedWidget
    clock: PlaybackClock
    watchdog: FirstFrameWatchdog
    player: Player | None
    output: str
    url: str | None
    failure: str | None
    has_picture: bool
    playing: bool
    rate: float
    frames_shown: int
    duration_ms: int
    _autoplay: bool
    on_play_pause: Callable[[], None]
    frameShown: SignalInstance
    ended: SignalInstance

    @property
    def surface(self) -> NativeSurface | None: ...
    @property
    def loop(self) -> bool: ...
    def toggle(self) -> None: ...
    def load(self, url: str, start_ms: int = 0, autoplay: bool = True) -> None: ...
    def _set_playing(self, playing: bool) -> None: ...
    def _show_times(self) -> None: ...
    def _first_picture(self) -> None: ...


class PlayerEvents:
    """Methods only; the widget's state is declared by `_Widget`."""

    # ---- from the player (queued onto the GUI thread) --------------------------------------
    def _frame_ready(self: _Widget) -> None:
        if self.sink is None or not shiboken6.isValid(self):
            return
        image = self.sink.take()
        if image is None:
            return
        self.view.set_overlay("")
        self.view.set_image(image)
        if not self.has_picture:
            self._first_picture()
        self.frames_shown += 1

    def _first_picture(self: _Widget) -> None:
        if self.has_picture or self.failure is not None or not shiboken6.isValid(self):
            return
        self.has_picture = True
        self.watchdog.frame_arrived()
        if self.surface is not None:
            self.stack.setCurrentWidget(self.surface)
        self.view.set_message("")
        self.view.set_overlay("")
        if self._autoplay:
            self.clock.run(self.rate)
        elif self.player is not None and self.output != "native":
            self.player.pause()  # native: VLC started paused on its own (see Player.open)
        self.frameShown.emit()

    def _state_changed(self: _Widget, state: str) -> None:
        if not shiboken6.isValid(self):
            return
        if state == ENDED:
            if self.watchdog.waiting:
                self.watchdog.ended_early()
                return
            self.clock.run(0)
            if self.loop and self.on_play_pause == self.toggle and self.url is not None:
                self.load(self.url, 0, autoplay=True)
                return
            self._set_playing(False)
            self.ended.emit()

    def _vlc_time(self: _Widget, ms: int) -> None:
        if shiboken6.isValid(self) and self.playing and self.has_picture:
            self.clock.report(ms)

    def _vlc_length(self: _Widget, ms: int) -> None:
        if shiboken6.isValid(self) and ms > 0:
            self.duration_ms = ms
            self._show_times()
