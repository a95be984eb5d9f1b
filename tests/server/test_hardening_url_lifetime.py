"""Issue 16, item 15: signed URLs expire (a clear 403, not a 500 or a 401), the lifetime is a
setting of `serve`, recompiling gives a fresh URL, and tokens stay out of the access log."""

from __future__ import annotations

import argparse
import signal
import time
from pathlib import Path

import httpx
import pytest

from editor_app.server.auth import DEFAULT_URL_LIFETIME_S, make_signer, token_verdict
from editor_app.server.cli import add_arguments, check_arguments
from tests.support.media import MediaFactory
from tests.support.server import upload_via_http
from tests.support.server_process import start_server


def timeline(media_id: str) -> dict[str, object]:
    clip = {"start": 0, "clip": {"asset": {"type": "video", "id": media_id, "start": 0}, "duration": 1}}
    return {"timeline": {"resolution": "320x180", "tracks": [{"clips": [clip]}]}}


def test_a_token_expires_after_its_lifetime_and_no_sooner() -> None:
    now = [1_000_000.0]
    sign = make_signer("k", lifetime_s=DEFAULT_URL_LIFETIME_S, clock=lambda: now[0])
    token = sign("/files/media/a.mp4")
    assert token_verdict("k", "/files/media/a.mp4", token, now[0] + DEFAULT_URL_LIFETIME_S - 1) == "ok"
    # rounded up to the hour: tokens minted within it are one and the same
    now[0] += 1
    assert sign("/files/media/a.mp4") == token
    assert (
        token_verdict("k", "/files/media/a.mp4", token, now[0] + DEFAULT_URL_LIFETIME_S + 3601) == "expired"
    )
    # an expiry edited by hand breaks the signature
    expiry, _, sig = token.partition(".")
    assert token_verdict("k", "/files/media/a.mp4", f"{int(expiry) + 3600}.{sig}", now[0]) == "bad"
    assert token_verdict("k", "/files/media/a.mp4", sig, now[0]) == "bad"  # the old form
    assert token_verdict("other", "/files/media/a.mp4", token, now[0]) == "bad"


def test_expired_urls_are_403_and_a_recompile_gives_a_fresh_one(
    tmp_path: Path, media_factory: MediaFactory
) -> None:
    server = start_server(tmp_path / "data", "--url-lifetime", "2")
    try:
        with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=30) as client:
            item = upload_via_http(client, media_factory.make_video("teal", seconds=1))
            stream_url = client.post("/editor", json=timeline(item["id"])).json()["data"]["stream_url"]
            file_url = item["stream_url"]
        assert httpx.get(file_url, timeout=10).status_code == 200  # no key: the token opens it
        assert httpx.get(stream_url, timeout=10).status_code == 200
        time.sleep(3.2)
        for url in (file_url, stream_url):
            answer = httpx.get(url, timeout=10)
            assert answer.status_code == 403, answer.text
            assert answer.json()["error_code"] == "url_expired"
        with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=30) as client:
            fresh = client.post("/editor", json=timeline(item["id"])).json()["data"]["stream_url"]
        assert fresh != stream_url and fresh.split("?")[0] == stream_url.split("?")[0]
        assert httpx.get(fresh, timeout=10).status_code == 200
    finally:
        server.stop()


def test_tokens_never_reach_the_access_log(tmp_path: Path, media_factory: MediaFactory) -> None:
    server = start_server(tmp_path / "data", "--log-level", "debug")
    try:
        with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=30) as client:
            item = upload_via_http(client, media_factory.make_video("teal", seconds=1))
            stream_url = client.post("/editor", json=timeline(item["id"])).json()["data"]["stream_url"]
            assert httpx.get(stream_url, timeout=10).status_code == 200
            assert httpx.get(stream_url + "x", timeout=10).status_code == 401  # a refused one too
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(15)
        assert server.process.stderr is not None
        log = server.process.stderr.read().decode(errors="replace")
        assert server.process.stdout is not None
        assert server.process.stdout.read() == b""  # stdout is the JSON line's alone
    finally:
        server.stop()
    token = stream_url.split("token=")[1]
    assert "index.m3u8" in log  # the access log was on
    assert token not in log and token.split(".")[1] not in log


@pytest.mark.parametrize("value", ["0", "-5", "nan", "inf"])
def test_serve_refuses_a_meaningless_url_lifetime(value: str) -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    problem = check_arguments(parser.parse_args(["--url-lifetime", value]))
    assert problem is not None and "--url-lifetime" in problem
