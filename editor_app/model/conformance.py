"""How the local backend renders each field of the editor format (docs/conformance.md).

Every field has one verdict: `videodb` (rendered as VideoDB documents it), `ours` (rendered by
our documented choice where VideoDB is silent) or `not` (kept and sent, not rendered locally).
`used_fields` lists the fields a timeline sets away from their defaults; `clip_issues` says
what of one clip the local backend cannot render (the canvas marks such clips).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from editor_app.model.assets import CaptionAsset, ImageAsset, TextAsset, VideoAsset
from editor_app.model.clip import Clip
from editor_app.model.effects import known_effect
from editor_app.model.timeline import Timeline

Verdict = Literal["videodb", "ours", "not"]
VERDICT_TEXT = {
    "videodb": "rendered as VideoDB documents it",
    "ours": "rendered by our documented choice (VideoDB is silent)",
    "not": "not rendered locally",
}


@dataclass(frozen=True)
class Field:
    path: str
    verdict: Verdict
    note: str


FIELDS: tuple[Field, ...] = (
    Field("timeline.background", "videodb", "the colour behind everything; gaps show it"),
    Field("timeline.resolution", "videodb", "WIDTHxHEIGHT, even sides 16-7680"),
    Field("track.z_index", "ours", "higher tracks on top; ties keep track order"),
    Field("clip.duration", "videodb", "seconds on the timeline"),
    Field("clip.start", "videodb", "the TrackItem's start in seconds"),
    Field("clip.fit", "videodb", "crop, cover, contain, none"),
    Field("clip.scale", "videodb", "multiplies the fitted size (and a text's font size)"),
    Field("clip.opacity", "videodb", "scales alpha"),
    Field("clip.position", "videodb", "nine places in the frame"),
    Field("clip.offset", "ours", "fractions of the frame; y points up"),
    Field("clip.z_index", "ours", "added to its track's z_index: the clip's layer among overlapping clips"),
    Field("clip.transition", "ours", "fade in/out of picture and sound over its duration"),
    Field("clip.filter", "ours", "each look is an ffmpeg filter chosen to match its name"),
    Field("clip.effect", "ours", "zoom and slide names of Shotstack's format; others not rendered"),
    Field("video.start", "videodb", "where the clip starts in its source"),
    Field("video.volume", "videodb", "linear gain"),
    Field("video.crop", "videodb", "source pixels cut from each side (the Python SDK's Crop)"),
    Field("image.crop", "videodb", "source pixels cut from each side"),
    Field("audio.volume", "videodb", "linear gain"),
    Field("text.font", "ours", "family through fontconfig (a missing one falls back), size, colour"),
    Field("text.font.weight", "ours", "the Node SDK's CSS weight as the fontconfig weight"),
    Field("text.alignment", "ours", "each line aligned on its own inside the text box"),
    Field("text.border", "ours", "outline width and colour"),
    Field("text.shadow", "ours", "offset x, y and colour"),
    Field("text.background", "ours", "a sized box with the text aligned in it, else a padded box per line"),
    Field("text.line_spacing", "ours", "pixels added between lines (lines 1.2 font sizes high)"),
    Field("text.tabsize", "videodb", "spaces per tab"),
    Field("text.width", "not", "the box places the text; long lines are not wrapped locally"),
    Field("text.height", "ours", "the box the text is aligned in"),
    Field("caption.src", "ours", 'base64 ASS (as the SDKs write it) or SRT/VTT text; "auto": a transcript'),
    Field("caption.font", "videodb", "ASS style: name, size, bold/italic/underline/strikeout, scale"),
    Field("caption.primary_color", "videodb", "ASS PrimaryColour"),
    Field("caption.secondary_color", "videodb", "ASS SecondaryColour (karaoke's unsung words, highlights)"),
    Field("caption.back_color", "videodb", "ASS BackColour (shadow)"),
    Field("caption.border", "videodb", "ASS BorderStyle 1/3, Outline, OutlineColour, Shadow"),
    Field("caption.position", "videodb", "ASS Alignment (numpad) and margins"),
    Field("caption.animation", "ours", "six animations as ASS override tags from word timing"),
)  # fmt: skip
BY_PATH = {f.path: f for f in FIELDS}
CLIP_NAMES = ("fit", "scale", "opacity", "position", "offset", "z_index", "transition", "filter", "effect")
TEXT_NAMES = (
    "font",
    "alignment",
    "border",
    "shadow",
    "background",
    "line_spacing",
    "tabsize",
    "width",
    "height",
)
CAPTION_NAMES = ("font", "primary_color", "secondary_color", "back_color", "border", "position", "animation")


def _clip_fields(clip: Clip) -> list[str]:
    used = ["clip.duration", "clip.start"]
    defaults = Clip(start=0, duration=1, asset=clip.asset)
    for name in CLIP_NAMES:
        if getattr(clip, name) != getattr(defaults, name):
            used.append(f"clip.{name}")
    asset = clip.asset
    kind = asset.type
    if isinstance(asset, VideoAsset | ImageAsset) and not asset.crop.is_empty:
        used.append(f"{kind}.crop")
    if isinstance(asset, VideoAsset) and asset.start:
        used.append("video.start")
    if getattr(asset, "volume", 1.0) != 1.0:
        used.append(f"{kind}.volume")
    if isinstance(asset, TextAsset):
        blank = TextAsset(text=asset.text)
        for name in TEXT_NAMES:
            if getattr(asset, name) != getattr(blank, name):
                used.append(f"text.{name}")
        if asset.font.weight is not None:
            used.append("text.font.weight")
    if isinstance(asset, CaptionAsset):
        blank_caption = CaptionAsset()
        used.append("caption.src")
        for name in CAPTION_NAMES:
            if getattr(asset, name) != getattr(blank_caption, name):
                used.append(f"caption.{name}")
    return used  # fmt: skip


def used_fields(timeline: Timeline) -> Counter[str]:
    """How many times each field of FIELDS is set in the timeline."""
    counts: Counter[str] = Counter(["timeline.background", "timeline.resolution"])
    for track in timeline.tracks:
        if track.z_index:
            counts["track.z_index"] += 1
        for clip in track.clips:
            counts.update(_clip_fields(clip))
    return counts


def clip_issues(clip: Clip) -> list[str]:
    """What of this clip the local backend renders differently from VideoDB, or not at all."""
    issues: list[str] = []
    if not known_effect(clip.effect):
        issues.append(f"effect {clip.effect!r} is not rendered locally")
    asset = clip.asset
    if isinstance(asset, TextAsset) and asset.width is not None:
        issues.append("text.width: long lines are not wrapped locally")
    if isinstance(asset, CaptionAsset) and asset.src.strip().lower() == "auto":
        issues.append('caption src "auto" needs a transcript attached to the video under it')
    return issues


def report(timeline: Timeline) -> list[str]:
    """One line per used field: its verdict and note, then each clip's issues."""
    lines = []
    for path, count in sorted(used_fields(timeline).items()):
        field = BY_PATH.get(path)
        if field is not None:
            lines.append(f"{path} ({count}x): {VERDICT_TEXT[field.verdict]} — {field.note}")
    for track in timeline.tracks:
        for clip in track.clips:
            for issue in clip_issues(clip):
                lines.append(f"{track.name} clip at {clip.start / 1000:g}s ({clip.kind}): {issue}")
    return lines
