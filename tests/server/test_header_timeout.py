"""Slow request headers time out (issue 16, item 14): a thousand connections that never finish
their headers, and one that drips a header byte at a time, are closed by a real `serve` after its
header timeout, while the app's own requests are answered all along."""

from __future__ import annotations

import resource
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.support.server_process import LiveServer, start_server

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


@contextmanager
def _served_at_a_1024_fd_limit(
    data_dir: Path, header_timeout: str, hard_needed: int, own_soft: int = 0
) -> Iterator[LiveServer]:
    """A `serve` child started at a 1,024 soft fd limit (it inherits it), this process's soft
    limit at least `own_soft` meanwhile (for its own connections); the server is stopped and the
    limit restored after. Skips where the hard limit is below `hard_needed`."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < hard_needed:
        pytest.skip(f"the hard fd limit ({hard}) leaves no room for {hard_needed} fds")
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, hard))
    try:
        server = start_server(data_dir, "--header-timeout", header_timeout)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, own_soft), hard))
    try:
        yield server
    finally:
        server.stop()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


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


def test_a_backend_started_at_a_1024_fd_limit_serves_the_app_beside_1100_half_open(tmp_path: Path) -> None:
    """At a 1,024 soft fd limit, 1,100 half-open connections used to keep the app's requests out
    until the header timeout (here far off): serve raises its soft limit towards the hard one."""
    with _served_at_a_1024_fd_limit(tmp_path / "data", "60", hard_needed=4096) as server:
        address = urlsplit(server.base_url)
        host, port = address.hostname or "127.0.0.1", address.port or 80
        sockets: list[socket.socket] = []
        try:
            for _ in range(1100):
                sock = socket.create_connection((host, port), timeout=5)
                sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                sockets.append(sock)
            with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=5) as client:
                for _ in range(5):
                    assert client.get("/collection").status_code == 200
        finally:
            for sock in sockets:
                sock.close()


def test_2000_half_open_connections_at_a_1024_fd_limit_leave_the_app_served(tmp_path: Path) -> None:
    """Issue 16, item 14 in full: 2,000 connections, half sending nothing and half stopping in the
    middle of a header, against a server started at a 1,024 soft fd limit. The app's own requests
    (on fresh connections, as after a restart of its client) are answered within their timeout
    throughout, and the header timeout then closes every half-open connection."""
    # this process keeps 4,096 fds for its own 2,000 connections
    with _served_at_a_1024_fd_limit(tmp_path / "data", "4", hard_needed=8192, own_soft=4096) as server:
        address = urlsplit(server.base_url)
        host, port = address.hostname or "127.0.0.1", address.port or 80
        sockets: list[socket.socket] = []
        started = time.monotonic()
        try:
            with httpx.Client(base_url=server.base_url, headers=server.headers, timeout=5) as client:
                for n in range(2000):
                    sock = socket.create_connection((host, port), timeout=5)
                    if n % 2:
                        sock.sendall(b"POST /editor HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
                    sockets.append(sock)
                    if n % 250 == 0:
                        asked = time.monotonic()
                        fresh = httpx.get(f"{server.base_url}/collection", headers=server.headers, timeout=5)
                        assert fresh.status_code == 200
                        assert client.get("/collection").status_code == 200  # a kept-alive one too
                        assert time.monotonic() - asked < 3
                deadline = time.monotonic() + 15
                while time.monotonic() < deadline:
                    assert client.get("/collection").status_code == 200
                    if not any(not _closed_by_server(s) for s in sockets[-50:]):
                        break
                    time.sleep(0.2)
            still_open = sum(not _closed_by_server(s) for s in sockets)
            assert still_open == 0, f"{still_open} of 2000 half-open connections still open"
            assert time.monotonic() - started < 30
        finally:
            for sock in sockets:
                sock.close()
