"""The timeline canvas' state and the operations on it that need no mouse: selection, playhead,
zoom and scroll, the thumbnail provider, notices, and pushing edits to the undo history.

`TimelineCanvas` (canvas.py) adds painting and input on top; `editing.py` and `dropping.py`
add the edit slots and drag-and-drop as subclasses of this base.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from editor_app.model.errors import EditError
from editor_app.model.ticks import Ticks
from editor_app.model.timeline import Clip, Timeline
from editor_app.model.undo import Command, History
from editor_app.ui.commands.keys import KeyCommands
from editor_app.ui.timeline.caches import PaintCaches
from editor_app.ui.timeline.logic.geometry import RULER_HEIGHT, TimeScale, TrackLayout, fit_scale
from editor_app.ui.timeline.logic.gestures import Context, Gesture, Preview
from editor_app.ui.timeline.logic.lod import LodCache
from editor_app.ui.timeline.logic.tools import Tool
from editor_app.ui.timeline.thumbnails_cache import ThumbnailProvider

ZOOM_STEP = 1.25
NOTICE_MS = 4000
MIN_FIT_WIDTH = 200


def _forget(history: History, listener: Callable[[], None]) -> None:
    with contextlib.suppress(ValueError):
        history.remove_listener(listener)


class CanvasBase(QWidget):
    """The canvas' state: model, selection, playhead, zoom and scroll, notices (no input, no paint)."""

    selectionChanged = Signal(list)
    playheadMoved = Signal(int)
    zoomChanged = Signal(float)
    viewChanged = Signal()  # scale or vertical scroll changed: scroll bars and headers follow
    filesDropped = Signal(list, object, int)  # paths, track id or None (new track), ticks
    mediaDropped = Signal(str, str, int)  # media id, track id, ticks (after the clip was added)
    editRefused = Signal(str)
    toolChanged = Signal(str)
    modesChanged = Signal()  # insert/overwrite or ripple-all-tracks toggled
    edited = Signal()  # the history changed (an edit, undo or redo)

    def __init__(self, history: History, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.scale = TimeScale(50.0, 0)
        self.scroll_y = 0.0
        self._playhead: Ticks = 0
        self._selection: list[str] = []
        self._provider: ThumbnailProvider | None = None
        self._caches = PaintCaches()
        self._static: QPixmap | None = None  # the static paint layer (see painter.py)
        self._static_key: tuple[object, ...] = ()
        self._static_zero_x = 0.0  # where time 0 sits in the static layer, in view pixels
        self._generation = 0  # bumped by refresh(): something outside the model changed
        self._lod = LodCache()
        self._version = 0
        self._duration_key: tuple[int, int] | None = None
        self._duration: Ticks = 0
        self._gesture: Gesture | None = None
        self._pending: tuple[str, str, QPointF] | None = None  # hit kind, clip id, press point
        self._band: tuple[Ticks, float, QPointF] | None = None  # press time, content y, current point
        self._band_base: list[str] = []
        self._gap_click: tuple[str, Ticks, QPointF] | None = None  # a press on empty time of a track
        self._toggle_off = False  # the press was a Ctrl/Shift click on a selected clip
        self._press_mods = Qt.KeyboardModifier.NoModifier
        self.tool: Tool = "select"
        self.insert_mode = False  # False: a clip put onto occupied time overwrites it
        self.ripple_all_tracks = False
        self.resizing: dict[str, int] | None = None
        self._scrubbing = False
        self._mouse = QPointF()
        self._notice: str | None = None
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self._clear_notice)
        self.follow_playhead = True
        self._fit_pending = True  # a new canvas shows the whole timeline once it has a size
        self.setMouseTracking(True)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(RULER_HEIGHT + 40)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._clipboard: list[Clip] = []
        self.drop_preview: Preview | None = None  # a bin item being dragged over the canvas
        self.keys: KeyCommands | None = None  # the commands its own key presses trigger (the view's)
        listener = self._history_changed
        history.add_listener(listener)
        # the history may outlive this widget (the view puts a new canvas in for each document)
        self.destroyed.connect(lambda *_: _forget(history, listener))

    # ---- model access --------------------------------------------------------------------------
    @property
    def timeline(self) -> Timeline:
        return self.history.timeline

    def layout_rows(self) -> TrackLayout:
        return TrackLayout(self.timeline, self.scroll_y, heights=self.resizing)

    def preview_height(self, track_id: str, height: int | None) -> None:
        """Show a track row at `height` while its header edge is dragged (None: done)."""
        self.resizing = {track_id: height} if height is not None else None
        self.viewChanged.emit()
        self.update()

    def context(self) -> Context:
        return Context(self.timeline, self.scale, self.layout_rows(), self._playhead, float(self.width()))

    def timeline_duration(self) -> Ticks:
        """The timeline's length, computed once per change: `Timeline.duration` walks every clip
        (~3 ms at 10,000 clips) and the scroll bars ask on every scroll and zoom step."""
        if self.history.in_transaction:  # pushes inside a transaction change no revision yet
            return self.timeline.duration
        key = (id(self.timeline), self.history.revision)
        if key != self._duration_key:
            self._duration_key, self._duration = key, self.timeline.duration
        return self._duration

    def _history_changed(self) -> None:
        self._version += 1
        known = [cid for cid in self._selection if self._has_clip(cid)]
        if known != self._selection:
            self.set_selection(known)
        self.viewChanged.emit()
        self.edited.emit()
        self.update()

    def _has_clip(self, clip_id: str) -> bool:
        try:
            self.timeline.track_of(clip_id)
        except KeyError:
            return False
        return True

    # ---- selection --------------------------------------------------------------------------------
    def selected_clip_ids(self) -> list[str]:
        return list(self._selection)

    def set_selection(self, clip_ids: list[str]) -> None:
        unique = list(dict.fromkeys(cid for cid in clip_ids if self._has_clip(cid)))
        if unique != self._selection:
            self._selection = unique
            self.selectionChanged.emit(list(unique))
            self.update()

    # ---- playhead ----------------------------------------------------------------------------------
    @property
    def playhead(self) -> Ticks:
        return self._playhead

    def set_playhead(self, ticks: Ticks, emit: bool = False) -> None:
        """Move the playhead; the view follows it when it runs off screen (playback)."""
        ticks = max(int(ticks), 0)
        if ticks == self._playhead:
            return
        self._playhead = ticks
        if self.follow_playhead and not self._scrubbing:
            start, end = self.scale.span(self.width())
            if not (start <= ticks < end):
                self.scroll_to(ticks - (end - start) // 10)
        if emit:
            self.playheadMoved.emit(ticks)
        self.update()

    # ---- tools and modes ----------------------------------------------------------------------------
    def set_tool(self, tool: Tool) -> None:
        if tool != self.tool:
            self.tool = tool
            self.unsetCursor()
            self.toolChanged.emit(tool)

    def set_insert_mode(self, on: bool) -> None:
        if on != self.insert_mode:
            self.insert_mode = on
            self.modesChanged.emit()

    def set_ripple_all_tracks(self, on: bool) -> None:
        if on != self.ripple_all_tracks:
            self.ripple_all_tracks = on
            self.modesChanged.emit()

    # ---- zoom and scroll -----------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.scale.px_per_second

    def set_scale(self, scale: TimeScale) -> None:
        self._fit_pending = False  # an explicit view wins over the first-show fit
        changed = scale.px_per_second != self.scale.px_per_second
        self.scale = scale
        if changed:
            self.zoomChanged.emit(scale.px_per_second)
        self.viewChanged.emit()
        self.update()

    def zoom_by(self, factor: float, x: float | None = None) -> None:
        anchor = self.scale.x_of(self._playhead) if x is None else x
        if x is None and not (0 <= anchor <= self.width()):
            anchor = self.width() / 2
        self.set_scale(self.scale.zoomed_about(anchor, factor))

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def zoom_to_fit(self) -> None:
        if not self.isVisible() or self.width() < MIN_FIT_WIDTH:
            self._fit_pending = True  # not laid out yet: fit once it has its real width
            return
        self.set_scale(fit_scale(self.timeline_duration(), self.width()))

    def scroll_to(self, origin: Ticks) -> None:
        self.set_scale(TimeScale(self.scale.px_per_second, max(int(origin), 0)))

    def set_scroll_y(self, y: float) -> None:
        limit = max(self.layout_rows().content_height - (self.height() - RULER_HEIGHT) + 20, 0)
        y = min(max(y, 0.0), limit)
        if y != self.scroll_y:
            self.scroll_y = y
            self.viewChanged.emit()
            self.update()

    # ---- thumbnails -------------------------------------------------------------------------------
    def set_thumbnail_provider(self, provider: ThumbnailProvider | None) -> None:
        self._provider = provider
        self._caches = PaintCaches()
        self.refresh()

    def refresh(self) -> None:
        """Repaint everything: thumbnails, waveforms or media metadata arrived."""
        self._generation += 1
        self.update()

    # ---- notices -----------------------------------------------------------------------------------
    def notify(self, text: str) -> None:
        self._notice = text
        self._notice_timer.start(NOTICE_MS)
        self.editRefused.emit(text)
        self.update()

    def _clear_notice(self) -> None:
        self._notice = None
        self.update()

    def push(self, command: Command) -> bool:
        """Push one edit; a refusal becomes a notice on the canvas instead of an exception."""
        try:
            self.history.push(command)
        except EditError as exc:
            self.notify(str(exc))
            return False
        return True
