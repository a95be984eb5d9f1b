"""A player that hangs up (VLC retiring a stream after an edit) stops its segment's render."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx

from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer

LAYERS = 6  # stacked half-transparent 720p layers: a segment takes long enough to hang up on


def compile_layers(client: httpx.Client, media_id: str, volume: float) -> str:
    asset = {"type": "video", "id": media_id, "start": 0, "volume": volume}
    clip = {"start": 0, "clip": {"asset": asset, "duration": 4, "opacity": 0.5}}
    body = {"timeline": {"resolution": "1280x720", "tracks": [{"clips": [clip]} for _ in range(LAYERS)]}}
    answer = client.post("/editor", json=body)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["data"]["stream_url"])


def segment_files(data_dir: Path) -> set[str]:
    return {path.name for path in (data_dir / "segments").glob("*.ts")}


def test_a_hung_up_segment_request_of_an_old_stream_renders_nothing(
    live_server: LiveServer, uploaded: Callable[..., dict[str, Any]], media_factory: MediaFactory
) -> None:
    video = media_factory.make_video("teal", seconds=4, size="1280x720")
    media_id = uploaded(video, media_type="video")["id"]
    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers, timeout=60) as client:
        old_url = compile_layers(client, media_id, volume=0.9)
        new_url = compile_layers(client, media_id, volume=0.8)
        assert client.get(new_url).status_code == 200  # a player opened the newer compile
    before = segment_files(live_server.data_dir)
    old = urlparse(old_url)
    path = f"{old.path.rsplit('/', 1)[0]}/seg_00000.ts?{old.query}"
    with socket.create_connection((old.hostname or "127.0.0.1", old.port or 80), timeout=10) as raw:
        raw.sendall(f"GET {path} HTTP/1.1\r\nHost: {old.netloc}\r\n\r\n".encode())
        time.sleep(0.2)  # the render has started
    time.sleep(4)  # long enough for the render to have finished, had it gone on
    assert segment_files(live_server.data_dir) == before
    with httpx.Client(timeout=60) as player:  # asked again and waited for, it renders
        answer = player.get(f"{live_server.base_url}{path}")
    assert answer.status_code == 200 and answer.content[:1] == b"\x47"
    assert len(segment_files(live_server.data_dir)) == len(before) + 1
