"""Text and caption clips as drawtext layers.

The text itself goes through a file (`textfile=`, `expansion=none`), so no text can add
filter options or expand `%{...}`. Semantics (ours where the cloud is silent):
- a text clip's box is `width` x `height` of the asset (the frame when unset), placed by the
  clip's position and offset like any picture; `alignment` places the text inside the box;
- `scale` multiplies the font size; `fit` does not apply to text; each line is its own drawtext,
  aligned on its own (centred or right-aligned lines stay so), `line_spacing` px apart;
- the Node SDK's `font.weight` picks the fontconfig weight nearest it (a family without that
  weight falls back to its nearest face); lines wider than the box are not wrapped;
- a background with a size is a box of that size placed like the clip, the text aligned in it by
  the background's `text_alignment`; without a size it hugs each line, `border_width` padding;
- sizes are capped so no request can make drawtext allocate without bound: font size at
  twice the frame height, border and shadow at 64 px, tab size at 64;
- captions are drawn by libass instead (`captions.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from editor_app.model import Clip, TextAsset
from editor_app.server.render.escape import colour, filter_value, font_name
from editor_app.server.render.layout import place

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


_WEIGHTS = {100: "thin", 200: "extralight", 300: "light", 400: "regular", 500: "medium",
            600: "demibold", 700: "bold", 800: "extrabold", 900: "black"}  # fmt: skip
_NINE_H = {"left": "left", "right": "right"}
_NINE_V = {"top": "top", "bottom": "bottom"}


def font_pattern(family: str, weight: int | None, where: str) -> str:
    """A fontconfig pattern: the family, and the CSS weight (Node SDK) as fontconfig's name."""
    name = font_name(family, where + ".font.family")
    if weight is None:
        return name
    return f"{name}:weight={_WEIGHTS[min(_WEIGHTS, key=lambda w: abs(w - weight))]}"


def _line_x(horizontal: str, box_x: int, box_w: int) -> str:
    if horizontal == "left":
        return str(box_x)
    if horizontal == "right":
        return f"{box_x + box_w}-text_w"
    return f"{box_x}+({box_w}-text_w)/2"


LINE_HEIGHT = 1.2  # a line's height in font sizes (the fonts' own metrics are not read here)
BASELINE = 0.95  # where the baseline sits below a line's top, in font sizes


def _line_y(vertical: str, box_y: int, box_h: int, index: int, count: int, px: int, spacing: int) -> str:
    """Line `index` of `count`, placed by its baseline: the block of lines (each LINE_HEIGHT high,
    `spacing` apart) sits in the box, and drawtext's `max_glyph_a` puts this line's own glyphs on
    the shared baselines (each line is its own drawtext, so each is aligned on its own)."""
    pitch = round(px * LINE_HEIGHT) + spacing
    block = count * pitch - spacing
    if vertical == "top":
        top = box_y
    elif vertical == "bottom":
        top = box_y + box_h - block
    else:
        top = box_y + (box_h - block) // 2
    return f"{top + index * pitch + round(px * BASELINE)}-max_glyph_a"


def _text_box(
    clip: Clip, asset: TextAsset, frame: tuple[int, int], k: float
) -> tuple[int, int, int, int, str, str]:
    """Where the lines go: the background's own box when it has a size (the text aligned in it by
    its `text_alignment`), else the asset's box (aligned by `alignment`)."""
    frame_w, frame_h = frame
    bg = asset.background
    if bg is not None and bg.width > 0 and bg.height > 0:
        w, h = min(round(bg.width * k), 4 * frame_w), min(round(bg.height * k), 4 * frame_h)
        x, y = place(clip, w, h, frame_w, frame_h)
        where = bg.text_alignment
        horizontal = next((v for key, v in _NINE_H.items() if key in where), "center")
        vertical = next((v for key, v in _NINE_V.items() if where.startswith(key)), "center")
        return x, y, w, h, horizontal, vertical
    w = round(asset.width * k) if asset.width else frame_w
    h = round(asset.height * k) if asset.height else frame_h
    x, y = place(clip, w, h, frame_w, frame_h)
    return x, y, w, h, asset.alignment.horizontal, asset.alignment.vertical


def text_layer(
    clip: Clip,
    asset: TextAsset,
    frame: tuple[int, int],
    text_path: Path,
    k: float = 1.0,
    direct: bool = False,
) -> TextLayer:
    """The drawtext filters of a title: on its own transparent canvas, or `direct` on the opaque
    picture below (no alpha to keep, so a sized background box blends instead of replacing).
    `k`: the frame's size against the timeline's (a preview); every pixel size follows it."""
    where = "text"
    frame_h = frame[1]
    box_x, box_y, box_w, box_h, horizontal, vertical = _text_box(clip, asset, frame, k)
    font = asset.font
    lines = asset.text.split("\n") or [""]
    spacing = _capped(asset.line_spacing, k)
    px = _font_px(font.size, clip.scale * k, frame_h)
    common = [
        "expansion=none",
        f"font={filter_value(font_pattern(font.family, font.weight, where))}",
        f"fontsize={px}",
        f"fontcolor={colour(font.color, where + '.font.color', font.opacity)}",
        f"tabsize={min(asset.tabsize, MAX_DECORATION)}",
    ]
    if asset.border is not None and asset.border.width > 0:
        common += [
            f"borderw={_capped(asset.border.width, k)}",
            f"bordercolor={colour(asset.border.color, where + '.border.color')}",
        ]
    if asset.shadow is not None and (asset.shadow.x or asset.shadow.y):
        common += [
            f"shadowx={_capped(asset.shadow.x, k)}",
            f"shadowy={_capped(asset.shadow.y, k)}",
            f"shadowcolor={colour(asset.shadow.color, where + '.shadow.color')}",
        ]
    filters: list[str] = []
    bg = asset.background
    if bg is not None:
        fill = colour(bg.color, where + ".background.color", bg.opacity)
        if bg.width > 0 and bg.height > 0:
            box = f"drawbox=x={box_x}:y={box_y}:w={box_w}:h={box_h}:color={fill}:t=fill"
            # drawbox replace=1 on rgba crashes ffmpeg 5.1: the box is drawn through yuva444p
            filters += [box] if direct else ["format=yuva444p", box + ":replace=1", "format=rgba"]
        else:  # no size: a box hugging each line, `border_width` its padding
            common += ["box=1", f"boxcolor={fill}", f"boxborderw={_capped(bg.border_width, k)}"]
    files: dict[Path, str] = {}
    for index, line in enumerate(lines):
        path = text_path.with_name(f"{text_path.stem}-{index}{text_path.suffix}")
        files[path] = line
        position = [
            f"x={_line_x(horizontal, box_x, box_w)}",
            f"y={_line_y(vertical, box_y, box_h, index, len(lines), px, spacing)}",
        ]
        filters.append("drawtext=" + ":".join([f"textfile={filter_value(str(path))}", *common, *position]))
    return TextLayer(filters, files)
