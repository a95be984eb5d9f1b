"""The three-step upload: ask for an upload URL, POST the file there, ingest it.

The file is streamed (never read whole into memory) through `ProgressFile`, which reports the
bytes handed to the socket and stops at a cancel. The multipart POST goes to the upload URL
without the API key: that URL authorises itself (a presigned URL in the cloud, a single-use
token locally), and a presigned storage host must never see the key.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, cast

from editor_app.api.cancel import CancelToken
from editor_app.api.errors import InvalidRequestError
from editor_app.api.session import ApiSession
from editor_app.wire import MediaKind

Progress = Callable[[int, int], None]

_EXTENSION_KINDS: dict[str, MediaKind] = {
    **dict.fromkeys((".mp4", ".mov", ".mkv", ".webm", ".avi", ".m4v", ".ts", ".mpg", ".mpeg"), "video"),
    **dict.fromkeys((".wav", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".flac"), "audio"),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"), "image"),
}


def guess_kind(path: Path) -> MediaKind | None:
    """The media kind from the file name; None lets the server tell from the content."""
    return _EXTENSION_KINDS.get(path.suffix.lower())


class ProgressFile(io.RawIOBase):
    """A read-only file that reports progress and checks for cancellation on every read."""

    def __init__(self, handle: BinaryIO, total: int, progress: Progress | None, cancel: CancelToken | None):
        super().__init__()
        self._handle = handle
        self._total = total
        self._progress = progress
        self._cancel = cancel
        self._sent = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._handle.fileno()

    def tell(self) -> int:
        return self._handle.tell()

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        position = self._handle.seek(offset, whence)
        if position == 0:
            self._sent = 0  # a retry starts the body again
        return position

    def read(self, size: int = -1) -> bytes:
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()
        chunk = self._handle.read(size)
        self._sent += len(chunk)
        if self._progress is not None and chunk:
            self._progress(min(self._sent, self._total), self._total)
        return chunk


def request_upload_url(session: ApiSession, collection_id: str, name: str) -> str:
    data = session.call(
        "GET", f"/collection/{collection_id}/upload_url", params={"name": name}, idempotent=True
    )
    url = data.get("upload_url") if isinstance(data, dict) else None
    if not isinstance(url, str) or not url:
        raise InvalidRequestError("the server gave no upload_url")
    return url


def post_file(
    session: ApiSession,
    upload_url: str,
    filename: str,
    body: io.IOBase | BinaryIO | bytes,
    content_type: str,
    *,
    cancel: CancelToken | None = None,
) -> None:
    """Multipart POST (field `file`) to a self-authorising upload URL, without the API key."""
    session.send(
        "POST",
        upload_url,
        idempotent=False,  # the URL is single-use: only a request that never left is repeated
        cancel=cancel,
        files={"file": (filename, cast(BinaryIO, body), content_type)},
        authed=False,
    )


def ingest(
    session: ApiSession,
    collection_id: str,
    upload_url: str,
    name: str,
    media_type: MediaKind | None,
    cancel: CancelToken | None,
) -> dict[str, Any]:
    """POST /collection/{cid}/upload; returns the whole envelope (it may be an async job)."""
    body: dict[str, Any] = {"url": upload_url, "name": name}
    if media_type is not None:
        body["media_type"] = media_type
    answer = session.call(
        "POST",
        f"/collection/{collection_id}/upload",
        json=body,
        idempotent=False,
        cancel=cancel,
        envelope=True,
    )
    if not isinstance(answer, dict):
        raise InvalidRequestError("the server's upload answer is not an object")
    return answer
