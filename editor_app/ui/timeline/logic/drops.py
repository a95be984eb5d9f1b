"""What a drop on the canvas means, without Qt: the bin's drag payload, the clip it makes, and
where that clip lands (snapped), with the preview drawn while the drag hovers.

Bin items travel as `application/x-videodb-media`: JSON `{"id", "kind", "name", "length"}` with
the length in seconds. A drop on a compatible track adds a clip there at the drop time (snapped);
a drop below the last track, or on a track of the other kind, adds a new track for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from editor_app.model import AudioAsset, Clip, ImageAsset, VideoAsset, format_timecode, to_ticks
from editor_app.model.media import MediaKind
from editor_app.model.snapping import snap_span
from editor_app.model.ticks import Ticks
from editor_app.ui.timeline.logic.gestures import SNAP_PX, ClipView, Context, Preview, view_targets

MEDIA_MIME = "application/x-videodb-media"
STILL_TICKS = 5000  # how long an image (or media of unknown length) lasts when dropped


@dataclass(frozen=True)
class DroppedMedia:
    id: str
    kind: MediaKind
    name: str
    length: Ticks | None


def media_mime_data(media_id: str, kind: str, name: str, length_seconds: float | None) -> bytes:
    """What the media bin puts on the drag (one place defines the format)."""
    return json.dumps({"id": media_id, "kind": kind, "name": name, "length": length_seconds}).encode()


def parse_media(data: bytes) -> DroppedMedia:
    """Read the bin's drag payload, or ValueError saying what is wrong with it."""
    try:
        payload: Any = json.loads(bytes(data).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"dropped media is not JSON: {exc}") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), str) or not payload["id"]:
        raise ValueError("dropped media has no 'id'")
    kind: MediaKind
    if payload.get("kind") == "video":
        kind = "video"
    elif payload.get("kind") == "audio":
        kind = "audio"
    elif payload.get("kind") == "image":
        kind = "image"
    else:
        raise ValueError(f"dropped media has an unknown kind {payload.get('kind')!r}")
    length = payload.get("length")
    ticks = to_ticks(length) if length not in (None, "") else None
    if ticks is not None and ticks <= 0:
        ticks = None
    return DroppedMedia(payload["id"], kind, str(payload.get("name") or payload["id"]), ticks)


def clip_for(media: DroppedMedia, start: Ticks) -> Clip:
    duration = media.length if media.kind != "image" and media.length else STILL_TICKS
    asset: VideoAsset | AudioAsset | ImageAsset
    if media.kind == "video":
        asset = VideoAsset(id=media.id)
    elif media.kind == "audio":
        asset = AudioAsset(id=media.id)
    else:
        asset = ImageAsset(id=media.id)
    return Clip(start=start, duration=duration, asset=asset)


def drop_target(ctx: Context, media: DroppedMedia, x: float, y: float) -> tuple[str | None, Clip]:
    """(track id, or None for a new track; the clip to add) for a drop at (x, y), snapped."""
    clip = clip_for(media, max(ctx.scale.ticks_at(x), 0))
    row = ctx.layout.row_at(y)
    track = ctx.timeline.tracks[row.index] if row is not None else None
    track_id = track.id if track is not None and track.accepts(clip) else None
    delta, target = snap_span(
        clip.start, clip.end, view_targets(ctx, frozenset()), SNAP_PX, ctx.scale.px_per_second
    )
    if target is None:
        clip.start = ctx.timeline.on_frame(clip.start)  # on the frame grid when nothing is near
    elif clip.start + delta >= 0:
        clip.start += delta
    return track_id, clip


def drop_preview(ctx: Context, media: DroppedMedia, x: float, y: float, mode: str = "overwrite") -> Preview:
    """What the canvas draws while a bin item hovers at (x, y): the clip where it would land
    (invalid when the track is locked; onto occupied time it overwrites or inserts, as `mode`
    says), or a note that it makes a new track."""
    track_id, clip = drop_target(ctx, media, x, y)
    if track_id is None:
        return Preview(label=f"{media.name}: new {clip.kind} track")
    track = ctx.timeline.track(track_id)
    valid = not track.locked
    occupied = track.overlapping(clip.start, clip.end) is not None
    view = ClipView(clip, track_id, clip.start, clip.end, 0, clip.volume)
    how = " (insert)" if mode == "insert" else " (overwrite)" if occupied else ""
    label = f"{media.name} at {format_timecode(clip.start, ctx.timeline.fps)}{how}"
    return Preview({clip.id: view}, ghost=True, valid=valid, label=label)
