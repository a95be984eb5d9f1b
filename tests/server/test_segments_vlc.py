"""libvlc plays a compiled on-demand stream from the real server, headless, across segments."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import vlc

from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer


def test_libvlc_plays_the_vod_stream_across_segment_joins(
    live_server: LiveServer, uploaded: Callable[..., dict[str, Any]], media_factory: MediaFactory
) -> None:
    media_id = uploaded(media_factory.make_video("green", seconds=4, size="160x90"), media_type="video")["id"]
    asset = {"type": "video", "id": media_id, "start": 0, "volume": 1}
    clips = [{"start": i * 4, "clip": {"asset": asset, "duration": 4}} for i in range(2)]
    body = {"timeline": {"resolution": "160x90", "tracks": [{"clips": clips}]}}
    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers, timeout=30) as client:
        stream_url = client.post("/editor", json=body).json()["data"]["stream_url"]
    instance = vlc.Instance(["--vout=dummy", "--aout=adummy", "--no-video-title-show", "--quiet"])
    player = instance.media_player_new()
    playing = threading.Event()
    # libvlc calls back on its own threads: only set a flag there
    player.event_manager().event_attach(vlc.EventType.MediaPlayerPlaying, lambda _event: playing.set())
    player.set_media(instance.media_new(stream_url))
    try:
        player.play()
        assert playing.wait(15), "libvlc never reached Playing"
        deadline = time.monotonic() + 20
        while player.get_time() < 4500:  # past the second segment join (2 s, 4 s)
            assert time.monotonic() < deadline, f"playback stalled at {player.get_time()} ms"
            assert player.get_state() not in (vlc.State.Error, vlc.State.Ended), player.get_state()
            time.sleep(0.1)
    finally:
        player.stop()
        player.release()
        instance.release()
