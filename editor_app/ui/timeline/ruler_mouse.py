"""The ruler's mouse: scrub the playhead, drag a marker, drag the In or Out point.

A press near a marker or an I/O handle grabs it (`logic.ruler.ruler_hit`); anywhere else it
scrubs. The I/O range is the transport's: a drag changes it through `rangeEdited`, which the
view hands to the transport (see `view.TimelineView`), so the canvas never owns it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Signal

from editor_app.model.errors import EditError
from editor_app.model.ticks import Ticks
from editor_app.ui.timeline.logic.markers import MarkerGesture
from editor_app.ui.timeline.logic.ruler import dragged_range, ruler_hit
from editor_app.ui.timeline.tool_edits import CanvasToolEdits


class CanvasRuler(CanvasToolEdits):
    rangeEdited = Signal(object, object)  # in, out (ticks or None): dragged or cleared here
    loopChanged = Signal(bool)

    _range_side: str | None = None
    loop_range = False

    def ruler_press(self, pos: QPointF) -> None:
        kind, marker_id = ruler_hit(self.scale, pos.x(), self.io_range, self.timeline.markers)
        if kind == "marker" and marker_id is not None:
            self._gesture = MarkerGesture(self.context(), marker_id, pos.x())
        elif kind in ("in", "out"):
            self._range_side = kind
        else:
            self._scrubbing = True
            self.set_playhead(self.timeline.on_frame(self.scale.ticks_at(pos.x())), emit=True)

    def ruler_drag(self, pos: QPointF) -> bool:
        """Move the grabbed I/O point (True), or nothing is grabbed (False)."""
        if self._range_side is None:
            return False
        at = self.timeline.on_frame(self.scale.ticks_at(pos.x()))
        start, end = dragged_range(self.io_range, self._range_side, at)
        self.set_io_range(start, end)
        self.rangeEdited.emit(start, end)
        return True

    def ruler_release(self) -> None:
        self._range_side = None

    # ---- commands ---------------------------------------------------------------------------------
    def set_range_to_selection(self) -> None:
        """In and Out around the selected clips (the range an export of the selection uses)."""
        start, end = self.selection_span()
        self.set_io_range(start, end)
        self.rangeEdited.emit(start, end)

    def selection_span(self) -> tuple[Ticks, Ticks]:
        clips = [self.timeline.clip(cid) for cid in self._selection]
        if not clips:
            raise EditError("Select the clips first")
        return min(c.start for c in clips), max(c.end for c in clips)

    def clear_range(self) -> None:
        self.set_io_range(None, None)
        self.rangeEdited.emit(None, None)

    def toggle_loop(self) -> None:
        self.loop_range = not self.loop_range
        self.loopChanged.emit(self.loop_range)
        self.modesChanged.emit()

    def loop_title(self) -> str:
        return f"Loop In/Out Range ({'on' if self.loop_range else 'off'})"
