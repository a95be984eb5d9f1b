"""An httpx transport for big bodies from a backend on this machine (`http://127.0.0.1`, ...).

On loopback the network is faster than the client: there httpx's own transport (h11 copies every
64 KiB chunk into and out of its buffer and allocates each one) spent 1.8x the CPU per MB of a
stdlib `readinto`, and on a busy 2-core machine a download's speed is its CPU (issue 16, item 18).
This transport sends the request with `http.client` and reads the body in 1 MiB reads, one copy
each. It opens one connection per request, so `ApiSession` uses it only for file transfers;
remote hosts (TLS, proxies, the cloud) never reach it. Failures are raised as the httpx errors
the callers already map, and a body cut short is an error, as with httpx.
"""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

LOOPBACK_ORIGINS = ("http://127.0.0.1", "http://localhost", "http://[::1]")
READ_SIZE = 1 << 20


class LoopbackTransport(httpx.BaseTransport):
    """Plain HTTP/1.1 to a loopback host, one connection per request."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        timeout = request.extensions.get("timeout", {})
        url = request.url
        connection = http.client.HTTPConnection(url.host, url.port or 80, timeout=timeout.get("connect"))
        try:
            with _as_httpx_errors(request, connecting=True):
                connection.connect()
            assert connection.sock is not None  # connect() made it
            connection.sock.settimeout(timeout.get("read"))
            with _as_httpx_errors(request):
                connection.putrequest(
                    request.method, url.raw_path.decode("ascii"), skip_host=True, skip_accept_encoding=True
                )
                for name, value in request.headers.raw:  # Host and Accept-Encoding come from here
                    connection.putheader(name, value)
                connection.endheaders(request.read() or None)
                answer = connection.getresponse()
        except BaseException:
            connection.close()
            raise
        return httpx.Response(
            answer.status,
            headers=answer.getheaders(),
            stream=_Body(connection, answer, request),
            request=request,
        )


class _Body(httpx.SyncByteStream):
    def __init__(
        self, connection: http.client.HTTPConnection, answer: http.client.HTTPResponse, request: httpx.Request
    ) -> None:
        self._connection, self._answer, self._request = connection, answer, request

    def __iter__(self) -> Iterator[bytes]:
        expected = self._answer.length  # None for a chunked or unframed body
        received = 0
        buffer = memoryview(bytearray(READ_SIZE))
        while True:
            with _as_httpx_errors(self._request):
                count = self._answer.readinto(buffer)
            if not count:
                break
            received += count
            yield bytes(buffer[:count])
        if expected is not None and received < expected:
            # http.client ends a Content-Length body early without a word when the peer closes
            message = f"the server closed the connection after {received} of {expected} bytes"
            raise httpx.RemoteProtocolError(message, request=self._request)

    def close(self) -> None:
        self._connection.close()


@contextmanager
def _as_httpx_errors(request: httpx.Request, *, connecting: bool = False) -> Iterator[None]:
    try:
        yield
    except TimeoutError as exc:  # socket.timeout is TimeoutError since 3.10
        late: type[httpx.TimeoutException] = httpx.ConnectTimeout if connecting else httpx.ReadTimeout
        raise late(str(exc) or "timed out", request=request) from exc
    except http.client.HTTPException as exc:
        raise httpx.RemoteProtocolError(str(exc) or type(exc).__name__, request=request) from exc
    except (OSError, socket.gaierror) as exc:
        broken: type[httpx.NetworkError] = httpx.ConnectError if connecting else httpx.ReadError
        raise broken(str(exc) or type(exc).__name__, request=request) from exc
