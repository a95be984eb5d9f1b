"""`videodb-editor serve`: run the local backend on loopback for the app or a test to start as a child.

Once it accepts requests it prints exactly one JSON line on stdout,
`{"base_url": "http://127.0.0.1:PORT", "api_key": "..."}`; logs go to stderr. The socket is bound
here (port 0 picks a free port) and handed to uvicorn, so the port is known before serving.
SIGTERM and SIGINT shut down gracefully: the app's tool runner ends every ffmpeg/ffprobe at once
(docs/architecture.md, "Processes"), open requests get 3 s to finish, the app's shutdown hooks
run (the renderer's end its jobs), and the exit status is 0.
With `--parent-watch` the same shutdown starts when the parent process dies.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import logging
import os
import re
import secrets
import signal
import socket
import sqlite3
import sys
import threading
import time
from pathlib import Path
from types import FrameType

import uvicorn
from platformdirs import user_data_dir

from editor_app.self_command import SERVE_KEY_ENV
from editor_app.server.app import DEFAULT_MAX_UPLOAD_BYTES, create_app
from editor_app.server.auth import DEFAULT_URL_LIFETIME_S
from editor_app.server.header_timeout import DEFAULT_HEADER_TIMEOUT_S, raise_fd_limit, with_header_timeout
from editor_app.server.tool_runner import ToolRunner

PARENT_POLL_S = 0.5


def default_data_dir() -> Path:
    return Path(user_data_dir("videodb-editor", appauthor=False)) / "backend"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (loopback unless --allow-remote)"
    )
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help=f"state folder (default {default_data_dir()})"
    )
    parser.add_argument(
        "--api-key",
        default=None,
        help=f"key clients must send (default: ${SERVE_KEY_ENV}, which ps does not show; else a random one)",
    )
    parser.add_argument(
        "--allow-remote", action="store_true", help="allow a non-loopback host (needs --api-key)"
    )
    parser.add_argument(
        "--max-upload-bytes", type=int, default=DEFAULT_MAX_UPLOAD_BYTES, help="upload size limit"
    )
    parser.add_argument("--ffmpeg", default="ffmpeg", help="ffmpeg executable")
    parser.add_argument("--ffprobe", default="ffprobe", help="ffprobe executable")
    parser.add_argument(
        "--parent-watch",
        action="store_true",
        help="shut down when the process that started this one dies (the app passes it)",
    )
    parser.add_argument(
        "--header-timeout",
        type=float,
        default=DEFAULT_HEADER_TIMEOUT_S,
        help="seconds a connection may take to send its request headers",
    )
    parser.add_argument(
        "--url-lifetime",
        type=float,
        default=DEFAULT_URL_LIFETIME_S,
        help="seconds a signed stream or file URL stays valid (default a day; the app renews its own)",
    )
    parser.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_arguments(args: argparse.Namespace) -> str | None:
    """A reason to refuse these arguments, or None."""
    if not 0 <= args.port <= 65535:
        return f"--port must be between 0 and 65535, got {args.port}"
    if args.max_upload_bytes <= 0:
        return "--max-upload-bytes must be positive"
    if not args.url_lifetime > 0 or args.url_lifetime > 10 * 365 * 86400:
        return "--url-lifetime must be positive (seconds, at most ten years)"
    if args.api_key is not None and not args.api_key.strip():
        return "--api-key must not be empty"
    if not is_loopback(args.host):
        if not args.allow_remote:
            return f"refusing to listen on non-loopback host {args.host}; pass --allow-remote and --api-key"
        if args.api_key is None:
            return "--allow-remote needs an explicit --api-key"
    return None


def bind_socket(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    sock.listen(1024)  # a burst of connections (half-open ones too) must not refuse the app's own
    sock.set_inheritable(True)
    return sock


def base_url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class _Server(uvicorn.Server):
    """Ends our ffmpeg/ffprobe runs as soon as shutdown starts, not after the grace period: the app
    kills a backend that takes over 5 s to stop, and a killed parent would leave ffmpeg orphaned."""

    def __init__(self, config: uvicorn.Config, tools: ToolRunner) -> None:
        super().__init__(config)
        self.tools = tools

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        await asyncio.to_thread(self.tools.shutdown)
        await super().shutdown(sockets=sockets)


def _announce_when_started(server: uvicorn.Server, line: str) -> None:
    """Print the JSON line once uvicorn serves (a thread: `started` flips inside uvicorn's loop)."""
    while not server.started:
        if server.should_exit:
            return
        time.sleep(0.01)
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _watch_parent(server: uvicorn.Server, parent: int) -> None:
    """Shut down once the parent is gone: an editor killed with SIGKILL cannot stop us itself, and
    we are then re-parented (to init or a subreaper), so our parent id changes."""
    while not server.should_exit:
        if os.getppid() != parent:
            logging.getLogger(__name__).warning("parent process %d is gone; shutting down", parent)
            server.should_exit = True
            return
        time.sleep(PARENT_POLL_S)


def run(args: argparse.Namespace) -> int:
    if args.api_key is None:
        args.api_key = os.environ.pop(SERVE_KEY_ENV, None)  # popped: ffmpeg children do not inherit it
    problem = check_arguments(args)
    if problem:
        print(f"videodb-editor serve: {problem}", file=sys.stderr)
        return 2
    raise_fd_limit()
    logging.basicConfig(
        level=args.log_level.upper(), stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    # "sk-" as VideoDB keys look; it also keeps a random key from starting with "-", which a
    # command line would read as an option
    api_key = args.api_key or "sk-" + secrets.token_urlsafe(24)
    data_dir = (args.data_dir or default_data_dir()).expanduser()
    # media, pending upload tokens and the database are this user's alone: files 0600, folders 0700
    os.umask(0o077)
    try:
        app = create_app(
            data_dir,
            api_key,
            max_upload_bytes=args.max_upload_bytes,
            ffmpeg=args.ffmpeg,
            ffprobe=args.ffprobe,
            url_lifetime_s=args.url_lifetime,
        )
    except (OSError, ValueError, sqlite3.Error) as exc:
        print(f"videodb-editor serve: cannot start: {exc} (data dir {data_dir})", file=sys.stderr)
        return 1
    try:
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        app.state.store.close()
        print(f"videodb-editor serve: cannot start: {exc} ({args.host}:{args.port})", file=sys.stderr)
        return 1
    config = uvicorn.Config(
        app,
        log_level=args.log_level,
        timeout_graceful_shutdown=3,
        access_log=args.log_level == "debug",
        log_config=None,  # uvicorn's own config logs access to stdout, which is the JSON line's alone
        http=with_header_timeout(args.header_timeout),  # slow headers must not hold fds forever
        # no proxy stands before a loopback server: X-Forwarded-* from any local program must not
        # change the scheme or host of signed URLs (and the middleware cost each request CPU)
        proxy_headers=False,
    )
    logging.getLogger("uvicorn.access").addFilter(redact_tokens)
    server = _Server(config, app.state.tools)
    line = json.dumps({"base_url": base_url_of(sock), "api_key": api_key})
    threading.Thread(target=_announce_when_started, args=(server, line), daemon=True).start()
    if args.parent_watch:
        threading.Thread(target=_watch_parent, args=(server, os.getppid()), daemon=True).start()
    # uvicorn re-raises a caught SIGTERM/SIGINT through the handlers it found; make those harmless
    # so a graceful stop ends with status 0 instead of death by signal.
    previous = {sig: signal.signal(sig, _ignore) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        server.run(sockets=[sock])
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()
    return 0 if server.started else 1


_TOKENS = re.compile(r"(token=)[^&\s\"]+|(/upload/)[^/?\s\"]+")


def _redacted(text: str) -> str:
    return _TOKENS.sub(lambda m: (m.group(1) or m.group(2)) + "<redacted>", text)


def redact_tokens(record: logging.LogRecord) -> bool:
    """Logging filter: stream tokens and upload tokens never reach the access log."""
    if isinstance(record.args, tuple):
        record.args = tuple(_redacted(a) if isinstance(a, str) else a for a in record.args)
    if isinstance(record.msg, str):
        record.msg = _redacted(record.msg)
    return True


def _ignore(sig: int, _frame: FrameType | None) -> None:
    """Stands in while uvicorn's own handler does the shutdown; only notes the signal."""
    logging.getLogger(__name__).info("stopped by signal %d", sig)
