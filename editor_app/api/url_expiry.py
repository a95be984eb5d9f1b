"""When the app should ask for a fresh signed URL (issue 16, item 15). No Qt here.

The local backend's stream and file URLs carry `?token=EXPIRY.SIG` (server/auth.py) and are
refused with a 403 once EXPIRY (a Unix time) has passed; the cloud's URLs carry no such expiry.
A player holding a URL recompiles before then: `renewal_delay_s` says how long it may wait. A
timer is not enough (a laptop suspended, a clock jump, a short `serve --url-lifetime`): a URL
found expired (`has_expired`, or the client's `UrlExpired`) is renewed then, once.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

RENEW_BEFORE_S = 3600.0  # renew an hour ahead: a day's URL is renewed after 23 h
MIN_RENEWAL_S = 30.0  # never a tight loop of recompiles, whatever the server's lifetime


def expires_at(url: str) -> float | None:
    """The Unix time `url`'s signed token expires, or None (no token, or one without expiry)."""
    tokens = parse_qs(urlsplit(url).query).get("token", [])
    if len(tokens) != 1:
        return None
    expiry, dot, _signature = tokens[0].partition(".")
    return float(expiry) if dot and expiry.isascii() and expiry.isdigit() else None


def has_expired(url: str, now: float) -> bool:
    """Whether `url` carries a signed token whose time has passed (the server refuses it: 403)."""
    expiry = expires_at(url)
    return expiry is not None and now >= expiry


def renewal_delay_s(url: str, now: float) -> float | None:
    """Seconds until a player of `url` should get a fresh one (None: it never expires):
    RENEW_BEFORE_S ahead of the expiry, or at half the time left when that is shorter than two of
    those; never under MIN_RENEWAL_S."""
    expiry = expires_at(url)
    if expiry is None:
        return None
    left = expiry - now
    delay = left - RENEW_BEFORE_S if left > 2 * RENEW_BEFORE_S else left / 2
    return max(MIN_RENEWAL_S, delay)
