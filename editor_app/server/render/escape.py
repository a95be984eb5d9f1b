"""Making user values safe inside an ffmpeg filter graph.

User text never enters the graph (drawtext reads it from a file); the values that do
(colours, font names, our own file paths) are validated against strict patterns or escaped
for both levels of filter-graph parsing, so nothing can add filter options.
"""

from __future__ import annotations

import re

from editor_app.server.errors import RenderInputError

_HEX_COLOUR = re.compile(r"^#?([0-9A-Fa-f]{6})([0-9A-Fa-f]{2})?$")
_ASS_COLOUR = re.compile(r"^&H([0-9A-Fa-f]{2})?([0-9A-Fa-f]{6})&?$")
_FONT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$")
_NAMED = {
    "black": "000000",
    "white": "FFFFFF",
    "red": "FF0000",
    "green": "008000",
    "blue": "0000FF",
    "yellow": "FFFF00",
    "transparent": "00000000",
}


def colour(value: str, field: str, opacity: float = 1.0) -> str:
    """`#RRGGBB[AA]` (or a basic name) as ffmpeg's `0xRRGGBB@alpha`."""
    text = _NAMED.get(value.strip().lower(), value.strip())
    match = _HEX_COLOUR.match(text)
    if match is None:
        raise RenderInputError(f"{field}: {value!r} is not a colour like #RRGGBB")
    alpha = int(match.group(2), 16) / 255 if match.group(2) else 1.0
    return f"0x{match.group(1).upper()}@{_fraction(alpha * opacity)}"


def ass_colour(value: str, field: str) -> str:
    """An ASS colour `&HAABBGGRR` (alpha 00 = opaque) as ffmpeg's `0xRRGGBB@alpha`."""
    match = _ASS_COLOUR.match(value.strip())
    if match is None:
        return colour(value, field)
    alpha = 1 - int(match.group(1) or "00", 16) / 255
    bgr = match.group(2).upper()
    return f"0x{bgr[4:6]}{bgr[2:4]}{bgr[0:2]}@{_fraction(alpha)}"


def font_name(value: str, field: str) -> str:
    if not _FONT_NAME.match(value):
        raise RenderInputError(f"{field}: {value!r} is not a font name (letters, digits, space, ._-)")
    return value


def _fraction(value: float) -> str:
    return f"{min(max(value, 0.0), 1.0):.3f}"


def _backslash(text: str, specials: str) -> str:
    return "".join("\\" + ch if ch in specials else ch for ch in text)


def filter_value(value: str) -> str:
    """Escape an option value for the option parser and then for the graph parser."""
    return _backslash(_backslash(value, "\\':"), "\\'[],;")
