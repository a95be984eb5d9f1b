"""The client's local-backend preview extensions against the real backend on loopback:
still frames (`frame_url`), preview-size compiles, proxies and local settings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from editor_app.api import VideoDBClient
from editor_app.wire import MediaItem
from tests.support.api import one_clip_timeline
from tests.support.frames import decode_jpeg
from tests.support.media_checks import is_bluish, is_reddish, two_colour_video


@pytest.fixture(scope="module")
def red_then_blue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_colour_video(tmp_path_factory.mktemp("frames") / "red-blue.mp4")


def _wait_proxy(client: VideoDBClient, media_id: str, state: str, timeout: float = 30) -> MediaItem:
    deadline = time.monotonic() + timeout
    while True:
        item = client.get_media(media_id)
        assert item.proxy is not None
        if item.proxy.state == state or time.monotonic() > deadline:
            return item
        time.sleep(0.1)


def test_compile_answers_a_frame_url_whose_frames_are_the_timeline_at_t(
    client: VideoDBClient, red_then_blue: Path
) -> None:
    video = client.upload(red_then_blue)
    compiled = client.compile(one_clip_timeline(video.id, seconds=4))
    assert compiled.frame_url is not None and "-p" not in compiled.stream_url
    assert compiled.fps == 25.0  # the grid frames snap to
    early = decode_jpeg(client.frame(compiled.frame_url, 0.5))
    late = decode_jpeg(client.frame(compiled.frame_url, 3.0))
    assert (early.width, early.height) == (320, 180)  # the timeline's frame by default
    assert is_reddish(early.mean()) and is_bluish(late.mean())
    small = decode_jpeg(client.frame(compiled.frame_url, 3.0, height=90))
    assert (small.width, small.height) == (160, 90) and is_bluish(small.mean())


def test_a_preview_height_compile_is_a_smaller_stream_of_the_same_timeline(
    client: VideoDBClient, red_then_blue: Path
) -> None:
    video = client.upload(red_then_blue)
    body = one_clip_timeline(video.id, seconds=4)
    full = client.compile(body)
    preview = client.compile(body, preview_height=90)
    assert preview.timeline_id == full.timeline_id  # one timeline, two streams of it
    assert preview.stream_url != full.stream_url and preview.frame_url is not None
    frame = decode_jpeg(client.frame(preview.frame_url, 0.2))
    assert (frame.width, frame.height) == (160, 90) and is_reddish(frame.mean())


def test_a_proxy_is_made_on_request_reported_and_dropped(client: VideoDBClient, red_then_blue: Path) -> None:
    video = client.upload(red_then_blue)
    assert video.proxy is not None and video.proxy.state == "none"  # 90 rows: no automatic proxy
    asked = client.make_proxy(video.id)
    assert asked.proxy is not None and asked.proxy.state in ("queued", "making", "ready")
    ready = _wait_proxy(client, video.id, "ready")
    assert ready.proxy is not None and ready.proxy.state == "ready", ready.proxy
    assert ready.proxy.progress == 1.0 and ready.proxy.height == 90
    dropped = client.drop_proxy(video.id)
    assert dropped.proxy is not None and dropped.proxy.state == "none"


def test_local_settings_round_trip(client: VideoDBClient) -> None:
    assert client.local_settings().auto_proxies is True  # on by default
    try:
        assert client.set_local_settings(False).auto_proxies is False
        assert client.local_settings().auto_proxies is False
    finally:
        client.set_local_settings(True)
