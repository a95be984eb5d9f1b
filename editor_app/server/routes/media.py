"""Collections and media: list, get and delete videos, audios and images; a video's cut-list
stream (`media/cut_stream.py`); the canvas extensions (thumbnail strips and waveforms).

Shapes follow what the official SDK reads: lists come as `{"videos": [...]}` (`audios`,
`images`, `collections`), each item with `id`, `collection_id`, `name`, `length` (seconds),
`size`, `stream_url`, `thumbnail_url` (video) or `url` (image), plus probed metadata.
"""

from __future__ import annotations

import shutil
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from editor_app.server.errors import not_found, ok
from editor_app.server.media.cut_stream import render_cut_stream, validate_cuts
from editor_app.server.media.ingest import thumbnail_path
from editor_app.server.media.previews import (
    MAX_STRIP_COUNT,
    PEAKS_PER_SECOND,
    image_size,
    strip_dir,
    thumbnail_strip,
    waveform_path,
    waveform_peaks,
)
from editor_app.server.routes.files import file_url
from editor_app.server.routes.state import proxies_of, quick_read, store_of, tools_of
from editor_app.server.store import MediaRecord
from editor_app.wire import (
    Collection,
    Envelope,
    MediaItem,
    MediaKind,
    ProxyInfo,
    StreamRequest,
    StreamResult,
    ThumbnailStrip,
    Waveform,
    kind_of_id,
)

router = APIRouter(tags=["media"])

CollectionId = Annotated[str, Query(max_length=200, description="collection to list (default: `default`)")]
# classes made once: `Envelope[X]` looks its class up in pydantic's cache at every use
_MediaEnvelope = Envelope[MediaItem]
_CollectionEnvelope = Envelope[Collection]
LIST_ON_LOOP = 50  # items built on the event loop; a longer list is built in a worker thread
PLURAL: dict[MediaKind, str] = {"video": "videos", "audio": "audios", "image": "images"}


def media_item(request: Request, record: MediaRecord) -> dict[str, Any]:
    """A stored media row as the wire's MediaItem, with signed URLs a player can open without headers."""
    return media_model(request, record, proxies_of(request).info(record)).model_dump()


def media_model(request: Request, record: MediaRecord, proxy: ProxyInfo | None) -> MediaItem:
    url = file_url(request, "media", record.file_name)
    thumb = thumbnail_path(store_of(request), record.sha256)
    return MediaItem(
        id=record.id,
        collection_id=record.collection_id,
        name=record.name,
        length=record.length,
        size=record.size,
        stream_url=url if record.kind != "image" else None,
        url=url if record.kind == "image" else None,
        thumbnail_url=file_url(request, "thumbs", f"{record.sha256}/thumb.jpg")
        if record.kind == "video" and thumb.is_file()
        else None,
        width=record.width,
        height=record.height,
        fps=record.fps,
        has_audio=record.has_audio,
        video_codec=record.video_codec,
        audio_codec=record.audio_codec,
        description=record.description,
        proxy=proxy,
    )


def collection_body(row: Any) -> dict[str, Any]:
    return collection_model(row).model_dump()


def collection_model(row: Any) -> Collection:
    return Collection(id=row["id"], name=row["name"], description=row["description"])


def envelope(data: MediaItem | Collection) -> Response:
    """`ok(data)` as its route's `response_model` would serialise it (`message` and `error_code`
    null), encoded once: returned as a dict, FastAPI validated it against the model again and then
    serialised it, a fifth of a GET's CPU under load (issue 16)."""
    kind = _MediaEnvelope if isinstance(data, MediaItem) else _CollectionEnvelope
    body = kind(data=data).model_dump_json(by_alias=True)
    return Response(body, media_type="application/json")


def get_of_kind(request: Request, kind: MediaKind, media_id: str) -> MediaRecord:
    """The media only if it is of this kind: `/video/a-1` is a 404 "video a-1 not found"."""
    if kind_of_id(media_id) != kind:
        raise not_found(kind, media_id)
    return store_of(request).get_media(media_id)


