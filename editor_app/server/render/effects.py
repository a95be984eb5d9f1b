"""Motion effects (`clip.effect`), named as in Shotstack's timeline format, which VideoDB's editor
format mirrors: zoomIn, zoomOut, slideLeft/Right/Up/Down, each also with Slow and Fast.

Our choices where VideoDB is silent (docs/conformance.md, "Motion effects"): over the clip's
length a zoom grows (or shrinks) the picture by 20 % (10 % Slow, 40 % Fast) about its centre; a
slide shows the picture enlarged by that much and pans across the extra room, the picture moving
the way the name says. Smooth: ffmpeg's `perspective` samples the source at sub-pixel positions
for every frame (zoompan moves by whole pixels and jitters), after `fps` gives the frames the
output's rate so the frame count is a clock. An unknown name is kept in the model and drawn as
no effect (`known_effect` lets the UI and `videodb-editor check` say so).
"""

from __future__ import annotations

from editor_app.model.effects import EFFECT_NAMES, known_effect, parse_effect

__all__ = ["EFFECT_NAMES", "effect_filters", "known_effect"]


def effect_filters(name: str | None, duration: float, head: float, fps: float) -> list[str]:
    """Filters moving a picture (already at its final size) by the effect over `duration` seconds;
    `head` seconds of the clip were cut before this picture's first frame (a preview window)."""
    parsed = parse_effect(name)
    if parsed is None or duration <= 0:
        return []
    base, amount = parsed
    p = f"clip(({head:.6f}+in/{fps:g})/{duration:.6f},0,1)"
    if base == "zoomIn":
        z = f"(1+{amount}*{p})"
    elif base == "zoomOut":
        z = f"(1+{amount}*(1-{p}))"
    else:
        z = f"{1 + amount:g}"
    # the source window: W/z x H/z, at (x, y)
    w, h = f"(W/{z})", f"(H/{z})"
    x, y = f"((W-{w})/2)", f"((H-{h})/2)"
    if base == "slideLeft":
        x = f"((W-{w})*{p})"
    elif base == "slideRight":
        x = f"((W-{w})*(1-{p}))"
    elif base == "slideUp":
        y = f"((H-{h})*{p})"
    elif base == "slideDown":
        y = f"((H-{h})*(1-{p}))"
    corners = {
        "x0": x, "y0": y, "x1": f"{x}+{w}", "y1": y,
        "x2": x, "y2": f"{y}+{h}", "x3": f"{x}+{w}", "y3": f"{y}+{h}",
    }  # fmt: skip
    options = ":".join(f"{key}='{value}'" for key, value in corners.items())
    return [f"fps={fps:g}", f"perspective={options}:interpolation=linear:eval=frame"]
