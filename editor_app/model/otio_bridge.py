"""OpenTimelineIO export and import.

Times become `RationalTime(ticks, 1000)`, so nothing is rounded. Tracks map to OTIO tracks,
the space between clips to Gaps, media to `ExternalReference` (`videodb://<id>`, or the
original file when known) and text or caption assets to `GeneratorReference`. Everything
OTIO has no word for (volume, fit, position, filters, track state, markers' colours, the
media table) rides in `metadata["videodb"]`, so a round trip gives the same timeline back.

OTIO tracks cannot hold overlapping clips, which cloud timelines may have; overlapping clips
go to extra "overflow" tracks that name their home track and are merged back on import.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

import opentimelineio as otio
from pydantic import ValidationError

from editor_app.model.assets import AudioAsset, ImageAsset, VideoAsset
from editor_app.model.atomic_file import atomic_write_text
from editor_app.model.errors import ModelError, ProjectFileError
from editor_app.model.media import MediaInfo
from editor_app.model.ticks import TICKS_PER_SECOND, Ticks, format_timecode, to_ticks
from editor_app.model.timeline import Clip, Marker, Timeline, Track, validation_message

KEY = "videodb"
URL_SCHEME = "videodb://"


def _time(ticks: Ticks) -> otio.opentime.RationalTime:
    return otio.opentime.RationalTime(ticks, TICKS_PER_SECOND)


def _range(start: Ticks, duration: Ticks) -> otio.opentime.TimeRange:
    return otio.opentime.TimeRange(_time(start), _time(duration))


def _ticks(rt: otio.opentime.RationalTime) -> Ticks:
    return to_ticks(rt.to_seconds())


def plain(value: Any) -> Any:
    """OTIO's AnyDictionary/AnyVector into plain dicts and lists."""
    if hasattr(value, "items"):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, str | bytes):
        return value
    if hasattr(value, "__iter__"):
        return [plain(v) for v in value]
    return value


# ---- export ------------------------------------------------------------------------------------
def to_otio(timeline: Timeline, name: str = "") -> otio.schema.Timeline:
    """Our timeline as OTIO; ModelError if some text holds a NUL, which OTIO would cut off."""
    _refuse_nul(timeline)
    result = otio.schema.Timeline(name=name)
    result.metadata[KEY] = {
        "background": timeline.background,
        "resolution": timeline.resolution,
        "media": {k: v.model_dump(mode="json") for k, v in timeline.media.items()},
    }
    for marker in timeline.markers:
        result.tracks.markers.append(
            otio.schema.Marker(
                name=marker.label,
                marked_range=_range(marker.time, 0),
                color=_marker_colour_name(marker.color),
                metadata={KEY: marker.model_dump(mode="json")},
            )
        )
    for track in timeline.tracks:
        for lane, clips in enumerate(_lanes(track.clips)):
            result.tracks.append(_track_to_otio(timeline, track, clips, lane))
    return result


def _refuse_nul(timeline: Timeline) -> None:
    if "\\u0000" not in timeline.model_dump_json():
        return
    for track in timeline.tracks:
        if "\x00" in track.name:
            raise ModelError(f"track {track.name!r} has a NUL character in its name, which OTIO cannot store")
        for clip in track.clips:
            if "\\u0000" in clip.model_dump_json():
                raise ModelError(
                    f"the clip at {format_timecode(clip.start)} on {track.name or track.id} holds a NUL "
                    "character, which OpenTimelineIO cannot store"
                )
    raise ModelError("a marker or media name holds a NUL character, which OpenTimelineIO cannot store")


def _lanes(clips: list[Clip]) -> list[list[Clip]]:
    """Spread clips over as few non-overlapping lanes as possible (first lane first)."""
    lanes: list[list[Clip]] = [[]]
    for clip in clips:  # sorted by start
        for lane in lanes:
            if not lane or lane[-1].end <= clip.start:
                lane.append(clip)
                break
        else:
            lanes.append([clip])
    return lanes


def _track_to_otio(timeline: Timeline, track: Track, clips: list[Clip], lane: int) -> otio.schema.Track:
    kind = otio.schema.TrackKind.Audio if track.kind == "audio" else otio.schema.TrackKind.Video
    state = track.model_dump(mode="json", exclude={"clips"})
    if lane:
        state = {"overflow_of": track.id}
    result = otio.schema.Track(name=track.name if not lane else f"{track.name} overflow {lane}", kind=kind)
    result.metadata[KEY] = state
    result.enabled = not track.hidden
    cursor = 0
    for clip in clips:
        if clip.start > cursor:
            result.append(otio.schema.Gap(source_range=_range(0, clip.start - cursor)))
        result.append(_clip_to_otio(timeline, clip))
        cursor = clip.end
    return result


def _clip_to_otio(timeline: Timeline, clip: Clip) -> otio.schema.Clip:
    # defaults left out: OTIO converts metadata key by key, slowly (~40 keys a clip otherwise)
    fields = clip.model_dump(mode="json", exclude={"start", "duration", "asset"}, exclude_defaults=True)
    fields["asset"] = {"type": clip.asset.type, **clip.asset.model_dump(mode="json", exclude_defaults=True)}
    return otio.schema.Clip(
        name=clip.label(),
        media_reference=_reference(timeline, clip),
        source_range=_range(clip.source_start, clip.duration),
        metadata={KEY: fields},
    )


