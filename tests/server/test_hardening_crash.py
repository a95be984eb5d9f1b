"""kill -9 of `serve` mid-export: no ffmpeg of the dead server outlives it, and the restarted
server's job ends done with a clean file (or failed with a reason), never sharing a file."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.media import MediaFactory
from tests.support.processes import processes_mentioning
from tests.support.server import upload_via_http
from tests.support.server_process import start_server


def long_timeline(media_id: str, copies: int) -> dict[str, Any]:
    asset = {"type": "video", "id": media_id, "start": 0, "volume": 1}
    clips = [{"start": i * 4, "clip": {"asset": asset, "duration": 4}} for i in range(copies)]
    return {"timeline": {"resolution": "640x360", "tracks": [{"clips": clips}]}}


def decode_errors(path: Path) -> int:
    done = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "null", "-"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    return len(done.stderr.decode(errors="replace").strip().splitlines())


@pytest.mark.timeout(600)  # its own waits allow 4 min (two exports); 80 s seen on a loaded 2-core machine
def test_kill_9_mid_export_leaves_no_orphan_and_a_clean_resumed_file(
    tmp_path: Path, media_factory: MediaFactory
) -> None:
    data_dir = tmp_path / "data"
    exports = str(data_dir / "exports")
    server = start_server(data_dir)
    try:
        with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=60) as client:
            video = media_factory.noisy_video(seconds=4, size="640x360")
            media_id = upload_via_http(client, video, media_type="video")["id"]
            stream = client.post("/editor", json=long_timeline(media_id, 10)).json()["data"]
            body = {"stream_url": stream["stream_url"], "format": "mp4", "quality": "high"}
            job_id = client.post("/editor/download", json=body).json()["data"]["id"]
            deadline = time.monotonic() + 60
            while client.get(f"/async-response/{job_id}").json()["data"].get("progress", 0) < 0.3:
                assert time.monotonic() < deadline, "the export never reached 30 %"
                time.sleep(0.05)
            assert processes_mentioning(exports), "the export's ffmpeg should be running"
    finally:
        server.process.send_signal(signal.SIGKILL)
        server.stop()
    deadline = time.monotonic() + 2
    while processes_mentioning(exports) and time.monotonic() < deadline:
        time.sleep(0.05)
    orphans = processes_mentioning(exports)
    for pid in orphans:  # a failing run must not leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert orphans == [], "ffmpeg outlived its server"
    server = start_server(data_dir)
    try:
        with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=60) as client:
            deadline = time.monotonic() + 180
            while (answer := client.get(f"/async-response/{job_id}").json())["status"] == "processing":
                assert time.monotonic() < deadline
                time.sleep(0.2)
    finally:
        assert server.stop() == 0
    assert answer["status"] in ("done", "failed"), answer
    if answer["status"] == "failed":
        assert answer["message"]
    else:
        assert decode_errors(data_dir / "exports" / f"{job_id}.mp4") == 0
    assert processes_mentioning(exports) == []
    assert not list((data_dir / "exports").glob("*.part"))
