"""Faults between the client and the real backend: each ends in a retry that succeeds or a
clear typed error, and no fault makes a second job."""

from __future__ import annotations

import time
from typing import Any

import pytest

from editor_app.api import (
    ConnectionFailed,
    RateLimitedError,
    RequestTimeout,
    ServerError,
    VideoDBClient,
)
from tests.support.api import one_clip_timeline
from tests.support.fault_proxy import FaultProxy

LIST = r"^/video$"
EXPORT = r"^/timeline_v2/download$"


@pytest.mark.parametrize("fault", ["drop", "delay:4", "status:503", "status:502", "status:504", "garbage"])
def test_a_safe_request_is_retried_through_a_transient_fault(
    fault: str, proxy: FaultProxy, proxied: VideoDBClient, red_video: dict[str, Any]
) -> None:
    proxy.plan("GET", LIST, fault, times=2)
    videos = proxied.list_videos()
    assert red_video["id"] in {v.id for v in videos}
    assert proxy.count("GET", LIST, forwarded=False) == 3


def test_a_lasting_fault_ends_in_a_typed_error(proxy: FaultProxy, proxied: VideoDBClient) -> None:
    proxy.plan("GET", LIST, "status:503", times=10)
    with pytest.raises(ServerError) as caught:
        proxied.list_videos()
    assert caught.value.status == 503
    assert proxy.count("GET", LIST, forwarded=False) == 4  # the policy's attempts, no more
    proxy.reset()
    proxy.plan("GET", LIST, "garbage", times=10)
    with pytest.raises(ServerError, match="unreadable"):
        proxied.list_videos()
    proxy.reset()
    proxy.plan("GET", LIST, "drop", times=10)
    with pytest.raises(ConnectionFailed):
        proxied.list_videos()


def test_a_500_is_not_retried(proxy: FaultProxy, proxied: VideoDBClient) -> None:
    proxy.plan("GET", LIST, "status:500")
    with pytest.raises(ServerError) as caught:
        proxied.list_videos()
    assert caught.value.status == 500
    assert proxy.count("GET", LIST, forwarded=False) == 1


def test_429_waits_for_retry_after(proxy: FaultProxy, proxied: VideoDBClient) -> None:
    proxy.plan("GET", LIST, "status:429:1")
    started = time.monotonic()
    proxied.list_videos()
    assert time.monotonic() - started >= 1.0
    proxy.plan("GET", LIST, "status:429:1", times=10)
    with pytest.raises(RateLimitedError) as caught:
        proxied.list_videos()
    assert caught.value.retry_after == 1.0


def test_an_export_post_that_reached_the_server_is_never_repeated(
    proxy: FaultProxy, proxied: VideoDBClient, red_video: dict[str, Any]
) -> None:
    compiled = proxied.compile(one_clip_timeline(red_video["id"], 1.0))
    proxy.plan("POST", EXPORT, "drop_after")
    with pytest.raises(ConnectionFailed):
        proxied.start_export(compiled, format="mp4", quality="low")
    assert proxy.count("POST", EXPORT) == 1
    proxy.plan("POST", EXPORT, "delay:4")  # the client times out while the server works
    with pytest.raises(RequestTimeout):
        proxied.start_export(compiled, format="mp4", quality="low")
    deadline = time.monotonic() + 5  # the proxy forwards it after its delay: once, not again
    while proxy.count("POST", EXPORT) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    assert proxy.count("POST", EXPORT) == 2
    proxy.plan("POST", EXPORT, "status:503")  # may have come from a proxy that forwarded it
    with pytest.raises(ServerError):
        proxied.start_export(compiled, format="mp4", quality="low")
    assert proxy.count("POST", EXPORT, forwarded=False) == 3


def test_an_export_post_the_server_refused_is_retried_once_accepted(
    proxy: FaultProxy, proxied: VideoDBClient, red_video: dict[str, Any]
) -> None:
    compiled = proxied.compile(one_clip_timeline(red_video["id"], 1.0))
    proxy.plan("POST", EXPORT, "status:429:0", times=2)
    handle = proxied.start_export(compiled, format="mp4", quality="low")
    assert proxy.count("POST", EXPORT) == 1  # two refusals, then exactly one job
    assert proxied.wait_export(handle, timeout=60).finished


def test_job_polls_survive_faults(
    proxy: FaultProxy, proxied: VideoDBClient, red_video: dict[str, Any]
) -> None:
    compiled = proxied.compile(one_clip_timeline(red_video["id"], 1.0))
    handle = proxied.start_export(compiled, format="webm", quality="low")
    assert handle.output_url.startswith(proxy.base_url)
    for fault in ("drop", "status:503", "garbage"):
        proxy.plan("GET", r"^/async-response/", fault)
    done = proxied.wait_export(handle, timeout=60)
    assert done.finished and done.data.download_url
    assert proxy.count("POST", EXPORT) == 1


def test_connection_refused_is_a_connection_error() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    from tests.support.api import FAST_RETRY

    with (
        VideoDBClient(f"http://127.0.0.1:{port}", "k", retry=FAST_RETRY) as api,
        pytest.raises(ConnectionFailed),
    ):
        api.list_videos()
