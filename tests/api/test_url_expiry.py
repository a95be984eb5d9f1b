"""The app's side of expiring signed URLs: when to recompile for a fresh stream URL."""

from __future__ import annotations

import time

from editor_app.api.url_expiry import MIN_RENEWAL_S, RENEW_BEFORE_S, expires_at, renewal_delay_s
from editor_app.server.auth import make_signer


def test_the_expiry_is_read_from_a_signed_url_of_the_local_backend() -> None:
    now = time.time()
    token = make_signer("k", lifetime_s=86400, clock=lambda: now)("/stream/abc/")
    url = f"http://127.0.0.1:9/stream/abc/index.m3u8?token={token}"
    expiry = expires_at(url)
    assert expiry is not None and now + 86400 <= expiry <= now + 86400 + 3600
    delay = renewal_delay_s(url, now)
    assert delay is not None and expiry - RENEW_BEFORE_S - 1 <= now + delay <= expiry - RENEW_BEFORE_S + 1


def test_urls_without_an_expiry_are_never_renewed() -> None:
    assert renewal_delay_s("https://stream.videodb.io/v3/published/manifests/x.m3u8", time.time()) is None
    assert expires_at("http://127.0.0.1:9/files/media/a.mp4?token=0123abcd") is None  # no expiry part
    assert expires_at("http://127.0.0.1:9/a?token=1.x&token=2.y") is None


def test_short_lifetimes_renew_at_half_time_and_never_in_a_tight_loop() -> None:
    now = 1_000_000.0
    assert renewal_delay_s(f"http://h/a?token={int(now) + 600}.sig", now) == 300
    assert renewal_delay_s(f"http://h/a?token={int(now) + 2}.sig", now) == MIN_RENEWAL_S
    assert renewal_delay_s(f"http://h/a?token={int(now) - 50}.sig", now) == MIN_RENEWAL_S  # expired
