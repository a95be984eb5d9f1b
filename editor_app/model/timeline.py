"""Timeline, tracks and clips: the editor's document, in VideoDB editor terms.

A `Clip` here is the wire's TrackItem and Clip in one (its `start` is the TrackItem's),
plus an editor-only `id`. Tracks keep their clips sorted by start, so any clip is found by
binary search and no edit costs O(all clips). Times are integer ticks (`ticks.py`).

Wire format: `to_editor_json()` equals `videodb.editor.Timeline.to_json()` for the same
timeline; `from_editor_json()` reads anything the SDK writes. Editor-only state (ids, track
names, mute/lock/hide, markers, media metadata) is kept in project files, never on the wire;
its effect is: hidden tracks are left out and muted tracks sound at volume 0.
"""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from editor_app.model.assets import (
    Asset,
    AudioAsset,
    Crop,
    NinePosition,
    Part,
    VideoAsset,
)
from editor_app.model.bulk import gc_paused
from editor_app.model.errors import InvalidTimelineJSON
from editor_app.model.media import MediaInfo
from editor_app.model.ticks import Ticks, to_seconds, to_ticks

FitMode = Literal["crop", "cover", "contain"]
FilterName = Literal["blur", "boost", "contrast", "darken", "greyscale", "lighten", "muted", "negative"]
TrackKind = Literal["video", "audio"]

DEFAULT_RESOLUTION = "1280x720"
DEFAULT_BACKGROUND = "#000000"


def new_id() -> str:
    return uuid.uuid4().hex[:12]


class Offset(Part):
    x: float = 0
    y: float = 0

    def to_wire(self) -> dict[str, Any]:
        return {"x": self.x, "y": self.y}  # cheaper than model_dump() on every clip


class Transition(Part):
    in_: Literal["fade"] | None = Field(default=None, alias="in")
    out: Literal["fade"] | None = None
    duration: Ticks = Field(default=500, ge=0)

    def to_wire(self) -> dict[str, Any]:
        return {"in": self.in_, "out": self.out, "duration": to_seconds(self.duration)}


class Clip(Part):
    """A clip placed on a track at `start` for `duration` ticks."""

    id: str = Field(default_factory=new_id)
    start: Ticks = Field(ge=0)
    duration: Ticks = Field(gt=0)
    asset: Asset
    effect: str | None = None
    filter: FilterName | None = None
    scale: float = Field(default=1, ge=0, le=10)
    opacity: float = Field(default=1, ge=0, le=1)
    fit: FitMode | None = "crop"
    position: NinePosition = "center"
    offset: Offset = Field(default_factory=Offset)
    z_index: int = 0
    transition: Transition | None = None

    @property
    def end(self) -> Ticks:
        return self.start + self.duration

    @property
    def kind(self) -> str:
        return self.asset.type

    @property
    def media_id(self) -> str | None:
        return getattr(self.asset, "id", None)

    @property
    def source_start(self) -> Ticks:
        """Where the clip starts inside its source (0 for untimed assets)."""
        return self.asset.start if isinstance(self.asset, VideoAsset | AudioAsset) else 0

    @property
    def volume(self) -> float | None:
        return self.asset.volume if isinstance(self.asset, VideoAsset | AudioAsset) else None

    def label(self) -> str:
        asset = self.asset
        if asset.type == "text":
            return asset.text.splitlines()[0] if asset.text else "Text"
        if asset.type == "caption":
            return "Captions"
        return asset.id

    def to_wire(self, volume_scale: float = 1.0) -> dict[str, Any]:
        asset = self.asset.to_wire()
        if volume_scale != 1.0 and "volume" in asset:
            asset["volume"] = asset["volume"] * volume_scale
        clip: dict[str, Any] = {
            "asset": asset,
            "duration": to_seconds(self.duration),
            "effect": self.effect,
            "scale": self.scale,
            "opacity": self.opacity,
            "fit": self.fit,
            "position": self.position,
            "offset": self.offset.to_wire(),
            "z_index": self.z_index,
        }
        if self.transition is not None:
            clip["transition"] = self.transition.to_wire()
        if self.filter:
            clip["filter"] = self.filter
        return {"start": to_seconds(self.start), "clip": clip}


def _start_key(clip: Clip) -> int:
    return clip.start


class Track(Part):
    """A layer of clips. `clips` is kept sorted by `start`; use the methods to change it."""

    id: str = Field(default_factory=new_id)
    name: str = ""
    kind: TrackKind = "video"
    z_index: int = 0
    muted: bool = False
    locked: bool = False
    hidden: bool = False
    clips: list[Clip] = Field(default_factory=list)

    def model_post_init(self, context: Any, /) -> None:
        self.clips.sort(key=_start_key)

    def accepts(self, clip: Clip) -> bool:
        """Audio clips live on audio tracks; everything that has a picture on video tracks."""
        return (clip.kind == "audio") == (self.kind == "audio")

    def insert(self, clip: Clip) -> int:
        index = bisect.bisect_right(self.clips, clip.start, key=_start_key)
        self.clips.insert(index, clip)
        return index

    def index_of(self, clip: Clip) -> int:
        index = bisect.bisect_left(self.clips, clip.start, key=_start_key)
        while index < len(self.clips):
            if self.clips[index] is clip:
                return index
            index += 1
        raise KeyError(clip.id)

    def remove(self, clip: Clip) -> int:
        index = self.index_of(clip)
        del self.clips[index]
        return index

    def overlapping(self, start: Ticks, end: Ticks, ignore: frozenset[str] = frozenset()) -> Clip | None:
        """The first clip (not in `ignore`) that shares time with [start, end), or None."""
        index = bisect.bisect_left(self.clips, start, key=_start_key)
        # the clip just before `start` may reach into the range; earlier ones overlap only if
        # the track holds imported overlaps, so look back until a clip ends before `start`.
        back = index - 1
        while back >= 0:
            other = self.clips[back]
            if other.end > start and other.id not in ignore:
                return other
            if other.end <= start and back < index - 1:
                break
            back -= 1
        clips = self.clips
        for i in range(index, len(clips)):
            other = clips[i]
            if other.start >= end:
                break
            if other.id not in ignore:
                return other
        return None

    def visible(self, start: Ticks, end: Ticks) -> Iterator[Clip]:
        """Clips that share time with [start, end), found by binary search."""
        index = bisect.bisect_left(self.clips, start, key=_start_key)
        if index > 0 and self.clips[index - 1].end > start:
            index -= 1
        clips = self.clips
        for i in range(index, len(clips)):  # by index: neither copy nor skip the tail before it
            clip = clips[i]
            if clip.start >= end:
                break
            yield clip

    @property
    def end(self) -> Ticks:
        return max((c.end for c in self.clips), default=0)

    def to_wire(self, apply_state: bool = True) -> dict[str, Any]:
        scale = 0.0 if (apply_state and self.muted) else 1.0
        return {"clips": [c.to_wire(scale) for c in self.clips], "z_index": self.z_index}


