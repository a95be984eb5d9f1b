"""Conformance: the official `videodb` SDK compiles and downloads a timeline from the local backend.

The stream and the file must be real video of the right length, with the expected picture at
known times and the expected sound level where the volume changed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx
import pytest
import videodb
from videodb.editor import Clip, Fit, ImageAsset, Position, Timeline, Track, VideoAsset

from tests.support.media import MediaFactory
from tests.support.render_tools import close, codec_names, duration_of, mean_volume, pixel_at
from tests.support.server_process import LiveServer

RED, BLUE, LIME = (255, 0, 0), (0, 0, 255), (0, 255, 0)


def check_composition(path: Path) -> None:
    assert duration_of(path) == pytest.approx(4.0, abs=0.15)
    assert close(pixel_at(path, 0.5, 160, 90), RED)
    assert close(pixel_at(path, 1.5, 300, 20), LIME)  # the image, top right, at its own size
    assert close(pixel_at(path, 1.5, 20, 150), RED)
    assert close(pixel_at(path, 3.0, 160, 90), BLUE)
    quiet, loud = mean_volume(path, 0.2, 1.6), mean_volume(path, 2.2, 1.6)
    assert loud - quiet == pytest.approx(6.0, abs=1.0)  # volume 0.5 against 1.0


def test_sdk_generate_and_download_stream(
    live_server: LiveServer, media_factory: MediaFactory, tmp_path: Path
) -> None:
    conn = videodb.connect(api_key=live_server.api_key, base_url=live_server.base_url)
    collection = conn.get_collection()
    red = collection.upload(file_path=str(media_factory.make_video("red", seconds=4)))
    blue = collection.upload(file_path=str(media_factory.make_video("blue", seconds=4)))
    lime = collection.upload(file_path=str(media_factory.make_image("lime", size="160x90")))

    timeline = Timeline(conn)
    timeline.resolution = "320x180"
    timeline.background = "#000000"
    main = Track()
    main.add_clip(0, Clip(asset=VideoAsset(id=red.id, start=0, volume=0.5), duration=2))
    main.add_clip(2, Clip(asset=VideoAsset(id=blue.id, start=1, volume=1), duration=2))
    overlay = Track()
    overlay.add_clip(
        1, Clip(asset=ImageAsset(id=lime.id), duration=1, fit=Fit.none, position=Position.top_right)
    )
    timeline.add_track(main)
    timeline.add_track(overlay)

    stream_url = timeline.generate_stream()
    assert stream_url and stream_url.startswith(live_server.base_url)
    streamed = tmp_path / "stream.mp4"  # remuxed: timestamps from 0, as the player shows them
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", stream_url, "-c", "copy", str(streamed)],
        check=True,
        timeout=120,
    )
    check_composition(streamed)

    result = timeline.download_stream(stream_url)
    assert result["download_url"].startswith(live_server.base_url)
    downloaded = tmp_path / "export.mp4"
    with httpx.stream("GET", result["download_url"], timeout=60) as answer:
        assert answer.status_code == 200
        with downloaded.open("wb") as out:
            for chunk in answer.iter_bytes():
                out.write(chunk)
    assert codec_names(downloaded) == ["h264", "aac"]
    check_composition(downloaded)


def test_sdk_uploads_a_large_timeline_and_gets_the_same_stream(
    live_server: LiveServer, media_factory: MediaFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = videodb.connect(api_key=live_server.api_key, base_url=live_server.base_url)
    red = conn.get_collection().upload(file_path=str(media_factory.make_video("red", seconds=4)))

    def build() -> Timeline:
        timeline = Timeline(conn)
        timeline.resolution = "320x180"
        track = Track()
        track.add_clip(0, Clip(asset=VideoAsset(id=red.id, start=0.5), duration=1.5))
        timeline.add_track(track)
        return timeline

    inline = build().generate_stream()
    # the SDK uploads timelines over 100 KiB and posts {"timeline_url"}; take that path with a small one
    monkeypatch.setattr(videodb.editor, "MAX_PAYLOAD_SIZE", 10)
    uploaded = build().generate_stream()
    assert uploaded == inline
