"""Word wrapping of a title to its box, by the real metrics of the font fontconfig picks.

Lines are broken at the timeline's full size (the caller passes full-size font and box sizes), so
a smaller preview breaks at the same words as the export. Explicit newlines are kept; a word wider
than the box is broken between characters. `fc-match` resolves the same pattern drawtext's
`font=` does, so the measured face is the drawn one (docs/conformance.md, "Text").
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from PIL import ImageFont

FC_MATCH_TIMEOUT = 5.0
FALLBACK_ADVANCE = 0.6  # an average glyph's advance in font sizes, when no font file can be read


class FontMeasure:
    """Line widths in px for fontconfig patterns; holds the faces it has opened (one per render)."""

    def __init__(self) -> None:
        self._faces: dict[tuple[str, int], ImageFont.FreeTypeFont | None] = {}

    def _face(self, pattern: str, px: int) -> ImageFont.FreeTypeFont | None:
        key = (pattern, px)
        if key not in self._faces:
            path = font_file(pattern)
            try:
                self._faces[key] = ImageFont.truetype(str(path), px) if path else None
            except OSError:
                self._faces[key] = None
        return self._faces[key]

    def width(self, text: str, pattern: str, px: int) -> float:
        face = self._face(pattern, px)
        if face is None:
            return len(text) * px * FALLBACK_ADVANCE
        return float(face.getlength(text))


def font_file(pattern: str) -> Path | None:
    """The file fontconfig picks for `pattern` (an argument list, no shell), or None."""
    try:
        done = subprocess.run(
            ["fc-match", "--format=%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=FC_MATCH_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = Path(done.stdout.strip())
    return path if done.returncode == 0 and path.is_file() else None


def wrap_lines(text: str, limit: float, measure: FontMeasure, pattern: str, px: int, tab: int) -> list[str]:
    """`text` as drawn lines no wider than `limit` px (tabs measured as `tab` spaces, as drawtext
    draws them)."""

    def width(line: str) -> float:
        return measure.width(line.replace("\t", " " * tab), pattern, px)

    out: list[str] = []
    for given in text.split("\n"):
        if width(given) <= limit:  # kept as typed, spaces and all
            out.append(given)
            continue
        current = ""
        for word in given.split(" "):
            candidate = f"{current} {word}" if current else word
            if not current or width(candidate) <= limit:
                current = candidate
            else:
                out.append(current)
                current = word
            while len(current) > 1 and width(current) > limit:
                cut = _fitting_prefix(current, limit, width)
                out.append(current[:cut])
                current = current[cut:]
        out.append(current)
    return out


def _fitting_prefix(word: str, limit: float, width: Callable[[str], float]) -> int:
    cut = 1
    while cut < len(word) - 1 and width(word[: cut + 1]) <= limit:
        cut += 1
    return cut
