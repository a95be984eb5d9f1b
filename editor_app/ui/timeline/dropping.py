"""Dropping media from the bin (or files from the desktop) onto the canvas.

Bin items travel as `application/x-videodb-media`: JSON `{"id", "kind", "name", "length"}` with
the length in seconds. A drop on a compatible track adds a clip there at the drop time (snapped);
a drop below the last track, or on a track of the other kind, adds a new track for it. Files
from the desktop are handed to the main window (`filesDropped`), which uploads them first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent

from editor_app.model.assets import AudioAsset, ImageAsset, VideoAsset
from editor_app.model.edits import PlaceClip
from editor_app.model.errors import EditError
from editor_app.model.media import MediaInfo, MediaKind
from editor_app.model.snapping import snap_span
from editor_app.model.ticks import Ticks, format_timecode, to_ticks
from editor_app.model.timeline import Clip
from editor_app.ui.timeline.base import CanvasBase
from editor_app.ui.timeline.interactions import SNAP_PX, ClipView, Preview, _targets

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


class CanvasDropping(CanvasBase):
    def _placement(self, media: DroppedMedia, x: float, y: float) -> tuple[str | None, Clip]:
        """(track id or None for a new track, the clip to add) for a drop at (x, y)."""
        clip = clip_for(media, max(self.scale.ticks_at(x), 0))
        row = self.layout_rows().row_at(y)
        track = self.timeline.tracks[row.index] if row is not None else None
        track_id = track.id if track is not None and track.accepts(clip) else None
        targets = _targets(self.context(), frozenset())
        delta, _ = snap_span(clip.start, clip.end, targets, SNAP_PX, self.scale.px_per_second)
        if clip.start + delta >= 0:
            clip.start += delta
        return track_id, clip

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(MEDIA_MIME) or mime.hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        mime = event.mimeData()
        pos = event.position()
        self._mouse = pos
        self.drop_preview = None
        if mime.hasFormat(MEDIA_MIME):
            try:
                media = parse_media(bytes(mime.data(MEDIA_MIME).data()))
            except ValueError:
                event.ignore()
                return
            track_id, clip = self._placement(media, pos.x(), pos.y())
            if track_id is not None:
                track = self.timeline.track(track_id)
                valid = not track.locked and track.overlapping(clip.start, clip.end) is None
                view = ClipView(clip, track_id, clip.start, clip.end, 0, clip.volume)
                label = f"{media.name} at {format_timecode(clip.start)}"
                self.drop_preview = Preview({clip.id: view}, ghost=True, valid=valid, label=label)
            else:
                self.drop_preview = Preview(label=f"{media.name}: new {clip.kind} track")
        event.acceptProposedAction()
        self.update()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_preview = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_preview = None
        mime = event.mimeData()
        pos = event.position()
        if mime.hasFormat(MEDIA_MIME):
            try:
                media = parse_media(bytes(mime.data(MEDIA_MIME).data()))
            except ValueError as exc:
                self.notify(str(exc))
                event.ignore()
                return
            if self.drop_media(media, pos.x(), pos.y()):
                event.acceptProposedAction()
        elif mime.hasUrls():
            paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
            if paths:
                row = self.layout_rows().row_at(pos.y())
                track_id = self.timeline.tracks[row.index].id if row is not None else None
                self.filesDropped.emit(paths, track_id, max(self.scale.ticks_at(pos.x()), 0))
                event.acceptProposedAction()
        self.update()

    def drop_media(self, media: DroppedMedia, x: float, y: float) -> bool:
        """Add a clip of `media` where (x, y) points, as one undo step; False when refused."""
        if media.id not in self.timeline.media:
            # metadata, not an edit: lets trims clamp at the source's end
            self.timeline.media[media.id] = MediaInfo(
                id=media.id,
                kind=media.kind,
                name=media.name,
                length=media.length,
            )
        track_id, clip = self._placement(media, x, y)
        command = PlaceClip(clip, track_id)
        try:
            self.history.push(command)
        except EditError as exc:
            self.notify(str(exc))
            return False
        self.set_selection([clip.id])
        self.mediaDropped.emit(media.id, command.track_id, clip.start)
        return True
