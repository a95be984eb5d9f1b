"""Unfinished request headers time out (docs/architecture.md, "Limits").

uvicorn times out an idle keep-alive connection but not one that opened and sends its headers
slowly or never finishes them: 2,000 such connections would stay forever and, at the fd limit,
keep the app's own requests out. `HeaderTimeoutProtocol` closes a connection whose request
headers are not complete `header_timeout_s` after the connection (or its next request) began;
the clock is not reset by each byte, so a drip-feed of header bytes does not keep it open.
`serve` also raises its soft open-file limit (`raise_fd_limit`), so such a burst meets the
timeout before it meets the limit.
"""

from __future__ import annotations

import asyncio
import resource
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

DEFAULT_HEADER_TIMEOUT_S = 10.0
FD_LIMIT_WANTED = 65536


class HeaderTimeoutProtocol(H11Protocol):
    header_timeout_s = DEFAULT_HEADER_TIMEOUT_S

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if not self._waiting_for_headers():
            self._disarm()
        elif self._header_timer is None:
            self._arm()  # the next request on a kept-alive connection began

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _waiting_for_headers(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._expire)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _expire(self) -> None:
        self._header_timer = None
        if self._waiting_for_headers() and not self.transport.is_closing():
            self.transport.close()


def with_header_timeout(seconds: float) -> type[HeaderTimeoutProtocol]:
    """The protocol class for uvicorn's `http=` with this timeout (a class per server, no globals)."""
    return type("HeaderTimeoutProtocol", (HeaderTimeoutProtocol,), {"header_timeout_s": seconds})


def raise_fd_limit(wanted: int = FD_LIMIT_WANTED) -> int:
    """Raise the soft open-file limit towards `wanted` (never above the hard limit): each
    connection is a descriptor, and at a 1,024 default a burst of half-open connections would
    keep the app's own requests out until they time out. Returns the soft limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            return soft
        return target
    return soft
