"""Bring project files written by older versions up to the current schema.

Each step takes the decoded JSON of version N and returns that of version N+1; `migrate`
chains them. Steps work on plain dicts so they never depend on today's model classes.

Schema 1 kept the timeline as wire editor JSON under `timeline_json` (times in seconds, no
clip ids, no track names or state) and the playhead in seconds. Schema 2 keeps the model
itself (times in integer ticks, ids, track state, markers, media metadata). Schema 3 adds the
project frame rate (`timeline.fps`, 30 unless set), audio solo and row heights per track; schema 4
keeps crops in source pixels (they were fractions of the source).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from editor_app.model.errors import InvalidTimelineJSON
from editor_app.model.media import MediaInfo
from editor_app.model.ticks import to_ticks
from editor_app.model.timeline import Timeline

Migration = Callable[[dict[str, Any]], dict[str, Any]]


class MigrationError(ValueError):
    """A step could not read the old file; the message names the field."""


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in data.items() if k not in ("timeline_json", "playhead", "selection")}
    try:
        timeline = Timeline.from_editor_json(data.get("timeline_json") or {})
    except InvalidTimelineJSON as exc:
        raise MigrationError(f"timeline_json.{exc}") from None
    # v1 knew media only from the bin's references; give the timeline what they tell
    for ref in data.get("media") or []:
        if isinstance(ref, dict) and ref.get("id") and ref.get("kind") in ("video", "audio", "image"):
            try:
                timeline.media[ref["id"]] = MediaInfo(
                    id=ref["id"],
                    kind=ref["kind"],
                    name=str(ref.get("name") or ""),
                    original_path=ref.get("original_path"),
                )
            except ValidationError as exc:
                raise MigrationError(f"media: {exc.errors()[0]['msg']}") from None
    out["timeline"] = timeline.model_dump(mode="json")
    try:
        out["playhead"] = to_ticks(data.get("playhead") or 0)
    except (TypeError, ValueError):
        raise MigrationError(f"playhead: not a time in seconds: {data.get('playhead')!r}") from None
    out["selection"] = []  # v1 selections named wire positions, which edits have since moved
    out["schema_version"] = 2
    return out


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    timeline = out.get("timeline")
    if isinstance(timeline, dict):
        # files from before the frame grid: 30 fps, the default of new projects
        out["timeline"] = {**timeline, "fps": timeline.get("fps", 30.0)}
    out["schema_version"] = 3
    return out


# crop became source pixels in this schema; only this number changes if another step lands first
CROP_IN_PIXELS = 4


def _crop_to_pixels(data: dict[str, Any]) -> dict[str, Any]:
    """Crops were fractions of the source; now they are its pixels: fraction x the source size
    (from the project's media; the timeline's resolution when the media's size is unknown)."""
    out = dict(data)
    timeline = dict(out.get("timeline") or {})
    width, _, height = str(timeline.get("resolution") or "1280x720").partition("x")
    media = timeline.get("media") or {}
    tracks = []
    for track in timeline.get("tracks") or []:
        clips = []
        for clip in (track or {}).get("clips") or []:
            asset = dict((clip or {}).get("asset") or {})
            crop = asset.get("crop")
            if isinstance(crop, dict):
                info = media.get(asset.get("id")) if isinstance(media, dict) else None
                w = (info or {}).get("width") or int(width or 1280)
                h = (info or {}).get("height") or int(height or 720)
                sizes = {"left": w, "right": w, "top": h, "bottom": h}
                try:
                    asset["crop"] = {k: round(float(crop.get(k) or 0) * n) for k, n in sizes.items()}
                except (TypeError, ValueError):
                    raise MigrationError(f"timeline.tracks: crop {crop!r} is not numbers") from None
            clips.append({**clip, "asset": asset})
        tracks.append({**track, "clips": clips})
    timeline["tracks"] = tracks
    out["timeline"] = timeline
    out["schema_version"] = CROP_IN_PIXELS
    return out


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3, CROP_IN_PIXELS - 1: _crop_to_pixels}


def migrate(data: dict[str, Any], version: int, target: int) -> dict[str, Any]:
    """Run every step from `version` up to `target`."""
    while version < target:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(f"schema_version: no upgrade known from version {version}")
        data = step(data)
        version += 1
    return data
