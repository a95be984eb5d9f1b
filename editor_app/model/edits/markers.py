"""Marker edits (time, label, colour) and finding the marker before or after a time.

Markers are kept sorted by time so the ruler and snapping can walk them in order.
"""

from __future__ import annotations

import bisect

from editor_app.model.edits.props import COLOR
from editor_app.model.edits.rules import as_ticks
from editor_app.model.errors import EditError
from editor_app.model.ticks import Ticks, format_timecode
from editor_app.model.timeline import Timeline
from editor_app.model.track import Marker
from editor_app.model.undo import Command


def _marker_index(timeline: Timeline, marker_id: str) -> int:
    for index, marker in enumerate(timeline.markers):
        if marker.id == marker_id:
            return index
    raise EditError(f"There is no marker {marker_id!r}")


def _check_marker(time: Ticks, color: str) -> None:
    if time < 0:
        raise EditError(f"A marker cannot sit before {format_timecode(0)}")
    if not COLOR.fullmatch(color):
        raise EditError(f"Marker colour must look like #E8B53A, not {color!r}")


def _insert_marker(timeline: Timeline, marker: Marker) -> None:
    index = bisect.bisect_right(timeline.markers, marker.time, key=lambda m: m.time)
    timeline.markers.insert(index, marker)


class AddMarker(Command):
    label = "Add Marker"

    def __init__(self, time: Ticks, label: str = "", color: str = "#E8B53A") -> None:
        self._time = as_ticks(time, "marker time")
        self.marker = Marker(time=max(self._time, 0), label=label, color=color)

    def do(self, timeline: Timeline) -> None:
        _check_marker(self._time, self.marker.color)
        _insert_marker(timeline, self.marker)

    def undo(self, timeline: Timeline) -> None:
        del timeline.markers[_marker_index(timeline, self.marker.id)]


class RemoveMarker(Command):
    label = "Remove Marker"

    def __init__(self, marker_id: str) -> None:
        self.marker_id = marker_id
        self._removed: tuple[int, Marker] | None = None

    def do(self, timeline: Timeline) -> None:
        index = _marker_index(timeline, self.marker_id)
        self._removed = (index, timeline.markers.pop(index))

    def undo(self, timeline: Timeline) -> None:
        if self._removed is not None:
            timeline.markers.insert(*self._removed)


class EditMarker(Command):
    """Change a marker's time, label or colour (None leaves it)."""

    label = "Edit Marker"

    def __init__(
        self, marker_id: str, time: Ticks | None = None, label: str | None = None, color: str | None = None
    ) -> None:
        self.marker_id = marker_id
        self.time = None if time is None else as_ticks(time, "marker time")
        self.text, self.color = label, color
        self._old: tuple[int, Marker] | None = None

    def do(self, timeline: Timeline) -> None:
        index = _marker_index(timeline, self.marker_id)
        marker = timeline.markers[index]
        time = marker.time if self.time is None else self.time
        color = marker.color if self.color is None else self.color
        _check_marker(time, color)
        label = marker.label if self.text is None else self.text
        timeline.markers.pop(index)
        self._old = (index, marker)
        _insert_marker(timeline, marker.model_copy(update={"time": time, "label": label, "color": color}))

    def undo(self, timeline: Timeline) -> None:
        if self._old is not None:
            index, marker = self._old
            del timeline.markers[_marker_index(timeline, self.marker_id)]
            timeline.markers.insert(index, marker)


def next_marker(timeline: Timeline, t: Ticks) -> Marker | None:
    """The first marker after `t` (markers are few; a scan is robust to imported order)."""
    later = [marker for marker in timeline.markers if marker.time > t]
    return min(later, key=lambda m: m.time, default=None)


def previous_marker(timeline: Timeline, t: Ticks) -> Marker | None:
    earlier = [marker for marker in timeline.markers if marker.time < t]
    return max(earlier, key=lambda m: m.time, default=None)
