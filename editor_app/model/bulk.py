"""Bulk work over whole timelines.

Building or walking tens of thousands of small objects makes CPython's cyclic collector run
full passes over every live clip, which costs more than the work itself (measured: 150 ms to
serialise 10,000 clips, 60 ms with the collector paused). Reference counting still frees
everything; only cycle detection waits until the bulk step is over.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def shift_starts(clips: list[Any], delta: int) -> None:
    """Add `delta` to every clip's `start`. Written into the instance dict: pydantic's
    `__setattr__` (which validates nothing here, `validate_assignment` is off) costs 3-4x, and a
    ripple on every track of a 10,000-clip timeline shifts thousands of clips."""
    for clip in clips:
        clip.__dict__["start"] += delta
