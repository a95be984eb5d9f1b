"""Preview proxies over HTTP (docs/architecture.md, "Proxies and preview size"): made in the
background after an ingest, kept in SQLite across restarts, made again when their file is gone,
removed with their media; previews read them, exports never do."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from editor_app.samples import SampleMedia
from editor_app.server.app import create_app
from tests.support.server import TEST_KEY, upload_via_http

TALL = "640x480"  # taller than a proxy: automatic proxies cover it


def tall_video(folder: Path, seconds: float = 2) -> Path:
    inputs = ["-f", "lavfi", "-i", f"testsrc2=s={TALL}:r=25:d={seconds}"]
    inputs += ["-f", "lavfi", "-i", f"sine=f=440:sample_rate=48000:d={seconds}"]
    outputs = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"]
    return SampleMedia(folder).make(f"tall-{seconds}.mp4", inputs, outputs)


def proxy_of(client: TestClient, media_id: str) -> dict[str, Any]:
    answer = client.get(f"/video/{media_id}")
    assert answer.status_code == 200, answer.text
    proxy: dict[str, Any] = answer.json()["data"]["proxy"]
    return proxy


def wait_state(client: TestClient, media_id: str, state: str, limit: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + limit
    while True:
        proxy = proxy_of(client, media_id)
        if proxy["state"] == state:
            return proxy
        assert proxy["state"] != "failed", proxy
        assert time.monotonic() < deadline, f"the proxy stayed {proxy}"
        time.sleep(0.05)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def app_on(data_dir: Path) -> TestClient:
    return TestClient(create_app(data_dir, TEST_KEY), headers={"x-access-token": TEST_KEY})


@pytest.fixture
def server(data_dir: Path) -> Iterator[TestClient]:
    with app_on(data_dir) as client:
        yield client


def test_an_ingested_tall_video_gets_a_proxy_in_the_background(server: TestClient, tmp_path: Path) -> None:
    started = time.monotonic()
    item = upload_via_http(server, tall_video(tmp_path))
    assert time.monotonic() - started < 5  # the answer never waits for the proxy
    assert item["proxy"]["state"] in ("queued", "making", "ready")
    ready = wait_state(server, item["id"], "ready")
    assert ready["progress"] == 1.0 and ready["height"] == 360 and ready["error"] is None
    sha = server.app.state.store.get_media(item["id"]).sha256
    assert server.app.state.proxies.rows.path(sha).is_file()


def test_automatic_proxies_can_be_turned_off_and_a_user_makes_one(server: TestClient, tmp_path: Path) -> None:
    assert server.get("/local/settings").json()["data"] == {"auto_proxies": True}
    assert (
        server.patch("/local/settings", json={"auto_proxies": False}).json()["data"]["auto_proxies"] is False
    )
    item = upload_via_http(server, tall_video(tmp_path))
    time.sleep(0.3)
    assert proxy_of(server, item["id"])["state"] == "none"
    asked = server.post(f"/video/{item['id']}/proxy")
    assert asked.status_code == 202 and asked.json()["data"]["proxy"]["state"] in (
        "queued",
        "making",
        "ready",
    )
    wait_state(server, item["id"], "ready")
    dropped = server.delete(f"/video/{item['id']}/proxy").json()["data"]
    assert dropped["proxy"]["state"] == "none"


def test_proxy_state_survives_a_restart_and_a_missing_file_is_made_again(
    data_dir: Path, tmp_path: Path
) -> None:
    with app_on(data_dir) as first:
        first.patch("/local/settings", json={"auto_proxies": False})
        item = upload_via_http(first, tall_video(tmp_path))
        sha = first.app.state.store.get_media(item["id"]).sha256
        first.app.state.proxies.rows.set(sha, "making", progress=0.4)  # as if the server died mid-way
    with app_on(data_dir) as second:
        assert second.get("/local/settings").json()["data"]["auto_proxies"] is False  # persisted
        wait_state(second, item["id"], "ready")  # unfinished work was queued again
        path = second.app.state.proxies.rows.path(sha)
    path.unlink()
    with app_on(data_dir) as third:
        wait_state(third, item["id"], "ready")
        assert path.is_file()


def test_a_proxy_goes_with_its_media(server: TestClient, tmp_path: Path) -> None:
    item = upload_via_http(server, tall_video(tmp_path))
    wait_state(server, item["id"], "ready")
    sha = server.app.state.store.get_media(item["id"]).sha256
    assert server.delete(f"/video/{item['id']}").status_code == 200
    assert server.app.state.proxies.rows.get(sha) is None
    assert not server.app.state.proxies.rows.path(sha).exists()


def test_routes_refuse_what_is_not_a_video(server: TestClient) -> None:
    assert server.post("/video/m-0000000000000000/proxy").status_code == 404
    assert server.delete("/video/a-0000000000000000/proxy").status_code == 404
    assert server.patch("/local/settings", json={"auto_proxies": "maybe"}).status_code in (400, 422)


def test_the_preview_extensions_are_documented_in_the_openapi_description(server: TestClient) -> None:
    schema = server.get("/openapi.json").json()
    assert "preview_height" in schema["info"]["description"]
    editor = schema["paths"]["/editor"]["post"]
    (param,) = [p for p in editor["parameters"] if p["name"] == "preview_height"]
    assert param["in"] == "query" and "never sent by the official SDKs" in param["description"]
    for path in ("/stream/{stream_id}/frame", "/video/{media_id}/proxy", "/local/settings"):
        assert path in schema["paths"], path
