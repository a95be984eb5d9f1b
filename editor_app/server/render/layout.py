"""Where a picture lands in the frame: fit, scale, position and offset.

Semantics (the cloud leaves the details undocumented; these are ours):
- the asset's crop (source pixels per side, as the Python SDK documents) is cut off first; a
  crop that leaves less than 2 pixels keeps 2;
- fit "crop" scales to fill the frame and cuts the overflow (centred), "cover" stretches
  to the frame, "contain" fits inside it (the background shows around), null keeps the
  source size;
- `scale` then multiplies that fitted size;
- `position` anchors it to one of nine spots of the frame; `offset` moves it by fractions
  of the frame, x to the right and **y upwards** (positive y moves the picture up).
"""

from __future__ import annotations

from dataclasses import dataclass

from editor_app.model import Clip, Crop


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Fitted:
    crop: Box | None  # cut from the source first (asset crop), in source pixels
    scaled: tuple[int, int]  # size after fitting, before `fit: crop` cuts to the frame
    frame_cut: tuple[int, int] | None  # centred cut after scaling (fit crop)
    final: tuple[int, int]  # size after `scale`


def even(value: float) -> int:
    return max(2, round(value / 2) * 2)


def source_crop(width: int, height: int, crop: Crop) -> Box | None:
    if crop.is_empty:
        return None
    left = min(round(crop.left), width - 2)
    top = min(round(crop.top), height - 2)
    w = max(2, width - left - round(crop.right))
    h = max(2, height - top - round(crop.bottom))
    return Box(left, top, w, h)


def fit(clip: Clip, src_w: int, src_h: int, frame_w: int, frame_h: int, crop: Crop | None) -> Fitted:
    cut = source_crop(src_w, src_h, crop) if crop is not None else None
    w, h = (cut.width, cut.height) if cut else (src_w, src_h)
    frame_cut: tuple[int, int] | None = None
    if clip.fit == "crop":
        factor = max(frame_w / w, frame_h / h)
        scaled = (even(w * factor), even(h * factor))
        frame_cut = (min(scaled[0], frame_w), min(scaled[1], frame_h))
        base = frame_cut
    elif clip.fit == "cover":
        scaled = base = (frame_w, frame_h)
    elif clip.fit == "contain":
        factor = min(frame_w / w, frame_h / h)
        scaled = base = (even(w * factor), even(h * factor))
    else:
        scaled = base = (even(w), even(h))
    final = (even(base[0] * clip.scale), even(base[1] * clip.scale))
    return Fitted(cut, scaled, frame_cut, final)


def place(clip: Clip, width: int, height: int, frame_w: int, frame_h: int) -> tuple[int, int]:
    """Top-left corner of a `width` x `height` picture in the frame."""
    position = clip.position
    if "left" in position:
        x = 0
    elif "right" in position:
        x = frame_w - width
    else:
        x = (frame_w - width) // 2
    if position.startswith("top"):
        y = 0
    elif position.startswith("bottom"):
        y = frame_h - height
    else:
        y = (frame_h - height) // 2
    return x + round(clip.offset.x * frame_w), y - round(clip.offset.y * frame_h)


def _times(size: tuple[int, int], k: float) -> tuple[int, int]:
    return even(size[0] * k), even(size[1] * k)


def scaled_fit(fitted: Fitted, k: float, frame_w: int, frame_h: int, file_k: tuple[float, float]) -> Fitted:
    """`fitted` (worked out in the timeline's full frame) for a frame `k` times that size
    (`frame_w` x `frame_h`), reading a file `file_k` times the source's size (a proxy).
    The same arithmetic at any size, so a preview is the export, smaller."""
    crop = fitted.crop
    if crop is not None and file_k != (1.0, 1.0):
        fx, fy = file_k
        crop = Box(int(crop.x * fx), int(crop.y * fy), even(crop.width * fx), even(crop.height * fy))
    if k == 1.0:
        return Fitted(crop, fitted.scaled, fitted.frame_cut, fitted.final)
    scaled = _times(fitted.scaled, k)
    frame_cut = None if fitted.frame_cut is None else (min(scaled[0], frame_w), min(scaled[1], frame_h))
    return Fitted(crop, scaled, frame_cut, _times(fitted.final, k))
