"""Receive an upload body straight into a file, enforcing the size limit while it streams.

The SDK posts `multipart/form-data` with the file in field `file`; a raw body (any other content
type) is taken as the file itself, which is handy for simple clients. Nothing is buffered in
memory or in a temporary folder elsewhere, so a 4 GiB upload costs one write. A body over the
limit, a broken multipart body or a missing `file` field leave no partial file behind.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from editor_app.server.errors import BadRequest, PayloadTooLarge

FILE_FIELD = b"file"


@dataclass(frozen=True)
class Received:
    size: int
    sha256: str  # hashed while streaming, so ingesting a big file need not read it again


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"upload is larger than the limit of {limit} bytes")


class _FilePartSink:
    """Multipart callbacks that write the `file` part to `target` and skip every other part."""

    def __init__(self, target: Path, limit: int) -> None:
        self.target = target
        self.limit = limit
        self.written = 0
        self.digest = hashlib.sha256()
        self.found = False
        self._handle: BinaryIO | None = None
        self._headers: dict[bytes, bytes] = {}
        self._field: list[bytes] = []
        self._value: list[bytes] = []

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda data, start, end: self._field.append(data[start:end]),
            "on_header_value": lambda data, start, end: self._value.append(data[start:end]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        }

    def _part_begin(self) -> None:
        self._headers = {}

    def _header_end(self) -> None:
        self._headers[b"".join(self._field).strip().lower()] = b"".join(self._value).strip()
        self._field.clear()
        self._value.clear()

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition"))
        if options.get(b"name") == FILE_FIELD and not self.found:
            self.found = True
            self._handle = self.target.open("wb")

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._handle is None:
            return
        self.written += end - start
        if self.written > self.limit:
            raise _too_large(self.limit)
        piece = data[start:end]
        self.digest.update(piece)
        self._handle.write(piece)

    def _part_end(self) -> None:
        self.close()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


async def receive_upload(request: Request, target: Path, limit: int) -> Received:
    """Stream the request's file into `target`; returns its size and content hash."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise _too_large(limit)
    content_type, options = parse_options_header(request.headers.get("content-type"))
    try:
        if content_type == b"multipart/form-data":
            return await _receive_multipart(request, target, limit, options.get(b"boundary"))
        return await _receive_raw(request, target, limit)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


async def _receive_multipart(request: Request, target: Path, limit: int, boundary: bytes | None) -> Received:
    if not boundary:
        raise BadRequest("multipart upload without a boundary")
    sink = _FilePartSink(target, limit)
    try:
        parser = MultipartParser(boundary, sink.callbacks())  # type: ignore[arg-type]
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except FormParserError as exc:
        raise BadRequest(f"malformed multipart upload: {exc}") from exc
    finally:
        sink.close()
    if not sink.found:
        raise BadRequest("the multipart upload has no 'file' field", "missing_file")
    return Received(sink.written, sink.digest.hexdigest())


async def _receive_raw(request: Request, target: Path, limit: int) -> Received:
    written = 0
    digest = hashlib.sha256()
    with target.open("wb") as handle:
        async for chunk in request.stream():
            written += len(chunk)
            if written > limit:
                raise _too_large(limit)
            digest.update(chunk)
            handle.write(chunk)
    if written == 0:
        raise BadRequest("the upload is empty", "missing_file")
    return Received(written, digest.hexdigest())