class Marker(Part):
    id: str = Field(default_factory=new_id)
    time: Ticks = Field(ge=0)
    label: str = ""
    color: str = "#E8B53A"


class Timeline(BaseModel):
    """The whole edit. `from editor_app.model import Timeline`."""

    model_config = ConfigDict(extra="ignore", validate_assignment=False)

    background: str = DEFAULT_BACKGROUND
    resolution: str = DEFAULT_RESOLUTION
    tracks: list[Track] = Field(default_factory=list)
    markers: list[Marker] = Field(default_factory=list)
    media: dict[str, MediaInfo] = Field(default_factory=dict)

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
        with gc_paused():
            wire_tracks = [t.to_wire(apply_track_state) for t in tracks]
        return {
            "timeline": {
                "background": self.background,
                "resolution": self.resolution,
                "tracks": wire_tracks,
            }
        }

    @classmethod
    def from_editor_json(cls, data: dict[str, Any]) -> Timeline:
        """Read editor JSON as the SDK writes it (with or without the `timeline` wrapper)."""
        from editor_app.model.interchange.editor_json import parse_editor_json

        return parse_editor_json(data)

    def to_timeline_v2(self, output_format: str = "hls", quality: str = "high") -> dict[str, Any]:
        """The seed's `/timeline_v2` compile body, or TimelineV2Unsupported naming what does not fit."""
        from editor_app.model.interchange.timeline_v2 import to_timeline_v2

        return to_timeline_v2(self, output_format=output_format, quality=quality)


def validation_message(error: ValidationError, prefix: str = "") -> str:
    """`tracks[0].clips[2].clip.duration: Input should be greater than 0` for the first error."""
    first = error.errors()[0]
    path = prefix
    previous: object = None
    for part in first["loc"]:
        if previous == "asset" and part in _ASSET_TYPES:
            previous = part
            continue  # the union's tag ("asset.video.id") says nothing the user wrote
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        previous = part
    return f"{path or 'timeline'}: {first['msg']}"


_ASSET_TYPES = frozenset({"video", "audio", "image", "text", "caption"})


def _wire_time(value: Any, where: str) -> Ticks:
    try:
        return to_ticks(value)
    except (TypeError, ValueError):
        raise InvalidTimelineJSON(f"{where}: expected a time in seconds, got {value!r}") from None


def parse_clip(item: dict[str, Any], where: str) -> Clip:
    """One wire TrackItem `{start, clip}` into a Clip; errors name `where`."""
    if not isinstance(item, dict) or not isinstance(item.get("clip"), dict):
        raise InvalidTimelineJSON(f"{where}: expected an object with 'start' and 'clip'")
    wire = item["clip"]
    fields = {k: v for k, v in wire.items() if k not in ("asset", "duration", "transition", "fit")}
    fields["start"] = _wire_time(item.get("start", 0), f"{where}.start")
    if "duration" not in wire:
        raise InvalidTimelineJSON(f"{where}.clip.duration: field required")
    fields["duration"] = _wire_time(wire["duration"], f"{where}.clip.duration")
    asset = wire.get("asset")
    if not isinstance(asset, dict):
        raise InvalidTimelineJSON(f"{where}.clip.asset: expected an object")
    asset = dict(asset)
    if asset.get("type") in ("video", "audio") and asset.get("start") is not None:
        asset["start"] = _wire_time(asset["start"], f"{where}.clip.asset.start")
    fields["asset"] = asset
    fit = wire.get("fit", "crop")
    fields["fit"] = None if fit in (None, "None", "none") else fit
    transition = wire.get("transition")
    if transition is not None:
        if not isinstance(transition, dict):
            raise InvalidTimelineJSON(f"{where}.clip.transition: expected an object, got {transition!r}")
        transition = dict(transition)
        if transition.get("duration") is not None:
            transition["duration"] = _wire_time(transition["duration"], f"{where}.clip.transition.duration")
        fields["transition"] = transition
    try:
        clip = Clip.model_validate(fields)
    except ValidationError as exc:
        message = validation_message(exc, f"{where}.clip")
        # the TrackItem's start sits beside `clip` on the wire, not inside it
        raise InvalidTimelineJSON(message.replace(f"{where}.clip.start:", f"{where}.start:", 1)) from None
    return clip


__all__ = [
    "Clip",
    "Crop",
    "Marker",
    "Offset",
    "Timeline",
    "Track",
    "Transition",
    "new_id",
]