def _reference(timeline: Timeline, clip: Clip) -> otio.core.MediaReference:
    asset = clip.asset
    if isinstance(asset, VideoAsset | AudioAsset | ImageAsset):
        info = timeline.media.get(asset.id)
        url = info.original_path if info is not None and info.original_path else URL_SCHEME + asset.id
        available = _range(0, info.length) if info is not None and info.length is not None else None
        return otio.schema.ExternalReference(target_url=url, available_range=available)
    return otio.schema.GeneratorReference(
        name=clip.label(), generator_kind=f"{KEY}.{asset.type}", parameters=asset.to_wire()
    )


def write_otio(timeline: Timeline, path: Path, name: str = "") -> None:
    path = Path(path)
    text = otio_to_string(timeline, name or path.stem)
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise ProjectFileError(str(path), f"could not write: {exc.strerror or exc}") from exc


# ---- import ------------------------------------------------------------------------------------
# OTIO's JSON reader rounds some floats in the last digit; when the file's own JSON is at hand,
# metadata is read from it instead (`raw` is the JSON object matching the OTIO object).
def _meta(item: Any, raw: Any) -> dict[str, Any]:
    exact = raw.get("metadata", {}).get(KEY) if isinstance(raw, dict) else None
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
        at = _ticks(cursor)
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
    fields["duration"] = _ticks(trimmed.duration)
    if "asset" not in fields:
        fields["asset"] = _foreign_asset(timeline, item, kind)
    asset = fields["asset"] = dict(fields["asset"]) if isinstance(fields["asset"], dict) else fields["asset"]
    if isinstance(asset, dict) and asset.get("type") in ("video", "audio"):
        # another tool may have trimmed the clip: OTIO's range is the truth
        asset["start"] = _ticks(trimmed.start_time)
    try:
        return Clip.model_validate(fields)
    except ValidationError as exc:
        raise ValueError(validation_message(exc, where)) from None


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
    if media_id not in timeline.media:
        available = getattr(ref, "available_range", None)
        timeline.media[media_id] = MediaInfo(
            id=media_id,
            kind=media_kind,
            name=item.name or Path(media_id).name,
            length=_ticks(available.duration) if available is not None else None,
            original_path=path,
        )
    return {"type": media_kind, "id": media_id}


# OTIO names marker colours from a small palette; our markers carry any hex colour.
MARKER_PALETTE = {
    "RED": (255, 0, 0),
    "PINK": (255, 105, 180),
    "ORANGE": (255, 165, 0),
    "YELLOW": (255, 215, 0),
    "GREEN": (0, 170, 0),
    "CYAN": (0, 200, 200),
    "BLUE": (0, 90, 255),
    "PURPLE": (128, 0, 160),
    "MAGENTA": (255, 0, 255),
    "BLACK": (0, 0, 0),
    "WHITE": (255, 255, 255),
}


def _marker_colour_name(hex_colour: str) -> str:
    """The palette name nearest to `#rrggbb` (RED when the colour cannot be read)."""
    digits = hex_colour.lstrip("#")
    try:
        rgb = tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return "RED"
    if len(digits) != 6:
        return "RED"
    return min(
        MARKER_PALETTE, key=lambda n: sum((a - b) ** 2 for a, b in zip(MARKER_PALETTE[n], rgb, strict=True))
    )


def _marker_from_otio(marker: otio.schema.Marker, raw: Any) -> Marker:
    fields = _meta(marker, raw)
    fields["time"] = _ticks(marker.marked_range.start_time)
    fields.setdefault("label", marker.name)
    if "color" not in fields and marker.color in MARKER_PALETTE:
        fields["color"] = "#{:02X}{:02X}{:02X}".format(*MARKER_PALETTE[marker.color])
    return Marker.model_validate(fields)


def read_otio(path: Path) -> Timeline:
    """Read an `.otio` file; ProjectFileError naming the file and the problem when it fails."""
    path = Path(path)
    raw: Any = None
    try:
        if path.suffix.lower() == ".otio":
            text = path.read_text(encoding="utf-8")
            source = otio.adapters.read_from_string(text, "otio_json")
            raw = json.loads(text)
        else:  # .otioz, .otiod and whatever adapters are installed
            source = otio.adapters.read_from_file(str(path))
    except Exception as exc:  # OTIO raises many kinds (its own, JSON, OS, KeyError)
        raise ProjectFileError(str(path), f"not a readable OpenTimelineIO file: {exc}") from None
    return _convert(source, raw, str(path))


def otio_from_string(text: str, where: str = "<memory>") -> Timeline:
    """Our timeline from `.otio` JSON text (what `otio_to_string` writes)."""
    try:
        source = otio.adapters.read_from_string(text, "otio_json")
        raw = json.loads(text)
    except Exception as exc:
        raise ProjectFileError(where, f"not a readable OpenTimelineIO file: {exc}") from None
    return _convert(source, raw, where)


def otio_to_string(timeline: Timeline, name: str = "") -> str:
    return str(otio.adapters.write_to_string(to_otio(timeline, name), "otio_json"))


def _convert(source: Any, raw: Any, where: str) -> Timeline:
    if not isinstance(source, otio.schema.Timeline):
        raise ProjectFileError(where, f"holds a {type(source).__name__}, not a timeline")
    try:
        return from_otio(source, raw)
    except (ValueError, ValidationError) as exc:
        raise ProjectFileError(where, str(exc)) from None
