"""Property edits: any clip or asset property, volume, and the timeline's own settings.

Values are validated with the model's own pydantic field definitions, so a bad value is
refused with the field's rule ("scale: Input should be less than or equal to 10").
Consecutive changes to one property of the same clips merge into one undo step (a slider
drag) until `History.break_merge()`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from functools import cache
from typing import Annotated, Any, cast

from pydantic import BaseModel, TypeAdapter, ValidationError

from editor_app.model.clip import Clip
from editor_app.model.edits.rules import editable_clip, unique_ids
from editor_app.model.errors import EditError
from editor_app.model.timeline import Timeline
from editor_app.model.undo import Command

CLIP_PROPERTIES = frozenset(
    {"fit", "position", "offset", "scale", "opacity", "transition", "filter", "z_index", "effect"}
)
# asset fields an edit must not change: identity, and the source start (that is TrimIn's job)
FIXED_ASSET_FIELDS = frozenset({"type", "id", "start"})
MAX_VOLUME = 10.0
LABELS = {"text": "Edit Text", "volume": "Set Volume", "z_index": "Set Layer Order", "fps": "Set Frame Rate"}


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    field = model.model_fields[name]
    return TypeAdapter(cast(Any, Annotated[field.annotation, field]))


def validate_field(model: type[BaseModel], name: str, value: Any) -> Any:
    try:
        return _adapter(model, name).validate_python(value)
    except ValidationError as exc:
        raise EditError(f"{name}: {exc.errors()[0]['msg']}") from None


def property_label(name: str) -> str:
    return LABELS.get(name, "Set " + name.replace("_", " ").title())


class SetClipProperty(Command):
    """Set `name` to `value` on every clip in `clip_ids`.

    `name` is a clip property (fit, position, offset, scale, opacity, transition, filter,
    z_index, effect) or a field of the clip's asset (volume, crop, text, font, alignment,
    border, ...); write `asset.position` for an asset field whose name a clip property
    shadows (captions).
    """

    def __init__(self, clip_ids: Iterable[str], name: str, value: Any) -> None:
        self.clip_ids = tuple(unique_ids(clip_ids))
        self.name = name.removeprefix("asset.")
        self.on_asset = name.startswith("asset.") or self.name not in CLIP_PROPERTIES
        self.value = value
        self.label = property_label(self.name)
        self._old: list[tuple[BaseModel, Any]] = []

    def _target(self, clip: Clip) -> BaseModel:
        target: BaseModel = clip.asset if self.on_asset else clip
        if self.name not in type(target).model_fields or (self.on_asset and self.name in FIXED_ASSET_FIELDS):
            raise EditError(f"'{clip.label()}' ({clip.kind}) has no property '{self.name}' to set")
        return target

    def do(self, timeline: Timeline) -> None:
        if not self.clip_ids:
            raise EditError("Select the clips to change first")
        targets: list[BaseModel] = []
        validated: dict[type[BaseModel], Any] = {}
        for clip_id in self.clip_ids:
            _track, clip = editable_clip(timeline, clip_id)
            target = self._target(clip)
            kind = type(target)
            if kind not in validated:
                validated[kind] = self._validate(kind)
            targets.append(target)
        self._old = [(target, getattr(target, self.name)) for target in targets]
        for target in targets:
            # each clip gets its own copy, so no two clips share a mutable part
            setattr(target, self.name, copy.deepcopy(validated[type(target)]))

    def _validate(self, model: type[BaseModel]) -> Any:
        value = validate_field(model, self.name, self.value)
        if self.on_asset and self.name == "volume" and not 0 <= value <= MAX_VOLUME:
            raise EditError(f"volume: must be between 0 and {MAX_VOLUME:g}, not {value:g}")
        return value

    def undo(self, timeline: Timeline) -> None:
        for target, value in reversed(self._old):
            setattr(target, self.name, value)

    def merge_with(self, other: Command) -> bool:
        if (
            isinstance(other, SetClipProperty)
            and other.clip_ids == self.clip_ids
            and other.name == self.name
            and other.on_asset == self.on_asset
        ):
            self.value = other.value
            return True
        return False


class SetVolume(SetClipProperty):
    """Set the volume (0 to 10, 1 = as recorded) of video and audio clips."""

    def __init__(self, clip_ids: Iterable[str], volume: float) -> None:
        super().__init__(clip_ids, "asset.volume", volume)


RESOLUTION = re.compile(r"(\d{1,5})x(\d{1,5})")
COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


FRAME_RATES = (23.976, 24.0, 25.0, 29.97, 30.0, 50.0, 59.94, 60.0)


def check_timeline_value(name: str, value: Any) -> str | float:
    if name == "resolution":
        match = RESOLUTION.fullmatch(str(value).strip())
        sizes = (int(match[1]), int(match[2])) if match else (0, 0)
        if not all(16 <= size <= 7680 and size % 2 == 0 for size in sizes):
            raise EditError(
                f"Resolution must be WIDTHxHEIGHT in even pixels (16-7680), e.g. 1280x720, not {value!r}"
            )
        return f"{sizes[0]}x{sizes[1]}"
    if name == "background":
        if not isinstance(value, str) or not COLOR.fullmatch(value):
            raise EditError(f"Background must be a colour like #000000, not {value!r}")
        return value
    if name == "fps":
        try:
            rate = float(value)
        except (TypeError, ValueError):
            rate = 0.0
        if not 1 <= rate <= 240:
            raise EditError(f"The frame rate must be 1 to 240 frames per second, not {value!r}")
        return rate
    raise EditError(f"The timeline has no setting '{name}' (resolution, background, fps)")


class SetTimelineProperty(Command):
    """Set the timeline's `resolution` ("1280x720"), `background` ("#000000") or `fps` (30)."""

    def __init__(self, name: str, value: Any) -> None:
        self.name = name
        self.value = value
        self.label = property_label(name)
        self._old: str | float = ""

    def do(self, timeline: Timeline) -> None:
        value = check_timeline_value(self.name, self.value)
        self._old = getattr(timeline, self.name)
        setattr(timeline, self.name, value)

    def undo(self, timeline: Timeline) -> None:
        setattr(timeline, self.name, self._old)

    def merge_with(self, other: Command) -> bool:
        if isinstance(other, SetTimelineProperty) and other.name == self.name:
            self.value = other.value
            return True
        return False
