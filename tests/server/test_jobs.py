"""Export jobs outlive the server: unfinished jobs resume after a restart or fail with a reason."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from editor_app.server.app import create_app
from tests.support.media import MediaFactory
from tests.support.processes import processes_mentioning
from tests.support.server import TEST_KEY, upload_via_http
from tests.support.server_process import start_server


def start(data_dir: Path) -> TestClient:
    return TestClient(create_app(data_dir, TEST_KEY), headers={"x-access-token": TEST_KEY})


def long_timeline(media_id: str, copies: int) -> dict[str, Any]:
    asset = {"type": "video", "id": media_id, "start": 0, "volume": 1}
    clips = [{"start": i * 4, "clip": {"asset": asset, "duration": 4}} for i in range(copies)]
    return {"timeline": {"resolution": "320x180", "tracks": [{"clips": clips}]}}


def job_status(client: TestClient, job_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = client.get(f"/async-response/{job_id}").json()
    return answer


def test_an_interrupted_job_is_rendered_again_after_a_restart(
    tmp_path: Path, media_factory: MediaFactory
) -> None:
    data_dir = tmp_path / "data"
    with start(data_dir) as client:
        media_id = upload_via_http(client, media_factory.make_video("red", seconds=4), media_type="video")[
            "id"
        ]
        stream = client.post("/editor", json=long_timeline(media_id, 8)).json()["data"]
        body = {"stream_url": stream["stream_url"], "format": "webm", "quality": "high"}
        job_id = client.post("/editor/download", json=body).json()["data"]["id"]
        deadline = time.monotonic() + 20
        while client.app.state.editor.jobs.get(job_id).progress == 0:  # mid-render, then stop
            assert time.monotonic() < deadline
            time.sleep(0.02)
    # the server stopped mid-render: ffmpeg was killed, the job is still owed, nothing half-done is served
    exports = data_dir / "exports"
    assert not list(exports.glob(f"{job_id}.webm")) and not list(exports.glob("*.part"))
    with start(data_dir) as client:
        deadline = time.monotonic() + 120
        while (answer := job_status(client, job_id))["status"] == "processing":
            assert time.monotonic() < deadline
        assert answer["status"] == "done", answer
        assert (exports / f"{job_id}.webm").is_file()


def test_a_job_whose_timeline_is_gone_fails_with_a_reason(
    tmp_path: Path, media_factory: MediaFactory
) -> None:
    data_dir = tmp_path / "data"
    with start(data_dir) as client:
        store = client.app.state.store
        media_id = upload_via_http(client, media_factory.make_video("red", seconds=4), media_type="video")[
            "id"
        ]
        tid = client.post("/editor", json=long_timeline(media_id, 1)).json()["data"]["timeline_id"]
        client.app.state.editor.runner.shutdown()  # keep the job queued, as if the server died at once
        job_id = client.post("/timeline_v2/download", json={"timeline_id": tid}).json()["data"]["id"]
        with store.db() as conn:
            conn.execute("DELETE FROM timelines WHERE id = ?", (tid,))
    with start(data_dir) as client:
        answer = client.get(f"/async-response/{job_id}").json()
        deadline = time.monotonic() + 20
        while answer["status"] == "processing":
            assert time.monotonic() < deadline
            answer = client.get(f"/async-response/{job_id}").json()
        assert answer["status"] == "failed" and answer["success"] is False
        assert f"timeline {tid} not found" in answer["message"]


def test_sigterm_ends_ffmpeg_and_keeps_the_job_owed(tmp_path: Path, media_factory: MediaFactory) -> None:
    data_dir = tmp_path / "data"
    server = start_server(data_dir)
    try:
        with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=60) as client:
            media_id = upload_via_http(
                client, media_factory.make_video("red", seconds=4), media_type="video"
            )["id"]
            stream = client.post("/editor", json=long_timeline(media_id, 15)).json()["data"]
            body = {"stream_url": stream["stream_url"], "format": "webm", "quality": "high"}
            job_id = client.post("/editor/download", json=body).json()["data"]["id"]
            deadline = time.monotonic() + 20
            while not processes_mentioning(str(data_dir / "exports")):  # the export's ffmpeg is running
                assert time.monotonic() < deadline
    finally:
        assert server.stop() == 0
    assert processes_mentioning(str(data_dir)) == []  # no ffmpeg outlives the server
    with sqlite3.connect(data_dir / "backend.sqlite3") as conn:
        status = conn.execute("SELECT status FROM jobs WHERE id = ?", (job_id,)).fetchone()[0]
    assert status == "processing"  # resumed at the next start
    assert not list((data_dir / "exports").glob("*.part"))
