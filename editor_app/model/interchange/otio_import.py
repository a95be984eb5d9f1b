"""An OpenTimelineIO timeline as ours (see `otio_bridge` for the mapping)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

import opentimelineio as otio
from pydantic import ValidationError

from editor_app.model.clip import Clip
from editor_app.model.interchange.editor_json import validation_message
from editor_app.model.interchange.otio_common import KEY, MARKER_PALETTE, URL_SCHEME, model_ticks, plain
from editor_app.model.media import MediaInfo
from editor_app.model.ticks import TICKS_PER_SECOND, Ticks
from editor_app.model.timeline import Timeline
from editor_app.model.track import Marker, Track


# OTIO's JSON reader rounds some floats in the last digit; when the file's own JSON is at hand,
# metadata is read from it instead (`raw` is the JSON object matching the OTIO object).
def _meta(item: Any, raw: Any) -> dict[str, Any]:
    meta = raw.get("metadata") if isinstance(raw, dict) else None
    exact = meta.get(KEY) if isinstance(meta, dict) else None
    if isinstance(exact, dict):
        return dict(exact)  # callers replace keys (and copy the asset before changing it)
    found = plain(item.metadata.get(KEY, {}))
    return found if isinstance(found, dict) else {}


def _child(raw: Any, key: str, index: int) -> Any:
    items = raw.get(key) if isinstance(raw, dict) else None
    return items[index] if isinstance(items, list) and index < len(items) else None


def from_otio(source: otio.schema.Timeline, raw: Any = None) -> Timeline:
    """An OTIO timeline into ours; `raw` is its JSON when read from a file (see `_meta`)."""
    meta = _meta(source, raw)
    media = {k: MediaInfo.model_validate(v) for k, v in (meta.get("media") or {}).items()}
    timeline = Timeline(
        background=meta.get("background") or "#000000",
        resolution=meta.get("resolution") or "1280x720",
        media=media,
    )
    raw_stack = raw.get("tracks") if isinstance(raw, dict) else None
    homes: dict[str, Track] = {}
    tracks: list[Track] = []
    for index, otio_track in enumerate(source.tracks):
        if not isinstance(otio_track, otio.schema.Track):
            raise ValueError(f"tracks[{index}]: nested stacks are not supported")
        raw_track = _child(raw_stack, "children", index)
        state = _meta(otio_track, raw_track)
        clips = _clips_of(timeline, otio_track, raw_track, f"tracks[{index}]")
        home = homes.get(state.get("overflow_of", ""))
        if home is not None:
            for clip in clips:
                home.insert(clip)
            continue
        track = _track_from_otio(otio_track, state, clips)
        homes[track.id] = track
        tracks.append(track)
    for track in tracks:
        timeline.add_track(track)
    timeline.markers = [
        _marker_from_otio(m, _child(raw_stack, "markers", i)) for i, m in enumerate(source.tracks.markers)
    ]
    return timeline


def _track_from_otio(otio_track: otio.schema.Track, state: dict[str, Any], clips: list[Clip]) -> Track:
    fields = dict(state)
    fields.setdefault("name", otio_track.name)
    fields.setdefault("kind", "audio" if otio_track.kind == otio.schema.TrackKind.Audio else "video")
    if not state:  # a track made by another tool: only OTIO's own flag says it is hidden
        fields["hidden"] = not otio_track.enabled
    fields["clips"] = clips
    return Track.model_validate(fields)


def _clips_of(timeline: Timeline, otio_track: otio.schema.Track, raw_track: Any, where: str) -> list[Clip]:
    clips: list[Clip] = []
    cursor = otio.opentime.RationalTime(0, TICKS_PER_SECOND)
    for index, item in enumerate(otio_track):
        if isinstance(item, otio.schema.Transition):
            continue  # transitions overlap their neighbours and take no time of their own
        at = model_ticks(cursor)
        cursor = cursor + item.duration()  # a running sum: range_of_child_at_index is O(index)
        if not isinstance(item, otio.schema.Clip):
            continue  # gaps are just space
        fields = _meta(item, _child(raw_track, "children", index))
        clips.append(_clip_from_otio(timeline, item, fields, at, otio_track.kind, f"{where}.clips[{index}]"))
    return clips


def _clip_from_otio(
    timeline: Timeline, item: otio.schema.Clip, fields: dict[str, Any], at: Ticks, kind: str, where: str
) -> Clip:
    trimmed = item.trimmed_range()
    fields["start"] = at
    fields["duration"] = model_ticks(trimmed.duration)
    if "asset" not in fields:
        fields["asset"] = _foreign_asset(timeline, item, kind)
    asset = fields["asset"] = dict(fields["asset"]) if isinstance(fields["asset"], dict) else fields["asset"]
    if isinstance(asset, dict) and asset.get("type") in ("video", "audio"):
        # another tool may have trimmed the clip: OTIO's range is the truth
        asset["start"] = model_ticks(trimmed.start_time)
    try:
        return Clip.model_validate(fields)
    except ValidationError as exc:
        raise ValueError(validation_message(exc, where)) from None


IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff"})


def _foreign_asset(timeline: Timeline, item: otio.schema.Clip, kind: str) -> dict[str, Any]:
    """An asset for a clip that another tool wrote: the media is named by its URL or path.

    Such media is not on any backend yet; `original_path` tells the editor what to upload.
    """
    ref = item.media_reference
    url = str(getattr(ref, "target_url", "") or "")
    if url.startswith(URL_SCHEME):
        media_id, path = url[len(URL_SCHEME) :], None
    elif url.startswith("file://"):
        media_id = path = url2pathname(urlparse(url).path)
    elif url:
        media_id = path = url
    else:  # a MissingReference: keep the clip, offline, under its name
        media_id, path = f"offline:{item.name or 'clip'}", None
    media_kind = "audio" if kind == otio.schema.TrackKind.Audio else "video"
    if media_kind == "video" and Path(media_id).suffix.lower() in IMAGE_SUFFIXES:
        media_kind = "image"  # a still on a video track (a logo, a title card)
    if media_id not in timeline.media:
        available = getattr(ref, "available_range", None)
        timeline.media[media_id] = MediaInfo(
            id=media_id,
            kind=media_kind,
            name=item.name or Path(media_id).name,
            length=model_ticks(available.duration) if available is not None else None,
            original_path=path,
        )
    return {"type": media_kind, "id": media_id}


# OTIO names marker colours from a small palette; our markers carry any hex colour.
def _marker_from_otio(marker: otio.schema.Marker, raw: Any) -> Marker:
    fields = _meta(marker, raw)
    fields["time"] = model_ticks(marker.marked_range.start_time)
    fields.setdefault("label", marker.name)
    if "color" not in fields and marker.color in MARKER_PALETTE:
        fields["color"] = "#{:02X}{:02X}{:02X}".format(*MARKER_PALETTE[marker.color])
    return Marker.model_validate(fields)
