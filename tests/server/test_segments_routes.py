"""The segment routes over HTTP: a segment renders on request, bad indexes and failed renders."""

from __future__ import annotations

import math
from urllib.parse import urlparse

from fastapi.testclient import TestClient

from editor_app.server.render.segments import SEGMENT_MS
from tests.support.media import MediaFactory
from tests.support.server import upload_via_http


def compile_red(client: TestClient, media_factory: MediaFactory) -> tuple[str, str, str]:
    """(media id, stream folder path, ?token=... query) of a compiled 3 s timeline."""
    media = upload_via_http(
        client, media_factory.make_video("red", seconds=4, size="160x90"), media_type="video"
    )
    asset = {"type": "video", "id": media["id"], "start": 0, "volume": 1}
    body = {
        "timeline": {
            "resolution": "160x90",
            "tracks": [{"clips": [{"start": 0, "clip": {"asset": asset, "duration": 3}}]}],
        }
    }
    stream_url = client.post("/editor", json=body).json()["data"]["stream_url"]
    parts = urlparse(stream_url)
    return str(media["id"]), parts.path.rsplit("/", 1)[0], f"?{parts.query}"


def test_a_segment_renders_on_request_and_out_of_range_is_404(
    app_client: TestClient, media_factory: MediaFactory
) -> None:
    _media_id, folder, query = compile_red(app_client, media_factory)
    player = TestClient(app_client.app)  # the token alone, like VLC
    count = math.ceil(3000 / SEGMENT_MS)  # the timeline is 3 s long
    last = player.get(f"{folder}/seg_{count - 1:05d}.ts{query}")
    assert last.status_code == 200 and last.content[:1] == b"\x47"
    assert last.headers["content-type"] == "video/mp2t"
    assert player.get(f"{folder}/seg_{count:05d}.ts{query}").status_code == 404
    assert player.get(f"{folder}/seg_2.ts{query}").status_code == 404
    assert player.get(f"{folder}/seg_00000.ts").status_code == 401


def test_a_failed_render_answers_500_with_ffmpegs_reason(
    app_client: TestClient, media_factory: MediaFactory
) -> None:
    media_id, folder, query = compile_red(app_client, media_factory)
    record = app_client.app.state.store.get_media(media_id)  # type: ignore[attr-defined]
    record.path.rename(record.path.with_name("moved-away"))
    try:
        answer = app_client.get(f"{folder}/seg_00000.ts{query}")
    finally:
        record.path.with_name("moved-away").rename(record.path)
    assert answer.status_code == 500
    assert "rendering the stream failed" in answer.json()["message"]
    assert "No such file" in answer.json()["message"]
