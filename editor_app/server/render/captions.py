"""Caption clips rendered by libass: one ASS file per clip, read by ffmpeg's `ass` filter.

The clip's document (its `src`, or the attached transcripts for `"auto"`) is written as an ASS
file whose one style is the asset's fields (font, colours, border, nine-way position with
margins), with the frame as PlayRes so sizes are frame pixels; `scale` multiplies the font
size. Without an animation each event keeps its own override tags; with one, the events are
rebuilt from word timing (`caption_anim.py`). The file has a generated name in the render's
private folder and its path is escaped, so no user text reaches the filter graph. Event times
run from the clip's start: the layer's canvas carries the clip's own time (docs/conformance.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from editor_app.model import CaptionAsset, Clip, Timeline
from editor_app.model.captions import Cue, Word, ass_text, parse_subtitles, read_cues
from editor_app.server.errors import RenderInputError
from editor_app.server.render.caption_anim import Colours, Event, animate
from editor_app.server.render.escape import filter_value
from editor_app.server.render.sources import RenderSource
from editor_app.server.render.text import TextLayer

_ASS_COLOUR = re.compile(r"^&H([0-9A-Fa-f]{2})?([0-9A-Fa-f]{6})&?$")
_ALIGN = {
    "bottom_left": 1,
    "bottom_center": 2,
    "bottom_right": 3,
    "middle_left": 4,
    "middle_center": 5,
    "middle_right": 6,
    "top_left": 7,
    "top_center": 8,
    "top_right": 9,
}
MAX_DECORATION = 64
HIGHLIGHT_PAD = 6


def ass_colour_value(value: str, field: str) -> str:
    """`&HAABBGGRR` (or `&HBBGGRR`) checked and written in full, for a style line."""
    match = _ASS_COLOUR.match(value.strip())
    if match is None:
        raise RenderInputError(f"{field}: {value!r} is not an ASS colour like &H00FFFFFF (&HAABBGGRR)")
    return f"&H{(match.group(1) or '00').upper()}{match.group(2).upper()}"


def _override(value: str) -> tuple[str, str]:
    """A full ASS colour as override values (`&HBBGGRR&`, `&HAA&`)."""
    return f"&H{value[4:]}&", f"&H{value[2:4]}&"


def _name(value: str) -> str:
    # a comma would end the style line's field
    return "".join(ch for ch in value if ch not in ",\n\r{}\\") or "Sans"


def _style(name: str, asset: CaptionAsset, size: int, box: bool = False) -> str:
    font, border, pos = asset.font, asset.border, asset.position
    where = "caption"
    outline_colour = ass_colour_value(border.outline_color, f"{where}.border.outline_color")
    primary = ass_colour_value(asset.primary_color, f"{where}.primary_color")
    secondary = ass_colour_value(asset.secondary_color, f"{where}.secondary_color")
    back = ass_colour_value(asset.back_color, f"{where}.back_color")
    style = 3 if box or border.style == "opaque_box" else 1
    outline = HIGHLIGHT_PAD if box else min(max(border.outline, 0), MAX_DECORATION)
    shadow = 0 if box else min(max(border.shadow, 0), MAX_DECORATION)
    flags = [-1 if on else 0 for on in (font.bold, font.italic, font.underline, font.strikeout)]
    fields = [
        name,
        _name(font.name),
        str(size),
        primary,
        secondary,
        secondary if box else outline_colour,
        back,
        *map(str, flags),
        f"{min(max(font.scale_x, 1), 1000):g}",
        f"{min(max(font.scale_y, 1), 1000):g}",
        f"{min(max(font.spacing, -100), 100):g}",
        f"{font.angle:g}",
        str(style),
        str(outline),
        str(shadow),
        str(_ALIGN[pos.alignment]),
        *(str(min(max(m, 0), 10000)) for m in (pos.margin_l, pos.margin_r, pos.margin_v)),
        "1",
    ]
    return "Style: " + ",".join(fields)


def _time(ticks: int) -> str:
    cs = max(ticks, 0) // 10
    return f"{cs // 360000}:{cs // 6000 % 60:02d}:{cs // 100 % 60:02d}.{cs % 100:02d}"


def _plain_event(cue: Cue) -> Event:
    text = cue.raw or "\\N".join(ass_text(line) for line in cue.text.split("\n"))
    return Event(cue.start, cue.end, text, layer=1)


def caption_document(clip: Clip, asset: CaptionAsset, cues: list[Cue], frame: tuple[int, int]) -> str:
    """The ASS file drawing `cues` (times from the clip's start) in the asset's style."""
    width, height = frame
    size = min(max(1, round(asset.font.size * clip.scale)), 2 * height)
    header = [
        "[Script Info]",
        "ScriptType: v4.00+",
        f"PlayResX: {width}",
        f"PlayResY: {height}",
        "WrapStyle: 0",
        "ScaledBorderAndShadow: yes",
        "",
        "[V4+ Styles]",
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
        "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, "
        "Shadow, Alignment, MarginL, MarginR, MarginV, Encoding",
        _style("Default", asset, size),
        _style("Box", asset, size, box=True),
        "",
        "[Events]",
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ]
    colours = Colours(
        _override(ass_colour_value(asset.primary_color, "caption.primary_color")),
        _override(ass_colour_value(asset.secondary_color, "caption.secondary_color")),
    )
    scale = (asset.font.scale_x, asset.font.scale_y)
    events: list[Event] = []
    for cue in cues:
        if asset.animation:
            events += animate(cue, asset.animation, colours, scale)
        else:
            events.append(_plain_event(cue))
    lines = [
        f"Dialogue: {e.layer},{_time(e.start)},{_time(e.end)},{e.style},,0,0,0,,{e.text}"
        for e in events
        if e.end > e.start
    ]
    return "\n".join(header + lines) + "\n"


def caption_layer(
    clip: Clip, asset: CaptionAsset, cues: list[Cue], frame: tuple[int, int], path: Path, direct: bool = False
) -> TextLayer:
    """The `ass` filter drawing the clip's captions on its transparent canvas (or `direct` on the
    opaque picture below), and its file."""
    document = caption_document(clip, asset, cues, frame)
    alpha = "" if direct else ":alpha=1"
    return TextLayer([f"ass=filename={filter_value(str(path))}{alpha}"], {path: document})


def moved(cues: list[Cue], offset: int, high: int) -> list[Cue]:
    """`cues` (times from the clip's start) on the output's clock: `offset` later, cut at `high`."""
    out = [_shifted(cue, offset, offset, high, 0) for cue in cues]
    return [cue for cue in out if cue is not None]


def _shifted(cue: Cue, offset: int, low: int, high: int, origin: int) -> Cue | None:
    """`cue` moved by `offset`, cut to [low, high), with times from `origin`."""
    start, end = max(cue.start + offset, low), min(cue.end + offset, high)
    if end <= start:
        return None
    words = tuple(
        Word(max(w.start + offset, low) - origin, min(w.end + offset, high) - origin, w.text, w.line)
        for w in cue.words
        if min(w.end + offset, high) > max(w.start + offset, low)
    )
    return Cue(start - origin, end - origin, cue.text, words, cue.raw)


def auto_cues(timeline: Timeline, clip: Clip, sources: Mapping[str, RenderSource]) -> list[Cue]:
    """`src: "auto"`: the transcripts attached to the media playing under the caption clip, each
    cue placed where its words play on the timeline and cut to both clips."""
    cues: list[Cue] = []
    found = False
    for track, other in timeline.clips():
        source = sources.get(other.media_id or "")
        if (
            track.hidden
            or source is None
            or source.transcript is None
            or other.kind not in ("video", "audio")
        ):
            continue
        if other.end <= clip.start or other.start >= clip.end:
            continue
        found = True
        offset = other.start - other.source_start
        low, high = max(other.start, clip.start), min(other.end, clip.end)
        for cue in parse_subtitles(source.transcript):
            moved = _shifted(cue, offset, low, high, clip.start)
            if moved is not None:
                cues.append(moved)
    if not found:
        raise RenderInputError(
            'caption src "auto": attach a transcript (SRT, VTT or ASS) to the video under the captions '
            "(VideoDB makes it with index_spoken_words; the local backend cannot transcribe)"
        )
    return sorted(cues, key=lambda c: (c.start, c.end))


def clip_cues(
    timeline: Timeline, clip: Clip, asset: CaptionAsset, sources: Mapping[str, RenderSource]
) -> list[Cue]:
    """The cues a caption clip shows, times from its start."""
    if asset.src.strip().lower() == "auto":
        return auto_cues(timeline, clip, sources)
    return [c for c in read_cues(asset.src) if c.start < clip.duration]
