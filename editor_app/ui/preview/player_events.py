"""What the preview widget does with its player's news (queued onto the GUI thread): frames
from the sink, the first picture of a stream, the end, VLC's time and length. A mixin of
`PreviewWidget` (widget.py), kept apart so each file stays short. Also what it does when its
stream's signed URL turns out expired (`_renewing`, issue 16 item 15)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

import shiboken6
from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QStackedWidget

from editor_app.api.url_expiry import has_expired
from editor_app.ui.preview.clock import PlaybackClock
from editor_app.ui.preview.frame_sink import FrameSink
from editor_app.ui.preview.frame_view import FrameView
from editor_app.ui.preview.native import NativeSurface
from editor_app.ui.preview.player import ENDED, Player
from editor_app.ui.preview.watchdog import FirstFrameWatchdog

END_SLACK_MS = 500  # an end this close to the stream's length is its own, whatever the URL
EXPIRED_TEXT = "The stream's link has expired: compile again for a fresh one"


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
    on_expired: Callable[[str], str | None] | None
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
    def position(self) -> int: ...
    def total_ms(self) -> int: ...
    def _renewing(self, url: str | None, playing: bool, at: int | None = None) -> bool: ...
    def fail(self, reason: str, retry: bool = True) -> None: ...
    def suspend(self, playing_too: bool = False) -> None: ...


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
            short = self.position() + END_SLACK_MS < self.total_ms()  # not the stream's own end
            if short and self._renewing(self.url, self.playing):
                return  # VLC gave up on the stream because its URL expired (403 on a segment)
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

    def _player_failed(self: _Widget, reason: str) -> None:
        """VLC's error or the first-frame watchdog: an expired URL is renewed, not a failure."""
        if not self._renewing(self.url, self.playing):
            self.fail(reason)

    def _renewing(self: _Widget, url: str | None, playing: bool, at: int | None = None) -> bool:
        """Whether `url`'s signed token has expired (the backend refuses it with a 403): then the
        pane holds its last picture, at `at` (ms) and playing or not, while the dock compiles a
        fresh one (`on_expired` answers None, renewal.py), or fails saying why not."""
        if url is None or not has_expired(url, time.time()):
            return False
        reason = EXPIRED_TEXT if self.on_expired is None else self.on_expired(url)
        if reason is not None:
            self.fail(reason)
            return True
        self.suspend(playing_too=True)
        self.watchdog.disarm()  # suspend keeps a waiting watchdog when there is no player yet
        if at is not None:
            self.clock.seek(max(0, at))
        self.clock.run(0)
        self._set_playing(playing)  # playing: the transport's playhead waits for the fresh stream
        return True
