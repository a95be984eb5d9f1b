"""Common containers and codecs are told apart by probing, whatever the (missing) file name says."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from editor_app.samples import SampleMedia
from tests.support.server import upload_via_http

VIDEO_1S = ["-f", "lavfi", "-i", "color=c=red:s=160x90:r=10:d=1"]
TONE_1S = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1"]


@pytest.mark.parametrize(
    ("file_name", "args", "kind", "ext", "codecs"),
    [
        (
            "clip.webm",
            [*VIDEO_1S, *TONE_1S, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-c:a", "libopus"],
            "video",
            "webm",
            ("vp9", "opus"),
        ),
        ("clip.avi", [*VIDEO_1S, "-c:v", "mjpeg"], "video", "avi", ("mjpeg", None)),
        ("song.mp3", [*TONE_1S, "-c:a", "libmp3lame"], "audio", "mp3", (None, "mp3")),
        ("song.m4a", [*TONE_1S, "-c:a", "aac"], "audio", "m4a", (None, "aac")),
        ("song.flac", [*TONE_1S], "audio", "flac", (None, "flac")),
        (
            "photo.jpg",
            ["-f", "lavfi", "-i", "color=c=red:s=160x90", "-frames:v", "1"],
            "image",
            "jpg",
            ("mjpeg", None),
        ),
        (
            "photo.webp",
            ["-f", "lavfi", "-i", "color=c=red:s=160x90", "-frames:v", "1"],
            "image",
            "webp",
            ("webp", None),
        ),
    ],
)
def test_format_is_probed_and_stored_with_a_telling_extension(
    app_client: TestClient,
    tmp_path: Path,
    file_name: str,
    args: list[str],
    kind: str,
    ext: str,
    codecs: tuple[str | None, str | None],
) -> None:
    made = SampleMedia(tmp_path).make(file_name, args)
    bare = made.rename(tmp_path / "upload-without-extension")  # as the SDK sends it
    media = upload_via_http(app_client, bare)
    assert media["id"].startswith({"video": "m-", "audio": "a-", "image": "img-"}[kind])
    url = media["url"] if kind == "image" else media["stream_url"]
    assert url.split("?")[0].endswith(f".{ext}")
    assert (media["video_codec"], media["audio_codec"]) == codecs
    if kind != "image":
        assert media["length"] == pytest.approx(1.0, abs=0.1)
