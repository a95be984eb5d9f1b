"""File serving with HTTP Range (VLC seeks MP4 with it): `GET /files/{area}/{path}`.

Areas are folders of the data dir that may be served (`app.state.file_areas`, which the renderer
may extend, e.g. with its export folder). Access needs the key header or a `?token=` signed for the
file or a folder above it (checked by the auth middleware). Paths that leave their area, by `..`
or a symlink, are refused.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from editor_app.server.errors import Forbidden, not_found

router = APIRouter(tags=["files"])

DEFAULT_FILE_AREAS = frozenset({"media", "thumbs", "streams"})
_EXTRA_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".m4a": "audio/mp4",
    ".mka": "audio/x-matroska",
    ".mkv": "video/x-matroska",
    ".webm": "video/webm",
    ".webp": "image/webp",
    ".json": "application/json",
}


def files_path(area: str, relative: str) -> str:
    """The URL path of a file under an area: `files_path("media", "ab.mp4")` -> "/files/media/ab.mp4"."""
    return f"/files/{area}/{relative}"


def signed_url(request: Request, path: str) -> str:
    """An absolute URL for `path` on this server, carrying a token so a player needs no header."""
    base = str(request.base_url).rstrip("/")
    return f"{base}{path}?token={request.app.state.sign(path)}"


def file_url(request: Request, area: str, relative: str) -> str:
    return signed_url(request, files_path(area, relative))


def resolve_area_file(data_dir: Path, areas: frozenset[str] | set[str], area: str, relative: str) -> Path:
    """The file `relative` inside `data_dir/area` (else a 403 or 404); never a path outside the area."""
    if area not in areas:
        raise not_found("file area", area)
    parts = PurePosixPath(relative).parts
    if not parts or relative.startswith("/") or "\\" in relative or any(p in ("..", ".") for p in parts):
        raise Forbidden("file path must stay inside its folder", "forbidden_path")
    root = (data_dir / area).resolve()
    candidate = (root / Path(*parts)).resolve()
    if not candidate.is_relative_to(root):
        raise Forbidden("file path must stay inside its folder", "forbidden_path")
    if not candidate.is_file():
        raise not_found("file", f"{area}/{relative}")
    return candidate


class StoredFileResponse(FileResponse):
    """A FileResponse read in 512 KiB chunks, not Starlette's 64 KiB: each chunk is a thread hop
    and a trip through the middlewares, and at 64 KiB a 200 MB download cost the server 0.6 CPU s,
    at 512 KiB 0.15 s (1 MiB saved no more). Bigger would only hold more memory per slow reader."""

    chunk_size = 1 << 19


def media_type_of(path: Path) -> str:
    return (
        _EXTRA_TYPES.get(path.suffix.lower())
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )


@router.get("/files/{area}/{relative:path}", summary="Serve a stored file")
def serve_file(area: str, relative: str, request: Request) -> StoredFileResponse:
    """Stored media, thumbnails and rendered streams, with `Range` support (206/416)."""
    path = resolve_area_file(request.app.state.data_dir, request.app.state.file_areas, area, relative)
    return StoredFileResponse(path, media_type=media_type_of(path))


@router.head("/files/{area}/{relative:path}", include_in_schema=False)
def serve_file_headers(area: str, relative: str, request: Request) -> StoredFileResponse:
    """The same answer without the body (FileResponse sends headers only for HEAD)."""
    return serve_file(area, relative, request)
