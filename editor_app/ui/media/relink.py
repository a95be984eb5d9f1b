"""Relinking: a project opened against a backend that lacks some of its media.

A project remembers the file each source came from (`MediaInfo.original_path`). When the
backend does not know a media id the timeline uses and that file still exists, the file is
uploaded again (on a worker) and the clips are pointed at the new id. The change is not an
undoable edit (no undo step can bring back media the backend does not have); the window
shows the document as unsaved instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from editor_app.api.cancel import CancelToken
from editor_app.api.client import VideoDBClient
from editor_app.model import MediaInfo, Timeline
from editor_app.model.assets import AudioAsset, ImageAsset, VideoAsset
from editor_app.ui.media.items import media_info_from_item
from editor_app.wire import MediaItem


def missing_media(timeline: Timeline, known_ids: set[str]) -> list[MediaInfo]:
    """Sources the clips use that the backend lacks, whose original file is still on disk."""
    used = {clip.media_id for _track, clip in timeline.clips() if clip.media_id}
    missing = []
    for media_id in sorted(used - known_ids):
        info = timeline.media.get(media_id)
        if info is not None and info.original_path and Path(info.original_path).is_file():
            missing.append(info)
    return missing


def upload_missing(
    client: VideoDBClient,
    infos: list[MediaInfo],
    cancel: CancelToken | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, MediaItem]:
    """Old media id -> the media item its original file became on this backend."""
    mapping: dict[str, MediaItem] = {}
    for info in infos:
        assert info.original_path is not None  # missing_media only returns these
        if progress is not None:
            progress(f"re-uploading {Path(info.original_path).name}")
        mapping[info.id] = client.upload(
            Path(info.original_path), media_type=info.kind, name=info.name or None, cancel=cancel
        )
    return mapping


def apply_relink(timeline: Timeline, mapping: dict[str, MediaItem]) -> int:
    """Point every clip of an old id at its new one; returns how many clips changed."""
    changed = 0
    for _track, clip in timeline.clips():
        asset = clip.asset
        if isinstance(asset, VideoAsset | AudioAsset | ImageAsset) and asset.id in mapping:
            asset.id = mapping[asset.id].id
            changed += 1
    for old_id, item in mapping.items():
        old = timeline.media.pop(old_id, None)
        timeline.media[item.id] = media_info_from_item(item, original_path=old.original_path if old else None)
    return changed
