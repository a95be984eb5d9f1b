"""Text and caption clips as drawtext layers.

The text itself goes through a file (`textfile=`, `expansion=none`), so no text can add
filter options or expand `%{...}`. Semantics (ours where the cloud is silent):
- a text clip's box is `width` x `height` of the asset (the frame when unset), placed by the
  clip's position and offset like any picture; `alignment` places the text inside the box;
- `scale` multiplies the font size; `fit` does not apply to text; several lines are drawn
  left-aligned to each other (drawtext in ffmpeg 5.1 has no per-line alignment);
- sizes are capped so no request can make drawtext allocate without bound: font size at
  twice the frame height, border and shadow at 64 px, tab size at 64;
- captions: `src` is SRT/WebVTT text (cues `a --> b`, times from the clip's start) or plain
  text shown for the whole clip; styling follows the ASS fields (font, primary colour,
  outline, nine-way alignment with margins). `src: "auto"` needs transcription: refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from editor_app.model import CaptionAsset, Clip, TextAsset
from editor_app.server.errors import RenderInputError
from editor_app.server.render.escape import ass_colour, colour, filter_value, font_name
from editor_app.server.render.layout import place

_CUE_TIME = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})")


MAX_DECORATION = 64


def _font_px(size: float, scale: float, frame_h: int) -> int:
    return min(max(1, round(size * scale)), 2 * frame_h)


def _capped(value: float, k: float = 1.0) -> int:
    """A decoration size in px (`k` scales it for a smaller preview frame)."""
    return min(round(value * k), round(MAX_DECORATION * k))


@dataclass
class TextLayer:
    """Filters drawing one clip's text on a transparent canvas, and the files they read."""

    filters: list[str]
    files: dict[Path, str] = field(default_factory=dict)


def _align_x(horizontal: str, box_x: int, box_w: int) -> str:
    if horizontal == "left":
        return str(box_x)
    if horizontal == "right":
        return f"{box_x + box_w}-text_w"
    return f"{box_x}+({box_w}-text_w)/2"


# room under the last baseline for descenders, in ems (typical fonts descend 0.2-0.25 em)
DESCENT_EM = 0.25


def _align_y(vertical: str, box_y: int, box_h: int, font_px: int) -> str:
    if vertical == "top":
        return str(box_y)
    if vertical == "bottom":
        # drawtext measures only the glyphs drawn (text_h ends at the lowest one), so text
        # without descenders sat flush on the frame's last row and read as cut off. Put the last
        # baseline (top + text_h + max_glyph_d, which is <= 0) a descent above the box's bottom.
        return f"{box_y + box_h - round(DESCENT_EM * font_px)}-text_h-max_glyph_d"
    return f"{box_y}+({box_h}-text_h)/2"


def text_layer(
    clip: Clip, asset: TextAsset, frame: tuple[int, int], text_path: Path, k: float = 1.0
) -> TextLayer:
    """`k`: the frame's size against the timeline's (a preview); every pixel size follows it."""
    where = "text"
    frame_w, frame_h = frame
    box_w = round(asset.width * k) if asset.width else frame_w
    box_h = round(asset.height * k) if asset.height else frame_h
    box_x, box_y = place(clip, box_w, box_h, frame_w, frame_h)
    font = asset.font
    font_px = _font_px(font.size, clip.scale * k, frame_h)
    options = [
        f"textfile={filter_value(str(text_path))}",
        "expansion=none",
        f"font={filter_value(font_name(font.family, where + '.font.family'))}",
        f"fontsize={font_px}",
        f"fontcolor={colour(font.color, where + '.font.color', font.opacity)}",
        f"x={_align_x(asset.alignment.horizontal, box_x, box_w)}",
        f"y={_align_y(asset.alignment.vertical, box_y, box_h, font_px)}",
        f"line_spacing={_capped(asset.line_spacing, k)}",
        f"tabsize={min(asset.tabsize, MAX_DECORATION)}",
    ]
    if asset.border is not None and asset.border.width > 0:
        options += [
            f"borderw={_capped(asset.border.width, k)}",
            f"bordercolor={colour(asset.border.color, where + '.border.color')}",
        ]
    if asset.shadow is not None and (asset.shadow.x or asset.shadow.y):
        options += [
            f"shadowx={_capped(asset.shadow.x, k)}",
            f"shadowy={_capped(asset.shadow.y, k)}",
            f"shadowcolor={colour(asset.shadow.color, where + '.shadow.color')}",
        ]
    if asset.background is not None:
        bg = asset.background
        options += [
            "box=1",
            f"boxcolor={colour(bg.color, where + '.background.color', bg.opacity)}",
            f"boxborderw={_capped(max(bg.border_width, max(bg.width, bg.height) / 2), k)}",
        ]
    return TextLayer(["drawtext=" + ":".join(options)], {text_path: asset.text})


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


