"""Track edits (add, remove, reorder, rename, mute, lock, hide) and marker edits."""

from __future__ import annotations

import bisect

from editor_app.model.edit_rules import (
    as_ticks,
    find_track,
    require_accepts,
    require_new_id,
    require_unlocked,
    track_label,
)
from editor_app.model.edits_props import COLOR
from editor_app.model.errors import EditError
from editor_app.model.ticks import Ticks, format_timecode
from editor_app.model.timeline import Marker, Timeline, Track
from editor_app.model.undo import Command


class AddTrack(Command):
    """Insert `track` (with any clips it holds) at `index`; None puts it last (drawn on top)."""

    label = "Add Track"

    def __init__(self, track: Track, index: int | None = None) -> None:
        self.track = track
        self.index = index

    def do(self, timeline: Timeline) -> None:
        if any(track.id == self.track.id for track in timeline.tracks):
            raise EditError(f"A track with id {self.track.id!r} already exists")
        if self.index is not None and not 0 <= self.index <= len(timeline.tracks):
            raise EditError(f"Track position {self.index} is outside 0-{len(timeline.tracks)}")
        for clip in self.track.clips:
            require_accepts(self.track, clip)
            require_new_id(timeline, clip)
        timeline.add_track(self.track, self.index)

    def undo(self, timeline: Timeline) -> None:
        timeline.remove_track(self.track.id)


class RemoveTrack(Command):
    """Remove a track and its clips (refused while it is locked)."""

    label = "Remove Track"

    def __init__(self, track_id: str) -> None:
        self.track_id = track_id
        self._removed: tuple[int, Track] | None = None

    def do(self, timeline: Timeline) -> None:
        require_unlocked(find_track(timeline, self.track_id))
        self._removed = timeline.remove_track(self.track_id)

    def undo(self, timeline: Timeline) -> None:
        if self._removed is not None:
            index, track = self._removed
            timeline.add_track(track, index)


class MoveTrack(Command):
    """Move a track to `new_index` in the stack (later tracks are drawn on top)."""

    label = "Move Track"

    def __init__(self, track_id: str, new_index: int) -> None:
        self.track_id = track_id
        self.new_index = new_index
        self._old_index = 0

    def do(self, timeline: Timeline) -> None:
        find_track(timeline, self.track_id)
        if not 0 <= self.new_index < len(timeline.tracks):
            raise EditError(f"Track position {self.new_index} is outside 0-{len(timeline.tracks) - 1}")
        self._old_index = timeline.track_index(self.track_id)
        timeline.tracks.insert(self.new_index, timeline.tracks.pop(self._old_index))

    def undo(self, timeline: Timeline) -> None:
        index = timeline.track_index(self.track_id)
        timeline.tracks.insert(self._old_index, timeline.tracks.pop(index))


TOGGLE_LABELS = {
    "muted": ("Mute Track", "Unmute Track"),
    "locked": ("Lock Track", "Unlock Track"),
    "hidden": ("Hide Track", "Show Track"),
}


class SetTrackState(Command):
    """Rename, mute, lock or hide a track; arguments left as None stay as they are."""

    def __init__(
        self,
        track_id: str,
        name: str | None = None,
        muted: bool | None = None,
        locked: bool | None = None,
        hidden: bool | None = None,
    ) -> None:
        self.track_id = track_id
        given = {"name": name, "muted": muted, "locked": locked, "hidden": hidden}
        self.changes: dict[str, str | bool] = {
            key: value for key, value in given.items() if value is not None
        }
        self.label = self._label()
        self._old: dict[str, str | bool] = {}

    def _label(self) -> str:
        if len(self.changes) != 1:
            return "Change Track"
        ((key, value),) = self.changes.items()
        if key == "name":
            return "Rename Track"
        on, off = TOGGLE_LABELS[key]
        return on if value else off

    def do(self, timeline: Timeline) -> None:
        track = find_track(timeline, self.track_id)
        if not self.changes:
            raise EditError(f"Nothing to change on track {track_label(track)}")
        if "name" in self.changes:
            name = str(self.changes["name"]).strip()
            if not name:
                raise EditError("A track needs a name")
            self.changes["name"] = name
        self._old = {key: getattr(track, key) for key in self.changes}
        for key, value in self.changes.items():
            setattr(track, key, value)

    def undo(self, timeline: Timeline) -> None:
        track = timeline.track(self.track_id)
        for key, value in self._old.items():
            setattr(track, key, value)


# ---- markers (kept sorted by time) ---------------------------------------------------------


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
