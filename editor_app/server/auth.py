"""Who may call the local backend.

Every request needs the API key in the `x-access-token` header, with three exceptions:
- a URL carrying `?token=` signed for its own path, or for a folder above it (a path ending in "/"),
  so VLC (which cannot send headers) can play a stream URL and the segments beside its playlist;
- `POST /upload/{token}`: the official SDK posts files there without the key, so the upload URL
  authorises itself with a single-use token recorded in the store (checked by the route);
- the OpenAPI description and its viewer, which reveal nothing secret.

Tokens are HMAC-SHA256(api_key, path): shareable with the player, unguessable without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Receive, Scope, Send

OPEN_PATHS = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc", "/health"})
SELF_AUTHORISED_PREFIXES = ("/upload/",)
KEY_HEADER = b"x-access-token"


def make_signer(api_key: str) -> Callable[[str], str]:
    """`sign(path)` -> token for a URL path (or a folder prefix ending in "/")."""
    secret = api_key.encode()

    def sign(path: str) -> str:
        return hmac.new(secret, path.encode(), hashlib.sha256).hexdigest()[:32]

    return sign


def token_allows(sign: Callable[[str], str], path: str, token: str) -> bool:
    """True if `token` was signed for `path` itself or for any folder above it."""
    candidates = [path]
    prefix = path
    while "/" in prefix.rstrip("/"):
        prefix = prefix.rstrip("/").rsplit("/", 1)[0] + "/"
        if prefix == "/":
            break
        candidates.append(prefix)
    return any(hmac.compare_digest(sign(candidate), token) for candidate in candidates)


def key_matches(api_key: str, offered: str | None) -> bool:
    return offered is not None and hmac.compare_digest(api_key.encode(), offered.encode())


class ApiKeyMiddleware:
    """Pure ASGI (streams stay streams): answers 401 in the error envelope when access is refused."""

    def __init__(self, app: ASGIApp, api_key: str) -> None:
        self.app = app
        self.api_key = api_key
        self.sign = make_signer(api_key)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        await _send_unauthorised(send)

    def _allowed(self, scope: Scope) -> bool:
        path: str = scope["path"]
        if path in OPEN_PATHS or path.startswith(SELF_AUTHORISED_PREFIXES):
            return True
        for name, value in scope.get("headers", []):
            if name == KEY_HEADER and key_matches(self.api_key, value.decode("latin-1")):
                return True
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        tokens = query.get("token", [])
        return bool(tokens) and token_allows(self.sign, path, tokens[0])


async def _send_unauthorised(send: Send) -> None:
    body = json.dumps(
        {
            "success": False,
            "message": "missing or invalid API key (x-access-token)",
            "error_code": "unauthorized",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
