"""Previews read proxies, exports read originals (issue 13): a preview-size stream of a video
with a ready proxy renders from the proxy at the preview size, and an export of the same
compile is the original at the timeline's resolution, as sharp as the original."""

from __future__ import annotations

import itertools
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from fastapi.testclient import TestClient

from editor_app.samples import SampleMedia
from tests.support.render_tools import duration_of
from tests.support.server import upload_via_http

CHECKER = "geq=lum='if(mod(floor(X/2)+floor(Y/2),2),235,16)':cb=128:cr=128"


def checker_video(folder: Path) -> Path:
    """A 2-pixel checkerboard at 1280x720: all detail, gone in a 360-row proxy."""
    inputs = ["-f", "lavfi", "-i", f"nullsrc=s=1280x720:r=25:d=2,{CHECKER}"]
    outputs = ["-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p"]
    return SampleMedia(folder).make("checker.mp4", inputs, outputs)


def gray_frame(path: Path | str, width: int, height: int, scale: str | None = None) -> bytes:
    vf = ["-vf", scale] if scale else []
    args = ["ffmpeg", "-v", "error", "-ss", "0.5", "-i", str(path), "-frames:v", "1", *vf]
    args += ["-f", "rawvideo", "-pix_fmt", "gray", "-"]
    raw = subprocess.run(args, capture_output=True, check=True, timeout=60).stdout
    assert len(raw) == width * height
    return raw


def detail(raw: bytes, width: int) -> float:
    """Mean difference of horizontal neighbours in the middle of the picture (fine detail)."""
    total, count = 0, 0
    for y in range(300, 420):
        row = raw[y * width + 500 : y * width + 780]
        total += sum(abs(a - b) for a, b in itertools.pairwise(row))
        count += len(row) - 1
    return total / count


def size_of(path: Path) -> tuple[int, int]:
    args = ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height"]
    out = subprocess.run([*args, "-of", "csv=p=0", str(path)], capture_output=True, text=True, check=True)
    width, height = out.stdout.split()[0].split(",")  # MPEG-TS lists its program's streams too
    return int(width), int(height)


def local(url: str) -> str:
    parts = urlparse(url)
    return f"{parts.path}?{parts.query}"


def settle(client: TestClient, job: dict[str, Any], limit: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + limit
    while True:
        answer: dict[str, Any] = client.get(local(job["data"]["output_url"])).json()
        if answer["status"] != "processing":
            return answer
        assert time.monotonic() < deadline, "the export never settled"
        time.sleep(0.1)


def body(media_id: str) -> dict[str, Any]:
    clip = {"asset": {"type": "video", "id": media_id, "start": 0}, "duration": 2}
    return {"timeline": {"resolution": "1280x720", "tracks": [{"clips": [{"start": 0, "clip": clip}]}]}}


def test_preview_reads_the_proxy_and_export_the_original(app_client: TestClient, tmp_path: Path) -> None:
    source = checker_video(tmp_path)
    item = upload_via_http(app_client, source)
    deadline = time.monotonic() + 60
    while app_client.get(f"/video/{item['id']}").json()["data"]["proxy"]["state"] != "ready":
        assert time.monotonic() < deadline, "no proxy"
        time.sleep(0.05)
    proxies = app_client.app.state.proxies
    proxy_path = proxies.rows.path(app_client.app.state.store.get_media(item["id"]).sha256)

    preview = app_client.post("/editor", json=body(item["id"]), params={"preview_height": 360}).json()["data"]
    stream = app_client.app.state.editor.stream(preview["timeline_id"], 360)
    assert stream.sources[item["id"]].path == proxy_path
    segment = app_client.get(local(preview["stream_url"]).replace("index.m3u8", "seg_00000.ts"))
    assert segment.status_code == 200
    (tmp_path / "seg.ts").write_bytes(segment.content)
    assert size_of(tmp_path / "seg.ts") == (640, 360)

    job = app_client.post("/editor/download", json={"stream_url": preview["stream_url"]}).json()
    done = settle(app_client, job)
    assert done["status"] == "done", done
    exported = tmp_path / "export.mp4"
    exported.write_bytes(TestClient(app_client.app).get(local(done["data"]["download_url"])).content)
    assert size_of(exported) == (1280, 720) and abs(duration_of(exported) - 2) < 0.1

    original = detail(gray_frame(source, 1280, 720), 1280)
    from_proxy = detail(gray_frame(proxy_path, 1280, 720, "scale=1280:720"), 1280)
    assert from_proxy < 0.5 * original  # the measure sees a proxy's softness
    assert detail(gray_frame(exported, 1280, 720), 1280) > 0.8 * original
