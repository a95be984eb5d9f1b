"""Titles and captions drawn straight onto the picture below them, when nothing needs their own
layer: full opacity, no fade, no filter. drawtext and libass then touch only their glyphs, where
a transparent full-frame layer and its overlay cost a frame's worth of blending on every frame.

Text is limited to the clip's time on the output with timeline `enable`; for captions the picture
runs on the clip's own clock through the `ass` filter (setpts there and back), so the events keep
their times and animation tags in preview segments and exports alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from editor_app.model import CaptionAsset, Clip, TextAsset, Timeline
from editor_app.model.ticks import Ticks
from editor_app.server.render.captions import caption_layer, clip_cues, moved
from editor_app.server.render.sources import RenderSource
from editor_app.server.render.text import TextLayer, text_layer


def _setpts(seconds: float) -> str:
    return f"setpts=PTS+{seconds:.6f}/TB" if seconds >= 0 else f"setpts=PTS-{-seconds:.6f}/TB"


def direct_layer(
    timeline: Timeline,
    clip: Clip,
    sources: Mapping[str, RenderSource],
    frame: tuple[int, int],
    at: Ticks,
    head: Ticks,
    length: Ticks,
    path: Path,
    full: tuple[int, int] | None = None,
) -> TextLayer | None:
    """The filters drawing the clip on the picture (its visible part starts `at` ms on the output,
    `head` ms into the clip, for `length` ms), or None when it needs a layer of its own. `full`
    is the timeline's frame when `frame` is a smaller preview of it: sizes follow the preview."""
    has_fade = clip.transition is not None and clip.transition.duration > 0
    if clip.opacity < 1 or has_fade or clip.filter:
        return None
    asset = clip.asset
    full = full or frame
    if isinstance(asset, TextAsset):
        k = frame[1] / full[1]
        layer = text_layer(clip, asset, frame, path.with_suffix(".txt"), k, direct=True)
        window = f":enable='between(t,{at / 1000:.3f},{(at + length) / 1000:.3f})'"
        return TextLayer([f + window for f in layer.filters], layer.files)
    if isinstance(asset, CaptionAsset):
        cues = moved(clip_cues(timeline, clip, asset, sources), 0, clip.duration)
        # PlayRes is the timeline's frame: libass scales it to a smaller preview frame
        layer = caption_layer(clip, asset, cues, full, path.with_suffix(".ass"), direct=True)
        # libass reads the frame's time: for the filter alone, the picture runs on the clip's clock
        shift = (head - at) / 1000
        there, back = (
            (f"+{shift:.6f}/TB", f"-{shift:.6f}/TB")
            if shift >= 0
            else (f"-{-shift:.6f}/TB", f"+{-shift:.6f}/TB")
        )
        return TextLayer([f"setpts=PTS{there}", *layer.filters, f"setpts=PTS{back}"], layer.files)
    return None
