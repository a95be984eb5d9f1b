"""`TimelineView`: track headers, the canvas and scroll bars, following a playhead transport.

The view stays while documents come and go: `set_history` puts a new canvas (and headers) for
the new history in place, and the view's signals relay the current canvas' ones. The canvas'
playhead mirrors the transport's (a click on the ruler seeks the transport; playback moves
the canvas), and the transport knows the timeline's length from the canvas. The view binds
the canvas' commands, Undo/Redo and the transport's commands for the canvas' own key handling
(used when no window action claims a key); refusals show as a notice on the canvas.
The horizontal scroll bar counts ticks (a day of timeline still fits its int range).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QScrollBar, QWidget

from editor_app.model import EditError
from editor_app.model.edits import History
from editor_app.ui.commands.keys import KeyCommands
from editor_app.ui.commands.shortcuts import ShortcutMap
from editor_app.ui.commands.table import Command, CommandTable, bind
from editor_app.ui.history.commands import HISTORY_COMMANDS
from editor_app.ui.playback.commands import TRANSPORT_COMMANDS
from editor_app.ui.playback.transport import Transport
from editor_app.ui.timeline.canvas import TimelineCanvas
from editor_app.ui.timeline.commands import TIMELINE_COMMANDS
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
    toolsChanged = Signal()  # the tool, insert/overwrite, ripple-all or the selected gap changed

    def __init__(
        self,
        history: History,
        transport: Transport | None = None,
        shortcuts: ShortcutMap | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.transport = transport if transport is not None else Transport(self)
        self.shortcuts = shortcuts
        self._provider: ThumbnailProvider | None = None
        self.hbar = QScrollBar(Qt.Orientation.Horizontal, self)
        self.vbar = QScrollBar(Qt.Orientation.Vertical, self)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(0)
        self._grid.addWidget(self.vbar, 0, 2)
        self._grid.addWidget(self.hbar, 1, 1)
        self.commands = CommandTable()
        self.commands.add(bind(TIMELINE_COMMANDS, lambda: self.canvas, self._refused))
        self.commands.add(bind(HISTORY_COMMANDS, lambda: self.canvas.history, self._refused))
        self.commands.add(bind(TRANSPORT_COMMANDS, lambda: self.transport, self._refused))
        self.canvas, self.headers = self._build(history)
        self._follow_timeline()
        self.transport.positionChanged.connect(self._transport_moved)
        self.transport.rangeChanged.connect(lambda start, end: self.canvas.set_io_range(start, end))
        self.hbar.valueChanged.connect(self._h_scrolled)
        self.vbar.valueChanged.connect(lambda v: self.canvas.set_scroll_y(float(v)))
        self.setMinimumHeight(RULER_HEIGHT + 120)
        self._sync_bars()

    def set_history(self, history: History) -> None:
        """Show another document: a new canvas and new headers; the view and its bars stay."""
        old_canvas, old_headers = self.canvas, self.headers
        for widget in (old_canvas, old_headers):
            widget.blockSignals(True)  # the old canvas is going: nothing it says matters now
            self._grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.canvas, self.headers = self._build(history)
        self._follow_timeline()
        self._sync_bars()

    def _follow_timeline(self) -> None:
        """The transport measures the new timeline and starts at its beginning."""
        self.transport.set_duration_source(self.canvas.timeline_duration)
        self.transport.seek(0)

    def _build(self, history: History) -> tuple[TimelineCanvas, TrackHeaders]:
        canvas = TimelineCanvas(history, self)
        canvas.setObjectName("TimelineCanvas")
        headers = TrackHeaders(canvas, self)
        self._grid.addWidget(headers, 0, 0)
        self._grid.addWidget(canvas, 0, 1)
        canvas.selectionChanged.connect(self.selectionChanged)
        canvas.playheadMoved.connect(self._playhead_moved)
        canvas.zoomChanged.connect(self.zoomChanged)
        canvas.filesDropped.connect(self.filesDropped)
        canvas.mediaDropped.connect(self.mediaDropped)
        canvas.editRefused.connect(self.editRefused)
        canvas.viewChanged.connect(self._sync_bars)
        canvas.edited.connect(self.transport.invalidate_duration)
        canvas.keys = KeyCommands(self.commands, self.shortcuts)
        canvas.command_table = self.commands
        canvas.toolChanged.connect(lambda _tool: self.toolsChanged.emit())
        canvas.modesChanged.connect(self.toolsChanged)
        canvas.set_io_range(self.transport.mark_in, self.transport.mark_out)
        canvas.rangeEdited.connect(self.transport.set_range)
        canvas.loopChanged.connect(self._set_loop)
        if self._provider is not None:
            canvas.set_thumbnail_provider(self._provider)
        return canvas, headers

    def set_thumbnail_provider(self, provider: ThumbnailProvider | None) -> None:
        """Where the canvases (this one and the next documents') get thumbnails and waveforms."""
        self._provider = provider
        self.canvas.set_thumbnail_provider(provider)

    def _set_loop(self, on: bool) -> None:
        self.transport.loop = on  # the transport's loop-range hook

    def _refused(self, _command: Command[Any], exc: EditError) -> None:
        self.canvas.notify(str(exc))

    # ---- the playhead follows the transport ----------------------------------------------------
    def _playhead_moved(self, ticks: int) -> None:
        if ticks != self.transport.position:
            self.transport.seek(ticks)
        self.playheadMoved.emit(ticks)

    def _transport_moved(self, ticks: int) -> None:
        if self.canvas.playhead != ticks:
            self.canvas.set_playhead(ticks)

    # ---- scroll bars ---------------------------------------------------------------------------
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
