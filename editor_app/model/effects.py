"""The motion effect names `clip.effect` may hold (Shotstack's, which VideoDB's format mirrors):
zoomIn, zoomOut, slideLeft/Right/Up/Down, each also Slow and Fast. Any other string is kept as
written (the SDKs take any string) but has no local rendering (docs/conformance.md)."""

from __future__ import annotations

BASES = ("zoomIn", "zoomOut", "slideLeft", "slideRight", "slideUp", "slideDown")
SPEEDS = {"Slow": 0.1, "": 0.2, "Fast": 0.4}  # how much a zoom or slide moves over the clip
EFFECT_NAMES = tuple(base + speed for base in BASES for speed in ("", "Slow", "Fast"))


def parse_effect(name: str | None) -> tuple[str, float] | None:
    """(base name, amount) of a known effect, None for none or an unknown name."""
    if not name:
        return None
    for base in BASES:
        if name.startswith(base) and name[len(base) :] in SPEEDS:
            return base, SPEEDS[name[len(base) :]]
    return None


def known_effect(name: str | None) -> bool:
    return not name or parse_effect(name) is not None
