"""Captions through the local backend over real HTTP, built with the official SDK: `src: "auto"`
from an attached transcript, and bad caption or text input answered 400 naming the field."""

from __future__ import annotations

import base64
import subprocess
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest
import videodb
from videodb.editor import (
    CaptionAlignment,
    CaptionAsset,
    Clip,
    FontStyling,
    Positioning,
    Timeline,
    Track,
    VideoAsset,
)

from tests.support.media import MediaFactory
from tests.support.render_tools import count_close, frame_rgb
from tests.support.server_process import LiveServer

SRT = "1\n00:00:01,000 --> 00:00:02,000\nHELLO THERE\n\n2\n00:00:03,500 --> 00:00:04,000\nLATER\n"
WHITE = (255, 255, 255)


def caption_timeline(conn: Any, video_id: str) -> Timeline:
    timeline = Timeline(conn)
    timeline.resolution = "320x180"
    main, words = Track(), Track()
    main.add_clip(0, Clip(asset=VideoAsset(id=video_id, start=1), duration=2))  # source 1-3 s
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        auto = CaptionAsset(
            src="auto",
            font=FontStyling(name="DejaVu Sans", size=30),
            position=Positioning(alignment=CaptionAlignment.middle_center),
        )
    words.add_clip(0, Clip(asset=auto, duration=2))
    timeline.add_track(main)
    timeline.add_track(words)
    return timeline


def test_auto_captions_show_the_attached_transcript_where_its_words_play(
    live_server: LiveServer, media_factory: MediaFactory, tmp_path: Path
) -> None:
    conn = videodb.connect(api_key=live_server.api_key, base_url=live_server.base_url)
    video = conn.get_collection().upload(file_path=str(media_factory.make_video("blue", seconds=4)))
    timeline = caption_timeline(conn, video.id)
    url = f"{live_server.base_url}/video/{video.id}/transcript"

    missing = httpx.post(
        f"{live_server.base_url}/editor", json=timeline.to_json(), headers=live_server.headers
    )
    assert missing.status_code == 400 and "attach a transcript" in missing.json()["message"]

    files = {"file": ("talk.srt", SRT.encode(), "application/x-subrip")}
    attached = httpx.post(url, files=files, headers=live_server.headers)
    assert attached.status_code == 200, attached.text
    assert attached.json()["data"] == {
        "media_id": video.id,
        "name": "talk.srt",
        "cues": 2,
        "word_timing": False,
        "text": None,
    }
    assert httpx.get(url, headers=live_server.headers).json()["data"]["text"] == SRT

    stream_url = timeline.generate_stream()
    out = tmp_path / "auto.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", stream_url, "-c", "copy", str(out)], check=True, timeout=120
    )
    # the cue at source 1-2 s plays at timeline 0-1 s; "LATER" (source 3.5 s) is past the clip
    assert count_close(frame_rgb(out, 0.5), WHITE) > 80
    assert count_close(frame_rgb(out, 1.5), WHITE) == 0

    bad = httpx.post(url, json={"text": "no cues in here"}, headers=live_server.headers)
    assert bad.status_code == 400 and bad.json()["message"].startswith("transcript:")


def post_editor(live_server: LiveServer, asset: dict[str, Any]) -> httpx.Response:
    clip = {"start": 0, "clip": {"asset": asset, "duration": 1}}
    body = {"timeline": {"resolution": "320x180", "tracks": [{"clips": [clip]}]}}
    return httpx.post(f"{live_server.base_url}/editor", json=body, headers=live_server.headers)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    ("asset", "field"),
    [
        ({"type": "caption", "src": "%%% not base64"}, "asset.src"),
        ({"type": "caption", "src": b64("[Script Info]\nScriptType: v4.00+\n\n[Events]\n")}, "asset.src"),
        ({"type": "caption", "src": b64(SRT), "animation": "wobble"}, "asset.animation"),
        (
            {"type": "text", "text": "t", "font": {"family": "DejaVu Sans", "weight": 1000}},
            "asset.font.weight",
        ),
    ],
)
def test_bad_caption_and_text_input_is_a_400_naming_the_field(
    live_server: LiveServer, asset: dict[str, Any], field: str
) -> None:
    answer = post_editor(live_server, asset)
    assert answer.status_code == 400, answer.text
    assert f"tracks[0].clips[0].clip.{field}:" in answer.json()["message"]
