"""A compile is content-addressed (the same timeline is the same stream, nothing is created
twice), so the client retries it once on a connection dropped before any byte of the answer,
as after a server error that dropped a keep-alive connection (issue 16, #8)."""

from __future__ import annotations

from typing import Any

from editor_app.api import VideoDBClient
from tests.support.api import one_clip_timeline
from tests.support.fault_proxy import FaultProxy

COMPILE = r"^/editor$"


def test_a_compile_dropped_before_any_byte_is_retried_once(
    proxy: FaultProxy, proxied: VideoDBClient, red_video: dict[str, Any]
) -> None:
    proxy.plan("POST", COMPILE, "drop")
    result = proxied.compile(one_clip_timeline(red_video["id"]))
    assert result.stream_url
    assert proxy.count("POST", COMPILE, forwarded=False) == 2
