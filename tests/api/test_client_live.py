"""The client against the real local backend on loopback: media, upload, compile, export, errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from editor_app.api import (
    AuthenticationError,
    Cancelled,
    CancelToken,
    InvalidRequestError,
    JobFailed,
    NotFoundError,
    VideoDBClient,
    supports_formats,
)
from editor_app.wire import AsyncResponse
from tests.support.api import FAST_RETRY, one_clip_timeline
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer


def test_collections_and_media_lists(client: VideoDBClient, red_video: dict[str, Any]) -> None:
    assert "default" in {c.id for c in client.list_collections()}
    assert client.get_collection().id == "default"
    video = client.get_media(red_video["id"])
    assert isinstance(video.length, float) and video.length == pytest.approx(4.0, abs=0.1)
    assert video.id in {v.id for v in client.list_media("video")}
    assert all(a.kind == "audio" for a in client.list_audios())


def test_upload_reports_progress_and_returns_each_kind(
    client: VideoDBClient, media_factory: MediaFactory
) -> None:
    files = {
        "video": media_factory.make_video("green", seconds=2),
        "audio": media_factory.make_audio(seconds=2, hz=660),
        "image": media_factory.make_image("yellow"),
    }
    for kind, path in files.items():
        seen: list[tuple[int, int]] = []

        def note(sent: int, total: int, seen: list[tuple[int, int]] = seen) -> None:
            seen.append((sent, total))

        item = client.upload(path, progress=note)
        assert item.kind == kind
        assert seen[-1] == (path.stat().st_size, path.stat().st_size)
        assert [sent for sent, _ in seen] == sorted(sent for sent, _ in seen)
        assert client.get_media(item.id).name == path.stem
    image = client.list_images()[0]
    assert image.length == 0.0


def test_cancelled_upload_creates_nothing(client: VideoDBClient, media_factory: MediaFactory) -> None:
    path = media_factory.make_video("purple", seconds=2)
    before = {v.id for v in client.list_videos()}
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        client.upload(path, cancel=token)
    assert {v.id for v in client.list_videos()} == before


def test_delete_media_then_not_found(client: VideoDBClient, media_factory: MediaFactory) -> None:
    item = client.upload(media_factory.make_audio(seconds=1, hz=880))
    client.delete_media(item.id)
    with pytest.raises(NotFoundError, match=item.id):
        client.get_media(item.id)


def test_compile_export_and_download_each_format(
    client: VideoDBClient, red_video: dict[str, Any], tmp_path: Path
) -> None:
    compiled = client.compile(one_clip_timeline(red_video["id"], 1.0))
    assert compiled.timeline_id and compiled.stream_url.startswith(client.base_url)
    assert supports_formats(compiled) == ("mp4", "webm", "avi")
    for fmt in ("mp4", "webm", "avi"):
        handle = client.start_export(compiled, format=fmt, quality="low")
        assert handle.endpoint == "/timeline_v2/download"
        seen: list[float] = []

        def note(answer: AsyncResponse, seen: list[float] = seen) -> None:
            seen.append(answer.data.progress or 0)

        done = client.wait_export(handle, progress=note, timeout=60)
        assert done.finished and seen[-1] == 1.0
        assert done.data.download_url is not None
        out = client.download(done.data.download_url, tmp_path / f"out.{fmt}", expected_size=done.data.size)
        assert out.stat().st_size == done.data.size
        assert not (tmp_path / f"out.{fmt}.part").exists()


def test_thumbnails_waveform_and_fetch_bytes(client: VideoDBClient, red_video: dict[str, Any]) -> None:
    strip = client.thumbnails(red_video["id"], count=4)
    assert len(strip.urls) == 4
    assert client.fetch_bytes(strip.urls[0])[:2] == b"\xff\xd8"  # a JPEG
    wave = client.waveform(red_video["id"])
    assert wave.peaks and max(wave.peaks) > 0.05


def test_invalid_timeline_names_the_field(client: VideoDBClient, red_video: dict[str, Any]) -> None:
    body = one_clip_timeline(red_video["id"], 1.0)
    del body["timeline"]["tracks"][0]["clips"][0]["clip"]["duration"]
    with pytest.raises(InvalidRequestError) as caught:
        client.compile(body)
    assert caught.value.field is not None and "duration" in caught.value.field
    with pytest.raises(InvalidRequestError, match="greater than"):
        client.compile(one_clip_timeline(red_video["id"], 60.0))


def test_unknown_media_in_a_timeline_is_not_found(client: VideoDBClient) -> None:
    with pytest.raises(NotFoundError, match="m-00000000deadbeef"):
        client.compile(one_clip_timeline("m-00000000deadbeef", 1.0))


def test_a_wrong_key_is_an_authentication_error_that_hides_the_key(live_server: LiveServer) -> None:
    secret = "wrong-key-SECRET-1234567"
    with VideoDBClient(live_server.base_url, secret, retry=FAST_RETRY) as api:
        assert secret not in repr(api)
        with pytest.raises(AuthenticationError) as caught:
            api.list_videos()
    assert secret not in str(caught.value) and secret not in repr(caught.value)


def test_cancel_job_stops_a_running_export(client: VideoDBClient, media_factory: MediaFactory) -> None:
    long_video = client.upload(media_factory.make_video("teal", seconds=20, size="320x180"))
    compiled = client.compile(one_clip_timeline(long_video.id, 20.0))
    handle = client.start_export(compiled, format="webm", quality="high")
    client.cancel_job(handle.output_url)
    answer = client.poll_job(handle.output_url)
    assert answer.status == "cancelled"
    with pytest.raises(JobFailed, match="cancel"):
        client.wait_export(handle, timeout=10)


def test_an_upload_cancelled_mid_transfer_stops_and_creates_nothing(
    client: VideoDBClient, media_factory: MediaFactory
) -> None:
    path = media_factory.make_audio(seconds=4, hz=220)  # about 350 KB: several 64 KB reads
    before = {a.id for a in client.list_audios()}
    token = CancelToken()
    sent: list[int] = []

    def cancel_after_first_chunk(done: int, total: int) -> None:
        sent.append(done)
        token.cancel()

    with pytest.raises(Cancelled):
        client.upload(path, progress=cancel_after_first_chunk, cancel=token)
    assert len(sent) == 1 and sent[0] < path.stat().st_size
    assert {a.id for a in client.list_audios()} == before


def test_seed_compile_and_the_editor_download_path(
    client: VideoDBClient, red_video: dict[str, Any], tmp_path: Path
) -> None:
    body = {
        "request_type": "compile",
        "timeline": [{"video_id": red_video["id"], "clips": [{"start": 0.5, "end": 1.5, "volume": 1.0}]}],
        "output_format": "hls",
        "quality": "low",
    }
    compiled = client.compile_v2(body)
    assert compiled.duration == pytest.approx(1.0) and compiled.timeline_id
    cloud_like = compiled.model_copy(update={"timeline_id": None})  # as the cloud's /editor answers
    assert supports_formats(cloud_like) == ("mp4",)
    handle = client.start_export(cloud_like, format="mp4")
    assert handle.endpoint == "/editor/download"
    done = client.wait_export(handle, timeout=60)
    assert done.data.download_url is not None
    out = client.download(done.data.download_url, tmp_path / "cut.mp4", expected_size=done.data.size)
    assert out.read_bytes()[4:8] == b"ftyp"
