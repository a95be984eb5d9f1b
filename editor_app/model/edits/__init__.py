"""Every edit of the timeline, as `Command` classes for `History.push` (one import for callers).

Clip placement: `AddClip`, `AddClips`, `Lift`, `RippleDelete`, `MoveClips`, `TrimIn`, `TrimOut`.
New clips from old: `Split` (and `split_all` for every track), `Paste`, `Duplicate`, `copy_clips`.
Properties: `SetClipProperty`, `SetVolume`, `SetTimelineProperty`.
Tracks: `AddTrack`, `RemoveTrack`, `MoveTrack`, `RestackTrack` (by display row), `SetTrackState`;
`new_track` (the next V/A track, drawn on top), `display_order` (rows from the top).
Placing a new clip: `PlaceClip` (on a track, or on a new one of its kind), `track_with_room`.
Trim tools (`trims.py`): `RippleTrim`, `Roll`, `Slip`, `Slide`.
Insert and overwrite (`modes.py`): `Place` for new, moved and pasted clips, `duplicate_at`.
Gaps and ranges (`ranges.py`): `CloseGap`, `CloseAllGaps`, `LiftRange`, `ExtractRange`, `gap_at`.
Markers: `AddMarker`, `RemoveMarker`, `EditMarker`, `next_marker`, `previous_marker`.

Rules (see `rules.py`): overlaps on one track are refused with a reason, locked tracks
refuse clip edits, audio goes on audio tracks, no clip runs past its source.
"""

from editor_app.model.edits.clips import AddClip, AddClips, Lift, MoveClips, RippleDelete, TrimIn, TrimOut
from editor_app.model.edits.copy import Duplicate, Paste, Split, copy_clips, split_all
from editor_app.model.edits.markers import AddMarker, EditMarker, RemoveMarker, next_marker, previous_marker
from editor_app.model.edits.modes import Mode, Place, duplicate_at
from editor_app.model.edits.placement import PlaceClip, track_with_room
from editor_app.model.edits.props import SetClipProperty, SetTimelineProperty, SetVolume
from editor_app.model.edits.ranges import (
    CloseAllGaps,
    CloseGap,
    ExtractRange,
    LiftRange,
    gap_at,
    range_timeline,
)
from editor_app.model.edits.tracks import (
    AddTrack,
    MoveTrack,
    RemoveTrack,
    RestackTrack,
    SetTrackState,
    display_order,
    new_track,
)
from editor_app.model.edits.trims import RippleTrim, Roll, Slide, Slip
from editor_app.model.undo import Command, CompoundCommand, History

__all__ = [
    "AddClip",
    "AddClips",
    "AddMarker",
    "AddTrack",
    "CloseAllGaps",
    "CloseGap",
    "Command",
    "CompoundCommand",
    "Duplicate",
    "EditMarker",
    "ExtractRange",
    "History",
    "Lift",
    "LiftRange",
    "Mode",
    "MoveClips",
    "MoveTrack",
    "Paste",
    "Place",
    "PlaceClip",
    "RemoveMarker",
    "RemoveTrack",
    "RestackTrack",
    "RippleDelete",
    "RippleTrim",
    "Roll",
    "SetClipProperty",
    "SetTimelineProperty",
    "SetTrackState",
    "SetVolume",
    "Slide",
    "Slip",
    "Split",
    "TrimIn",
    "TrimOut",
    "copy_clips",
    "display_order",
    "duplicate_at",
    "gap_at",
    "new_track",
    "next_marker",
    "previous_marker",
    "range_timeline",
    "split_all",
    "track_with_room",
]
