"""Issue 16, item 15, the client's side: a signed URL refused as expired raises `UrlExpired` (an
`AuthenticationError`, with a message that says what to do), while a wrong token stays a plain
`AuthenticationError`; against a real `serve` with a lifetime of two seconds.

The client sends its key to its own backend's origin, so there a signed URL works whatever its
token says (the app's thumbnails, stills and downloads never meet an expiry). A URL of another
origin is fetched on its token alone: here the URLs are minted for `127.0.0.1` and fetched by a
client of the same server named `localhost`, as a URL handed over from elsewhere is."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from editor_app.api import AuthenticationError, UrlExpired, VideoDBClient
from editor_app.api.url_expiry import expires_at, has_expired
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer, start_server

LIFETIME_S = 2


@pytest.fixture
def short_lived(tmp_path: Path) -> Iterator[LiveServer]:
    server = start_server(tmp_path / "data", "--url-lifetime", str(LIFETIME_S))
    yield server
    server.stop()


def wait_past(url: str) -> None:
    expiry = expires_at(url)
    assert expiry is not None and expiry <= time.time() + LIFETIME_S + 1
    time.sleep(max(0.0, expiry - time.time()) + 0.3)
    assert has_expired(url, time.time())


def elsewhere(server: LiveServer) -> VideoDBClient:
    """A client of `server` under another loopback name: its URLs are another origin to it."""
    assert "127.0.0.1" in server.base_url
    return VideoDBClient(server.base_url.replace("127.0.0.1", "localhost"), server.api_key)


def test_an_expired_signed_url_raises_url_expired(
    short_lived: LiveServer, media_factory: MediaFactory
) -> None:
    with VideoDBClient(short_lived.base_url, short_lived.api_key) as owner, elsewhere(short_lived) as client:
        item = owner.upload(media_factory.make_video("teal", seconds=1), name="teal")
        assert item.stream_url is not None and item.thumbnail_url is not None
        clip = {"start": 0, "clip": {"asset": {"type": "video", "id": item.id, "start": 0}, "duration": 1}}
        compiled = owner.compile({"timeline": {"resolution": "320x180", "tracks": [{"clips": [clip]}]}})
        assert compiled.frame_url is not None
        assert client.fetch_bytes(item.stream_url)  # still good
        wait_past(compiled.stream_url)
        for fetch in (
            lambda: client.fetch_bytes(item.stream_url or ""),
            lambda: client.fetch_bytes(compiled.stream_url),
            lambda: client.frame(compiled.frame_url or "", 0.5, height=90),
        ):
            with pytest.raises(UrlExpired) as raised:
                fetch()
            assert isinstance(raised.value, AuthenticationError)
            assert "expired" in str(raised.value) and "token=" not in str(raised.value)
        assert owner.fetch_bytes(compiled.stream_url)  # the key opens it on its own origin
        fresh = owner.get_media(item.id)  # getting the item again gives fresh URLs
        assert fresh.stream_url != item.stream_url and client.fetch_bytes(fresh.stream_url or "")


def test_a_wrong_token_is_not_reported_as_expired(
    short_lived: LiveServer, media_factory: MediaFactory
) -> None:
    with VideoDBClient(short_lived.base_url, short_lived.api_key) as owner, elsewhere(short_lived) as client:
        item = owner.upload(media_factory.make_video("teal", seconds=1), name="teal")
        assert item.stream_url is not None
        with pytest.raises(AuthenticationError) as raised:
            client.fetch_bytes(item.stream_url + "0")
        assert not isinstance(raised.value, UrlExpired)


def test_has_expired_reads_the_token_and_says_no_for_urls_without_one() -> None:
    now = 1_000_000.0
    assert has_expired(f"http://h/a?token={int(now) - 1}.sig", now)
    assert not has_expired(f"http://h/a?token={int(now) + 5}.sig", now)
    assert not has_expired("https://stream.videodb.io/v3/x.m3u8", now)
