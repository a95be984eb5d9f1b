"""Our timeline as an OpenTimelineIO timeline (see `otio_bridge` for the mapping)."""

from __future__ import annotations

import opentimelineio as otio

from editor_app.model.assets import AudioAsset, ImageAsset, VideoAsset
from editor_app.model.clip import Clip
from editor_app.model.errors import ModelError
from editor_app.model.interchange.otio_common import KEY, URL_SCHEME, marker_colour_name, otio_range
from editor_app.model.ticks import format_timecode
from editor_app.model.timeline import Timeline
from editor_app.model.track import Track


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
                marked_range=otio_range(marker.time, 0),
                color=marker_colour_name(marker.color),
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
            result.append(otio.schema.Gap(source_range=otio_range(0, clip.start - cursor)))
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
        source_range=otio_range(clip.source_start, clip.duration),
        metadata={KEY: fields},
    )


def _reference(timeline: Timeline, clip: Clip) -> otio.core.MediaReference:
    asset = clip.asset
    if isinstance(asset, VideoAsset | AudioAsset | ImageAsset):
        info = timeline.media.get(asset.id)
        url = info.original_path if info is not None and info.original_path else URL_SCHEME + asset.id
        available = otio_range(0, info.length) if info is not None and info.length is not None else None
        return otio.schema.ExternalReference(target_url=url, available_range=available)
    return otio.schema.GeneratorReference(
        name=clip.label(), generator_kind=f"{KEY}.{asset.type}", parameters=asset.to_wire()
    )
