"""Dragging a marker along the ruler, without Qt: a guide and a timecode while it moves, one
`EditMarker` at release (on a frame, or snapped to a clip edge or the playhead)."""

from __future__ import annotations

from editor_app.model.edits import EditMarker
from editor_app.model.ticks import Ticks, format_timecode
from editor_app.model.undo import Command
from editor_app.ui.timeline.logic.gestures import Context, Gesture, Preview, frame_snapped, view_targets


class MarkerGesture(Gesture):
    def __init__(self, ctx: Context, marker_id: str, x: float) -> None:
        super().__init__(ctx)
        self.marker = next(m for m in ctx.timeline.markers if m.id == marker_id)
        self.grab_offset = ctx.scale.ticks_at(x) - self.marker.time
        self.targets = [t for t in view_targets(ctx, frozenset()) if t.ref != marker_id]
        self.time: Ticks = self.marker.time
        self.preview = Preview(guide=self.marker.time)

    def move(self, ctx: Context, x: float, y: float, snapping: bool) -> None:
        super().move(ctx, x, y, snapping)
        t, _guide = frame_snapped(ctx, ctx.scale.ticks_at(x) - self.grab_offset, self.targets, snapping)
        self.time = max(t, 0)
        self.preview.guide = self.time
        name = self.marker.label or "Marker"
        self.preview.label = f"{name} at {format_timecode(self.time, ctx.timeline.fps)}"

    def command(self) -> Command | None:
        if self.time == self.marker.time:
            return None
        return EditMarker(self.marker.id, time=self.time)
