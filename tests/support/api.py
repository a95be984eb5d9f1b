"""Client-side test helpers: a quick retry policy and a one-clip timeline body."""

from __future__ import annotations

from typing import Any

from editor_app.api import RetryPolicy

FAST_RETRY = RetryPolicy(attempts=4, base_delay=0.05, max_delay=0.2, jitter=0.2, max_retry_after=2.0)


def one_clip_timeline(media_id: str, seconds: float = 1.0, kind: str = "video") -> dict[str, Any]:
    asset: dict[str, Any] = {"type": kind, "id": media_id, "start": 0, "volume": 1.0}
    return {
        "timeline": {
            "background": "#000000",
            "resolution": "320x180",
            "tracks": [
                {"z_index": 0, "clips": [{"start": 0, "clip": {"asset": asset, "duration": seconds}}]}
            ],
        }
    }
