"""The playhead between VLC's coarse time updates (about 1 s steps on HLS, sometimes backwards).

Playing, the position runs on the monotonic clock from the last anchor; a report from VLC
re-anchors it only when it is ahead, or far behind (a stall). What it hands out never goes
backwards until someone seeks on purpose.
"""

from __future__ import annotations

import time
from collections.abc import Callable

STALL_MS = 1500  # VLC this far behind the clock: trust VLC (buffering), hold the playhead


class PlaybackClock:
    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._anchor_ms = 0
        self._anchor_at = now()
        self._rate = 0.0
        self._last = 0

    def position(self) -> int:
        estimate = self._anchor_ms + round((self._now() - self._anchor_at) * 1000 * self._rate)
        self._last = max(self._last, estimate)
        return self._last

    def seek(self, ms: int) -> None:
        """An intended jump (either way)."""
        self._anchor_ms, self._anchor_at, self._last = ms, self._now(), ms

    def run(self, rate: float) -> None:
        """Start (rate > 0) or freeze (0) from where it is now."""
        self._anchor_ms, self._anchor_at = self.position(), self._now()
        self._rate = rate

    @property
    def running(self) -> bool:
        return self._rate > 0

    def report(self, vlc_ms: int) -> None:
        """VLC's own time: pull the anchor to it when it is ahead or the playback stalled."""
        if vlc_ms < 0:
            return
        estimate = self.position()
        if vlc_ms > estimate or estimate - vlc_ms > STALL_MS:
            # behind `_last` (a stall) the playhead holds until playback catches up
            self._anchor_ms, self._anchor_at = vlc_ms, self._now()