def _item(request: Request, kind: MediaKind, media_id: str) -> MediaItem:
    record = get_of_kind(request, kind, media_id)
    return media_model(request, record, proxies_of(request).info(record))


# ---- collections ---------------------------------------------------------------------------
@router.get("/collection", summary="List collections")
async def list_collections(request: Request) -> dict[str, Any]:
    rows = await quick_read(request, store_of(request).list_collections)
    return ok({"collections": [collection_body(r) for r in rows], "default_collection": "default"})


@router.get("/collection/{collection_id}", summary="Get a collection", response_model=Envelope[Collection])
async def get_collection(collection_id: str, request: Request) -> Response:
    row = await quick_read(request, lambda: store_of(request).get_collection(collection_id))
    return envelope(collection_model(row))


# ---- media lists, items, deletion -----------------------------------------------------------
async def _list(request: Request, kind: MediaKind, collection_id: str) -> dict[str, Any]:
    """The rows in two queries (media, then every proxy row) read on the event loop as one-row
    reads are; the items are built there too unless the list is long (a thread hop cost a GET
    about a quarter of its CPU, issue 16)."""
    records, proxies = await quick_read(request, lambda: _list_rows(request, kind, collection_id))
    if len(records) > LIST_ON_LOOP:
        return await run_in_threadpool(_list_body, request, kind, records, proxies)
    return _list_body(request, kind, records, proxies)


def _list_rows(
    request: Request, kind: MediaKind, collection_id: str
) -> tuple[list[MediaRecord], dict[str, ProxyInfo]]:
    records = store_of(request).list_media(kind, collection_id)
    proxies = {row.sha256: row.info() for row in proxies_of(request).rows.rows()} if kind == "video" else {}
    return records, proxies


def _list_body(
    request: Request, kind: MediaKind, records: list[MediaRecord], proxies: dict[str, ProxyInfo]
) -> dict[str, Any]:
    # ProxyService.info: a video without a proxy row has a default ProxyInfo, other kinds none
    def proxy(record: MediaRecord) -> ProxyInfo | None:
        return proxies.get(record.sha256, ProxyInfo()) if record.kind == "video" else None

    return ok({PLURAL[kind]: [media_model(request, r, proxy(r)).model_dump() for r in records]})


def _delete(request: Request, kind: MediaKind, media_id: str) -> dict[str, Any]:
    get_of_kind(request, kind, media_id)
    record, unreferenced = store_of(request).delete_media(media_id)
    proxies_of(request).media_deleted(record, unreferenced)
    if unreferenced:  # identical content uploaded twice shares one file
        record.path.unlink(missing_ok=True)
        shutil.rmtree(thumbnail_path(store_of(request), record.sha256).parent, ignore_errors=True)
        waveform_path(record).unlink(missing_ok=True)
    return ok({"id": media_id, "deleted": True})


@router.get("/video", summary="List videos of a collection")
async def list_videos(request: Request, collection_id: CollectionId = "default") -> dict[str, Any]:
    return await _list(request, "video", collection_id)


@router.get("/audio", summary="List audios of a collection")
async def list_audios(request: Request, collection_id: CollectionId = "default") -> dict[str, Any]:
    return await _list(request, "audio", collection_id)


@router.get("/image", summary="List images of a collection")
async def list_images(request: Request, collection_id: CollectionId = "default") -> dict[str, Any]:
    return await _list(request, "image", collection_id)


@router.get("/video/{media_id}", summary="Get a video", response_model=Envelope[MediaItem])
async def get_video(media_id: str, request: Request) -> Response:
    return envelope(await quick_read(request, lambda: _item(request, "video", media_id)))


