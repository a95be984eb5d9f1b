"""The bottom picture as the base of the frame, when it hides the background anyway.

The picture starts as the background colour and every layer is overlaid on it. When the lowest
layer is an opaque video filling the whole frame for the whole render, that first overlay only
copies the video's pixels onto a frame nobody sees, yet it costs a frame's worth of blending
(with an alpha plane added) every frame: a third of a captions export. There the video itself
becomes the base, with what the overlay did to it kept:
- `fps=R` gives it the background's clock; it rounds source times to that clock as overlay's
  frame sync does, so output frame n shows the source frame overlay showed on it (checked from
  24, 25 and 29.97 fps up to 30 and 60);
- should the source run out early (its probed length is the container's; the video stream may
  be shorter), `tpad` continues it with the background colour, as `eof_action=pass` showed it,
  and `trim` ends it where the background would have;
- `format=yuv420p` is overlay's output format.
`tests/server/render/test_cover.py` checks the frames are the same bytes either way.
"""

from __future__ import annotations

from editor_app.model import Clip
from editor_app.server.render.sources import RenderSource

# Codecs whose decoders in ffmpeg never give an alpha plane (VP8/VP9 keep theirs in side data
# that the native decoders drop). HEVC is left out: ffmpeg 8 decodes its alpha layer.
OPAQUE_CODECS = frozenset(
    {"h264", "mpeg4", "mpeg2video", "mpeg1video", "vp8", "vp9", "av1", "theora", "mjpeg", "h263"}
)


def hides_background(
    clip: Clip,
    source: RenderSource,
    box: tuple[int, int, int, int],
    frame: tuple[int, int],
    whole_window: bool,
) -> bool:
    """True when `clip`, drawn at `box` (x, y, width, height) in a `frame`, covers every pixel
    of it, opaque, over the whole window (`whole_window`: it starts at or before the window and
    ends at or after it)."""
    transition = clip.transition
    fades = transition is not None and transition.duration > 0 and (transition.in_ or transition.out)
    return (
        whole_window
        and clip.kind == "video"
        and source.kind == "video"
        and (source.video_codec or "").lower() in OPAQUE_CODECS
        and clip.opacity >= 1
        and not fades
        and box == (0, 0, *frame)
    )


def base_chain(label: str, out: str, fps: float, seconds: str, background: str) -> str:
    """The chain that makes the picture `label` the frame's base `out`, as the overlay of it on
    the background (`seconds` long at `fps`, in colour `background`) would have."""
    pad = f"tpad=stop_mode=add:stop_duration={seconds}:color={background}"
    return f"[{label}]fps={fps},{pad},trim=duration={seconds},format=yuv420p[{out}]"
