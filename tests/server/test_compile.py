"""Compiling timelines over HTTP: validation, the HLS stream, its token, and the cache."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient

from editor_app.server.render.segments import SEGMENT_MS
from tests.support.media import MediaFactory
from tests.support.server import upload_via_http


@pytest.fixture
def red_id(app_client: TestClient, media_factory: MediaFactory) -> str:
    return str(
        upload_via_http(app_client, media_factory.make_video("red", seconds=4), media_type="video")["id"]
    )


def body(media_id: str, duration: float = 4, **clip: Any) -> dict[str, Any]:
    asset = {"type": "video", "id": media_id, "start": clip.pop("start", 0), "volume": 1}
    track = {"clips": [{"start": 0, "clip": {"asset": asset, "duration": duration, **clip}}]}
    return {"timeline": {"background": "#000000", "resolution": "320x180", "tracks": [track]}}


def local(url: str) -> str:
    parts = urlparse(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def test_compile_answers_at_once_with_a_complete_playlist(app_client: TestClient, red_id: str) -> None:
    started = time.monotonic()
    answer = app_client.post("/editor", json=body(red_id))
    assert answer.status_code == 200, answer.text
    assert time.monotonic() - started < 1.0
    data = answer.json()["data"]
    assert data["timeline_id"].startswith("tl-") and data["duration"] == 4
    playlist = app_client.get(local(data["stream_url"]))
    assert playlist.status_code == 200
    assert "#EXT-X-PLAYLIST-TYPE:VOD" in playlist.text
    assert playlist.text.count(f"#EXTINF:{SEGMENT_MS / 1000:.3f},") == 4000 // SEGMENT_MS  # 4 s
    assert playlist.text.rstrip().endswith("#EXT-X-ENDLIST")
    assert playlist.headers["content-type"].startswith("application/vnd.apple.mpegurl")


def test_stream_and_segments_play_with_the_token_alone(app_client: TestClient, red_id: str) -> None:
    data = app_client.post("/editor", json=body(red_id)).json()["data"]
    player = TestClient(app_client.app)  # no key header, like VLC
    playlist = player.get(local(data["stream_url"]))
    assert playlist.status_code == 200, playlist.text
    segments = [line for line in playlist.text.splitlines() if line and not line.startswith("#")]
    assert segments and all("?token=" in s for s in segments)
    folder = urlparse(data["stream_url"]).path.rsplit("/", 1)[0]
    segment = player.get(f"{folder}/{segments[0]}")
    assert segment.status_code == 200 and segment.content[:1] == b"\x47"  # MPEG-TS sync byte
    assert player.get(urlparse(data["stream_url"]).path).status_code == 401
    assert player.get(urlparse(data["stream_url"]).path + "?token=" + "0" * 32).status_code == 401


def segment_urls(client: TestClient, stream_url: str) -> list[str]:
    folder = urlparse(stream_url).path.rsplit("/", 1)[0]
    text = client.get(local(stream_url)).text
    return [f"{folder}/{line}" for line in text.splitlines() if line and not line.startswith("#")]


def test_identical_timeline_is_served_from_cache(app_client: TestClient, red_id: str) -> None:
    first = app_client.post("/editor", json=body(red_id)).json()["data"]
    for url in segment_urls(app_client, first["stream_url"]):
        assert app_client.get(url).status_code == 200
    renders = app_client.app.state.editor.segments.renders  # type: ignore[attr-defined]
    started = time.monotonic()
    again = app_client.post("/editor", json=body(red_id)).json()["data"]
    for url in segment_urls(app_client, again["stream_url"]):
        assert app_client.get(url).status_code == 200
    assert time.monotonic() - started < 0.5
    assert again["timeline_id"] == first["timeline_id"]
    assert app_client.app.state.editor.segments.renders == renders  # type: ignore[attr-defined]
    changed = app_client.post("/editor", json=body(red_id, duration=3)).json()["data"]
    assert changed["timeline_id"] != first["timeline_id"]


@pytest.mark.parametrize(
    ("make_body", "status", "message"),
    [
        (lambda m: body(m, duration=6), 400, "Clip duration: 6.0 greater than video length: 4.0"),
        (lambda m: body(m, duration=3, start=2), 400, "greater than video length: 2.0"),
        (lambda m: body("m-00000000deadbeef"), 404, "m-00000000deadbeef"),
        (lambda m: body(m, scale=-1), 400, "tracks[0].clips[0].clip.scale"),
        (lambda m: {"timeline": {"resolution": "wide", "tracks": []}}, 400, "resolution"),
        (lambda m: {"timeline": {"tracks": []}}, 400, "no clips"),
        (lambda m: body(m, filter="sepia"), 400, "filter"),
    ],
)
def test_bad_timelines_are_refused_with_a_reason(
    app_client: TestClient, red_id: str, make_body: Any, status: int, message: str
) -> None:
    answer = app_client.post("/editor", json=make_body(red_id))
    assert answer.status_code == status, answer.text
    assert answer.json()["success"] is False and message in answer.json()["message"]


def test_auto_captions_are_refused(app_client: TestClient, red_id: str) -> None:
    tl = body(red_id)
    caption = {"start": 0, "clip": {"asset": {"type": "caption", "src": "auto"}, "duration": 2}}
    tl["timeline"]["tracks"].append({"clips": [caption]})
    answer = app_client.post("/editor", json=tl)
    assert answer.status_code == 400 and "transcript" in answer.json()["message"]


def test_timeline_url_of_an_uploaded_json(app_client: TestClient, red_id: str) -> None:
    upload_url = app_client.get("/collection/default/upload_url", params={"name": "tl.json"}).json()["data"]
    url = upload_url["upload_url"]
    sent = app_client.post(
        url, files={"file": ("tl.json", json.dumps(body(red_id)).encode(), "application/json")}
    )
    assert sent.status_code == 200, sent.text
    answer = app_client.post("/editor", json={"timeline_url": url})
    assert answer.status_code == 200, answer.text
    direct = app_client.post("/editor", json=body(red_id)).json()["data"]
    assert answer.json()["data"]["timeline_id"] == direct["timeline_id"]
    foreign = app_client.post("/editor", json={"timeline_url": "https://example.com/tl.json"})
    assert foreign.status_code == 400


def test_seed_compile_plays_cuts_in_sequence(app_client: TestClient, red_id: str) -> None:
    seed = {
        "request_type": "compile",
        "timeline": [
            {"video_id": red_id, "clips": [{"start": 0, "end": 1.5}, {"start": 2, "end": 3, "volume": 0.5}]}
        ],
        "output_format": "hls",
        "quality": "low",
    }
    answer = app_client.post("/timeline_v2", json=seed)
    assert answer.status_code == 200, answer.text
    data = answer.json()["data"]
    assert data["duration"] == 2.5 and data["format"] == "hls" and data["timeline_id"].startswith("tl-")
    assert "#EXTINF" in app_client.get(local(data["stream_url"])).text
    seed["timeline"][0]["clips"] = [{"start": 2, "end": 1}]
    refused = app_client.post("/timeline_v2", json=seed)
    assert refused.status_code == 400 and "timeline[0].clips[0]" in refused.json()["message"]
