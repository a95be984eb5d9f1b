"""Track edits: add, remove, reorder, rename, mute, lock, hide, and restack by display row.

Which track shows in which row: video tracks stack upward (the one drawn on top of the picture
is the top row), audio tracks follow below in list order, as in Shotcut, Kdenlive and Premiere.
The model keeps its list order (the wire's drawing order); `display_order` maps it to rows, and
`RestackTrack` moves a track between rows so that the picture follows.
"""

from __future__ import annotations

from collections.abc import Callable

from editor_app.model.edits.rules import (
    find_track,
    require_accepts,
    require_new_id,
    require_unlocked,
    track_label,
)
from editor_app.model.errors import EditError
from editor_app.model.timeline import Timeline, Track, TrackKind
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
    "solo": ("Solo Track", "Unsolo Track"),
}


class SetTrackState(Command):
    """Rename, mute, lock, hide, solo or resize a track; arguments left as None stay as they are
    (`height` 0 goes back to the kind's default row height)."""

    def __init__(
        self,
        track_id: str,
        name: str | None = None,
        muted: bool | None = None,
        locked: bool | None = None,
        hidden: bool | None = None,
        solo: bool | None = None,
        height: int | None = None,
    ) -> None:
        self.track_id = track_id
        given = {
            "name": name,
            "muted": muted,
            "locked": locked,
            "hidden": hidden,
            "solo": solo,
            "height": height,
        }
        self.changes: dict[str, str | bool | int | None] = {
            key: value for key, value in given.items() if value is not None
        }
        if self.changes.get("height") == 0:
            self.changes["height"] = None
        self.label = self._label()
        self._old: dict[str, str | bool | int | None] = {}

    def _label(self) -> str:
        if len(self.changes) != 1:
            return "Change Track"
        ((key, value),) = self.changes.items()
        if key == "name":
            return "Rename Track"
        if key == "height":
            return "Resize Track"
        on, off = TOGGLE_LABELS[key]
        return on if value else off

    def do(self, timeline: Timeline) -> None:
        track = find_track(timeline, self.track_id)
        if not self.changes:
            raise EditError(f"Nothing to change on track {track_label(track)}")
        height = self.changes.get("height")
        if isinstance(height, int) and not isinstance(height, bool) and not 24 <= height <= 400:
            raise EditError(f"A track row is 24 to 400 pixels high, not {height}")
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


def display_order(timeline: Timeline) -> list[int]:
    """List indices of the tracks from the top row down: video tracks in the renderer's stacking
    (z_index, then list order) from the top, then audio tracks in list order."""
    tracks = timeline.tracks
    videos = sorted((i for i, t in enumerate(tracks) if t.kind != "audio"), key=_stacking_key(timeline))
    audios = [i for i, t in enumerate(tracks) if t.kind == "audio"]
    return videos[::-1] + audios


def _stacking_key(timeline: Timeline) -> Callable[[int], tuple[int, int]]:
    tracks = timeline.tracks
    return lambda i: (tracks[i].z_index, i)


def new_track(timeline: Timeline, kind: TrackKind) -> Track:
    """A track to append (video then lands on top of the stack), named after its kind's next number.

    Its z_index is above every track's, so the renderer (z_index first, then list order) draws a new
    video track over the others, as its place at the top of the timeline promises.
    """
    count = sum(1 for t in timeline.tracks if t.kind == kind)
    z_index = max((t.z_index for t in timeline.tracks), default=-1) + 1
    return Track(name=f"{'A' if kind == 'audio' else 'V'}{count + 1}", kind=kind, z_index=z_index)


class RestackTrack(Command):
    """Move a track to the gap before display row `target_row`, so the picture follows the rows.

    The renderer stacks video tracks by z_index, then list order; moving a track in the list alone
    (`MoveTrack`) would leave the picture as it was when z_indexes differ. So the video tracks get
    the list order of their new stacking, and their z_indexes (the same values, ascending) in that
    order. A track keeps to its kind's rows: a video track dropped among the audio rows becomes
    the bottom video track, an audio track dropped among the video rows the first audio track.
    """

    label = "Move Track"

    def __init__(self, track_id: str, target_row: int) -> None:
        self.track_id = track_id
        self.target_row = target_row
        self._old: tuple[list[Track], dict[str, int]] = ([], {})

    def plan(self, timeline: Timeline) -> tuple[list[Track], dict[str, int]]:
        """The track list and the video tracks' z_indexes after the move."""
        tracks = timeline.tracks
        try:
            moving = timeline.track_index(self.track_id)
        except KeyError:
            raise EditError(f"There is no track {self.track_id!r}") from None
        order = display_order(timeline)
        target = min(max(self.target_row, 0), len(order))
        rows = (
            [i for i in order[:target] if i != moving] + [moving] + [i for i in order[target:] if i != moving]
        )
        videos = [tracks[i] for i in rows if tracks[i].kind != "audio"][::-1]  # bottom to top
        audios = [tracks[i] for i in rows if tracks[i].kind == "audio"]
        queues = {False: iter(videos), True: iter(audios)}
        new_list = [next(queues[t.kind == "audio"]) for t in tracks]  # each kind keeps its list slots
        levels = sorted(t.z_index for t in videos)
        return new_list, {t.id: z for t, z in zip(videos, levels, strict=True)}

    def changes(self, timeline: Timeline) -> bool:
        new_list, levels = self.plan(timeline)
        same_list = all(a is b for a, b in zip(new_list, timeline.tracks, strict=True))
        return not same_list or any(timeline.track(i).z_index != z for i, z in levels.items())

    def do(self, timeline: Timeline) -> None:
        new_list, levels = self.plan(timeline)
        self._old = (list(timeline.tracks), {t.id: t.z_index for t in timeline.tracks})
        timeline.tracks[:] = new_list
        for track in new_list:
            track.z_index = levels.get(track.id, track.z_index)

    def undo(self, timeline: Timeline) -> None:
        old_list, old_levels = self._old
        timeline.tracks[:] = old_list
        for track in old_list:
            track.z_index = old_levels[track.id]
