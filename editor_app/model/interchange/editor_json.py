"""Reading editor JSON (what the SDK's `Timeline.to_json()` writes) into the parts of a Timeline.

Errors are `InvalidTimelineJSON` naming the field as the user wrote it
(`tracks[0].clips[2].clip.duration: ...`). Writing is the parts' own `to_wire`.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from editor_app.model.clip import Clip
from editor_app.model.errors import InvalidTimelineJSON
from editor_app.model.interchange.wire_checks import MAX_NUMBER, check_wire_values
from editor_app.model.ticks import Ticks, to_ticks
from editor_app.model.track import Track

DEFAULT_RESOLUTION = "1280x720"
DEFAULT_BACKGROUND = "#000000"


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
    except (TypeError, ValueError, OverflowError):
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


def _track_kind(clips: list[Any]) -> str:
    """Audio tracks are the ones holding only audio clips; anything else is a picture track."""
    if clips and all(c.kind == "audio" for c in clips):
        return "audio"
    return "video"


def read_editor_json(data: Any) -> dict[str, Any]:
    """The Timeline fields (`background`, `resolution`, `tracks`) an editor JSON body holds;
    `Timeline.from_editor_json` builds the timeline from them."""
    if not isinstance(data, dict):
        raise InvalidTimelineJSON("timeline: expected a JSON object")
    body = data.get("timeline", data)
    if not isinstance(body, dict):
        raise InvalidTimelineJSON("timeline: expected an object")
    check_wire_values(body)
    tracks_wire = body.get("tracks", [])
    if not isinstance(tracks_wire, list):
        raise InvalidTimelineJSON("tracks: expected a list")
    tracks: list[Track] = []
    video_n = audio_n = 0
    for t_index, track_wire in enumerate(tracks_wire):
        where = f"tracks[{t_index}]"
        if not isinstance(track_wire, dict):
            raise InvalidTimelineJSON(f"{where}: expected an object")
        items = track_wire.get("clips", [])
        if not isinstance(items, list):
            raise InvalidTimelineJSON(f"{where}.clips: expected a list")
        clips = [parse_clip(item, f"{where}.clips[{i}]") for i, item in enumerate(items)]
        kind = _track_kind(clips)
        if kind == "audio":
            audio_n += 1
            name = f"A{audio_n}"
        else:
            video_n += 1
            name = f"V{video_n}"
        z_index = _z_index(track_wire.get("z_index", 0), f"{where}.z_index")
        tracks.append(Track(name=name, kind=kind, z_index=z_index, clips=clips))
    return {
        "background": body.get("background") or DEFAULT_BACKGROUND,
        "resolution": _resolution(body.get("resolution") or DEFAULT_RESOLUTION),
        "tracks": tracks,
    }


def _z_index(value: Any, where: str) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise InvalidTimelineJSON(f"{where}: expected an integer, got {value!r}")
    if abs(value) > MAX_NUMBER:
        raise InvalidTimelineJSON(f"{where}: {value!r} is out of range")
    return int(value)


MAX_SIDE = 8192  # pixels, either side of the output frame


def _resolution(value: Any) -> str:
    text = str(value)
    width, sep, height = text.partition("x")
    # ASCII digits only: str.isdigit() also accepts superscripts, which int() then refuses
    if not (sep and _is_ascii_number(width) and _is_ascii_number(height)):
        raise InvalidTimelineJSON(f"resolution: expected WIDTHxHEIGHT, got {text!r}")
    if not (0 < int(width) <= MAX_SIDE and 0 < int(height) <= MAX_SIDE):
        raise InvalidTimelineJSON(f"resolution: each side must be 1 to {MAX_SIDE} pixels, got {text!r}")
    return text


def _is_ascii_number(text: str) -> bool:
    return 0 < len(text) <= 5 and text.isascii() and text.isdigit()
