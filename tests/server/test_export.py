"""Exporting over HTTP: async jobs with progress, the finished file, failures and cancelling."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient

from tests.support.media import MediaFactory
from tests.support.render_tools import codec_names, duration_of, mean_volume
from tests.support.server import upload_via_http


def editor_body(media_id: str, duration: float, volume: float = 1.0, copies: int = 1) -> dict[str, Any]:
    asset = {"type": "video", "id": media_id, "start": 0, "volume": volume}
    clips = [{"start": i * duration, "clip": {"asset": asset, "duration": duration}} for i in range(copies)]
    return {"timeline": {"background": "#000000", "resolution": "320x180", "tracks": [{"clips": clips}]}}


def local(url: str) -> str:
    parts = urlparse(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def compiled(client: TestClient, media_id: str, **kw: Any) -> dict[str, Any]:
    answer = client.post("/editor", json=editor_body(media_id, **kw))
    assert answer.status_code == 200, answer.text
    data: dict[str, Any] = answer.json()["data"]
    return data


def settle(client: TestClient, job: dict[str, Any], limit: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + limit
    while True:
        answer: dict[str, Any] = client.get(local(job["data"]["output_url"])).json()
        if answer["status"] != "processing":
            return answer
        assert time.monotonic() < deadline, "the job never settled"


@pytest.fixture
def red(app_client: TestClient, media_factory: MediaFactory) -> dict[str, Any]:
    return upload_via_http(app_client, media_factory.make_video("red", seconds=4), media_type="video")


def test_editor_download_gives_a_verified_file(
    app_client: TestClient, red: dict[str, Any], tmp_path: Path
) -> None:
    stream = compiled(app_client, red["id"], duration=2, volume=0.5)
    job = app_client.post("/editor/download", json={"stream_url": stream["stream_url"]}).json()
    assert job["success"] is True and job["status"] == "processing"
    assert job["data"]["output_url"].endswith(f"/async-response/{job['data']['id']}")
    done = settle(app_client, job)
    assert done["success"] is True and done["status"] == "done", done
    data = done["data"]
    assert data["progress"] == 1.0 and data["percentage"] == 100.0 and data["format"] == "mp4"
    player = TestClient(app_client.app)  # the download URL carries its own token
    file = player.get(local(data["download_url"]))
    assert file.status_code == 200 and len(file.content) == data["size"]
    out = tmp_path / "out.mp4"
    out.write_bytes(file.content)
    assert codec_names(out) == ["h264", "aac"]
    assert duration_of(out) == pytest.approx(2.0, abs=0.1)
    assert mean_volume(out, 0.2, 1.5) < -25  # the 1/8-scale tone at half volume (-27 dB)
    ranged = player.get(local(data["download_url"]), headers={"Range": "bytes=0-99"})
    assert ranged.status_code == 206 and len(ranged.content) == 100


def test_seed_download_with_format_and_quality(app_client: TestClient, red: dict[str, Any]) -> None:
    seed = {
        "request_type": "compile",
        "timeline": [{"video_id": red["id"], "clips": [{"start": 0, "end": 1}]}],
    }
    tid = app_client.post("/timeline_v2", json=seed).json()["data"]["timeline_id"]
    job = app_client.post(
        "/timeline_v2/download", json={"timeline_id": tid, "format": "webm", "quality": "low"}
    )
    done = settle(app_client, job.json())
    assert done["status"] == "done" and done["data"]["download_url"].split("?")[0].endswith(".webm")


def test_progress_is_visible_while_rendering(app_client: TestClient, red: dict[str, Any]) -> None:
    stream = compiled(app_client, red["id"], duration=4, copies=6)
    body = {"stream_url": stream["stream_url"], "format": "webm", "quality": "high"}
    job_id = app_client.post("/editor/download", json=body).json()["data"]["id"]
    jobs = app_client.app.state.editor.jobs  # read the job's row as often as the renderer writes it
    seen: list[float] = []
    deadline = time.monotonic() + 60
    while (job := jobs.get(job_id)).status == "processing":
        seen.append(job.progress)
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert job.status == "done"
    assert any(0 < p < 1 for p in seen) and seen == sorted(seen)
    answer = app_client.get(f"/async-response/{job_id}").json()
    assert answer["data"]["progress"] == 1.0 and answer["data"]["percentage"] == 100.0


@pytest.mark.parametrize("how", ["delete", "post"])
def test_cancel_kills_the_render_and_leaves_no_file(
    app_client: TestClient, red: dict[str, Any], how: str
) -> None:
    stream = compiled(app_client, red["id"], duration=4, copies=15)
    body = {"stream_url": stream["stream_url"], "format": "webm", "quality": "high"}
    job = app_client.post("/editor/download", json=body).json()
    job_id = job["data"]["id"]
    time.sleep(0.5)
    if how == "delete":
        answer = app_client.delete(f"/async-response/{job_id}")
    else:
        answer = app_client.post(f"/async-response/{job_id}/cancel")
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "cancelled" and answer.json()["success"] is False
    exports = Path(app_client.app.state.data_dir) / "exports"
    deadline = time.monotonic() + 10
    while list(exports.glob(f"{job_id}*")):
        assert time.monotonic() < deadline, list(exports.glob(f"{job_id}*"))
        time.sleep(0.1)
    again = app_client.delete(f"/async-response/{job_id}")
    assert again.status_code == 409


def test_a_missing_source_fails_the_job_with_a_reason(app_client: TestClient, red: dict[str, Any]) -> None:
    stream = compiled(app_client, red["id"], duration=1)
    record = app_client.app.state.store.get_media(red["id"])
    record.path.rename(record.path.with_name("moved-away"))
    try:
        done = settle(
            app_client, app_client.post("/editor/download", json={"stream_url": stream["stream_url"]}).json()
        )
    finally:
        record.path.with_name("moved-away").rename(record.path)
    assert done["success"] is False and done["status"] == "failed"
    assert "missing" in done["message"] and done["data"]["error"] == done["message"]


def test_unknown_things_are_404_and_foreign_streams_400(app_client: TestClient) -> None:
    assert app_client.get("/async-response/job-0000").status_code == 404
    unknown = app_client.post("/timeline_v2/download", json={"timeline_id": "tl-" + "0" * 32})
    assert unknown.status_code == 404 and "tl-" + "0" * 32 in unknown.json()["message"]
    foreign = app_client.post("/editor/download", json={"stream_url": "https://stream.videodb.io/v3/x.m3u8"})
    assert foreign.status_code == 400
