"""Streamed, resumable download of a finished file to a path.

Bytes go to `DEST.part`; an interrupted transfer (dropped connection, cancel, crash) leaves
the `.part`, and the next attempt asks for the rest with `Range: bytes=N-`. A server that
ignores the range (200) restarts the file; a 206 whose `Content-Range` does not start at N
restarts it too. The finished size is checked against `Content-Range`/`Content-Length` and
`expected_size`, then `.part` is renamed over DEST in one step, so DEST is either absent or
complete. Retries continue while each attempt makes progress; after `retry.attempts`
attempts in a row without a new byte the last error is raised.

A `.part` is only resumed correctly when it holds the start of the same file: callers that
download a different file to the same DEST (a new export) delete the stale `.part` first.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO

import httpx

from editor_app.api.cancel import CancelToken, sleep_or_cancel
from editor_app.api.errors import (
    ConnectionFailed,
    DownloadIncomplete,
    RateLimitedError,
    RequestTimeout,
    ServerError,
    VideoDBError,
)
from editor_app.api.session import ApiSession

MAX_RESTARTS = 2
PROGRESS_EVERY = 1 << 20  # bytes between progress reports (a bar needs no more)
# Bytes per write, curl's size. Bigger writes into the page cache (64 KiB to 1 MiB) cost 0.4-0.6 s
# of system time per 200 MB in a third to a half of the downloads here (Linux 6.18, ext4; kernel
# stacks in generic_perform_write, i.e. its larger page-cache folios), while curl in the same run
# never did; in 16 KiB pieces none of 30 downloads did. The syscalls this adds cost ~25 ms per 200 MB.
WRITE_PIECE = 1 << 14
DownloadProgress = Callable[[int, int | None], None]
_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$|^bytes \*/(\d+)$")


def part_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".part")


def _content_range(response: httpx.Response) -> tuple[int | None, int | None]:
    """(first byte, total size) from Content-Range; Nones when absent or unreadable."""
    match = _CONTENT_RANGE.match(response.headers.get("content-range", "").strip())
    if match is None:
        return None, None
    if match.group(4) is not None:
        return None, int(match.group(4))
    total = None if match.group(3) == "*" else int(match.group(3))
    return int(match.group(1)), total


class _Restart(Exception):
    """The server's answer does not continue the partial file: start it again."""


def _one_attempt(
    session: ApiSession,
    url: str,
    part: Path,
    progress: DownloadProgress | None,
    cancel: CancelToken | None,
) -> int | None:
    """Fetch what is missing into `part`; returns the total size when the server told it."""
    offset = part.stat().st_size if part.exists() else 0
    headers = {"Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    response = session.open("GET", url, headers=headers, stream=True, bulk=True)
    try:
        if response.status_code == 416 and offset:
            _, total = _content_range(response)
            if total == offset:
                return total  # the part is already whole
            raise _Restart()
        if response.status_code >= 400:
            response.read()
            raise session.error_for(response, ApiSession.json_or_none(response))
        if response.status_code == 206:
            first, total = _content_range(response)
            if first != offset:
                raise _Restart()
            mode = "ab"
        else:
            offset, mode = 0, "wb"
            length = response.headers.get("content-length")
            total = int(length) if length and length.isdigit() else None
        _copy_body(response, part, mode, offset, total, progress, cancel)
        return total
    finally:
        response.close()


def _copy_body(
    response: httpx.Response,
    part: Path,
    mode: str,
    done: int,
    total: int | None,
    progress: DownloadProgress | None,
    cancel: CancelToken | None,
) -> None:
    """The body into `part` at the speed of the socket: raw chunks when the server sent identity
    (as asked; no decoder on the way), each written straight to the file (a write buffer only
    copied every 64 KiB chunk once more: 15 % of the client's CPU for a local download, which
    on a busy 2-core machine the server is short of), and progress told for the first chunk,
    every PROGRESS_EVERY bytes and at the end, not for every chunk."""
    raw = response.headers.get("content-encoding", "identity").strip().lower() in ("", "identity")
    # a body already read (a transport that buffers it) is only offered by iter_bytes
    chunks = response.iter_raw() if raw and not response.is_stream_consumed else response.iter_bytes()
    start = told = done
    with part.open(mode, buffering=0) as sink:
        for chunk in chunks:
            if cancel is not None and cancel.cancelled:
                cancel.raise_if_cancelled()
            _write_all(sink, chunk)
            done += len(chunk)
            if progress is not None and (done - told >= PROGRESS_EVERY or told == start):
                progress(done, total)
                told = done
    if progress is not None and done != told:
        progress(done, total)


def _write_all(sink: IO[bytes], data: bytes) -> None:
    """`data` in WRITE_PIECE writes; an unbuffered write may take less than all of it (a signal,
    a nearly full disk)."""
    view = memoryview(data)
    while view:
        view = view[sink.write(view[:WRITE_PIECE]) :]


def download_file(
    session: ApiSession,
    url: str,
    dest: Path,
    *,
    progress: DownloadProgress | None = None,
    cancel: CancelToken | None = None,
    expected_size: int | None = None,
) -> Path:
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = part_path(dest)
    shown = session.redact(url)
    fruitless = restarts = 0
    while True:
        if cancel is not None:
            cancel.raise_if_cancelled()
        before = part.stat().st_size if part.exists() else 0
        if expected_size is not None and before > expected_size:
            part.unlink()
            before = 0
        try:
            total = _one_attempt(session, url, part, progress, cancel)
        except _Restart:
            part.unlink(missing_ok=True)
            restarts += 1
            if restarts > MAX_RESTARTS:
                raise ServerError(f"GET {shown}: the server keeps answering ranges that do not fit") from None
            continue
        except (httpx.TransportError, VideoDBError) as exc:
            error = exc if isinstance(exc, VideoDBError) else session.transport_error(exc, f"GET {shown}")
            if not _retryable(error):
                raise error from None
            grew = (part.stat().st_size if part.exists() else 0) > before
            fruitless = 0 if grew else fruitless + 1
            if fruitless >= session.retry.attempts:
                raise error from None
            retry_after = error.retry_after if isinstance(error, RateLimitedError) else None
            sleep_or_cancel(session.retry.delay(max(1, fruitless), retry_after), cancel)
            continue
        return _finish(part, dest, total, expected_size, shown)


def _finish(part: Path, dest: Path, total: int | None, expected_size: int | None, shown: str) -> Path:
    received = part.stat().st_size if part.exists() else 0
    wanted = expected_size if expected_size is not None else total
    if total is not None and expected_size is not None and total != expected_size:
        raise DownloadIncomplete(
            f"{shown}: the server offers {total} bytes but {expected_size} were expected", received, wanted
        )
    if wanted is not None and received != wanted:
        raise DownloadIncomplete(f"{shown}: received {received} of {wanted} bytes", received, wanted)
    if not part.exists():
        part.touch()
    os.replace(part, dest)
    return dest


def _retryable(error: VideoDBError) -> bool:
    if isinstance(error, ServerError):
        return error.status in (None, 500, 502, 503, 504)
    return isinstance(error, ConnectionFailed | RequestTimeout | RateLimitedError)
