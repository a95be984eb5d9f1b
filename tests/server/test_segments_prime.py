"""Segment 0 of a fresh preview compile renders before anybody asks (issue 13): VLC reads it on
every open before it jumps to the playhead, so after an edit the player would otherwise wait for
two renders in a row. Against a real `serve` child and its data dir."""

from __future__ import annotations

import time
from pathlib import Path

from tests.support.media import MediaFactory
from tests.support.server import upload_via_http
from tests.support.server_process import LiveServer, one_clip_timeline, serve_child

PRIME_WAIT_S = 30.0


def _segment_files(server: LiveServer) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (server.data_dir / "segments").glob("*.ts")}


def _segment_url(stream_url: str, index: int) -> str:
    return stream_url.replace("index.m3u8", f"seg_{index:05d}.ts")  # the token is the folder's


def _wait_for_files(server: LiveServer, count: int) -> dict[str, bytes]:
    deadline = time.monotonic() + PRIME_WAIT_S
    while len(files := _segment_files(server)) < count:
        assert time.monotonic() < deadline, f"{len(files)} segment files after {PRIME_WAIT_S:.0f} s"
        time.sleep(0.05)
    return files


def test_segment_0_of_a_preview_compile_is_cached_without_anyone_asking(
    tmp_path: Path, media_factory: MediaFactory
) -> None:
    with serve_child(tmp_path / "data") as (server, client):
        media_id = upload_via_http(client, media_factory.make_video("olive", seconds=4, size="320x180"))["id"]
        full_size = client.post("/editor", json=one_clip_timeline(media_id, 4, volume=0.9))
        assert full_size.status_code == 200, full_size.text
        preview = client.post("/editor", params={"preview_height": 180}, json=one_clip_timeline(media_id, 4))
        assert preview.status_code == 200, preview.text
        files = _wait_for_files(server, 1)
        time.sleep(1.0)  # nothing else renders meanwhile: not the full-size stream (the SDKs')
        assert _segment_files(server) == files and len(files) == 1
        stream_url = preview.json()["data"]["stream_url"]
        assert client.get(stream_url).status_code == 200
        first = client.get(_segment_url(stream_url, 0))
        assert first.status_code == 200 and first.content[:1] == b"\x47"
        assert first.content in files.values()  # what was primed is segment 0 of that stream


def test_an_urgent_segment_renders_before_the_primed_one(tmp_path: Path, media_factory: MediaFactory) -> None:
    """The player asks for segment 3 right after the compile: it is served while segment 0 is
    held back (paused), and segment 0 follows on its own."""
    with serve_child(tmp_path / "data") as (server, client):
        source = media_factory.noisy_video(seconds=5, size="640x360")
        media_id = upload_via_http(client, source, media_type="video")["id"]
        for attempt in range(3):  # a new timeline each time: new segments
            timeline = one_clip_timeline(media_id, 5, volume=round(0.5 + attempt / 10, 2))
            compiled = client.post("/editor", params={"preview_height": 360}, json=timeline)
            assert compiled.status_code == 200, compiled.text
            stream_url = compiled.json()["data"]["stream_url"]
            before = set(_segment_files(server))
            asked = client.get(_segment_url(stream_url, 3))
            assert asked.status_code == 200, asked.text
            at_answer = set(_segment_files(server))
            first = client.get(_segment_url(stream_url, 0))
            assert first.status_code == 200, first.text
            names = {data: name for name, data in _segment_files(server).items()}
            primed, urgent = names[first.content], names[asked.content]
            if primed not in before:
                break
            # segment 0 was done before segment 3 was even asked for: this run cannot judge
        else:
            raise AssertionError("segment 0 was always done before the next request: cannot judge")
        assert urgent in at_answer and primed not in at_answer, "segment 0 was rendered first"
        assert len(at_answer - before) == 1  # nothing else finished before the urgent one either
