"""`videodb-editor render` end to end as a child process, each output checked with ffprobe."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from editor_app.model import Clip, Timeline, Track, VideoAsset
from editor_app.model.project.files import MediaRef, Project, save_project
from tests.support.api import one_clip_timeline
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer

CODECS = {"mp4": ("mov,mp4,m4a,3gp,3g2,mj2", "h264"), "webm": ("matroska,webm", "vp9"), "avi": ("avi", None)}


def render(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "editor_app.cli", "render", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def probe(path: Path) -> dict[str, Any]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def check_output(path: Path, fmt: str, seconds: float) -> None:
    info = probe(path)
    container, video_codec = CODECS[fmt]
    assert info["format"]["format_name"] == container
    assert float(info["format"]["duration"]) == pytest.approx(seconds, abs=0.15)
    kinds = {s["codec_type"]: s["codec_name"] for s in info["streams"]}
    assert set(kinds) == {"video", "audio"}
    if video_codec:
        assert kinds["video"] == video_codec


def test_render_a_project_with_local_media_on_its_own_backend(
    media_factory: MediaFactory, tmp_path: Path
) -> None:
    source = media_factory.make_video("orange", seconds=3)
    timeline = Timeline(resolution="320x180", tracks=[Track(name="V1")])
    timeline.attach(
        timeline.tracks[0], Clip(start=0, duration=1500, asset=VideoAsset(id="local-orange", start=500))
    )
    ref = MediaRef(id="local-orange", kind="video", name="orange", original_path=str(source))
    project_path = tmp_path / "edit.vdbproj"
    save_project(Project(timeline=timeline, media=[ref]), project_path)
    out = tmp_path / "render.mp4"
    done = render(project_path, "-o", out, "--quality", "low")
    assert done.returncode == 0, done.stderr
    assert "Uploading" in done.stderr and "\r" not in done.stderr  # plain lines off a TTY
    check_output(out, "mp4", 1.5)


@pytest.mark.parametrize("fmt", ["webm", "avi"])
def test_render_editor_json_against_a_running_backend(
    fmt: str, live_server: LiveServer, red_video: dict[str, Any], tmp_path: Path
) -> None:
    timeline_file = tmp_path / "timeline.json"
    timeline_file.write_text(json.dumps(one_clip_timeline(red_video["id"], 2.0)))
    out = tmp_path / "render.bin"
    done = render(
        timeline_file,
        "-o",
        out,
        "--format",
        fmt,
        "--base-url",
        live_server.base_url,
        f"--api-key={live_server.api_key}",
    )
    assert done.returncode == 0, done.stderr
    check_output(out, fmt, 2.0)
    assert not out.with_name(out.name + ".part").exists()


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.vdbproj"
    broken.write_text('{"format": "videodb-editor-project", "timeline": ')
    done = render(broken, "-o", tmp_path / "x.mp4", "--base-url", "http://127.0.0.1:9")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "broken.vdbproj" in done.stderr
    assert not (tmp_path / "x.mp4").exists()


def test_an_unreachable_backend_is_one_line_and_exit_1(tmp_path: Path) -> None:
    timeline_file = tmp_path / "timeline.json"
    timeline_file.write_text(json.dumps(one_clip_timeline("m-0123456789abcdef", 1.0)))
    done = render(
        timeline_file, "-o", tmp_path / "x.mp4", "--base-url", "http://127.0.0.1:9", "--api-key", "k"
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert "could not reach" in lines[-1] and lines[-1].startswith("videodb-editor render:")
    assert not (tmp_path / "x.mp4").exists()


def test_interrupting_a_render_cancels_the_export(
    live_server: LiveServer, media_factory: MediaFactory, tmp_path: Path
) -> None:
    import os
    import signal
    import time

    import httpx

    from tests.support.server import upload_via_http

    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers, timeout=60) as http:
        long_video = upload_via_http(http, media_factory.make_video("navy", seconds=60), media_type="video")
    timeline_file = tmp_path / "timeline.json"
    timeline_file.write_text(json.dumps(one_clip_timeline(long_video["id"], 60.0)))
    out = tmp_path / "long.webm"
    command = [sys.executable, "-m", "editor_app.cli", "render", str(timeline_file), "-o", str(out)]
    command += ["--base-url", live_server.base_url]
    env = dict(os.environ, VIDEODB_API_KEY=live_server.api_key, PYTHONUNBUFFERED="1")
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    assert child.stderr is not None
    job_id = ""
    for line in child.stderr:  # wait until the export job is running
        if line.startswith("  job "):
            job_id = line.split()[-1]
            break
    time.sleep(0.2)
    child.send_signal(signal.SIGINT)
    _, errors = child.communicate(timeout=60)
    assert child.returncode == 130, errors
    assert "interrupted" in errors and not out.exists(), errors
    with httpx.Client(base_url=live_server.base_url, headers=live_server.headers, timeout=60) as http:
        job = http.get(f"/async-response/{job_id}").json()
    assert job["status"] == "cancelled", (job, errors)
