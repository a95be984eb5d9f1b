"""Who may call the local backend.

Every request needs the API key in the `x-access-token` header, with three exceptions:
- a URL carrying `?token=` signed for its own path, or for a folder above it (a path ending in "/"),
  so VLC (which cannot send headers) can play a stream URL and the segments beside its playlist;
- `POST /upload/{token}`: the official SDK posts files there without the key, so the upload URL
  authorises itself with a single-use token recorded in the store (checked by the route);
- the OpenAPI description and its viewer, which reveal nothing secret.

Tokens are `EXPIRY.SIG`, SIG = HMAC-SHA256(api_key, path + "\n" + EXPIRY) and EXPIRY a Unix time
(issue 16, item 15): shareable with the player, unguessable without the key, and refused with a
403 `url_expired` once EXPIRY has passed (a bad or missing token stays a 401). They live
`url_lifetime_s` (`serve --url-lifetime`, DEFAULT_URL_LIFETIME_S: a day, which no editing session
meets; the app recompiles for a fresh stream URL before then), rounded up to the next multiple
of a step (an hour for a day): tokens minted in one step are identical, so recompiling an
unchanged timeline gives the very same stream URL and the player is not reloaded.

Before any of that, a request is refused when its `Host` is not a loopback name or the address
the server is bound to (a DNS-rebinding page in a browser names its own host: 421), when its path
holds a NUL or invalid Unicode (400), or when it carries `token` more than once (400: one check
and another use must never see different tokens). A body over MAX_BODY_BYTES is a 413, whether it
declares its length or comes chunked (counted as it arrives, the rest never read).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import math
import time
from collections.abc import Callable
from typing import Literal
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

OPEN_PATHS = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc", "/health"})
SELF_AUTHORISED_PREFIXES = ("/upload/",)
KEY_HEADER = b"x-access-token"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# request bodies other than uploads (docs/architecture.md, "Limits"); a 20,000-clip timeline is ~6 MiB
MAX_BODY_BYTES = 16 * 1024 * 1024
BODY_LIMIT_EXEMPT = ("/upload/",)  # upload bodies have their own limit (max_upload_bytes)
DEFAULT_URL_LIFETIME_S = 24 * 3600
MAX_EXPIRY_STEP_S = 3600
Clock = Callable[[], float]
Verdict = Literal["ok", "expired", "bad"]


def signature(secret: bytes, path: str, expiry: int) -> str:
    return hmac.new(secret, f"{path}\n{expiry}".encode(), hashlib.sha256).hexdigest()[:32]


def make_signer(
    api_key: str, lifetime_s: float = DEFAULT_URL_LIFETIME_S, clock: Clock = time.time
) -> Callable[[str], str]:
    """`sign(path)` -> token for a URL path (or a folder prefix ending in "/"), valid for at least
    `lifetime_s` and at most one step (a 24th of it, an hour at most) longer."""
    if lifetime_s <= 0:
        raise ValueError("a signed URL needs a positive lifetime")
    secret = api_key.encode()
    step = max(1, min(MAX_EXPIRY_STEP_S, int(lifetime_s // 24)))

    # one HMAC per path and step: every media GET signs two URLs per item, and within a step the
    # tokens are the same anyway (bounded: an old step's entries are simply evicted)
    @functools.lru_cache(maxsize=4096)
    def token(path: str, expiry: int) -> str:
        return f"{expiry}.{signature(secret, path, expiry)}"

    def sign(path: str) -> str:
        return token(path, math.ceil((clock() + lifetime_s) / step) * step)

    return sign


def token_verdict(api_key: str, path: str, token: str, now: float) -> Verdict:
    """ "ok" if `token` was signed for `path` or a folder above it and has not expired, "expired"
    if it was so signed but its time has passed, else "bad"."""
    expiry_text, dot, offered = token.partition(".")
    if not dot or not expiry_text.isascii() or not expiry_text.isdigit() or len(expiry_text) > 12:
        return "bad"  # also every token of the old, never-expiring form
    expiry, secret = int(expiry_text), api_key.encode()
    candidates = [path]
    prefix = path
    while "/" in prefix.rstrip("/"):
        prefix = prefix.rstrip("/").rsplit("/", 1)[0] + "/"
        if prefix == "/":
            break
        candidates.append(prefix)
    if not any(hmac.compare_digest(signature(secret, c, expiry), offered) for c in candidates):
        return "bad"
    return "ok" if now < expiry else "expired"


def key_matches(api_key: str, offered: str | None) -> bool:
    return offered is not None and hmac.compare_digest(api_key.encode(), offered.encode())


class ApiKeyMiddleware:
    """Pure ASGI (streams stay streams): answers 401 in the error envelope when access is refused."""

    def __init__(self, app: ASGIApp, api_key: str, clock: Clock = time.time) -> None:
        self.app = app
        self.api_key = api_key
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = request_refusal(scope)
        verdict = self._verdict(scope) if refusal is None else "bad"
        if refusal is not None:
            await _send_error(send, *refusal)
        elif verdict == "ok":
            if scope["path"].startswith(BODY_LIMIT_EXEMPT) or not _chunked(scope):
                # a declared length over the limit was refused above, and the server delivers no
                # more than a declared length: only a chunked body needs counting (and the wrapped
                # receive/send cost a GET a few per cent of its CPU, issue 16)
                await self.app(scope, receive, send)
            else:
                await call_with_body_limit(self.app, scope, receive, send, MAX_BODY_BYTES)
        elif verdict == "expired":
            message = "this signed URL has expired: compile again (or get the media again) for a fresh one"
            await _send_error(send, 403, message, "url_expired")
        else:
            await _send_error(send, 401, "missing or invalid API key (x-access-token)", "unauthorized")

    def _verdict(self, scope: Scope) -> Verdict:
        path: str = scope["path"]
        if path in OPEN_PATHS or path.startswith(SELF_AUTHORISED_PREFIXES):
            return "ok"
        for name, value in scope.get("headers", []):
            if name == KEY_HEADER and key_matches(self.api_key, value.decode("latin-1")):
                return "ok"
        tokens = _tokens(scope)
        return token_verdict(self.api_key, path, tokens[0], self.clock()) if tokens else "bad"


def host_allowed(scope: Scope) -> bool:
    """A loopback name or the bound address (a missing Host, as HTTP/1.0 may send, is allowed)."""
    for name, value in scope.get("headers", []):
        if name == b"host":
            host = value.decode("latin-1").strip().lower()
            if host.startswith("["):  # [::1]:port
                host = host[1:].partition("]")[0]
            elif host.count(":") == 1:
                host = host.partition(":")[0]
            server = scope.get("server") or ("", 0)
            return host in LOOPBACK_HOSTS or host == str(server[0]).lower()
    return True


def request_refusal(scope: Scope) -> tuple[int, str, str] | None:
    """(status, message, error_code) for a request refused before routing, or None."""
    if not host_allowed(scope):
        return 421, "this server answers only to loopback host names", "misdirected_request"
    path: str = scope["path"]
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return 400, "the URL path is not valid UTF-8", "invalid_request"
    if "\0" in path:
        return 400, "the URL path holds a NUL character", "invalid_request"
    if len(_tokens(scope)) > 1:
        return 400, "the URL carries more than one token", "invalid_request"
    if not path.startswith(BODY_LIMIT_EXEMPT) and _declared_length(scope) > MAX_BODY_BYTES:
        return 413, _too_large(MAX_BODY_BYTES), "payload_too_large"
    return None


def _tokens(scope: Scope) -> list[str]:
    """The `token` values of the query (blank ones too). Parsed only when one may be there: a
    key spelled with escapes (`%74oken`) is a token as well, so any `%` means parsing."""
    query: bytes = scope.get("query_string", b"")
    if b"token" not in query and b"%" not in query:
        return []
    return parse_qs(query.decode("latin-1"), keep_blank_values=True).get("token", [])


def _chunked(scope: Scope) -> bool:
    """Whether the body comes without a declared length (`Transfer-Encoding`)."""
    return any(name == b"transfer-encoding" for name, _ in scope.get("headers", []))


def _declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0  # the server's parser refuses it
    return 0


async def call_with_body_limit(app: ASGIApp, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    """Run `app`, counting the body as it arrives: a chunked body declares no length up front.
    Past `limit` the client gets a 413 at once and the app a disconnect, so the rest is never
    read (uvicorn then closes the connection, its request unfinished); the app's own answer to
    the disconnect is dropped."""
    received = 0
    refused = responded = False

    async def counting_receive() -> Message:
        nonlocal received, refused
        if refused:
            return {"type": "http.disconnect"}
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                refused = True
                if not responded:
                    await _send_error(send, 413, _too_large(limit), "payload_too_large")
                return {"type": "http.disconnect"}
        return message

    async def send_unless_refused(message: Message) -> None:
        nonlocal responded
        if not refused:
            responded = responded or message["type"] == "http.response.start"
            await send(message)

    try:
        await app(scope, counting_receive, send_unless_refused)
    except Exception:
        if not refused:
            raise  # after a refusal the app's failure to read its body is expected


def _too_large(limit: int) -> str:
    return f"the request body is larger than {limit // (1024 * 1024)} MiB"


async def _send_error(send: Send, status: int, message: str, error_code: str) -> None:
    body = json.dumps({"success": False, "message": message, "error_code": error_code}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 413:  # the body is not read: the connection cannot carry another request
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