@router.get("/audio/{media_id}", summary="Get an audio", response_model=Envelope[MediaItem])
async def get_audio(media_id: str, request: Request) -> Response:
    return envelope(await quick_read(request, lambda: _item(request, "audio", media_id)))


@router.get("/image/{media_id}", summary="Get an image", response_model=Envelope[MediaItem])
async def get_image(media_id: str, request: Request) -> Response:
    return envelope(await quick_read(request, lambda: _item(request, "image", media_id)))


@router.delete("/video/{media_id}", summary="Delete a video")
def delete_video(media_id: str, request: Request) -> dict[str, Any]:
    return _delete(request, "video", media_id)


@router.delete("/audio/{media_id}", summary="Delete an audio")
def delete_audio(media_id: str, request: Request) -> dict[str, Any]:
    return _delete(request, "audio", media_id)


@router.delete("/image/{media_id}", summary="Delete an image")
def delete_image(media_id: str, request: Request) -> dict[str, Any]:
    return _delete(request, "image", media_id)


# ---- streams and canvas extensions ----------------------------------------------------------
# the SDK's name for the cut list, kept in the summary and operation id of the OpenAPI description
@router.post("/video/{media_id}/stream", summary="Stream of segments", response_model=Envelope[StreamResult])
def stream_segments(
    media_id: str, request: Request, body: Annotated[StreamRequest | None, Body()] = None
) -> dict[str, Any]:
    """`{"timeline": [[start, end], ...]}` in seconds -> an MP4 of those segments, one after another.
    An empty or null timeline answers the whole video's stream URL."""
    record = get_of_kind(request, "video", media_id)
    if body is None or not body.timeline:
        url = file_url(request, "media", record.file_name)
    else:
        cuts = validate_cuts(body.timeline, record.length)
        output = render_cut_stream(tools_of(request), record, cuts)
        url = file_url(request, "streams", output.name)
    return ok(StreamResult(stream_url=url, player_url=url).model_dump())


@router.get(
    "/video/{media_id}/thumbnails",
    summary="Thumbnail strip (extension)",
    response_model=Envelope[ThumbnailStrip],
)
def thumbnails(
    media_id: str,
    request: Request,
    count: Annotated[int, Query(ge=1, le=MAX_STRIP_COUNT, description="number of frames")] = 10,
) -> dict[str, Any]:
    """Local-backend extension: `count` JPEG frames from the middles of equal slices of the video,
    `interval` seconds apart, for drawing on the timeline. Made once, then served from cache."""
    record = get_of_kind(request, "video", media_id)
    paths = thumbnail_strip(tools_of(request), record, count)
    width, height = image_size(paths[0])
    folder = strip_dir(record, count).name
    urls = [file_url(request, "thumbs", f"{record.sha256}/{folder}/{p.name}") for p in paths]
    strip = ThumbnailStrip(interval=round(record.length / count, 6), width=width, height=height, urls=urls)
    return ok(strip.model_dump())


def _waveform(request: Request, kind: MediaKind, media_id: str) -> dict[str, Any]:
    record = get_of_kind(request, kind, media_id)
    peaks = waveform_peaks(tools_of(request), record)
    return ok(Waveform(interval=1 / PEAKS_PER_SECOND, peaks=peaks).model_dump())


_WAVEFORM_DOC = (
    "Local-backend extension: peak amplitude (0..1) of each 1/50 s of the first audio stream, "
    "decoded once to 8 kHz mono and cached. A video without sound has no peaks."
)


@router.get(
    "/video/{media_id}/waveform", summary="Waveform of a video (extension)", description=_WAVEFORM_DOC
)
def video_waveform(media_id: str, request: Request) -> dict[str, Any]:
    return _waveform(request, "video", media_id)


@router.get(
    "/audio/{media_id}/waveform", summary="Waveform of an audio (extension)", description=_WAVEFORM_DOC
)
def audio_waveform(media_id: str, request: Request) -> dict[str, Any]:
    return _waveform(request, "audio", media_id)
