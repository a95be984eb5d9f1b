"""A loopback HTTP proxy in front of the live backend that injects faults on request.

`proxy.plan(method, path_pattern, fault, times=1)` queues a fault for the next matching
requests. Faults: `drop` (close without answering, request not forwarded), `drop_after`
(forward, then close without answering: the server acted), `delay:S` (wait S seconds, then
forward), `status:N[:retry_after]` (answer N without forwarding), `garbage` (200 with a
non-JSON body), `cut:N` (forward and send only N bytes of the body, then close).
`proxy.received` and `proxy.forwarded` list `(method, path)` of every request.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

# Host passes through, so the URLs the backend builds (output_url, download_url) lead back here.
_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "proxy-connection"}


@dataclass
class _Planned:
    method: str
    pattern: re.Pattern[str]
    fault: str
    times: int


@dataclass
class FaultProxy:
    upstream: str
    plans: list[_Planned] = field(default_factory=list)
    received: list[tuple[str, str]] = field(default_factory=list)
    forwarded: list[tuple[str, str]] = field(default_factory=list)
    range_headers: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def plan(self, method: str, path_pattern: str, fault: str, times: int = 1) -> None:
        with self.lock:
            self.plans.append(_Planned(method.upper(), re.compile(path_pattern), fault, times))

    def take_fault(self, method: str, path: str) -> str | None:
        with self.lock:
            self.received.append((method, path))
            for planned in self.plans:
                if planned.times > 0 and planned.method == method and planned.pattern.search(path):
                    planned.times -= 1
                    return planned.fault
        return None

    def count(self, method: str, path_pattern: str, *, forwarded: bool = True) -> int:
        pattern = re.compile(path_pattern)
        log = self.forwarded if forwarded else self.received
        return sum(1 for m, p in log if m == method and pattern.search(p))

    def reset(self) -> None:
        with self.lock:
            self.plans.clear()
            self.received.clear()
            self.forwarded.clear()
            self.range_headers.clear()

    def start(self) -> FaultProxy:
        proxy = self

        class Handler(_ProxyHandler):
            owner = proxy

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


class _ProxyHandler(BaseHTTPRequestHandler):
    owner: FaultProxy
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        return

    def _body(self) -> bytes:
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("content-length") or 0))

    def _handle(self) -> None:
        self.close_connection = True
        method, path = self.command, urlsplit(self.path).path
        body = self._body()
        fault = self.owner.take_fault(method, path) or ""
        if self.headers.get("range"):
            self.owner.range_headers.append(self.headers["range"])
        kind, _, arg = fault.partition(":")
        if kind == "drop":
            return
        if kind == "status":
            status, _, retry_after = arg.partition(":")
            payload = b'{"success": false, "message": "injected fault"}'
            self.send_response(int(status))
            if retry_after:
                self.send_header("Retry-After", retry_after)
            self._finish_headers(payload)
            return
        if kind == "garbage":
            self.send_response(200)
            self._finish_headers(b"<html>\x00\xffnot json")
            return
        if kind == "delay":
            time.sleep(float(arg))
        self._forward(method, body, kind, arg)

    def _finish_headers(self, payload: bytes) -> None:
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(payload)

    def _forward(self, method: str, body: bytes, kind: str, arg: str) -> None:
        target = urlsplit(self.owner.upstream)
        connection = http.client.HTTPConnection(target.hostname or "127.0.0.1", target.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_HEADERS}
        headers["Content-Length"] = str(len(body))
        connection.request(method, self.path, body=body, headers=headers)
        with self.owner.lock:
            self.owner.forwarded.append((method, urlsplit(self.path).path))
        response = connection.getresponse()
        if kind == "drop_after":
            response.read()
            connection.close()
            return
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in _HOP_HEADERS:
                self.send_header(key, value)
        self.send_header("Connection", "close")
        self.end_headers()
        limit = int(arg) if kind == "cut" else None
        sent = 0
        while chunk := response.read(64 * 1024):
            if limit is not None and sent + len(chunk) >= limit:
                self.wfile.write(chunk[: limit - sent])
                break
            self.wfile.write(chunk)
            sent += len(chunk)
        connection.close()

    do_GET = do_POST = do_DELETE = do_HEAD = do_PUT = _handle
