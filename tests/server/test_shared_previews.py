"""Identical preview work in flight is shared (issue 16, item 17): thirty viewers asking at once
for one strip, one waveform or one lost thumbnail start one ffmpeg, and all get its answer.

A real `serve` whose `--ffmpeg` is a wrapper that logs each run and waits 0.5 s before running
the real ffmpeg, so the thirty requests surely overlap the first one's run."""

from __future__ import annotations

import shutil
import stat
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.media import MediaFactory
from tests.support.server import upload_via_http
from tests.support.server_process import LiveServer, start_server

CONCURRENT = 30


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[tuple[LiveServer, Path]]:
    log = tmp_path / "runs.log"
    wrapper = tmp_path / "ffmpeg-logged"
    real = shutil.which("ffmpeg")
    assert real is not None
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> {log}\nsleep 0.5\nexec {real} "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    server = start_server(tmp_path / "data", "--ffmpeg", str(wrapper))
    try:
        yield server, log
    finally:
        server.stop()


def _runs(log: Path, marker: str) -> int:
    return sum(marker in line for line in log.read_text().splitlines()) if log.exists() else 0


def _all_at_once(server: LiveServer, path: str, params: dict[str, Any] | None = None) -> list[Any]:
    start = threading.Barrier(CONCURRENT)

    def one(_: int) -> Any:
        with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=60) as client:
            start.wait(10)
            answer = client.get(path, params=params)
            assert answer.status_code == 200, answer.text
            return answer.json()["data"]

    with ThreadPoolExecutor(CONCURRENT) as pool:
        return list(pool.map(one, range(CONCURRENT)))


def test_thirty_first_requests_share_one_strip_and_one_waveform(
    logged: tuple[LiveServer, Path], media_factory: MediaFactory
) -> None:
    server, log = logged
    with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=60) as client:
        video = upload_via_http(client, media_factory.make_video("green", seconds=6))

    strips = _all_at_once(server, f"/video/{video['id']}/thumbnails", {"count": 6})
    assert _runs(log, "strip-") == 1
    assert all(s == strips[0] for s in strips) and len(strips[0]["urls"]) == 6
    assert strips[0]["interval"] == pytest.approx(1.0, abs=0.01)

    waves = _all_at_once(server, f"/video/{video['id']}/waveform")
    assert _runs(log, "s16le") == 1
    assert all(w == waves[0] for w in waves)
    assert len(waves[0]["peaks"]) == pytest.approx(6 * 50, abs=5)
    assert 0.05 < max(waves[0]["peaks"]) < 0.5  # the sample's tone, 1/8 of full scale


def test_thirty_requests_for_a_lost_thumbnail_remake_it_once(
    logged: tuple[LiveServer, Path], media_factory: MediaFactory
) -> None:
    server, log = logged
    with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=60) as client:
        video = upload_via_http(client, media_factory.make_video("green", seconds=2))
    for thumb in (server.data_dir / "thumbs").rglob("thumb.jpg"):
        thumb.unlink()
    before = _runs(log, "thumb.part.jpg")
    answers = _all_at_once(server, f"/video/{video['id']}/thumbnail")
    assert _runs(log, "thumb.part.jpg") - before == 1
    assert all(a == answers[0] for a in answers)
    assert next((server.data_dir / "thumbs").rglob("thumb.jpg")).stat().st_size > 0
