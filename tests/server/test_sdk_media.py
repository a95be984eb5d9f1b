"""Conformance: the official `videodb` SDK, unchanged, pointed at the local backend."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import videodb
from videodb.audio import Audio
from videodb.exceptions import AuthenticationError, InvalidRequestError
from videodb.image import Image
from videodb.video import Video

from tests.support.media import MediaFactory
from tests.support.media_checks import is_reddish, mean_rgb, probe_duration
from tests.support.server_process import LiveServer


@pytest.fixture
def connection(live_server: LiveServer) -> videodb.client.Connection:
    return videodb.connect(api_key=live_server.api_key, base_url=live_server.base_url)


def test_sdk_uploads_and_lists_video_audio_and_image(
    connection: videodb.client.Connection, media_factory: MediaFactory, tmp_path: Path
) -> None:
    collection = connection.get_collection()
    assert collection.id == "default"

    video = collection.upload(file_path=str(media_factory.make_video("red", seconds=2)))
    audio = collection.upload(file_path=str(media_factory.make_audio(seconds=2, hz=330)))
    image = collection.upload(file_path=str(media_factory.make_image("green")))
    assert isinstance(video, Video) and video.id.startswith("m-")
    assert isinstance(audio, Audio) and audio.id.startswith("a-")
    assert isinstance(image, Image) and image.id.startswith("img-")
    assert video.length == pytest.approx(2.0, abs=0.1) and audio.length == pytest.approx(2.0, abs=0.05)
    assert video.name == "video-red-2-320x180-25-440"  # the SDK names an upload after the file's stem

    assert video.id in [v.id for v in collection.get_videos()]
    assert audio.id in [a.id for a in collection.get_audios()]
    assert image.id in [i.id for i in collection.get_images()]
    assert collection.get_video(video.id).stream_url == video.stream_url

    # the URLs the SDK hands out play without any header
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(httpx.get(video.stream_url, timeout=30).content)
    assert probe_duration(clip) == pytest.approx(2.0, abs=0.1)
    assert is_reddish(mean_rgb(clip, 1.0))
    assert httpx.get(image.url, timeout=30).content == media_factory.make_image("green").read_bytes()
    assert httpx.get(video.thumbnail_url, timeout=30).headers["content-type"] == "image/jpeg"


def test_sdk_generate_stream_of_segments(
    connection: videodb.client.Connection, media_factory: MediaFactory, tmp_path: Path
) -> None:
    video = connection.get_collection().upload(file_path=str(media_factory.make_video("red", seconds=3)))
    url = video.generate_stream(timeline=[(0, 1), (2, 2.5)])
    output = tmp_path / "segments.mp4"
    output.write_bytes(httpx.get(url, timeout=30).content)
    assert probe_duration(output) == pytest.approx(1.5, abs=0.1)


def test_sdk_collections_and_delete(
    connection: videodb.client.Connection, media_factory: MediaFactory
) -> None:
    assert [c.id for c in connection.get_collections()] == ["default"]
    collection = connection.get_collection()
    audio = collection.upload(file_path=str(media_factory.make_audio(seconds=1, hz=550)), media_type="audio")
    collection.delete_audio(audio.id)
    assert audio.id not in [a.id for a in collection.get_audios()]
    with pytest.raises(InvalidRequestError, match=f"audio {audio.id} not found"):
        collection.get_audio(audio.id)


def test_sdk_errors_carry_the_server_message(
    live_server: LiveServer, connection: videodb.client.Connection, media_factory: MediaFactory
) -> None:
    with pytest.raises(AuthenticationError):
        videodb.connect(api_key="wrong", base_url=live_server.base_url).get_collection()
    with pytest.raises(InvalidRequestError, match="cannot ingest"):
        connection.get_collection().upload(file_path=str(media_factory.make_text()))
    with pytest.raises(InvalidRequestError, match="only files uploaded to this server can be ingested"):
        connection.get_collection().upload(url="https://example.com/video.mp4")


def test_sdk_rename_signed_urls_thumbnail_and_frame_grab(
    connection: videodb.client.Connection, media_factory: MediaFactory, tmp_path: Path
) -> None:
    collection = connection.get_collection()
    video = collection.upload(file_path=str(media_factory.make_video("red", seconds=2)), name="before")
    video.update(name="after")
    assert video.name == "after" and collection.get_video(video.id).name == "after"

    audio = collection.upload(file_path=str(media_factory.make_audio(seconds=1, hz=660)))
    image = collection.upload(file_path=str(media_factory.make_image("green")))
    assert (
        httpx.get(audio.generate_url(), timeout=30).content == media_factory.make_audio(1, 660).read_bytes()
    )
    assert httpx.get(image.generate_url(), timeout=30).status_code == 200

    video.thumbnail_url = None  # make the SDK ask the server
    assert httpx.get(video.generate_thumbnail(), timeout=30).headers["content-type"] == "image/jpeg"
    frame = video.generate_thumbnail(time=1.0)
    assert isinstance(frame, Image) and frame.id.startswith("img-") and frame.name == "after @ 1.00s"
    grabbed = tmp_path / "frame.jpg"
    grabbed.write_bytes(httpx.get(frame.url, timeout=30).content)
    assert is_reddish(mean_rgb(grabbed))
    assert frame.id in [i.id for i in collection.get_images()]
    with pytest.raises(InvalidRequestError, match="is not before the video's end"):
        video.generate_thumbnail(time=5.0)
