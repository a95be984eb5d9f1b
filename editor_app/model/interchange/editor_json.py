"""Reading editor JSON (what the SDK's `Timeline.to_json()` writes) into a Timeline."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from editor_app.model.bulk import gc_paused
from editor_app.model.errors import InvalidTimelineJSON
from editor_app.model.timeline import (
    DEFAULT_BACKGROUND,
    DEFAULT_RESOLUTION,
    Timeline,
    Track,
    parse_clip,
    validation_message,
)


def _track_kind(clips: list[Any]) -> str:
    """Audio tracks are the ones holding only audio clips; anything else is a picture track."""
    if clips and all(c.kind == "audio" for c in clips):
        return "audio"
    return "video"


def parse_editor_json(data: Any) -> Timeline:
    with gc_paused():
        return _parse(data)


def _parse(data: Any) -> Timeline:
    if not isinstance(data, dict):
        raise InvalidTimelineJSON("timeline: expected a JSON object")
    body = data.get("timeline", data)
    if not isinstance(body, dict):
        raise InvalidTimelineJSON("timeline: expected an object")
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
        try:
            z_index = int(track_wire.get("z_index", 0) or 0)
        except (TypeError, ValueError):
            raise InvalidTimelineJSON(f"{where}.z_index: expected an integer") from None
        tracks.append(Track(name=name, kind=kind, z_index=z_index, clips=clips))
    try:
        return Timeline(
            background=body.get("background") or DEFAULT_BACKGROUND,
            resolution=_resolution(body.get("resolution") or DEFAULT_RESOLUTION),
            tracks=tracks,
        )
    except ValidationError as exc:
        raise InvalidTimelineJSON(validation_message(exc)) from None


def _resolution(value: Any) -> str:
    text = str(value)
    width, sep, height = text.partition("x")
    if not (sep and width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0):
        raise InvalidTimelineJSON(f"resolution: expected WIDTHxHEIGHT, got {text!r}")
    return text
