"""Other viewers are served, slower, never turned away (issue 16, item 16): many players, each
watching its own compile, fetch segments at once against a real `serve`; the newest is the watched
stream, and every other one still gets its segments (no 503 while the queue has room)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.support.media import MediaFactory
from tests.support.server import upload_via_http
from tests.support.server_process import one_clip_timeline, serve_child

VIEWERS = 12


def _timeline(media_id: str, n: int) -> dict[str, object]:
    return one_clip_timeline(media_id, 4, resolution="1280x720", volume=round(0.5 + n / 100, 3))


def test_every_viewer_gets_its_segments_while_another_stream_is_watched(
    tmp_path: Path, media_factory: MediaFactory
) -> None:
    with serve_child(tmp_path / "data") as (server, client):
        media_id = upload_via_http(client, media_factory.make_video("teal", seconds=4, size="1280x720"))["id"]
        start = threading.Barrier(VIEWERS)

        def viewer(n: int) -> list[int]:
            with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=60) as client:
                stream_url = client.post("/editor", json=_timeline(media_id, n)).json()["data"]["stream_url"]
                start.wait(30)
                playlist = client.get(stream_url)
                assert playlist.status_code == 200
                uris = [u for u in playlist.text.splitlines() if u and not u.startswith("#")]
                answers = [client.get(httpx.URL(stream_url).join(uri)) for uri in uris]
                assert all(a.content[:1] == b"\x47" for a in answers if a.status_code == 200)  # MPEG-TS
                return [a.status_code for a in answers]

        with ThreadPoolExecutor(VIEWERS) as pool:
            statuses = [code for codes in pool.map(viewer, range(VIEWERS)) for code in codes]
        assert len(statuses) >= VIEWERS * 2
        assert statuses.count(503) == 0, f"{statuses.count(503)} of {len(statuses)} fetches got 503"
        assert set(statuses) == {200}
