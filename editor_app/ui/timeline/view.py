"""`TimelineView`: track headers, the canvas and scroll bars, with the canvas' API in front.

The main window holds a `TimelineView`; everything it calls is forwarded to the canvas.
The horizontal scroll bar counts ticks (a day of timeline still fits its int range).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QScrollBar, QWidget

from editor_app.model.ticks import Ticks
from editor_app.model.timeline import Timeline
from editor_app.model.undo import History
from editor_app.ui.timeline.canvas import TimelineCanvas
from editor_app.ui.timeline.headers import TrackHeaders
from editor_app.ui.timeline.logic.geometry import RULER_HEIGHT, TimeScale
from editor_app.ui.timeline.thumbnails_cache import ThumbnailProvider

INT_MAX = 2**31 - 1


class TimelineView(QWidget):
    selectionChanged = Signal(list)
    playheadMoved = Signal(int)
    zoomChanged = Signal(float)
    filesDropped = Signal(list, object, int)
    mediaDropped = Signal(str, str, int)
    editRefused = Signal(str)

    def __init__(self, history: History, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.canvas = TimelineCanvas(history, self)
        self.headers = TrackHeaders(self.canvas, self)
        self.hbar = QScrollBar(Qt.Orientation.Horizontal, self)
        self.vbar = QScrollBar(Qt.Orientation.Vertical, self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        grid.addWidget(self.headers, 0, 0)
        grid.addWidget(self.canvas, 0, 1)
        grid.addWidget(self.vbar, 0, 2)
        grid.addWidget(self.hbar, 1, 1)
        canvas = self.canvas
        canvas.selectionChanged.connect(self.selectionChanged)
        canvas.playheadMoved.connect(self.playheadMoved)
        canvas.zoomChanged.connect(self.zoomChanged)
        canvas.filesDropped.connect(self.filesDropped)
        canvas.mediaDropped.connect(self.mediaDropped)
        canvas.editRefused.connect(self.editRefused)
        canvas.viewChanged.connect(self._sync_bars)
        self.hbar.valueChanged.connect(self._h_scrolled)
        self.vbar.valueChanged.connect(lambda v: canvas.set_scroll_y(float(v)))
        self.setMinimumHeight(RULER_HEIGHT + 120)
        self._sync_bars()

    @property
    def timeline(self) -> Timeline:
        return self.history.timeline

    def _sync_bars(self) -> None:
        canvas = self.canvas
        start, end = canvas.scale.span(max(canvas.width(), 1))
        page = max(end - start, 1)
        total = max(canvas.timeline_duration() + page // 2, canvas.scale.origin_ticks + page)
        for bar in (self.hbar, self.vbar):
            bar.blockSignals(True)
        self.hbar.setRange(0, min(max(total - page, 0), INT_MAX))
        self.hbar.setPageStep(min(page, INT_MAX))
        self.hbar.setSingleStep(max(page // 20, 1))
        self.hbar.setValue(min(canvas.scale.origin_ticks, INT_MAX))
        visible = max(canvas.height() - RULER_HEIGHT, 1)
        content = int(canvas.layout_rows().content_height) + 20
        self.vbar.setRange(0, max(content - visible, 0))
        self.vbar.setPageStep(visible)
        self.vbar.setValue(int(canvas.scroll_y))
        for bar in (self.hbar, self.vbar):
            bar.blockSignals(False)
        self.vbar.setVisible(content > visible)

    def _h_scrolled(self, value: int) -> None:
        self.canvas.set_scale(TimeScale(self.canvas.scale.px_per_second, value))

    def update(self) -> None:  # type: ignore[override]
        """Repaint everything (the main window calls this when thumbnails or media arrive)."""
        super().update()
        self.canvas.refresh()
        self.headers.sync()

    # ---- the canvas' API, forwarded ------------------------------------------------------------------
    def set_thumbnail_provider(self, provider: ThumbnailProvider | None) -> None:
        self.canvas.set_thumbnail_provider(provider)

    def selected_clip_ids(self) -> list[str]:
        return self.canvas.selected_clip_ids()

    def set_selection(self, clip_ids: list[str]) -> None:
        self.canvas.set_selection(clip_ids)

    @property
    def playhead(self) -> Ticks:
        return self.canvas.playhead

    def set_playhead(self, ticks: Ticks) -> None:
        self.canvas.set_playhead(ticks)

    @property
    def zoom(self) -> float:
        return self.canvas.zoom

    def zoom_in(self) -> None:
        self.canvas.zoom_in()

    def zoom_out(self) -> None:
        self.canvas.zoom_out()

    def zoom_to_fit(self) -> None:
        self.canvas.zoom_to_fit()

    def split_at_playhead(self) -> None:
        self.canvas.split_at_playhead()

    def delete_selected(self, ripple: bool = False) -> None:
        self.canvas.delete_selected(ripple)

    def copy(self) -> None:
        self.canvas.copy()

    def paste(self) -> None:
        self.canvas.paste()

    def duplicate(self) -> None:
        self.canvas.duplicate()

    def select_all(self) -> None:
        self.canvas.select_all()

    def add_marker(self) -> None:
        self.canvas.add_marker()

    def next_marker(self) -> None:
        self.canvas.next_marker()

    def previous_marker(self) -> None:
        self.canvas.previous_marker()
