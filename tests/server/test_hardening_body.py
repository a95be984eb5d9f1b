"""Issue 16, item 7 for bodies without a Content-Length: a chunked request body over the limit is
a 413 as soon as the limit is passed, and the server reads no further (it closes the connection)."""

from __future__ import annotations

import socket
import threading
from urllib.parse import urlsplit

import httpx

from editor_app.server.auth import MAX_BODY_BYTES
from tests.support.server_process import LiveServer

CHUNK = 256 * 1024


def _chunk(payload: bytes) -> bytes:
    return f"{len(payload):x}\r\n".encode() + payload + b"\r\n"


def test_a_chunked_body_over_the_limit_is_refused_without_being_read(live_server: LiveServer) -> None:
    address = urlsplit(live_server.base_url)
    sock = socket.create_connection((address.hostname or "127.0.0.1", address.port or 80), timeout=10)
    answer = bytearray()

    def read() -> None:  # reads while we send: the 413 comes before the body is over
        try:
            while data := sock.recv(65536):
                answer.extend(data)
        except OSError:
            pass

    reader = threading.Thread(target=read)
    try:
        sock.sendall(
            b"POST /editor HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"x-access-token: " + live_server.api_key.encode() + b"\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        reader.start()
        sent, refused_early = 0, False
        payload = b"[" + b"0," * (CHUNK // 2 - 1) + b"0"  # JSON-ish, never finished
        try:
            while sent < 4 * MAX_BODY_BYTES:  # four times the limit, were it all read
                sock.sendall(_chunk(payload))
                sent += len(payload)
        except OSError:  # the server closed its end: it stopped reading
            refused_early = True
        reader.join(10)
    finally:
        sock.close()
    assert answer.startswith(b"HTTP/1.1 413"), bytes(answer[:200])
    assert b'"payload_too_large"' in answer
    assert refused_early, f"the server read all {sent} bytes"
    assert sent < MAX_BODY_BYTES + 16 * 1024 * 1024  # the limit plus what socket buffers hold


def test_a_chunked_body_under_the_limit_is_served(live_server: LiveServer) -> None:
    def body() -> object:
        yield b'{"timeline": '
        yield b'{"resolution": "320x180", "tracks": []}}'

    answer = httpx.post(
        f"{live_server.base_url}/editor", content=body(), headers=live_server.headers, timeout=30
    )
    assert answer.status_code != 413 and answer.status_code < 500, answer.text
    assert "content-length" not in answer.request.headers  # it went chunked
