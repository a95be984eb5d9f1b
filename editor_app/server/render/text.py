"""Text and caption clips as drawtext layers.

The text itself goes through a file (`textfile=`, `expansion=none`), so no text can add
filter options or expand `%{...}`. Semantics (ours where the cloud is silent):
- a text clip's box is `width` x `height` of the asset (the frame when unset), placed by the
  clip's position and offset like any picture; `alignment` places the text inside the box;
- `scale` multiplies the font size; `fit` does not apply to text; several lines are drawn
  left-aligned to each other (drawtext in ffmpeg 5.1 has no per-line alignment);
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


def _capped(value: float) -> int:
    return min(round(value), MAX_DECORATION)


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


def _align_y(vertical: str, box_y: int, box_h: int) -> str:
    if vertical == "top":
        return str(box_y)
    if vertical == "bottom":
        return f"{box_y + box_h}-text_h"
    return f"{box_y}+({box_h}-text_h)/2"


def text_layer(clip: Clip, asset: TextAsset, frame: tuple[int, int], text_path: Path) -> TextLayer:
    where = "text"
    frame_w, frame_h = frame
    box_w, box_h = asset.width or frame_w, asset.height or frame_h
    box_x, box_y = place(clip, box_w, box_h, frame_w, frame_h)
    font = asset.font
    options = [
        f"textfile={filter_value(str(text_path))}",
        "expansion=none",
        f"font={filter_value(font_name(font.family, where + '.font.family'))}",
        f"fontsize={_font_px(font.size, clip.scale, frame_h)}",
        f"fontcolor={colour(font.color, where + '.font.color', font.opacity)}",
        f"x={_align_x(asset.alignment.horizontal, box_x, box_w)}",
        f"y={_align_y(asset.alignment.vertical, box_y, box_h)}",
        f"line_spacing={_capped(asset.line_spacing)}",
        f"tabsize={min(asset.tabsize, MAX_DECORATION)}",
    ]
    if asset.border is not None and asset.border.width > 0:
        options += [
            f"borderw={_capped(asset.border.width)}",
            f"bordercolor={colour(asset.border.color, where + '.border.color')}",
        ]
    if asset.shadow is not None and (asset.shadow.x or asset.shadow.y):
        options += [
            f"shadowx={_capped(asset.shadow.x)}",
            f"shadowy={_capped(asset.shadow.y)}",
            f"shadowcolor={colour(asset.shadow.color, where + '.shadow.color')}",
        ]
    if asset.background is not None:
        bg = asset.background
        options += [
            "box=1",
            f"boxcolor={colour(bg.color, where + '.background.color', bg.opacity)}",
            f"boxborderw={_capped(max(bg.border_width, max(bg.width, bg.height) / 2))}",
        ]
    return TextLayer(["drawtext=" + ":".join(options)], {text_path: asset.text})
