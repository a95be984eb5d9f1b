"""The five asset kinds of the editor JSON and their wire form (docs/architecture.md, "The wire contract").

Each asset knows how to write itself exactly as `videodb.editor`'s `to_json()` does
(`to_wire`), and how to read anything the SDK writes (`from_wire`). Times are ticks.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from editor_app.model.captions import CaptionSourceError, check_src
from editor_app.model.ticks import Ticks, to_seconds, to_ticks

HorizontalAlign = Literal["left", "center", "right"]
VerticalAlign = Literal["top", "center", "bottom"]
NinePosition = Literal[
    "center", "top", "bottom", "left", "right", "top_left", "top_right", "bottom_left", "bottom_right"
]
CaptionAlign = Literal[
    "bottom_left",
    "bottom_center",
    "bottom_right",
    "middle_left",
    "middle_center",
    "middle_right",
    "top_left",
    "top_center",
    "top_right",
]
CaptionAnimation = Literal["box_highlight", "color_highlight", "reveal", "karaoke", "impact", "supersize"]
CaptionBorderStyle = Literal["outline_and_shadow", "opaque_box"]
AssetType = Literal["video", "audio", "image", "text", "caption"]


class Part(BaseModel):
    """Base of every model piece: strict about names, quiet about unknown wire fields."""

    # no NaN or Infinity in any number: they break rendering, JSON files and arithmetic alike
    model_config = ConfigDict(
        extra="ignore",
        populate_by_name=True,
        validate_assignment=False,
        allow_inf_nan=False,
        ser_json_inf_nan="constants",  # written as NaN, so a save can see it and refuse (not null)
    )

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class Crop(Part):
    """Source pixels cut from each side, as the Python SDK documents `Crop(top: int, ...)`
    (project schema 3 and later; older projects' fractions are migrated)."""

    top: float = Field(default=0, ge=0)
    right: float = Field(default=0, ge=0)
    bottom: float = Field(default=0, ge=0)
    left: float = Field(default=0, ge=0)

    @property
    def is_empty(self) -> bool:
        return not (self.top or self.right or self.bottom or self.left)

    def to_wire(self) -> dict[str, Any]:
        # spelled out: model_dump() here was most of to_editor_json's time on 10,000 clips
        return {"top": self.top, "right": self.right, "bottom": self.bottom, "left": self.left}


class VideoAsset(Part):
    type: Literal["video"] = "video"
    id: str
    start: Ticks = Field(default=0, ge=0)
    volume: float = Field(default=1.0, ge=0)
    crop: Crop = Field(default_factory=Crop)

    def to_wire(self) -> dict[str, Any]:
        return {
            "type": "video",
            "id": self.id,
            "start": to_seconds(self.start),
            "volume": self.volume,
            "crop": self.crop.to_wire(),
        }


class AudioAsset(Part):
    type: Literal["audio"] = "audio"
    id: str
    start: Ticks = Field(default=0, ge=0)
    volume: float = Field(default=1.0, ge=0)

    def to_wire(self) -> dict[str, Any]:
        return {"type": "audio", "id": self.id, "start": to_seconds(self.start), "volume": self.volume}


class ImageAsset(Part):
    type: Literal["image"] = "image"
    id: str
    crop: Crop = Field(default_factory=Crop)

    def to_wire(self) -> dict[str, Any]:
        return {"type": "image", "id": self.id, "crop": self.crop.to_wire()}


class Font(Part):
    family: str = "Clear Sans"
    size: int = Field(default=48, ge=1)
    color: str = "#FFFFFF"
    opacity: float = Field(default=1.0, ge=0, le=1)
    # the Node SDK's CSS weight; the Python SDK has none, so it is written only when set
    weight: int | None = Field(default=None, ge=100, le=900)

    def to_wire(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "family": self.family,
            "size": self.size,
            "color": self.color,
            "opacity": self.opacity,
        }
        if self.weight is not None:
            data["weight"] = self.weight
        return data


class Border(Part):
    color: str = "#000000"
    width: float = Field(default=0.0, ge=0)


class Shadow(Part):
    color: str = "#000000"
    x: float = Field(default=0.0, ge=0)
    y: float = Field(default=0.0, ge=0)


class TextBackground(Part):
    width: float = Field(default=0.0, ge=0)
    height: float = Field(default=0.0, ge=0)
    color: str = "#000000"
    border_width: float = Field(default=0.0, ge=0)
    opacity: float = Field(default=1.0, ge=0, le=1)
    text_alignment: NinePosition = "center"


class Alignment(Part):
    horizontal: HorizontalAlign = "center"
    vertical: VerticalAlign = "center"


class TextAsset(Part):
    type: Literal["text"] = "text"
    text: str
    font: Font = Field(default_factory=Font)
    alignment: Alignment = Field(default_factory=Alignment)
    tabsize: int = Field(default=4, ge=1)
    line_spacing: float = Field(default=0, ge=0)
    border: Border | None = None
    shadow: Shadow | None = None
    background: TextBackground | None = None
    width: int | None = Field(default=None, ge=1)
    height: int | None = Field(default=None, ge=1)

    def to_wire(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": "text",
            "text": self.text,
            "font": self.font.to_wire(),
            "alignment": self.alignment.to_wire(),
            "tabsize": self.tabsize,
            "line_spacing": self.line_spacing,
        }
        for key in ("border", "shadow", "background"):
            part = getattr(self, key)
            if part is not None:
                data[key] = part.to_wire()
        for key in ("width", "height"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


class CaptionFont(Part):
    """Caption font in ASS terms; the wire names are `font_name` and `font_size`."""

    name: str = Field(default="Clear Sans", alias="font_name")
    size: int = Field(default=30, alias="font_size")
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strikeout: bool = False
    scale_x: float = 100
    scale_y: float = 100
    spacing: float = 0.0
    angle: float = 0.0

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class CaptionBorder(Part):
    style: CaptionBorderStyle = "outline_and_shadow"
    outline: int = 1
    outline_color: str = "&H00000000"
    shadow: int = 0


class CaptionPosition(Part):
    alignment: CaptionAlign = "bottom_center"
    margin_l: int = 30
    margin_r: int = 30
    margin_v: int = 30


class CaptionAsset(Part):
    type: Literal["caption"] = "caption"
    src: str = "auto"
    font: CaptionFont = Field(default_factory=CaptionFont)
    primary_color: str = "&H00FFFFFF"
    secondary_color: str = "&H000000FF"
    back_color: str = "&H00000000"
    border: CaptionBorder = Field(default_factory=CaptionBorder)
    position: CaptionPosition = Field(default_factory=CaptionPosition)
    animation: CaptionAnimation | None = None

    @field_validator("src")
    @classmethod
    def _readable_src(cls, value: str) -> str:
        try:
            return check_src(value)
        except CaptionSourceError as exc:
            raise ValueError(str(exc)) from None

    def to_wire(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": "caption",
            "src": self.src,
            "font": self.font.to_wire(),
            "primary_color": self.primary_color,
            "secondary_color": self.secondary_color,
            "back_color": self.back_color,
            "border": self.border.to_wire(),
            "position": self.position.to_wire(),
        }
        if self.animation:
            data["animation"] = self.animation
        return data


Asset = Annotated[
    VideoAsset | AudioAsset | ImageAsset | TextAsset | CaptionAsset,
    Field(discriminator="type"),
]
TIMED_ASSETS = (VideoAsset, AudioAsset)


def asset_wire_to_model_dict(data: dict[str, Any]) -> dict[str, Any]:
    """Turn a wire asset (seconds) into the model's input (ticks); the rest passes through."""
    out = dict(data)
    if out.get("type") in ("video", "audio") and "start" in out and out["start"] is not None:
        out["start"] = to_ticks(out["start"])
    return out
