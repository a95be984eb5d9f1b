"""Preview resolution (issue 13): Auto, Full, Half or Quarter of the timeline's height.

Auto is the smallest of those that still fills the pane's picture in device pixels, so a small
pane renders a small, cheap preview from proxies. The local backend renders preview segments
and still frames at that height (`POST /editor?preview_height=`); VideoDB cloud is never asked.
Export always renders the originals at the timeline's size (the backend's rule, not ours).
"""

from __future__ import annotations

from urllib.parse import urlparse

SETTING = "preview/resolution"
CHOICES = {"auto": "Auto", "full": "Full", "half": "Half", "quarter": "Quarter"}
DIVISORS = {"full": 1, "half": 2, "quarter": 4}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _even(value: float) -> int:
    return max(16, int(value) // 2 * 2)


def preview_height(choice: str, timeline_height: int, pane_device_height: float) -> int:
    """Rows to render for `choice` on a timeline `timeline_height` tall in a pane that shows
    `pane_device_height` device pixels of picture."""
    if choice in DIVISORS:
        return _even(timeline_height / DIVISORS[choice])
    for divisor in (4, 2):  # Auto: the smallest that still fills the pane
        if timeline_height / divisor >= pane_device_height:
            return _even(timeline_height / divisor)
    return _even(timeline_height)


def is_local_backend(base_url: str) -> bool:
    """The embedded backend listens on loopback only; VideoDB cloud never does."""
    return (urlparse(base_url).hostname or "") in LOOPBACK
