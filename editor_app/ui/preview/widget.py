"""The preview widget: plays a stream URL through libvlc, with its controls.

It shows frames painted from VLC's callbacks, or a native child window VLC draws into (see
native.py). Without libvlc it stays a poster with a message saying how to install it. Every
open is watched until its first picture (watchdog.py); failures show the reason and a Retry
button. `on_play_pause`, `on_step`, `on_seek` and `on_stop` are what the controls call: the
widget's own methods, until sync.py routes them through the timeline's transport.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from editor_app.ui.playback.frames import stepped
from editor_app.ui.preview.clock import PlaybackClock
from editor_app.ui.preview.controls import PreviewControls
from editor_app.ui.preview.frame_sink import FrameSink, frame_size
from editor_app.ui.preview.frame_view import FrameView
from editor_app.ui.preview.fullscreen import FullScreen
from editor_app.ui.preview.native import NativeSurface, NativeSurfaces, chosen_output, native_vout
from editor_app.ui.preview.player import ENDED, ERROR, Player
from editor_app.ui.preview.player_events import PlayerEvents
from editor_app.ui.preview.stills import StillFrames
from editor_app.ui.preview.vlc_loader import missing_reason
from editor_app.ui.preview.watchdog import FirstFrameWatchdog

log = logging.getLogger(__name__)
TICK_MS = 30
REOPEN_MS = 60  # a paused seek reopens the stream once the playhead rests this long


def _close_player(holder: list[Player]) -> None:
    for player in holder:
        player.close()
    holder.clear()


class PreviewWidget(QWidget, PlayerEvents):
    positionChanged = Signal(int)  # ms, while playback moves the picture
    playingChanged = Signal(bool)
    frameShown = Signal()  # the first picture of the loaded stream is on screen
    stillShown = Signal(int)  # a still frame (ms) from the frame route is on screen
    ended = Signal()
    failed = Signal(str)

    def __init__(
        self, settings: QSettings | None = None, output: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PreviewWidget")
        self.output = output or chosen_output(settings)
        self.view = FrameView(self)
        self._recompiling = False  # stale or compiling: pictures shown are marked out of date
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.surfaces = NativeSurfaces(self.stack)
        self.controls = PreviewControls(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.controls)
        self.clock = PlaybackClock()
        self.watchdog = FirstFrameWatchdog(parent=self)
        self.watchdog.expired.connect(self._player_failed)
        self.resolution = (1280, 720)
        self.stream_height: int | None = None  # rows of the stream (a preview size), None: full
        self.player: Player | None = None
        self.sink: FrameSink | None = None
        self._holder: list[Player] = []  # closes the player when the widget goes, even unclosed
        self.destroyed.connect(lambda _obj=None, holder=self._holder: _close_player(holder))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.unavailable = missing_reason()
        self.url: str | None = None
        self.duration_ms = 0  # the loaded stream's, once VLC knows it
        self.duration_of: Callable[[], int] = lambda: 0  # until then: the timeline's (sync.py)
        self.playing = False
        self.rate = 1.0
        self.frames_shown = 0
        self.has_picture = False
        self.failure: str | None = None
        self.retry_action: Callable[[], None] | None = None
        self.on_expired: Callable[[str], str | None] | None = None  # renewal.py; see `_renewing`
        self._autoplay = True
        self.fullscreen = FullScreen(self.stack, layout, lambda: self.on_play_pause())
        self.stills: StillFrames | None = None  # the dock's, when the backend has a frame route
        self.on_play_pause: Callable[[], None] = self.toggle
        self.on_step: Callable[[int], None] = self.step
        self.on_seek: Callable[[int], None] = self.seek
        self.on_stop: Callable[[], None] = self.stop
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._reopen = QTimer(self)
        self._reopen.setSingleShot(True)
        self._reopen.setInterval(REOPEN_MS)
        self._reopen.timeout.connect(self._reopen_here)
        self._wire_controls()
        if self.unavailable:
            self.view.set_message(self.unavailable)
            self.controls.show_state("failed", "Preview unavailable: libvlc is missing")

    def _wire_controls(self) -> None:
        c = self.controls
        c.play.clicked.connect(lambda: self.on_play_pause())
        c.stop.clicked.connect(lambda: self.on_stop())
        c.next_frame.clicked.connect(lambda: self.on_step(1))
        c.back_frame.clicked.connect(lambda: self.on_step(-1))
        c.seek.valueChanged.connect(lambda value: self.on_seek(int(value)))
        c.volume.valueChanged.connect(self.set_volume)
        c.mute.toggled.connect(self.set_muted)
        c.fullscreen.clicked.connect(self.toggle_fullscreen)
        c.retry.clicked.connect(self.retry)
        self.view.doubleClicked.connect(self.toggle_fullscreen)

    # ---- the player ---------------------------------------------------------------------------
    def _ensure_player(self) -> Player | None:
        if self.player is not None or self.unavailable:
            return self.player
        try:
            native = self.output == "native"
            player = Player(vout=native_vout() if native else None)
        except RuntimeError as exc:
            self.unavailable = str(exc)
            self.fail(self.unavailable, retry=False)
            return None
        if native:
            player.embed(self.surfaces.new)
            player.windowReleased.connect(self.surfaces.drop)
            player.videoStarted.connect(self._first_picture)
        else:
            self.sink = FrameSink(self.frame_buffer_size)
            self.sink.frameReady.connect(self._frame_ready)
            player.use_frames(self.sink)
        player.stateChanged.connect(self._state_changed)
        player.timeChanged.connect(self._vlc_time)
        player.lengthChanged.connect(self._vlc_length)
        player.failed.connect(self._player_failed)
        player.set_volume(self.controls.volume.value())
        player.set_muted(self.controls.mute.isChecked())
        self.player = player
        self._holder.append(player)
        return player

    @property
    def surface(self) -> NativeSurface | None:
        """The native window the current libvlc player draws into (None when painting frames)."""
        return None if self.player is None else self.surfaces.get(self.player.window_generation)

    def frame_buffer_size(self) -> tuple[int, int]:
        """What VLC paints into (frames mode): the picture's device pixels, at most the stream's."""
        rect, ratio = self.view.frame_rect(), self.view.devicePixelRatioF()
        width, height = self.resolution
        rows = self.stream_height or height
        return frame_size(round(width * rows / height), rows, (rect.width() * ratio, rect.height() * ratio))

    def set_resolution(self, width: int, height: int) -> None:
        """The timeline's size: the picture's aspect (frames for a new player are sized from it)."""
        self.resolution = (max(width, 2), max(height, 2))
        self.view.aspect = width / max(height, 1)
        self.view.update()

    def load(self, url: str, start_ms: int = 0, autoplay: bool = True) -> None:
        """Open `url` at `start_ms`; without autoplay it pauses on the first picture."""
        player = self._ensure_player()
        if player is None or self._renewing(url, autoplay, at=start_ms):
            return
        self.url, self.failure, self.retry_action = url, None, self.reload
        self.frames_shown, self.has_picture = 0, False
        self._autoplay = autoplay
        self._reopen.stop()
        self.clock.seek(max(0, start_ms))
        self.clock.run(0)
        self.watchdog.arm()
        player.open(url, max(0, start_ms), paused=not autoplay and self.output == "native")
        player.set_rate(self.rate)
        self._set_playing(autoplay)

    def reload(self) -> None:
        if self.url is not None:
            self.load(self.url, self.position(), autoplay=True)

    def retry(self) -> None:
        action = self.retry_action
        self.controls.show_state("", "Retrying…")
        if action is not None:
            action()

    def position(self) -> int:
        return self.clock.position()

    # ---- controls --------------------------------------------------------------------------
    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def play(self, rate: float = 1.0) -> None:
        player = self.player
        self.rate = rate
        if player is None or self.url is None or self.failure is not None or self._renewing(self.url, True):
            return
        player.set_rate(rate)
        if player.state in (ENDED, ERROR) or (not self.has_picture and not self.watchdog.waiting):
            self.load(self.url, 0 if self.position() >= self.duration_ms > 0 else self.position())
            return
        self._autoplay = True
        player.play()
        if self.has_picture:
            self.clock.run(rate)
        self._set_playing(True)

    def pause(self) -> None:
        self._autoplay = False
        if self.player is not None and self.has_picture:
            self.player.pause()
        self.clock.run(0)
        self._set_playing(False)

    def stop(self) -> None:
        self.pause()
        self.seek(0)

    def seek(self, ms: int) -> None:
        ms = max(0, int(ms))
        if abs(ms - self.position()) < 2:
            return
        self.clock.seek(ms)
        self._show_times()
        if self.player is None or self.url is None or self.failure is not None:
            return
        if self.playing and self.has_picture and self.player.state != ENDED:
            self.player.seek(ms)
        elif self.stills is not None and self.stills.available:
            # paused: the exact frame from the frame route now; the player opens here on play
            self.stills.request(ms)
            self.suspend()
        else:
            # paused VLC does not always show the frame it seeks to (HLS): reopen there,
            # once a drag of the playhead rests for a moment
            self._reopen.start()

    def _reopen_here(self) -> None:
        if self.url is not None and self.failure is None:
            self.load(self.url, self.position(), autoplay=self.playing)

    def step(self, frames: int) -> None:
        """`frames` frames of the timeline's rate (the controls' fps), onto its frame grid."""
        self.pause()
        target = stepped(self.position(), frames, self.controls.fps_of())
        if frames == 1 and self.player is not None and self.has_picture:
            self.player.next_frame()
            self.clock.seek(target)
            self._show_times()
        else:
            self.seek(target)

    def set_volume(self, percent: int) -> None:
        if self.player is not None:
            self.player.set_volume(percent)

    def set_muted(self, muted: bool) -> None:
        if self.player is not None:
            self.player.set_muted(muted)

    @property
    def loop(self) -> bool:
        return self.controls.loop.isChecked()

    def toggle_fullscreen(self) -> None:
        self.fullscreen.toggle()
        if self.surface is not None and self.player is not None and self.url is not None:
            # a reparented native window may get a new id: a fresh player gets a fresh window
            self.load(self.url, self.position(), autoplay=self.playing)

    # ---- failures and state --------------------------------------------------------------
    def fail(self, reason: str, retry: bool = True) -> None:
        if not shiboken6.isValid(self):
            return
        self.failure = reason
        self.watchdog.disarm()
        if self.player is not None:
            self.player.stop()
        self.clock.run(0)
        self._set_playing(False)
        self.has_picture = False
        self.stack.setCurrentWidget(self.view)
        self.view.set_message(reason)
        self.controls.show_state("failed", f"Failed: {reason}", retry=retry and self.retry_action is not None)
        self.failed.emit(reason)

    def show_state(self, state: str, text: str, retry_action: Callable[[], None] | None = None) -> None:
        """The compile state line (live.py): stale, compiling, ready or failed."""
        if retry_action is not None:
            self.retry_action = retry_action
        self.controls.show_state(state, text, retry=retry_action is not None)
        self._recompiling = state in ("stale", "compiling")
        if state in ("stale", "compiling"):
            self.view.set_overlay("Recompiling…")
        elif state == "failed":
            self.view.set_overlay("")
            self.view.set_message(text)

    def set_message(self, text: str) -> None:
        self.view.set_message(text)

    def suspend(self, playing_too: bool = False) -> None:
        """A new stream is on its way: stop reading this one (each segment it would still fetch
        is rendered by the backend on request) but keep its last picture on screen."""
        if self.player is None or self.url is None or (self.playing and not playing_too):
            return
        self._reopen.stop()
        self.watchdog.disarm()
        self.player.stop()
        self.has_picture = False
        self.stack.setCurrentWidget(self.view)

    def set_poster(self, image: QImage | None) -> None:
        """A thumbnail for when no stream picture is shown (the frame route's stills are better)."""
        if not self.has_picture and not (self.stills is not None and self.stills.available):
            self.view.set_image(image)

    def cue(self, url: str, start_ms: int) -> None:
        """`url` is the stream from now on, opened only when play starts; paused, the frame
        route's still under `start_ms` is the picture (no segment renders while nobody plays)."""
        if self._ensure_player() is None:
            return
        self.suspend()
        self.url, self.failure, self.retry_action = url, None, self.reload
        self.has_picture = False
        self.clock.seek(max(0, start_ms))
        self._show_times()
        if self.stills is not None:
            self.stills.request(max(0, start_ms))

    def show_still(self, ms: int, image: QImage) -> None:
        """A frame route answer: the picture while no video plays (paused, scrubbing, reverse)."""
        if self.playing and self.has_picture and self.rate > 0:
            return
        self.stack.setCurrentWidget(self.view)
        self.view.set_message("" if self.failure is None else self.view.message)
        if not self._recompiling:  # a still of the compiled stream while edits wait is out of date
            self.view.set_overlay("")
        self.view.set_image(image)
        self.stillShown.emit(ms)

    def shutdown(self) -> None:
        """Stop VLC now (quitting while playing must not leave its threads running)."""
        self._ticker.stop()
        self.watchdog.disarm()
        _close_player(self._holder)
        self.player = None

    def _set_playing(self, playing: bool) -> None:
        if playing == self.playing:
            return
        self.playing = playing
        if self.on_play_pause == self.toggle:  # synced, the button shows the transport's state
            self.controls.show_playing(playing)
        if playing:
            self._ticker.start()
        else:
            self._ticker.stop()
            self._show_times()
        self.playingChanged.emit(playing)

    def _tick(self) -> None:
        if self.has_picture and self._renewing(self.url, True):
            return  # expired while playing (a suspend, a clock jump): before VLC stalls on a 403
        position = self.position()
        self._show_times()
        self.positionChanged.emit(position)

    def total_ms(self) -> int:
        return self.duration_ms if self.duration_ms > 0 else max(0, self.duration_of())

    def _show_times(self) -> None:
        self.controls.show_times(self.position(), self.total_ms())
