"""A clip: the wire's TrackItem and Clip in one (its `start` is the TrackItem's), plus an
editor-only `id`, with its offset and transition. Times are integer ticks (`ticks.py`)."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import Field

from editor_app.model.assets import Asset, AudioAsset, NinePosition, Part, VideoAsset
from editor_app.model.ticks import Ticks, to_seconds

FitMode = Literal["crop", "cover", "contain"]
FilterName = Literal["blur", "boost", "contrast", "darken", "greyscale", "lighten", "muted", "negative"]


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
