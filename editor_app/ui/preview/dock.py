"""The Preview dock: the VLC preview player of the compiled timeline, with live recompiles.

Until a stream plays (nothing compiled yet, libvlc missing, or a failure) it shows a poster
frame (the backend's thumbnail of the top video under the playhead) and a message. With the
local backend, paused seeks, drags of the playhead and reverse shuttle show still frames of
the compiled timeline (stills.py), and compiles ask for the preview resolution (resolution.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDockWidget, QWidget

from editor_app.api.client import VideoDBClient
from editor_app.model import Timeline
from editor_app.model.ticks import Ticks
from editor_app.ui.playback.frames import DEFAULT_FPS
from editor_app.ui.playback.transport import Transport
from editor_app.ui.preview.live import COMPILING, FAILED, LiveCompiler
from editor_app.ui.preview.renewal import UrlRenewal
from editor_app.ui.preview.resolution import SETTING as RESOLUTION_SETTING
from editor_app.ui.preview.resolution import is_local_backend, preview_height
from editor_app.ui.preview.stills import StillFrames
from editor_app.ui.preview.sync import TransportSync
from editor_app.ui.preview.warmup import SegmentWarmup
from editor_app.ui.preview.widget import PreviewWidget
from editor_app.ui.timeline.thumbnails_cache import ThumbnailProvider
from editor_app.ui.workers import TaskRunner
from editor_app.wire import CompileResult

RESIZE_REST_MS = 400  # a pane resized this long ago has come to rest


class PreviewDock(QDockWidget):
    """Its host hands it what it needs: a runner and settings here, then `attach` (the transport
    to follow, where the client and the timeline come from); edits reach `live.edited`."""

    def __init__(
        self,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
        settings: QSettings | None = None,
        output: str | None = None,
    ) -> None:
        super().__init__("Preview", parent)
        runner = runner or TaskRunner(parent=self)
        self.setObjectName("PreviewDock")
        self.player = PreviewWidget(settings, output=output, parent=self)
        self.setWidget(self.player)
        self.live = LiveCompiler(runner, parent=self)
        self.renewal = UrlRenewal(self.live, self.player, parent=self)  # before `_compiled` hears
        self.live.stateChanged.connect(self._compile_state)
        self.live.compiled.connect(self._compiled)
        self._play_next = False
        self.player.controls.compile.clicked.connect(self.compile_and_play)
        self.player.controls.live.toggled.connect(self.live.set_enabled)
        self.sync: TransportSync | None = None
        self.stream_url: str | None = None
        self.on_compiled: Callable[[CompileResult], None] | None = None
        self.settings = settings
        self.stills = StillFrames(runner, parent=self)
        self.player.stills = self.stills
        self.stills.shown.connect(self.player.show_still)
        self.warmup = SegmentWarmup(runner, parent=self)
        self.stills.shown.connect(self._still_shown)
        self.stills.failed.connect(self._still_failed)
        self.live.height_of = self._compile_height
        self.compiled_height: int | None = None  # rows the newest compile asked for (None: full)
        # Auto follows the pane: a resize that changes Auto's choice recompiles, once it rests
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_REST_MS)
        self._resized.timeout.connect(self._follow_pane)
        self.player.view.resized.connect(self._pane_resized)
        self.resolution_choice = str(settings.value(RESOLUTION_SETTING, "auto")) if settings else "auto"
        self.player.controls.show_resolution(self.resolution_choice)
        menu = self.player.controls.resolution.menu()
        menu.triggered.connect(lambda action: self.set_resolution_choice(str(action.data())))
        if not self.player.unavailable:
            self.player.set_message("Ctrl+Enter (or Compile) plays a preview of the timeline")

    def attach(
        self,
        transport: Transport,
        client_of: Callable[[], VideoDBClient | None],
        body_of: Callable[[], dict[str, Any] | None],
    ) -> None:
        """Follow `transport` and compile what `body_of` gives through what `client_of` gives."""
        # before the sync's own: a cached still is shown (and its rest begun) inside its seek
        transport.jumped.connect(lambda _ms: self.warmup.cancel())
        transport.playingChanged.connect(lambda playing: self.warmup.cancel() if playing else None)
        self.sync = TransportSync(transport, self.player)
        self.live.configure(client_of, body_of)

    # ---- what the window tells it ------------------------------------------------------------
    def set_position(self, ticks: Ticks) -> None:
        if not self.player.playing:
            self.player.controls.show_times(ticks, self.player.total_ms())

    def set_stream(self, stream_url: str, start_ms: int | None = None, autoplay: bool | None = None) -> None:
        """Play `stream_url`, by default where the transport is and as it is (playing or not).

        The same stream again is left as it plays. From now on edits recompile (live preview).
        """
        self.live.armed = True
        self.live.show_ready()
        player = self.player
        alive = player.has_picture or player.watchdog.waiting  # not suspended, not failed
        if stream_url == self.stream_url and player.url == stream_url and alive and player.failure is None:
            return
        resume, playing = (
            self.sync.resume_position() if self.sync is not None else (self.player.position(), True)
        )
        self.stream_url = stream_url
        self.setToolTip(stream_url)
        start, autoplay = (
            (resume if start_ms is None else start_ms),
            (playing if autoplay is None else autoplay),
        )
        if not autoplay and self.stills.available:
            self.player.cue(stream_url, start)  # the still now; the stream opens on play
        else:
            self.player.load(stream_url, start, autoplay=autoplay)

    def _still_shown(self, ms: int, _image: QImage) -> None:
        """Paused on the cued stream: its segment here is rendered before Play asks (warmup.py)."""
        player = self.player
        if not player.playing and player.url is not None and player.url == self.warmup.stream_url:
            self.warmup.rest(ms)

    def _still_failed(self, _reason: str) -> None:
        """No still to be had: the player shows the frame there instead, as against the cloud."""
        player = self.player
        if player.url is not None and not player.playing and player.failure is None:
            player.load(player.url, player.position(), autoplay=False)

    # ---- preview resolution -------------------------------------------------------------------
    def preview_height(self) -> int:
        """Rows for the preview stream and stills: the chosen resolution for this pane."""
        view = self.player.view
        pane = view.frame_rect().height() * view.devicePixelRatioF()
        return preview_height(self.resolution_choice, self.player.resolution[1], pane)

    def _compile_height(self, client: VideoDBClient) -> int | None:
        self.compiled_height = self.preview_height() if is_local_backend(client.base_url) else None
        return self.compiled_height

    def _pane_resized(self) -> None:
        if self.resolution_choice == "auto" and self.live.armed and self.compiled_height is not None:
            self._resized.start()  # restarts: a drag of the splitter recompiles once

    def _follow_pane(self) -> None:
        """Auto's choice for the pane as it is now differs from the stream's: compile that size;
        the new stream opens where the playhead is, playing if it played (`set_stream`)."""
        if self.resolution_choice != "auto" or self.compiled_height is None or not self.live.armed:
            return
        if self.preview_height() != self.compiled_height:
            self.live.compile_now()

    def set_resolution_choice(self, choice: str) -> None:
        self.resolution_choice = choice
        if self.settings is not None:
            self.settings.setValue(RESOLUTION_SETTING, choice)
        self.player.controls.show_resolution(choice)
        if self.live.armed:
            self.live.compile_now()

    def compile_and_play(self) -> None:
        """The Compile button and Ctrl+Enter: compile now, then play from the playhead."""
        self._play_next = True
        self.live.compile_now()

    def set_message(self, text: str) -> None:
        self.player.set_message(text)

    def set_poster(self, image: QImage | None) -> None:
        self.player.set_poster(image)

    def set_resolution(self, width: int, height: int) -> None:
        self.player.set_resolution(width, height)

    def show_poster_of(self, timeline: Timeline, at: Ticks, frames: ThumbnailProvider) -> None:
        """The still until VLC plays: the top visible video frame under `at` (from `frames`)."""
        width, height = timeline.size
        self.set_resolution(width, height)
        for track in reversed(timeline.tracks):
            if track.hidden or track.kind != "video":
                continue
            for clip in track.visible(at, at + 1):
                media_id = clip.media_id
                interval = frames.thumbnail_interval(media_id) if media_id else None
                if media_id is None or clip.kind != "video":
                    continue
                if interval is None:
                    frames.thumbnail(media_id, 0)  # asks for the strip
                    return
                index = int((clip.source_start + at - clip.start) / 1000 / max(interval, 1e-3))
                self.set_poster(frames.thumbnail(media_id, index))
                return
        self.set_poster(None)

    # ---- compiles ---------------------------------------------------------------------------
    def _compile_state(self, state: str, text: str) -> None:
        if state == COMPILING:
            self.player.suspend()
        retry = self.live.compile_now if state == FAILED else None
        self.player.show_state(state, text, retry)

    def _compiled(self, result: CompileResult) -> None:
        play_now, self._play_next = self._play_next, False
        client = self.live.client_of()
        local = client is not None and result.frame_url is not None and is_local_backend(client.base_url)
        # the frame grid the still route snaps to (the compile says it), else the project's
        fps = result.fps or (self.sync.transport.fps if self.sync is not None else DEFAULT_FPS)
        height = self.compiled_height if local else None
        self.stills.set_source(client if local else None, result.frame_url if local else None, height, fps)
        self.player.stream_height = height
        self.warmup.set_source(client if local else None, result.stream_url)
        self.set_stream(result.stream_url, autoplay=True if play_now else None)
        if play_now and self.sync is not None and not self.sync.transport.playing:
            self.sync.transport.play_pause()  # the playhead runs with the picture
        if self.on_compiled is not None:
            self.on_compiled(result)
