"""A thin wrapper over a libvlc media player whose VLC-side callbacks only emit Qt signals.

libvlc events arrive on VLC's threads; calling the player from one of them hung (stop() did),
so every handler here just emits, and the signals reach the GUI thread queued. All player
calls are made by the GUI thread. The event callbacks are bound methods kept alive by this
object (python-vlc also holds them in the event manager).

Stopping a libvlc player joins its threads, and an HLS reader waiting for a segment the
backend is still rendering held that for seconds. So a player is never stopped on the GUI
thread while it reads: opening another stream, or stopping, retires the libvlc player to a
background thread (stop + release there) and carries on with a fresh one.

Every libvlc player gets its output before it can start (issue 17): frame callbacks, or a
native window of its own. Two players never share one X window: while a retired player still
held the window, the next one found the drawable busy and libvlc opened a top-level "VLC media
player" window instead. A native window is handed back (`windowReleased`) only once the player
that drew into it is released.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from editor_app.ui.preview.frame_sink import FrameSink
from editor_app.ui.preview.vlc_loader import instance_args, missing_reason, vlc

log = logging.getLogger(__name__)

RETIRE_JOIN_S = 5.0
OPENING, PLAYING, PAUSED, STOPPED, ENDED, ERROR = "opening", "playing", "paused", "stopped", "ended", "error"


class Player(QObject):
    stateChanged = Signal(str)
    timeChanged = Signal(int)  # ms, VLC's coarse media time
    lengthChanged = Signal(int)  # ms
    videoStarted = Signal()  # a video output exists (native embedding's first-frame proxy)
    failed = Signal(str)
    windowReleased = Signal(int)  # the generation whose native window no player uses any more

    def __init__(self, vout: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        problem = missing_reason()
        if problem is not None or vlc is None:
            raise RuntimeError(problem)
        self._vlc = vlc
        self.instance = vlc.Instance(instance_args(vout))
        if self.instance is None:
            raise RuntimeError("libvlc refused to start (see its log)")
        self.url: str | None = None
        self.state = STOPPED
        self.sink: FrameSink | None = None
        self._window_of: Callable[[int], tuple[int, str]] | None = None
        self.window_generation = 0  # the generation of the player drawing into the newest window
        self._closed = False
        self._muted = False
        self._volume = 100
        self._generation = 0
        self._sink_generation = 0
        self._retiring: list[threading.Thread] = []
        self.player = self._new_player()
        self.stateChanged.connect(self._record_state)

    # ---- control (GUI thread) ------------------------------------------------------------
    def _new_player(self) -> Any:
        """A libvlc player with our event handlers (tagged with its generation) and output."""
        self._generation += 1
        player = self.instance.media_player_new()
        events = self._vlc.EventType
        manager = player.event_manager()
        for event_type, handler in (
            (events.MediaPlayerOpening, self._on_opening),
            (events.MediaPlayerPlaying, self._on_playing),
            (events.MediaPlayerPaused, self._on_paused),
            (events.MediaPlayerStopped, self._on_stopped),
            (events.MediaPlayerEndReached, self._on_end),
            (events.MediaPlayerEncounteredError, self._on_error),
            (events.MediaPlayerTimeChanged, self._on_time),
            (events.MediaPlayerLengthChanged, self._on_length),
            (events.MediaPlayerVout, self._on_vout),
        ):
            manager.event_attach(event_type, handler, self._generation)
        if self.sink is not None:
            self._sink_generation = self.sink.attach(player)
        if self._window_of is not None:
            self._embed(player, *self._window_of(self._generation))
            self.window_generation = self._generation
        player.audio_set_volume(self._volume)
        return player

    def _retire(self) -> None:
        """Swap in a fresh libvlc player; the old one stops and is freed on a worker thread."""
        old, old_sink_generation, old_generation = self.player, self._sink_generation, self._generation
        had_window = self._window_of is not None
        manager = old.event_manager()
        for event_type in self._event_types():
            manager.event_detach(event_type)
        self.player = self._new_player()
        sink = self.sink

        def finish() -> None:
            old.stop()  # may wait for a segment the backend is still rendering
            old.release()
            if sink is not None:
                sink.forget(old_sink_generation)
            if had_window and not self._closed:
                self.windowReleased.emit(old_generation)

        thread = threading.Thread(target=finish, name="vlc-retire", daemon=True)
        thread.start()
        self._retiring = [t for t in self._retiring if t.is_alive()] + [thread]

    def _event_types(self) -> list[Any]:
        events = self._vlc.EventType
        return [
            events.MediaPlayerOpening, events.MediaPlayerPlaying, events.MediaPlayerPaused,
            events.MediaPlayerStopped, events.MediaPlayerEndReached, events.MediaPlayerEncounteredError,
            events.MediaPlayerTimeChanged, events.MediaPlayerLengthChanged, events.MediaPlayerVout,
        ]  # fmt: skip

    def use_frames(self, sink: FrameSink) -> None:
        """Render into `sink` (callbacks) instead of a window; before `open`."""
        self.sink = sink
        self._sink_generation = sink.attach(self.player)

    def embed(self, window_of: Callable[[int], tuple[int, str]]) -> None:
        """Draw into native windows: `window_of(generation)` makes a fresh one (X11 id, HWND or
        NSView pointer, and the platform) for each libvlc player; before `open`."""
        self._window_of = window_of
        self._embed(self.player, *window_of(self._generation))
        self.window_generation = self._generation

    @staticmethod
    def _embed(player: Any, window_id: int, platform: str) -> None:
        if platform == "windows":
            player.set_hwnd(window_id)
        elif platform == "cocoa":
            player.set_nsobject(window_id)
        else:
            player.set_xwindow(window_id)

    def open(self, url: str, start_ms: int = 0, paused: bool = False) -> None:
        """Load `url` and start playing at `start_ms` (start-time avoids a second seek); `paused`
        lets VLC stop on its first picture itself (a native window gives no frame event, and
        pausing at its Vout event came before any picture: the pane stayed black)."""
        if self._closed:
            return
        if self.url is not None:
            self._retire()  # never stop a reading player on the GUI thread
        elif self.sink is not None:  # a fresh player: its picture sized for the pane as it is now
            self.sink.forget(self._sink_generation)
            self._sink_generation = self.sink.attach(self.player)
        media = self.instance.media_new(url)
        if start_ms > 0:
            media.add_option(f":start-time={start_ms / 1000:.3f}")
        if paused:
            media.add_option(":start-paused")
        self.url = url
        self.state = OPENING  # not the previous stream's end while VLC's own event is on its way
        self.player.set_media(media)
        media.release()  # the player holds its own reference
        self.player.audio_set_mute(self._muted)
        self.player.play()

    def play(self) -> None:
        if not self._closed and self.url is not None:
            self.player.set_pause(0) if self.state == PAUSED else self.player.play()

    def pause(self) -> None:
        if not self._closed:
            self.player.set_pause(1)

    def stop(self) -> None:
        """Stop reading (the stream stays known: `play` opens it again)."""
        if not self._closed and self.url is not None:
            self._retire()
            self.url = None
            self.state = STOPPED

    def seek(self, ms: int) -> None:
        if not self._closed and self.url is not None:
            self.player.set_time(max(0, int(ms)))

    def next_frame(self) -> None:
        if not self._closed:
            self.player.next_frame()

    def set_rate(self, rate: float) -> None:
        if not self._closed:
            self.player.set_rate(float(rate))

    def set_volume(self, percent: int) -> None:
        self._volume = max(0, min(int(percent), 200))
        if not self._closed:
            self.player.audio_set_volume(self._volume)

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if not self._closed:
            self.player.audio_set_mute(muted)

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def volume(self) -> int:
        return self._volume

    def time_ms(self) -> int:
        return -1 if self._closed else int(self.player.get_time())

    def length_ms(self) -> int:
        return -1 if self._closed else int(self.player.get_length())

    def close(self) -> None:
        """Stop and free the player; safe to call twice and while playing (quitting)."""
        if self._closed:
            return
        self._closed = True
        if self.sink is not None:
            self.sink.close()  # no more emits from the video thread
        manager = self.player.event_manager()
        for event_type in self._event_types():
            manager.event_detach(event_type)
        self.player.stop()  # joins VLC's threads: after this no callback runs
        self.player.release()
        deadline = time.monotonic() + RETIRE_JOIN_S  # one budget for all: quitting must not drag
        for thread in self._retiring:
            thread.join(max(0.0, deadline - time.monotonic()))
        self.instance.release()

    # ---- VLC's threads: emit only -------------------------------------------------------
    def _on_opening(self, _event: Any, generation: int) -> None:
        if generation != self._generation:
            return
        self.stateChanged.emit(OPENING)

    def _on_playing(self, _event: Any, generation: int) -> None:
        if generation != self._generation:
            return
        self.stateChanged.emit(PLAYING)

    def _on_paused(self, _event: Any, generation: int) -> None:
        if generation != self._generation:
            return
        self.stateChanged.emit(PAUSED)

    def _on_stopped(self, _event: Any, generation: int) -> None:
        if generation != self._generation:
            return
        self.stateChanged.emit(STOPPED)

    def _on_end(self, _event: Any, generation: int) -> None:
        if generation != self._generation:
            return
        self.stateChanged.emit(ENDED)

    def _on_error(self, _event: Any, generation: int) -> None:
        if generation != self._generation:
            return
        self.stateChanged.emit(ERROR)
        self.failed.emit("VLC could not play the stream (it could not be opened or read)")

    def _on_time(self, event: Any, generation: int) -> None:
        if generation != self._generation:
            return
        self.timeChanged.emit(int(event.u.new_time))

    def _on_length(self, event: Any, generation: int) -> None:
        if generation != self._generation:
            return
        self.lengthChanged.emit(int(event.u.new_length))

    def _on_vout(self, event: Any, generation: int) -> None:
        if generation != self._generation:
            return
        if int(event.u.new_count) > 0:
            self.videoStarted.emit()

    # ---- GUI thread ----------------------------------------------------------------------
    def _record_state(self, state: str) -> None:
        self.state = state
