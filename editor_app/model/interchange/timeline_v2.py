"""The seed's `/timeline_v2` compile body: a sequence of `[start, end)` cuts of videos.

Only a timeline that is one gapless run of plain video clips fits that shape; anything else
is refused with every reason listed, so the caller can fall back to `/editor`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from editor_app.model.assets import VideoAsset
from editor_app.model.clip import Clip
from editor_app.model.errors import TimelineV2Unsupported
from editor_app.model.ticks import format_timecode, to_seconds
from editor_app.model.track import Track

_PLAIN = {"scale": 1, "opacity": 1, "fit": "crop", "position": "center", "z_index": 0}


def _clip_problems(clip: Clip) -> list[str]:
    at = format_timecode(clip.start)
    if not isinstance(clip.asset, VideoAsset):
        article = "an" if clip.kind[0] in "aeiou" else "a"
        return [f"{article} {clip.kind} clip at {at} ({clip.label()}): only video clips fit"]
    problems = [
        f"clip at {at} sets {name}={getattr(clip, name)!r}"
        for name, plain in _PLAIN.items()
        if getattr(clip, name) != plain
    ]
    if clip.filter:
        problems.append(f"clip at {at} has the {clip.filter} filter")
    if clip.transition is not None:
        problems.append(f"clip at {at} has a transition")
    if clip.offset.x or clip.offset.y:
        problems.append(f"clip at {at} has an offset")
    if not clip.asset.crop.is_empty:
        problems.append(f"clip at {at} is cropped")
    return problems


def to_timeline_v2(
    all_tracks: Sequence[Track],
    resolution: str,
    background: str,
    output_format: str = "hls",
    quality: str = "high",
) -> dict[str, Any]:
    """The compile body for these tracks (a Timeline's), or TimelineV2Unsupported listing why not."""
    reasons: list[str] = []
    tracks = [t for t in all_tracks if t.clips and not t.hidden]
    if len(tracks) > 1:
        names = ", ".join(t.name or t.id for t in tracks)
        reasons.append(f"{len(tracks)} tracks hold clips ({names}); only one sequence fits")
    if resolution != "1280x720" or background.lower() != "#000000":
        reasons.append("a custom resolution or background does not fit")
    entries: list[dict[str, Any]] = []
    cursor = 0
    for track in tracks[:1]:
        for clip in track.clips:
            reasons.extend(_clip_problems(clip))
            if clip.start != cursor:
                kind = "gap" if clip.start > cursor else "overlap"
                reasons.append(f"a {kind} at {format_timecode(min(cursor, clip.start))}")
            cursor = clip.end
            if not isinstance(clip.asset, VideoAsset):
                continue
            volume = 0.0 if track.muted else clip.asset.volume
            cut = {
                "start": to_seconds(clip.asset.start),
                "end": to_seconds(clip.asset.start + clip.duration),
                "volume": volume,
            }
            if entries and entries[-1]["video_id"] == clip.asset.id:
                entries[-1]["clips"].append(cut)
            else:
                entries.append({"video_id": clip.asset.id, "clips": [cut]})
    if reasons:
        raise TimelineV2Unsupported(reasons)
    return {
        "request_type": "compile",
        "timeline": entries,
        "output_format": output_format,
        "quality": quality,
    }
