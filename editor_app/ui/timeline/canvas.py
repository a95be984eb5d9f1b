"""The timeline canvas: one widget that paints the ruler, the tracks and every clip.

There is no widget and no graphics item per clip: `paintEvent` paints what is visible, found by
binary search, and the mouse is interpreted through `geometry.hit_test` and the gestures of
`logic/gestures.py`. Edits go through the undo history (one command per gesture, at release);
the edits its commands call live in `editing.py` (see `commands.py`), drops in `dropping.py`.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QCursor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from editor_app.model.undo import History
from editor_app.ui.timeline.base import MIN_FIT_WIDTH, ZOOM_STEP
from editor_app.ui.timeline.clip_painter import EDGE
from editor_app.ui.timeline.dropping import CanvasDropping
from editor_app.ui.timeline.logic.geometry import RULER_HEIGHT, clips_in, hit_test
from editor_app.ui.timeline.logic.gestures import (
    FadeGesture,
    Gesture,
    MoveGesture,
    Preview,
    TrimGesture,
    VolumeGesture,
)
from editor_app.ui.timeline.logic.tools import (
    Edge,
    RippleGesture,
    RollGesture,
    SlideGesture,
    SlipGesture,
    gesture_kind,
    tool_info,
)
from editor_app.ui.timeline.menus import CanvasMenus
from editor_app.ui.timeline.mouse import MODE_MODIFIER, SNAP_OFF_MODIFIERS
from editor_app.ui.timeline.painter import PaintState, paint_dynamic, paint_static

EDGE_SCROLL_PX = 24  # a drag this close to a side scrolls the view
STICKY_BAND_PX = 240  # clip names stick to the left edge: this band is repainted on every scroll
MAX_SCROLL_ERROR_PX = 0.3  # a shifted layer may sit this far off the exact position
CURSORS = {
    "trim_in": Qt.CursorShape.SizeHorCursor,
    "trim_out": Qt.CursorShape.SizeHorCursor,
    "fade_in": Qt.CursorShape.SplitHCursor,
    "fade_out": Qt.CursorShape.SplitHCursor,
    "volume": Qt.CursorShape.SizeVerCursor,
    "clip": Qt.CursorShape.OpenHandCursor,
    "ruler": Qt.CursorShape.IBeamCursor,
}


class TimelineCanvas(CanvasMenus, CanvasDropping):
    """Paints the ruler, tracks and clips; turns mouse, wheel and keys into gestures and edits."""

    def __init__(self, history: History, parent: QWidget | None = None) -> None:
        super().__init__(history, parent)
        self._snapping = True
        self._edge_timer = QTimer(self)  # scrolls while a drag is held at a side
        self._edge_timer.setInterval(30)
        self._edge_timer.timeout.connect(self._edge_scroll)

    # ---- painting -------------------------------------------------------------------------------------
    def paint_state(self) -> PaintState:
        band = None
        if self._band is not None:
            t0, y0, now = self._band
            band = QRectF(QPointF(self.scale.x_of(t0), y0 - self.scroll_y), now).normalized()
        preview: Preview | None = self._gesture.preview if self._gesture is not None else self.drop_preview
        return PaintState(
            self.timeline,
            self.scale,
            self.layout_rows(),
            float(self.width()),
            float(self.height()),
            self._playhead,
            set(self._selection),
            preview,
            self._provider,
            self._caches,
            self._lod,
            self._version,
            band,
            self._notice,
            self._mouse,
            self.selected_gap,
            self.io_range,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        state = self.paint_state()
        key = (*state.static_key(), self._generation, self.devicePixelRatioF())
        # where time 0 sits in view pixels: the static layer is reused, shifted, while only it moves
        zero_x = -state.scale.origin_ticks * state.scale.px_per_second / 1000
        if self._static is None or key != self._static_key or not self._scroll_static(state, zero_x):
            self._static = self._render_static(state)
            self._static_key, self._static_zero_x = key, zero_x
        painter = QPainter(self)
        try:
            painter.drawPixmap(0, 0, self._static)
            paint_dynamic(painter, state)
        finally:
            painter.end()

    def _render_static(self, state: PaintState) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(state.width * ratio), round(state.height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        layer = QPainter(pixmap)
        try:
            paint_static(layer, state)
        finally:
            layer.end()
        return pixmap

    def _scroll_static(self, state: PaintState, zero_x: float) -> bool:
        """Shift the static layer by whole pixels and paint only the strips that changed:
        the side that came into view, and the left band where clip names stick to the edge.
        False when a full repaint is due (a large or sub-pixel move)."""
        assert self._static is not None
        exact = zero_x - self._static_zero_x
        dx = round(exact)
        if abs(exact - dx) > MAX_SCROLL_ERROR_PX or abs(dx) > state.width * 0.6:
            return False
        if dx == 0:
            return True
        ratio = self._static.devicePixelRatio()
        self._static.scroll(round(dx * ratio), 0, self._static.rect())
        layer = QPainter(self._static)
        try:
            if dx > 0:
                paint_static(layer, state, 0, max(dx + EDGE + 2, STICKY_BAND_PX))
            else:
                paint_static(layer, state, state.width + dx - EDGE - 2, state.width)
                paint_static(layer, state, 0, STICKY_BAND_PX)
        finally:
            layer.end()
        self._static_zero_x += dx
        return True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_pending and self.isVisible() and self.width() >= MIN_FIT_WIDTH:
            self.zoom_to_fit()
        self.viewChanged.emit()

    def sizeHint(self) -> QSize:
        rows = int(self.layout_rows().content_height)
        return QSize(900, RULER_HEIGHT + max(rows, 3 * 60) + 24)

    # ---- mouse ------------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        pos = event.position()
        self._mouse = pos
        hit = hit_test(self.timeline, self.scale, self.layout_rows(), pos.x(), pos.y())
        mods = event.modifiers()
        toggle = bool(mods & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier))
        if hit.kind == "ruler":
            self.ruler_press(pos)
        elif hit.clip_id is not None:
            # a Ctrl/Shift click takes a selected clip out at release, so Ctrl+drag can still drag it
            self._toggle_off = toggle and hit.clip_id in self._selection
            if toggle and not self._toggle_off:
                self.set_selection([*self._selection, hit.clip_id])
            elif not toggle and hit.clip_id not in self._selection:
                self.set_selection([hit.clip_id])
            self._pending = (hit.kind, hit.clip_id, pos)
            self._press_mods = mods
        else:
            self._band_base = list(self._selection) if toggle else []
            if not toggle:
                self.set_selection([])
            self._band = (self.scale.ticks_at(pos.x()), pos.y() + self.scroll_y, pos)
            self._gap_click = (hit.track_id, self.scale.ticks_at(pos.x()), pos) if hit.track_id else None
            if self.selected_gap is not None:
                self.selected_gap = None
        event.accept()

    def _start_gesture(self, hit: str, clip_id: str, at: QPointF) -> Gesture | None:
        if clip_id not in self._selection:
            return None
        track = self.timeline.track_of(clip_id)
        if track.locked:
            self.notify(f"Track {track.name or track.id} is locked")
            return None
        ctx = self.context()
        ripple_mod = bool(self._press_mods & MODE_MODIFIER)
        kind = gesture_kind(self.tool, hit, ripple_mod)
        edge: Edge = "in" if hit == "trim_in" else "out"
        if kind == "trim":
            return TrimGesture(ctx, clip_id, edge, at.x())
        if kind == "ripple":
            return RippleGesture(ctx, clip_id, edge, at.x(), self.ripple_all_tracks)
        if kind == "roll":
            return RollGesture(ctx, clip_id, edge, at.x())
        if kind == "slip":
            return SlipGesture(ctx, clip_id, at.x())
        if kind == "slide":
            return SlideGesture(ctx, clip_id, at.x())
        if kind == "volume":
            return VolumeGesture(ctx, self._selection, clip_id)
        if kind in ("fade_in", "fade_out"):
            return FadeGesture(ctx, clip_id, "in" if kind == "fade_in" else "out")
        return MoveGesture(ctx, self._selection, clip_id, at.x(), at.y())

    def _moved(self, pos: QPointF, mods: Qt.KeyboardModifier, snapping: bool) -> None:
        gesture = self._gesture
        if isinstance(gesture, MoveGesture):  # the modifier uses the other mode for this drag
            other = bool(mods & MODE_MODIFIER)
            gesture.mode = "insert" if self.insert_mode != other else "overwrite"
        if gesture is not None:
            gesture.move(self.context(), pos.x(), pos.y(), snapping)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        self._mouse = pos
        snapping = self._snapping = not (event.modifiers() & SNAP_OFF_MODIFIERS)
        if (self._gesture is not None or self._band is not None) and self._edge_speed() != 0:
            self._edge_timer.start()
        if self._scrubbing:
            self.set_playhead(self.timeline.on_frame(self.scale.ticks_at(pos.x())), emit=True)
        elif self.ruler_drag(pos):
            pass
        elif self._pending is not None:
            kind, clip_id, at = self._pending
            if (pos - at).manhattanLength() >= QApplication.startDragDistance():
                self._pending = None
                self._gesture = self._start_gesture(kind, clip_id, at)
                if self._gesture is not None:
                    self._moved(pos, event.modifiers(), snapping)
                    self.update()
        elif self._gesture is not None:
            self._moved(pos, event.modifiers(), snapping)
            self.update()
        elif self._band is not None:
            t0, y0, _ = self._band
            self._band = (t0, y0, pos)
            self._band_select()
            self.update()
        else:
            self._hover(pos)

    def _edge_speed(self) -> float:
        """Pixels per tick to scroll while a drag holds the mouse near (or past) a side."""
        x, width = self._mouse.x(), self.width()
        if x < EDGE_SCROLL_PX and self.scale.origin_ticks > 0:
            return -min(EDGE_SCROLL_PX - x, 4 * EDGE_SCROLL_PX) / 2
        if x > width - EDGE_SCROLL_PX:
            return min(x - (width - EDGE_SCROLL_PX), 4 * EDGE_SCROLL_PX) / 2
        return 0.0

    def _edge_scroll(self) -> None:
        speed = self._edge_speed()
        if speed == 0 or (self._gesture is None and self._band is None):
            self._edge_timer.stop()
            return
        self.scroll_to(self.scale.origin_ticks + round(speed * self.scale.ticks_per_px()))
        pos = self._mouse
        if self._gesture is not None:
            self._gesture.move(self.context(), pos.x(), pos.y(), self._snapping)
        elif self._band is not None:
            self._band_select()
        self.update()

    def _hover(self, pos: QPointF) -> None:
        hit = hit_test(self.timeline, self.scale, self.layout_rows(), pos.x(), pos.y())
        shape = CURSORS.get(hit.kind)
        if self.tool != "select" and hit.clip_id is not None:
            kind = gesture_kind(self.tool, hit.kind, False)
            if kind in ("ripple", "roll", "slip", "slide"):
                shape = getattr(Qt.CursorShape, tool_info(self.tool).cursor)
        if shape is None:
            self.unsetCursor()
        else:
            self.setCursor(QCursor(shape))

    def _band_select(self) -> None:
        assert self._band is not None
        t0, y0, now = self._band
        t1 = self.scale.ticks_at(now.x())
        y1 = now.y() + self.scroll_y
        start, end = min(t0, t1), max(t0, t1) + 1
        top, bottom = min(y0, y1) - self.scroll_y, max(y0, y1) - self.scroll_y
        chosen = list(self._band_base)
        for row in self.layout_rows().visible_rows(top, bottom):
            chosen.extend(c.id for c in clips_in(self.timeline.tracks[row.index], start, end))
        self.set_selection(chosen)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        gesture, pending, band = self._gesture, self._pending, self._band
        self._gesture = self._pending = self._band = None
        if band is not None and self._gap_click is not None:
            track_id, at, pressed = self._gap_click
            moved = (event.position() - pressed).manhattanLength() >= QApplication.startDragDistance()
            if not moved and not self._selection:  # a click on empty time: the gap there
                self.select_gap(track_id, at)
        self._gap_click = None
        self.ruler_release()
        self._scrubbing = False
        if gesture is not None:
            command = gesture.command()
            if command is not None and self.push(command):
                self.history.break_merge()  # the next drag is its own undo step
        elif pending is not None and self._toggle_off:
            self.set_selection([c for c in self._selection if c != pending[1]])
        elif pending is not None and not (
            event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        ):
            self.set_selection([pending[1]])  # a click (no drag) in a group selects just that clip
        self._toggle_off = False
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if pos.y() < RULER_HEIGHT:
            self.set_playhead(self.timeline.on_frame(self.scale.ticks_at(pos.x())), emit=True)
        else:
            super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            steps = delta.y() / 120
            self.zoom_by(ZOOM_STEP**steps, event.position().x())
        elif mods & Qt.KeyboardModifier.ShiftModifier or delta.x():
            amount = delta.x() or delta.y()
            self.scroll_to(self.scale.origin_ticks - round(amount / 120 * 80 * self.scale.ticks_per_px()))
        else:
            self.set_scroll_y(self.scroll_y - delta.y() / 120 * 40)
        event.accept()

    # ---- keyboard (used when no window action claims the key) ------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        command = self.keys.find(event) if self.keys is not None else None
        if command is None:
            return super().keyPressEvent(event)
        command.trigger()  # a refusal goes where its binder said (a notice on this canvas)
        event.accept()
