"""Track edits: add, remove, reorder, rename, mute, lock, hide."""

from __future__ import annotations

from editor_app.model.edits.rules import (
    find_track,
    require_accepts,
    require_new_id,
    require_unlocked,
    track_label,
)
from editor_app.model.errors import EditError
from editor_app.model.timeline import Timeline, Track
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
