"""Slow request headers time out (issue 16, item 14): a thousand connections that never finish
their headers, and one that drips a header byte at a time, are closed by a real `serve` after its
header timeout, while the app's own requests are answered all along."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from tests.support.server_process import start_server

HALF_OPEN = 1000
TIMEOUT_S = 1.5


def _closed_by_server(sock: socket.socket) -> bool:
    sock.settimeout(0.05)
    try:
        return sock.recv(1024) == b""
    except TimeoutError:
        return False
    except OSError:
        return True


def test_unfinished_headers_are_closed_and_the_app_is_still_served(tmp_path: Path) -> None:
    server = start_server(tmp_path / "data", "--header-timeout", str(TIMEOUT_S))
    address = urlsplit(server.base_url)
    host, port = address.hostname or "127.0.0.1", address.port or 80
    sockets: list[socket.socket] = []
    try:
        for _ in range(HALF_OPEN):
            sock = socket.create_connection((host, port), timeout=5)
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            sockets.append(sock)
        drip = socket.create_connection((host, port), timeout=5)
        opened, drip_closed = time.monotonic(), False
        with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=5) as client:
            while time.monotonic() - opened < TIMEOUT_S * 2 + 1:
                try:
                    drip.sendall(b"x")  # a byte at a time never resets the clock
                except OSError:
                    drip_closed = True
                asked = time.monotonic()
                assert client.get("/collection").status_code == 200
                assert time.monotonic() - asked < 2
                time.sleep(0.3)
        assert drip_closed or _closed_by_server(drip)
        still_open = sum(not _closed_by_server(s) for s in sockets)
        assert still_open == 0, f"{still_open} of {HALF_OPEN} half-open connections still open"
    finally:
        for sock in sockets:
            sock.close()
        server.stop()