def _cue_seconds(text: str) -> float:
    match = _CUE_TIME.search(text)
    if match is None:
        raise RenderInputError(f"caption src: {text.strip()!r} is not a cue time like 00:00:01,500")
    hours, minutes, seconds, millis = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis.ljust(3, "0")) / 1000


def parse_cues(src: str, duration: float) -> list[Cue]:
    """SRT/WebVTT cues, or the whole text as one cue lasting the clip."""
    if "-->" not in src:
        return [Cue(0.0, duration, src.strip())]
    cues: list[Cue] = []
    for block in re.split(r"\r?\n\s*\r?\n", src.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        for index, line in enumerate(lines):
            if "-->" in line:
                start_text, _, end_text = line.partition("-->")
                text = "\n".join(lines[index + 1 :]).strip()
                if text:
                    cues.append(Cue(_cue_seconds(start_text), _cue_seconds(end_text), text))
                break
    if not cues:
        raise RenderInputError("caption src: no cues with text found")
    return cues


_CAPTION_X = {"left": "{ml}", "center": "(w-text_w)/2", "right": "w-text_w-{mr}"}
_CAPTION_Y = {"top": "{mv}", "middle": "(h-text_h)/2", "bottom": "h-text_h-{mv}"}


def caption_layer(
    clip: Clip, asset: CaptionAsset, frame_h: int, text_dir: Path, stem: str, k: float = 1.0
) -> TextLayer:
    if asset.src.strip().lower() == "auto":
        raise RenderInputError(
            'caption src "auto" needs a transcript, which the local backend cannot make: '
            "send the subtitle text (SRT or plain) in src"
        )
    cues = parse_cues(asset.src, clip.duration / 1000)
    vertical, _, horizontal = asset.position.alignment.partition("_")
    pos = asset.position
    x = _CAPTION_X[horizontal].format(ml=round(pos.margin_l * k), mr=round(pos.margin_r * k))
    y = _CAPTION_Y[vertical].format(mv=round(pos.margin_v * k))
    common = [
        "expansion=none",
        f"font={filter_value(font_name(asset.font.name, 'caption.font.font_name'))}",
        f"fontsize={_font_px(asset.font.size, clip.scale * k, frame_h)}",
        f"fontcolor={ass_colour(asset.primary_color, 'caption.primary_color')}",
        f"x={x}",
        f"y={y}",
    ]
    if asset.border.outline > 0:
        common += [
            f"borderw={_capped(asset.border.outline, k)}",
            f"bordercolor={ass_colour(asset.border.outline_color, 'caption.border.outline_color')}",
        ]
    layer = TextLayer([])
    for index, cue in enumerate(cues):
        path = text_dir / f"{stem}-cue{index}.txt"
        layer.files[path] = cue.text
        enable = f"between(t,{cue.start:.3f},{cue.end:.3f})"
        layer.filters.append(
            "drawtext=" + ":".join([f"textfile={filter_value(str(path))}", *common, f"enable='{enable}'"])
        )
    return layer
