"""Qt-free helpers for caption editing: a clip's cues, timeline-wide cues, and ASS colours."""

from __future__ import annotations

import re

from editor_app.model import CaptionAsset, Clip, Timeline
from editor_app.model.captions import AUTO, CaptionSourceError, Cue, cues_to_subtitles, encode_cues, read_cues

_ASS = re.compile(r"^&H([0-9A-Fa-f]{2})?([0-9A-Fa-f]{6})&?$")


def clip_cues(clip: Clip) -> list[Cue]:
    """A caption clip's own cues ([] for "auto" or anything unreadable)."""
    asset = clip.asset
    if not isinstance(asset, CaptionAsset) or asset.src.strip().lower() == AUTO:
        return []
    try:
        return read_cues(asset.src)
    except CaptionSourceError:
        return []


def with_cue(cues: list[Cue], index: int, text: str | None = None, start: int | None = None,
             end: int | None = None) -> list[Cue]:  # fmt: skip
    """`cues` with one cue changed; word timing is dropped once its text or times change."""
    old = cues[index]
    new_start = old.start if start is None else start
    new_end = old.end if end is None else end
    if new_end <= new_start:
        raise ValueError("a cue must end after it starts")
    changed = Cue(new_start, new_end, old.text if text is None else text)
    out = [*cues[:index], changed, *cues[index + 1 :]]
    return sorted(out, key=lambda c: (c.start, c.end))


def src_of(cues: list[Cue]) -> str:
    if not cues:
        raise ValueError("a caption clip needs at least one cue")
    return encode_cues(cues)


def timeline_subtitles(timeline: Timeline, format_: str) -> str:
    """Every caption clip's cues on the timeline's clock, as SRT or WebVTT."""
    cues: list[Cue] = []
    for track, clip in timeline.clips():
        if track.hidden or clip.kind != "caption":
            continue
        for cue in clip_cues(clip):
            if cue.start < clip.duration:
                cues.append(Cue(clip.start + cue.start, clip.start + min(cue.end, clip.duration), cue.text))
    if not cues:
        raise ValueError("the timeline has no captions with cues of their own")
    return cues_to_subtitles(sorted(cues, key=lambda c: (c.start, c.end)), format_)


def ass_to_hex(value: str) -> str:
    """`&HAABBGGRR` as `#RRGGBB` (for a colour button; alpha kept apart)."""
    match = _ASS.match(value.strip())
    if match is None:
        return "#FFFFFF"
    bgr = match.group(2).upper()
    return f"#{bgr[4:6]}{bgr[2:4]}{bgr[0:2]}"


def hex_to_ass(value: str, like: str = "&H00000000") -> str:
    """`#RRGGBB` as `&HAABBGGRR`, keeping the alpha of `like`."""
    rgb = value.lstrip("#").upper()[:6]
    match = _ASS.match(like.strip())
    alpha = (match.group(1) if match and match.group(1) else "00").upper()
    return f"&H{alpha}{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}"
