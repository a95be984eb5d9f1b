"""Values refused wherever a timeline enters (editor JSON, project files), naming their field.

JSON as Python reads it may hold NaN and ±Infinity, numbers too large for any later arithmetic,
and strings with lone surrogates (`"\\ud800"`), which no file or ffmpeg argument can carry.
Each would pass the models and fail later, far from where it came in (a 500, an unsaveable
project). The limits are documented in docs/architecture.md, "Limits"; real work never meets
them.
"""

from __future__ import annotations

import math
from typing import Any

from editor_app.model.errors import InvalidTimelineJSON

MAX_TIMELINE_S = 24 * 3600  # any start, duration or length on a timeline
MAX_NUMBER = 1e9  # any other number (offsets, crops, sizes, indexes)
MAX_TEXT_CHARS = 20_000  # one text or caption
MAX_CLIPS = 20_000  # in one timeline
MAX_DEPTH = 32


def _path(parts: list[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "timeline"


def has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_wire_values(data: Any, root: str = "", limits: bool = True) -> None:
    """InvalidTimelineJSON for the first non-finite or out-of-range number, invalid Unicode or
    over-long text in `data` (any JSON-like value), naming its path. Without `limits`, only
    what no file can hold (NaN, ±Infinity, lone surrogates) is refused."""
    clips = 0
    stack: list[tuple[Any, list[str | int]]] = [(data, [root] if root else [])]
    while stack:
        value, where = stack.pop()
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, float | int):
            _check_number(value, where, limits)
        elif isinstance(value, str):
            _check_text(value, where, limits)
        elif isinstance(value, dict):
            if len(where) > MAX_DEPTH:
                raise InvalidTimelineJSON(f"{_path(where)}: nested too deeply")
            if limits and "clip" in value:
                clips += 1
                if clips > MAX_CLIPS:
                    raise InvalidTimelineJSON(f"timeline: more than {MAX_CLIPS} clips")
            for key, item in value.items():
                if isinstance(key, str) and has_lone_surrogate(key):
                    raise InvalidTimelineJSON(f"{_path(where)}: a field name is not valid Unicode")
                stack.append((item, [*where, str(key)]))
        elif isinstance(value, list):
            if len(where) > MAX_DEPTH:
                raise InvalidTimelineJSON(f"{_path(where)}: nested too deeply")
            stack.extend((item, [*where, index]) for index, item in enumerate(value))


_TIME_KEYS = frozenset({"start", "duration", "end", "length"})


def _check_number(value: float | int, where: list[str | int], limits: bool) -> None:
    is_time = bool(where) and where[-1] in _TIME_KEYS
    if isinstance(value, float) and not math.isfinite(value):
        expected = "a time in seconds" if is_time else "a finite number"
        raise InvalidTimelineJSON(f"{_path(where)}: expected {expected}, got {value!r}")
    limit = MAX_TIMELINE_S if is_time else MAX_NUMBER
    if limits and abs(value) > limit:
        raise InvalidTimelineJSON(f"{_path(where)}: {value!r} is out of range (at most {limit:g})")


def _check_text(value: str, where: list[str | int], limits: bool) -> None:
    if has_lone_surrogate(value):
        raise InvalidTimelineJSON(f"{_path(where)}: the text is not valid Unicode (a lone surrogate)")
    if limits and len(value) > MAX_TEXT_CHARS:
        raise InvalidTimelineJSON(f"{_path(where)}: text longer than {MAX_TEXT_CHARS} characters")
