"""A full disk fails the export with a reason that says so, removes its partial file, and the
queue goes on: the next export succeeds once there is space (issue 16, #2). The data dir is a
small tmpfs (CI runs as root); the test skips where mounting is not permitted."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from editor_app.server.app import create_app
from tests.support.media import MediaFactory
from tests.support.server import TEST_KEY, upload_via_http


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=128m", "tmpfs", str(mount)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path, leave_bytes: int) -> Path:
    filler = folder / "filler"
    free = shutil.disk_usage(folder).free
    with filler.open("wb") as handle:
        handle.truncate(0)
        chunk = b"\0" * (1 << 20)
        remaining = max(0, free - leave_bytes)
        while remaining > 0:
            handle.write(chunk[: min(len(chunk), remaining)])
            remaining -= len(chunk)
    return filler


def settle(client: TestClient, job_id: str, timeout: float = 180) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while (answer := client.get(f"/async-response/{job_id}").json())["status"] == "processing":
        assert time.monotonic() < deadline, answer
        time.sleep(0.1)
    return dict(answer)


@pytest.mark.timeout(600)  # several exports of up to 3 min each (`settle`); 50 s seen loaded
def test_a_full_disk_fails_the_export_with_a_reason_and_the_queue_goes_on(
    small_disk: Path, media_factory: MediaFactory
) -> None:
    data_dir = small_disk / "data"
    with TestClient(create_app(data_dir, TEST_KEY), headers={"x-access-token": TEST_KEY}) as client:
        video = media_factory.noisy_video(seconds=4, size="640x360")
        media_id = upload_via_http(client, video, media_type="video")["id"]
        asset = {"type": "video", "id": media_id, "start": 0, "volume": 1}
        clips = [{"start": i * 4, "clip": {"asset": asset, "duration": 4}} for i in range(3)]
        timeline = {"timeline": {"resolution": "640x360", "tracks": [{"clips": clips}]}}
        stream_url = client.post("/editor", json=timeline).json()["data"]["stream_url"]
        body = {"stream_url": stream_url, "format": "mp4", "quality": "high"}
        filler = fill(small_disk, leave_bytes=300_000)
        first = client.post("/editor/download", json=body).json()["data"]["id"]
        second = client.post("/editor/download", json=body).json()["data"]["id"]
        answer = settle(client, first)
        assert answer["status"] == "failed", answer
        assert "disk is full" in answer["message"], answer
        assert not list((data_dir / "exports").glob("*.part"))
        filler.unlink()
        os.sync()
        answer = settle(client, second)
        assert answer["status"] in ("done", "failed"), answer
        third = client.post("/editor/download", json=body).json()["data"]["id"]
        answer = settle(client, third)
        assert answer["status"] == "done", answer
