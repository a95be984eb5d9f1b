"""Every edit of the timeline, as `Command` classes for `History.push` (one import for callers).

Clip placement: `AddClip`, `AddClips`, `Lift`, `RippleDelete`, `MoveClips`, `TrimIn`, `TrimOut`.
New clips from old: `Split` (and `split_all` for every track), `Paste`, `Duplicate`, `copy_clips`.
Properties: `SetClipProperty`, `SetVolume`, `SetTimelineProperty`.
Tracks: `AddTrack`, `RemoveTrack`, `MoveTrack`, `SetTrackState`.
Markers: `AddMarker`, `RemoveMarker`, `EditMarker`, `next_marker`, `previous_marker`.

Rules (see `edit_rules.py`): overlaps on one track are refused with a reason, locked tracks
refuse clip edits, audio goes on audio tracks, no clip runs past its source.
"""

from editor_app.model.edits.clips import AddClip, AddClips, Lift, MoveClips, RippleDelete, TrimIn, TrimOut
from editor_app.model.edits.copy import Duplicate, Paste, Split, copy_clips, split_all
from editor_app.model.edits.markers import AddMarker, EditMarker, RemoveMarker, next_marker, previous_marker
from editor_app.model.edits.props import SetClipProperty, SetTimelineProperty, SetVolume
from editor_app.model.edits.tracks import AddTrack, MoveTrack, RemoveTrack, SetTrackState
from editor_app.model.undo import Command, CompoundCommand, History

__all__ = [
    "AddClip",
    "AddClips",
    "AddMarker",
    "AddTrack",
    "Command",
    "CompoundCommand",
    "Duplicate",
    "EditMarker",
    "History",
    "Lift",
    "MoveClips",
    "MoveTrack",
    "Paste",
    "RemoveMarker",
    "RemoveTrack",
    "RippleDelete",
    "SetClipProperty",
    "SetTimelineProperty",
    "SetTrackState",
    "SetVolume",
    "Split",
    "TrimIn",
    "TrimOut",
    "copy_clips",
    "next_marker",
    "previous_marker",
    "split_all",
]
