"""Smaller media calls of the official SDK: rename (`PATCH`), signed URLs (`generate_url`), and
a video's thumbnail (`GET`) or a frame grab at a time (`POST`, which adds the frame as an image)."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from pydantic import Field

from editor_app.server.errors import BadRequest, ToolError, ok
from editor_app.server.media.ingest import ingest_file, make_thumbnail, thumbnail_path
from editor_app.server.routes.files import file_url
from editor_app.server.routes.media import get_of_kind, media_item
from editor_app.server.routes.state import store_of, tools_of
from editor_app.wire import Envelope, MediaItem, MediaKind, WireModel

router = APIRouter(tags=["media"])
FULL_SIZE_FRAME = -1  # make_thumbnail width meaning "the video's own size"


class RenameRequest(WireModel):
    name: str = Field(min_length=1, max_length=500)


class FrameRequest(WireModel):
    time: float = Field(ge=0, allow_inf_nan=False)


def _rename(request: Request, kind: MediaKind, media_id: str, body: RenameRequest) -> dict[str, Any]:
    get_of_kind(request, kind, media_id)
    return ok(media_item(request, store_of(request).rename_media(media_id, body.name)))


def _signed(request: Request, kind: MediaKind, media_id: str) -> dict[str, Any]:
    record = get_of_kind(request, kind, media_id)
    return ok({"signed_url": file_url(request, "media", record.file_name)})


@router.patch("/video/{media_id}", summary="Rename a video", response_model=Envelope[MediaItem])
def rename_video(media_id: str, request: Request, body: Annotated[RenameRequest, Body()]) -> dict[str, Any]:
    return _rename(request, "video", media_id, body)


@router.patch("/audio/{media_id}", summary="Rename an audio", response_model=Envelope[MediaItem])
def rename_audio(media_id: str, request: Request, body: Annotated[RenameRequest, Body()]) -> dict[str, Any]:
    return _rename(request, "audio", media_id, body)


@router.patch("/image/{media_id}", summary="Rename an image", response_model=Envelope[MediaItem])
def rename_image(media_id: str, request: Request, body: Annotated[RenameRequest, Body()]) -> dict[str, Any]:
    return _rename(request, "image", media_id, body)


@router.post("/audio/{media_id}/generate_url", summary="Signed URL of an audio")
def audio_url(media_id: str, request: Request) -> dict[str, Any]:
    return _signed(request, "audio", media_id)


@router.post("/image/{media_id}/generate_url", summary="Signed URL of an image")
def image_url(media_id: str, request: Request) -> dict[str, Any]:
    return _signed(request, "image", media_id)


@router.get("/video/{media_id}/thumbnail", summary="Thumbnail URL of a video")
def video_thumbnail(media_id: str, request: Request) -> dict[str, Any]:
    """Made again if it was lost; a 500 naming ffmpeg's reason if no frame can be decoded."""
    record = get_of_kind(request, "video", media_id)
    target = thumbnail_path(store_of(request), record.sha256)
    if not target.is_file() and not make_thumbnail(
        tools_of(request), record.path, target, min(1.0, record.length / 2)
    ):
        raise ToolError(f"could not make a thumbnail of video {media_id}")
    return ok({"thumbnail_url": file_url(request, "thumbs", f"{record.sha256}/thumb.jpg")})


@router.post(
    "/video/{media_id}/thumbnail", summary="Grab a frame as an image", response_model=Envelope[MediaItem]
)
def grab_frame(media_id: str, request: Request, body: Annotated[FrameRequest, Body()]) -> dict[str, Any]:
    """The frame at `time` seconds, full size, added to the video's collection as an image (`img-`)."""
    record = get_of_kind(request, "video", media_id)
    if body.time >= record.length:
        raise BadRequest(f"time: {body.time} is not before the video's end ({record.length})")
    store = store_of(request)
    staged = store.data_dir / "uploads" / f"frame-{secrets.token_hex(8)}.jpg"
    try:
        # ffmpeg's -ss drops frames that start before it, so inside the last frame it finds none:
        # the frame shown at `time` is then the one a frame earlier
        earlier = max(0.0, body.time - 1 / (record.fps or 25))
        if not any(
            make_thumbnail(tools_of(request), record.path, staged, at, width=FULL_SIZE_FRAME)
            for at in (body.time, earlier)
        ):
            # the file decoded at ingest, so no frame here means the picture ends before the sound
            raise BadRequest(
                f"time: there is no picture at {body.time} s in video {media_id} "
                "(its picture ends earlier; its sound goes on)",
                "no_picture",
            )
        image = ingest_file(
            store,
            tools_of(request),
            staged,
            collection_id=record.collection_id,
            name=f"{record.name} @ {body.time:.2f}s",
            asked_kind="image",
        )
    finally:
        staged.unlink(missing_ok=True)
    return ok(media_item(request, image))
