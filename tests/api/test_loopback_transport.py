"""The loopback transport against a raw socket server that misbehaves on purpose: every failure
is the httpx error the download loop already maps, and a body cut short is never taken as whole."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from editor_app.api import ConnectionFailed, RequestTimeout, VideoDBClient
from editor_app.api.loopback_transport import LoopbackTransport
from tests.support.api import FAST_RETRY

Answer = Callable[[socket.socket, bytes], None]


@pytest.fixture
def raw_server() -> Iterator[Callable[[Answer], str]]:
    """`serve(answer)` -> a base URL; each connection goes, with its request's head, to `answer`."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)
    handlers: list[Answer] = []

    def loop() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                request = b""
                while b"\r\n\r\n" not in request:
                    request += conn.recv(4096)
                handlers[0](conn, request)

    thread = threading.Thread(target=loop, daemon=True)

    def serve(answer: Answer) -> str:
        handlers.append(answer)
        thread.start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}"

    yield serve
    listener.close()


def get(url: str, timeout: float = 5) -> httpx.Response:
    with httpx.Client(transport=LoopbackTransport(), timeout=timeout) as http:
        response = http.get(url)
        response.read()
        return response


def test_a_body_shorter_than_its_length_is_an_error(raw_server: Callable[[Answer], str]) -> None:
    base = raw_server(
        lambda conn, _: conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"x" * 500)
    )
    with pytest.raises(httpx.RemoteProtocolError, match="500 of 1000"):
        get(base + "/f")


def test_a_chunked_body_arrives_whole(raw_server: Callable[[Answer], str]) -> None:
    body = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
    base = raw_server(lambda conn, _: conn.sendall(body))
    assert get(base + "/f").content == b"hello world"


def test_a_server_that_never_answers_times_out(raw_server: Callable[[Answer], str]) -> None:
    stop = threading.Event()
    base = raw_server(lambda conn, _: stop.wait(5))
    try:
        with pytest.raises(httpx.ReadTimeout):
            get(base + "/f", timeout=0.3)
    finally:
        stop.set()


def test_the_headers_reach_the_server_as_httpx_built_them(raw_server: Callable[[Answer], str]) -> None:
    seen: list[bytes] = []

    def note(conn: socket.socket, request: bytes) -> None:
        seen.append(request)
        conn.sendall(b"HTTP/1.1 204 No Content\r\n\r\n")

    base = raw_server(note)
    with httpx.Client(transport=LoopbackTransport(), headers={"x-access-token": "k"}) as http:
        response = http.get(base + "/a%20b?token=1.x", headers={"Range": "bytes=5-"})
    assert response.status_code == 204
    lines = seen[0].decode().split("\r\n")
    assert lines[0] == "GET /a%20b?token=1.x HTTP/1.1"
    head = {line.partition(": ")[0].lower(): line.partition(": ")[2] for line in lines[1:] if line}
    assert head["range"] == "bytes=5-" and head["x-access-token"] == "k"
    assert head["host"] == base.removeprefix("http://") and "accept-encoding" in head
    assert [line.lower().split(":")[0] for line in lines].count("host") == 1


def test_a_client_download_maps_refused_and_silent_servers_to_its_own_errors(
    raw_server: Callable[[Answer], str], tmp_path: Path
) -> None:
    closed = socket.create_server(("127.0.0.1", 0))
    dead = f"http://127.0.0.1:{closed.getsockname()[1]}"
    closed.close()
    with VideoDBClient(dead, "key", retry=FAST_RETRY, timeout=2) as client, pytest.raises(ConnectionFailed):
        client.download(dead + "/files/media/x.wav", tmp_path / "x.wav")
    stop = threading.Event()
    base = raw_server(lambda conn, _: stop.wait(10))
    try:
        with (
            VideoDBClient(base, "key", retry=FAST_RETRY, timeout=0.3) as client,
            pytest.raises(RequestTimeout),
        ):
            client.download(base + "/files/media/x.wav", tmp_path / "x.wav")
    finally:
        stop.set()
    assert not (tmp_path / "x.wav").exists()
