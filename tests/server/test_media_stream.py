"""`POST /video/{id}/stream` segments, and file serving with HTTP Range."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from editor_app.server.routes.files import StoredFileResponse
from tests.support.media import MediaFactory
from tests.support.media_checks import is_bluish, is_reddish, mean_rgb, probe_duration, two_colour_video
from tests.support.server import upload_via_http


def _stream(client: TestClient, media_id: str, timeline: Any) -> Any:
    return client.post(f"/video/{media_id}/stream", json={"timeline": timeline})


def test_segments_become_one_video_of_their_total_length(app_client: TestClient, tmp_path: Path) -> None:
    video = upload_via_http(app_client, two_colour_video(tmp_path / "rb.mp4"))
    answer = _stream(app_client, video["id"], [[0.0, 1.0], [3.0, 3.5]])
    assert answer.status_code == 200, answer.text
    url = answer.json()["data"]["stream_url"]
    assert "/files/streams/" in url and "token=" in url
    output = tmp_path / "out.mp4"
    output.write_bytes(app_client.get(url).content)
    assert probe_duration(output) == pytest.approx(1.5, abs=0.1)
    assert is_reddish(mean_rgb(output, 0.5)) and is_bluish(mean_rgb(output, 1.25))

    streams = Path(app_client.app.state.data_dir) / "streams"  # type: ignore[attr-defined]
    made_at = next(streams.glob("seg-*.mp4")).stat().st_mtime_ns
    again = _stream(app_client, video["id"], [[0, 1], [3, 3.5]]).json()["data"]["stream_url"]
    assert again == url and next(streams.glob("seg-*.mp4")).stat().st_mtime_ns == made_at


def test_empty_or_missing_timeline_streams_the_whole_video(
    app_client: TestClient, media_factory: MediaFactory
) -> None:
    video = upload_via_http(app_client, media_factory.make_video("red", seconds=1))
    assert _stream(app_client, video["id"], []).json()["data"]["stream_url"] == video["stream_url"]
    assert _stream(app_client, video["id"], None).json()["data"]["stream_url"] == video["stream_url"]
    no_body = app_client.post(f"/video/{video['id']}/stream")
    assert no_body.json()["data"]["stream_url"] == video["stream_url"]


def test_segments_of_a_silent_video(
    app_client: TestClient, media_factory: MediaFactory, tmp_path: Path
) -> None:
    video = upload_via_http(app_client, media_factory.make_video("blue", seconds=2, tone_hz=None))
    url = _stream(app_client, video["id"], [[0.5, 1.5]]).json()["data"]["stream_url"]
    output = tmp_path / "silent.mp4"
    output.write_bytes(app_client.get(url).content)
    assert probe_duration(output) == pytest.approx(1.0, abs=0.1)


@pytest.mark.parametrize(
    ("timeline", "message"),
    [
        ([[-1, 1]], "timeline.0: start must not be negative, got -1.0"),
        ([[0, 1], [1, 1]], "timeline.1: end (1.0) must be after start (1.0)"),
        ([[0, 99]], "timeline.0: end (99.0) is beyond the video's length (1.0)"),
        ([[0, 1e300]], "timeline.0: end (1e+300) is beyond the video's length (1.0)"),
        ([["a", 1]], "invalid field timeline.0.0: Input should be a valid number"),
        ([[0]], "invalid field timeline.0.1: Field required"),
        ("0-1", "invalid field timeline: Input should be a valid list"),
    ],
)
def test_bad_segments_are_400s_naming_the_entry(
    app_client: TestClient, media_factory: MediaFactory, timeline: Any, message: str
) -> None:
    video = upload_via_http(app_client, media_factory.make_video("red", seconds=1))
    answer = _stream(app_client, video["id"], timeline)
    assert answer.status_code == 400
    assert answer.json()["message"].startswith(message)
    assert answer.json()["success"] is False


def test_range_requests(app_client: TestClient, media_factory: MediaFactory) -> None:
    source = media_factory.make_video("red", seconds=1)
    url = upload_via_http(app_client, source)["stream_url"]
    data = source.read_bytes()
    size = len(data)

    part = app_client.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{size}"
    tail = app_client.get(url, headers={"Range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == data[-50:]
    whole = app_client.get(url)
    assert whole.headers["accept-ranges"] == "bytes" and whole.content == data

    beyond = app_client.get(url, headers={"Range": f"bytes={size + 10}-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{size}"
    head = app_client.head(url)
    assert head.status_code == 200 and int(head.headers["content-length"]) == size and head.content == b""


def test_ranges_across_served_chunks_are_exact(app_client: TestClient, media_factory: MediaFactory) -> None:
    """Files go out in chunks of StoredFileResponse.chunk_size: a range that starts inside one chunk
    and ends inside a later one, and the whole of a file of several chunks, come byte-exact."""
    source = media_factory.make_audio(seconds=20, hz=500)  # 1.7 MB of WAV: four chunks
    url = upload_via_http(app_client, source, media_type="audio")["stream_url"]
    data = source.read_bytes()
    chunk = StoredFileResponse.chunk_size
    assert len(data) > 3 * chunk
    first, last = chunk - 7, 2 * chunk + 11
    part = app_client.get(url, headers={"Range": f"bytes={first}-{last}"})
    assert part.status_code == 206 and part.content == data[first : last + 1]
    assert app_client.get(url).content == data
