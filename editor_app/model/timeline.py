"""The timeline: the editor's document, in VideoDB editor terms (its parts: `clip.py`, `track.py`).

Wire format: `to_editor_json()` equals `videodb.editor.Timeline.to_json()` for the same
timeline; `from_editor_json()` reads anything the SDK writes. Editor-only state (ids, track
names, mute/lock/hide, markers, media metadata) is kept in project files, never on the wire;
its effect is: hidden tracks are left out and muted tracks sound at volume 0.

The interchange readers and writers this class offers as methods (`interchange.editor_json`,
`interchange.timeline_v2`) work on its parts and never import this module, so the model has
no import cycle.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from editor_app.model.assets import Crop
from editor_app.model.bulk import gc_paused
from editor_app.model.clip import Clip, FilterName, FitMode, Offset, Transition, new_id
from editor_app.model.errors import InvalidTimelineJSON
from editor_app.model.interchange.editor_json import (
    DEFAULT_BACKGROUND,
    DEFAULT_RESOLUTION,
    read_editor_json,
    validation_message,
)
from editor_app.model.interchange.timeline_v2 import to_timeline_v2
from editor_app.model.media import MediaInfo
from editor_app.model.ticks import DEFAULT_FPS, Ticks, on_frame
from editor_app.model.track import Marker, Track, TrackKind


class Timeline(BaseModel):
    """The whole edit. `from editor_app.model import Timeline`."""

    model_config = ConfigDict(extra="ignore", validate_assignment=False)

    background: str = DEFAULT_BACKGROUND
    resolution: str = DEFAULT_RESOLUTION
    tracks: list[Track] = Field(default_factory=list)
    markers: list[Marker] = Field(default_factory=list)
    media: dict[str, MediaInfo] = Field(default_factory=dict)
    # the project frame rate: edits and snapping land on its frames; editor-only, never on the wire
    fps: float = Field(default=DEFAULT_FPS, gt=0, le=240)

    _clip_tracks: dict[str, Track] = PrivateAttr(default_factory=dict)
    _clip_objects: dict[str, Clip] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        self.reindex()

    # ---- lookup ---------------------------------------------------------------------------
    def reindex(self) -> None:
        """Rebuild the clip-id index (after loading, or after changing `tracks` wholesale)."""
        self._clip_tracks = {c.id: t for t in self.tracks for c in t.clips}
        self._clip_objects = {c.id: c for t in self.tracks for c in t.clips}

    def track(self, track_id: str) -> Track:
        for track in self.tracks:
            if track.id == track_id:
                return track
        raise KeyError(f"no track {track_id!r}")

    def track_index(self, track_id: str) -> int:
        for i, track in enumerate(self.tracks):
            if track.id == track_id:
                return i
        raise KeyError(f"no track {track_id!r}")

    def track_of(self, clip_id: str) -> Track:
        try:
            return self._clip_tracks[clip_id]
        except KeyError:
            raise KeyError(f"no clip {clip_id!r}") from None

    def clip(self, clip_id: str) -> Clip:
        track = self.track_of(clip_id)
        known = self._clip_objects.get(clip_id)
        if known is not None:
            try:
                track.index_of(known)  # a binary search proves the index is current
                return known
            except KeyError:
                pass
        for clip in track.clips:  # the index went stale: someone changed `clips` directly
            if clip.id == clip_id:
                return clip
        raise KeyError(f"no clip {clip_id!r}")  # pragma: no cover - index out of sync

    def find(self, clip_id: str) -> tuple[Track, Clip]:
        return self.track_of(clip_id), self.clip(clip_id)

    def clips(self) -> Iterator[tuple[Track, Clip]]:
        for track in self.tracks:
            for clip in track.clips:
                yield track, clip

    @property
    def clip_count(self) -> int:
        return len(self._clip_tracks)

    @property
    def duration(self) -> Ticks:
        return max((t.end for t in self.tracks), default=0)

    @property
    def size(self) -> tuple[int, int]:
        width, _, height = self.resolution.partition("x")
        return int(width), int(height)

    def on_frame(self, ticks: Ticks) -> Ticks:
        """`ticks` moved to the nearest frame of the project frame rate."""
        return on_frame(ticks, self.fps)

    def source_length(self, clip: Clip) -> Ticks | None:
        """Length of the clip's source in ticks, when the media is known and timed."""
        media_id = clip.media_id
        if media_id is None or clip.kind not in ("video", "audio"):
            return None
        info = self.media.get(media_id)
        return info.length if info is not None else None

    # ---- primitive changes (edit commands build on these) ---------------------------------
    def attach(self, track: Track, clip: Clip, index: int | None = None) -> None:
        """Put `clip` on `track` in start order, or at `index` (undo restores exact places)."""
        if index is None:
            track.insert(clip)
        else:
            track.clips.insert(index, clip)
        self._clip_tracks[clip.id] = track
        self._clip_objects[clip.id] = clip

    def detach(self, clip: Clip) -> Track:
        track = self.track_of(clip.id)
        track.remove(clip)
        del self._clip_tracks[clip.id]
        self._clip_objects.pop(clip.id, None)
        return track

    def add_track(self, track: Track, index: int | None = None) -> None:
        self.tracks.insert(len(self.tracks) if index is None else index, track)
        for clip in track.clips:
            self._clip_tracks[clip.id] = track
            self._clip_objects[clip.id] = clip

    def remove_track(self, track_id: str) -> tuple[int, Track]:
        index = self.track_index(track_id)
        track = self.tracks.pop(index)
        for clip in track.clips:
            self._clip_tracks.pop(clip.id, None)
            self._clip_objects.pop(clip.id, None)
        return index, track

    # ---- wire format ----------------------------------------------------------------------
    def to_editor_json(self, apply_track_state: bool = True) -> dict[str, Any]:
        """The body of `POST /editor`, equal to `videodb.editor.Timeline.to_json()`."""
        tracks = [t for t in self.tracks if not (apply_track_state and t.hidden)]
        # a soloed audio track silences the audio tracks that are not soloed
        solo = apply_track_state and any(t.solo and t.kind == "audio" for t in tracks)
        with gc_paused():
            wire_tracks = [
                t.to_wire(apply_track_state, silent=solo and t.kind == "audio" and not t.solo) for t in tracks
            ]
        return {
            "timeline": {
                "background": self.background,
                "resolution": self.resolution,
                "tracks": wire_tracks,
            }
        }

    @classmethod
    def from_editor_json(cls, data: Any) -> Timeline:
        """Read editor JSON as the SDK writes it (with or without the `timeline` wrapper);
        InvalidTimelineJSON names the first field that is wrong."""
        with gc_paused():
            fields = read_editor_json(data)
            try:
                return cls(**fields)
            except ValidationError as exc:
                raise InvalidTimelineJSON(validation_message(exc)) from None

    def to_timeline_v2(self, output_format: str = "hls", quality: str = "high") -> dict[str, Any]:
        """The seed's `/timeline_v2` compile body, or TimelineV2Unsupported naming what does not fit."""
        return to_timeline_v2(self.tracks, self.resolution, self.background, output_format, quality)


__all__ = [
    "DEFAULT_BACKGROUND",
    "DEFAULT_RESOLUTION",
    "Clip",
    "Crop",
    "FilterName",
    "FitMode",
    "Marker",
    "Offset",
    "Timeline",
    "Track",
    "TrackKind",
    "Transition",
    "new_id",
]
