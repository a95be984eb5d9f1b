"""Find where a value sits in JSON text, so an error about a field can name its line too.

Used only when something is wrong, so it may be simple: it walks the path key by key and
skips sibling values with the C decoder's `raw_decode`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in _SPACE:
        i += 1
    return i


def _step(text: str, i: int, part: str | int) -> int | None:
    """Position of `part` (a key or an index) inside the container starting at `i`."""
    opener = text[i] if i < len(text) else ""
    if opener not in "{[" or (opener == "{") != isinstance(part, str):
        return None
    i = _skip_space(text, i + 1)
    index = 0
    while i < len(text) and text[i] not in "}]":
        if opener == "{":
            key, i = _DECODER.raw_decode(text, i)
            i = _skip_space(text, i)
            i = _skip_space(text, i + 1)  # the colon
            if key == part:
                return i
        elif index == part:
            return i
        _, i = _DECODER.raw_decode(text, i)
        i = _skip_space(text, i)
        if i < len(text) and text[i] == ",":
            i = _skip_space(text, i + 1)
        index += 1
    return None


def locate(text: str, path: Sequence[str | int]) -> tuple[int, int] | None:
    """(line, column), both from 1, of the deepest part of `path` found in `text`.

    Parts that are not in the text (a validator's own labels, such as a union's tag) are
    skipped, so the answer is the nearest enclosing value.
    """
    try:
        i = _skip_space(text, 0)
        for part in path:
            found = _step(text, i, part)
            if found is not None:
                i = found
    except (ValueError, IndexError):
        return None
    line = text.count("\n", 0, i) + 1
    column = i - (text.rfind("\n", 0, i) + 1) + 1
    return line, column
