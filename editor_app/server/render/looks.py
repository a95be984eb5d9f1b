"""The eight clip filters as ffmpeg filters.

The cloud documents only the names; these choices follow their plain meaning:
blur = gaussian blur (sigma 8), boost = more contrast and saturation, contrast = contrast
x1.5, darken/lighten = brightness -/+0.25, greyscale = saturation 0, muted = softer colours
(saturation 0.5, contrast 0.85), negative = inverted colours. `muted` is a look, not sound.
"""

from __future__ import annotations

LOOKS: dict[str, str] = {
    "blur": "gblur=sigma=8",
    "boost": "eq=contrast=1.2:saturation=1.6",
    "contrast": "eq=contrast=1.5",
    "darken": "eq=brightness=-0.25",
    "greyscale": "hue=s=0",
    "lighten": "eq=brightness=0.25",
    "muted": "eq=saturation=0.5:contrast=0.85",
    "negative": "negate",
}


def look_filter(name: str | None) -> str | None:
    return LOOKS[name] if name else None
