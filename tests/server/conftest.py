"""Shared fixtures of the local backend's tests (the renderer's and the client's tests use them too).

- `media_factory`: tiny media made with ffmpeg lavfi sources, cached per session.
- `app_client`: an in-process FastAPI TestClient with the key header set, over a fresh data dir.
- `live_server`: a real `videodb-editor serve` child on loopback, one per session.
- `uploaded`: upload a local file through the real three-step HTTP flow; returns the MediaItem JSON.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from editor_app.server.app import create_app
from tests.server.server_process import LiveServer, start_server

TEST_KEY = "test-key-0123456789"


class MediaFactory:
    """Makes media once per distinct recipe; files live for the whole session."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _make(self, name: str, args: list[str]) -> Path:
        target = self.folder / name
        if not target.exists():
            partial = target.with_name("part-" + name)
            subprocess.run(["ffmpeg", "-v", "error", "-y", *args, str(partial)], check=True, timeout=120)
            partial.rename(target)
        return target

    def make_video(
        self,
        color: str = "red",
        seconds: float = 4,
        size: str = "320x180",
        fps: int = 25,
        tone_hz: int | None = 440,
    ) -> Path:
        """An H.264 MP4 of one flat colour, with a sine tone (or no audio when `tone_hz` is None)."""
        name = f"video-{color}-{seconds}-{size}-{fps}-{tone_hz}.mp4"
        args = ["-f", "lavfi", "-i", f"color=c={color}:s={size}:r={fps}:d={seconds}"]
        if tone_hz is not None:
            args += ["-f", "lavfi", "-i", f"sine=frequency={tone_hz}:sample_rate=44100:duration={seconds}"]
            args += ["-c:a", "aac", "-b:a", "64k"]
        args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", str(fps)]
        args += ["-t", str(seconds), "-movflags", "+faststart"]
        return self._make(name, args)

    def make_audio(self, seconds: float = 2, hz: int = 440, fmt: str = "wav") -> Path:
        """A sine tone at ffmpeg's default amplitude (1/8 of full scale)."""
        args = ["-f", "lavfi", "-i", f"sine=frequency={hz}:sample_rate=44100:duration={seconds}"]
        if fmt == "m4a":
            args += ["-c:a", "aac"]
        return self._make(f"audio-{seconds}-{hz}.{fmt}", args)

    def make_image(self, color: str = "blue", size: str = "160x90", fmt: str = "png") -> Path:
        args = ["-f", "lavfi", "-i", f"color=c={color}:s={size}", "-frames:v", "1"]
        return self._make(f"image-{color}-{size}.{fmt}", args)

    def make_text(self, text: str = "not media at all\n") -> Path:
        target = self.folder / f"text-{hashlib.sha1(text.encode()).hexdigest()[:12]}.txt"
        target.write_text(text)
        return target


@pytest.fixture(scope="session")
def media_factory(tmp_path_factory: pytest.TempPathFactory) -> MediaFactory:
    return MediaFactory(tmp_path_factory.mktemp("media"))


@pytest.fixture
def app_client(tmp_path: Path) -> Iterator[TestClient]:
    """TestClient over a fresh data dir; `app_client.app.state` is the app's shared state."""
    app = create_app(tmp_path / "data", TEST_KEY, max_upload_bytes=5 * 1024 * 1024)
    with TestClient(app, headers={"x-access-token": TEST_KEY}) as client:
        yield client


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(tmp_path_factory.mktemp("live-data"))
    yield server
    server.stop()


def upload_via_http(
    client: httpx.Client | TestClient,
    path: Path,
    *,
    media_type: str | None = None,
    name: str | None = None,
    collection_id: str = "default",
) -> dict[str, Any]:
    """The three-step upload flow; raises AssertionError with the server's message on failure."""
    answer = client.get(f"/collection/{collection_id}/upload_url", params={"name": name or path.stem})
    assert answer.status_code == 200, answer.text
    upload_url = answer.json()["data"]["upload_url"]
    with path.open("rb") as handle:
        sent = client.post(upload_url, files={"file": (path.stem, handle, "application/octet-stream")})
    assert sent.status_code == 200, sent.text
    body = {"url": upload_url, "name": name or path.stem, "media_type": media_type}
    ingested = client.post(f"/collection/{collection_id}/upload", json=body)
    assert ingested.status_code == 200, ingested.text
    data: dict[str, Any] = ingested.json()["data"]
    return data


@pytest.fixture
def uploaded(live_server: LiveServer) -> Iterator[Callable[..., dict[str, Any]]]:
    """`uploaded(path, media_type=None, name=None)` -> MediaItem JSON, via the live server."""
    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers, timeout=60) as client:

        def upload(path: Path, media_type: str | None = None, name: str | None = None) -> dict[str, Any]:
            return upload_via_http(client, path, media_type=media_type, name=name)

        yield upload
