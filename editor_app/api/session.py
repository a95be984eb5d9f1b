"""One HTTP exchange with retries, envelope unwrapping and error mapping (no endpoint knowledge).

`ApiSession.call()` returns the envelope's `data`; `ApiSession.send()` returns the raw
response (streaming downloads, polls). Both raise only `editor_app.api.errors` types.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import httpx

from editor_app import __version__
from editor_app.api.cancel import CancelToken, sleep_or_cancel
from editor_app.api.errors import (
    AuthenticationError,
    ConnectionFailed,
    InvalidRequestError,
    NotFoundError,
    RateLimitedError,
    RequestTimeout,
    ServerError,
    UrlExpired,
    VideoDBError,
    redact,
)
from editor_app.api.loopback_transport import LOOPBACK_ORIGINS, LoopbackTransport
from editor_app.api.retry import RetryPolicy, never_sent, retry_after_seconds

log = logging.getLogger("editor_app.api")

CLIENT_HEADER = f"videodb-timeline-editor/{__version__}"
MAX_REDIRECTS = 5
_FIELD_PREFIX = re.compile(r"^([A-Za-z_][\w.\[\]-]*): ")


class _Unreadable(Exception):
    """A 2xx answer whose body is not the JSON envelope (garbage from a proxy, a cut body)."""


class ApiSession:
    def __init__(
        self,
        base_url: str,
        api_key: str | None,
        *,
        timeout: float,
        transport: httpx.BaseTransport | None,
        retry: RetryPolicy,
    ) -> None:
        headers = {"x-videodb-client": CLIENT_HEADER}
        if api_key:
            headers["x-access-token"] = api_key
        self._secrets = (api_key,) if api_key else ()
        self.retry = retry
        self.base_url = base_url.rstrip("/")
        self.http = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=transport,
            follow_redirects=False,  # followed by `open`, which decides the key per hop
        )
        # file transfers from a backend on this machine skip h11's copies (loopback_transport.py);
        # a transport given by the caller (a test's fault injection) carries those too
        self._bulk = self.http
        if transport is None:
            lean = LoopbackTransport()
            self._bulk = httpx.Client(
                timeout=self.http.timeout,
                follow_redirects=False,
                mounts={origin: lean for origin in LOOPBACK_ORIGINS},
            )

    def __repr__(self) -> str:
        return f"ApiSession({self.base_url!r})"

    def close(self) -> None:
        self.http.close()
        self._bulk.close()

    def redact(self, text: str) -> str:
        return redact(text, self._secrets)

    # ---- requests -------------------------------------------------------------------------
    def call(
        self,
        method: str,
        url: str,
        *,
        idempotent: bool,
        cancel: CancelToken | None = None,
        envelope: bool = False,
        authed: bool | None = None,
        **kwargs: Any,
    ) -> Any:
        """Send, check the status, and return the envelope's `data`.

        With `envelope=True` the whole body is returned and `success: false` is not an error
        (async job answers carry their failure in `status`).
        """

        def parse(response: httpx.Response) -> Any:
            body = self._json(response)
            if not isinstance(body, dict):
                raise _Unreadable("the answer is not a JSON object")
            if envelope:
                return body
            if body.get("success") is False:
                raise self.error_for(response, body)
            return body.get("data", body)

        return self._attempts(
            method, url, idempotent=idempotent, cancel=cancel, parse=parse, authed=authed, **kwargs
        )

    def send(
        self,
        method: str,
        url: str,
        *,
        idempotent: bool,
        cancel: CancelToken | None = None,
        authed: bool | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send with retries and return the (successful) response unparsed."""
        return self._attempts(
            method, url, idempotent=idempotent, cancel=cancel, parse=lambda r: r, authed=authed, **kwargs
        )

    def build(self, method: str, url: str, *, authed: bool | None = None, **kwargs: Any) -> httpx.Request:
        """A request carrying the API key only to the backend itself (`authed=None`: same origin)."""
        request = self.http.build_request(method, url, **kwargs)
        if authed is None:
            authed = self.same_origin(str(request.url))
        if not authed:
            request.headers.pop("x-access-token", None)
        return request

    def open(
        self,
        method: str,
        url: str,
        *,
        authed: bool | None = None,
        stream: bool = False,
        bulk: bool = False,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send once, following redirects; the key goes only to hops on the backend's origin.
        `bulk`: a file transfer, sent on a connection of its own (fast on loopback)."""
        if self.http.is_closed:
            # the app closes a client when its backend goes away (a restart gets a new one);
            # httpx would raise a bare RuntimeError, which no caller could tell apart
            raise ConnectionFailed(f"{self.redact(url)}: the connection to this backend was closed")
        request = self.build(method, url, authed=authed, **kwargs)
        http = self._bulk if bulk else self.http
        for _ in range(MAX_REDIRECTS):
            response = http.send(request, stream=stream)
            location = response.headers.get("location")
            if not (response.is_redirect and location):
                return response
            response.close()
            target = str(request.url.join(location))
            keep_method = response.status_code in (307, 308)
            headers = {k: v for k, v in kwargs.get("headers", {}).items() if k.lower() == "range"}
            hop_auth = False if authed is False else None  # None: only to the backend's own origin
            if keep_method:
                request = self.build(method, target, authed=hop_auth, **kwargs)
            else:
                request = self.build("GET", target, authed=hop_auth, headers=headers)
        raise ServerError(f"{self.redact(url)}: too many redirects")

    def same_origin(self, url: str) -> bool:
        target, base = httpx.URL(url), httpx.URL(self.base_url)
        return (target.scheme, target.host, target.port) == (base.scheme, base.host, base.port)

    def _attempts(
        self,
        method: str,
        url: str,
        *,
        idempotent: bool,
        cancel: CancelToken | None,
        parse: Callable[[httpx.Response], Any],
        authed: bool | None,
        **kwargs: Any,
    ) -> Any:
        shown = self.redact(f"{method} {self.http.base_url.join(url)}")  # the whole URL: which server
        for attempt in range(1, self.retry.attempts + 1):
            if cancel is not None:
                cancel.raise_if_cancelled()
            last = attempt == self.retry.attempts
            try:
                response = self.open(method, url, authed=authed, **kwargs)
            except httpx.TransportError as exc:
                error = self.transport_error(exc, shown)
                if last or not (idempotent or never_sent(exc)):
                    raise error from None
                self._pause(attempt, None, cancel, f"{shown}: {error}")
                continue
            if response.status_code >= 400:
                retry_after = retry_after_seconds(response)
                retryable = response.status_code in self.retry.statuses and (
                    idempotent or response.status_code == 429
                )
                if last or not retryable:
                    raise self.error_for(response, self.json_or_none(response))
                self._pause(attempt, retry_after, cancel, f"{shown}: HTTP {response.status_code}")
                continue
            try:
                return parse(response)
            except _Unreadable as exc:
                if last or not idempotent:
                    raise ServerError(
                        f"{shown}: the server sent an unreadable answer ({exc})", response.status_code
                    ) from None
                self._pause(attempt, None, cancel, f"{shown}: unreadable answer")
        raise AssertionError("unreachable: the last attempt always returns or raises")

    def _pause(self, attempt: int, retry_after: float | None, cancel: CancelToken | None, why: str) -> None:
        wait = self.retry.delay(attempt, retry_after)
        log.info("retrying in %.2f s after %s", wait, why)
        sleep_or_cancel(wait, cancel)

    # ---- answers --------------------------------------------------------------------------
    @staticmethod
    def _json(response: httpx.Response) -> Any:
        try:
            return response.json()
        except (ValueError, UnicodeDecodeError) as exc:
            raise _Unreadable(f"not JSON: {exc}") from None
        except httpx.HTTPError as exc:  # the body was cut while being read
            raise _Unreadable(str(exc)) from None

    @staticmethod
    def json_or_none(response: httpx.Response) -> Any:
        try:
            response.read()
            return response.json()
        except (ValueError, UnicodeDecodeError, httpx.HTTPError):
            return None

    def error_for(self, response: httpx.Response, body: Any) -> VideoDBError:
        status = response.status_code
        message = ""
        field: str | None = None
        if isinstance(body, dict):
            message = str(body.get("message") or body.get("detail") or "")
            raw_field = body.get("field")
            field = str(raw_field) if raw_field else None
        if not message:
            message = response.reason_phrase or f"HTTP {status}"
        message = self.redact(message)
        if field is None and (match := _FIELD_PREFIX.match(message)):
            field = match.group(1)
        if status == 403 and isinstance(body, dict) and body.get("error_code") == "url_expired":
            return UrlExpired(message)  # the server's message says to get a fresh URL
        if status in (401, 403):
            return AuthenticationError(f"the server refused the API key: {message}")
        if status == 404:
            return NotFoundError(message)
        if status == 429:
            retry_after = retry_after_seconds(response)
            return RateLimitedError(f"rate limited by the server: {message}", retry_after)
        if status >= 500:
            return ServerError(f"server error {status}: {message}", status)
        if status >= 400:
            return InvalidRequestError(message, field, status)
        return InvalidRequestError(message, field, status)  # success: false on a 2xx

    def transport_error(self, exc: httpx.TransportError, shown: str) -> VideoDBError:
        detail = self.redact(str(exc) or type(exc).__name__)
        if isinstance(exc, httpx.TimeoutException):
            return RequestTimeout(f"{shown}: no answer in time ({detail})")
        return ConnectionFailed(f"{shown}: could not reach the server ({detail})")
