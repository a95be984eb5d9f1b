"""A track (a layer of clips kept sorted by start, so any clip is found by binary search and no
edit costs O(all clips)) and a timeline marker."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from editor_app.model.assets import Part
from editor_app.model.clip import Clip, new_id
from editor_app.model.ticks import Ticks

TrackKind = Literal["video", "audio"]


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
    solo: bool = False  # audio: while any audio track is soloed, only soloed ones sound
    height: int | None = Field(default=None, ge=24, le=400)  # row height in pixels; None = by kind
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

    def to_wire(self, apply_state: bool = True, silent: bool = False) -> dict[str, Any]:
        scale = 0.0 if (apply_state and (self.muted or silent)) else 1.0
        return {"clips": [c.to_wire(scale) for c in self.clips], "z_index": self.z_index}


class Marker(Part):
    id: str = Field(default_factory=new_id)
    time: Ticks = Field(ge=0)
    label: str = ""
    color: str = "#E8B53A"
