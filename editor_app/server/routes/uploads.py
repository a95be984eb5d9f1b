"""The three-step upload flow (docs/architecture.md, "The wire contract"), as the official SDK drives it:

1. `GET /collection/{cid}/upload_url?name=N` -> `{"upload_url": "{base}/upload/{token}"}`;
2. `POST {upload_url}` (multipart, field `file`) — the SDK sends no key here, so the single-use,
   one-hour token in the URL is the authorisation;
3. `POST /collection/{cid}/upload` with `{"url": upload_url, "name", "media_type"}` -> the media.

Step 3 is idempotent: ingesting the same upload URL again answers the same media object, so a
client retrying after a lost answer does not create a duplicate.
"""

from __future__ import annotations

import os
import secrets
import time
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request

from editor_app.server.errors import Conflict, Gone, InsufficientStorage, not_found, ok
from editor_app.server.media.ingest import ingest_file
from editor_app.server.media.upload_receiver import receive_upload
from editor_app.server.routes.media import media_item
from editor_app.server.routes.state import proxies_of, store_of, tools_of
from editor_app.wire import Envelope, MediaItem, UploadRequest, UploadUrl

router = APIRouter(tags=["upload"])


@router.get(
    "/collection/{collection_id}/upload_url",
    summary="Get an upload URL",
    response_model=Envelope[UploadUrl],
)
def upload_url(
    collection_id: str,
    request: Request,
    name: Annotated[str, Query(max_length=500, description="name of the media")] = "",
) -> dict[str, Any]:
    """A single-use URL (valid for an hour) to POST one file to, without the API key."""
    store = store_of(request)
    store.remove_dead_partials(time.time())  # each new upload sweeps what dead ones left behind
    token = store.new_upload(collection_id, name)
    base = str(request.base_url).rstrip("/")
    return ok({"upload_url": f"{base}/upload/{token}"})


@router.post("/upload/{token}", summary="Receive a file on an upload URL")
async def receive(token: str, request: Request) -> dict[str, Any]:
    """Multipart with the file in field `file` (or a raw body). Size limited by `--max-upload-bytes`."""
    store = store_of(request)
    slot = store.upload_slot(token)
    if slot is None:
        raise not_found("upload URL", token[:8] + "…")
    if slot.received_at is not None:
        raise Conflict("a file was already uploaded to this URL; ask for a new one", "upload_used")
    if slot.expires_at < time.time():
        raise Gone("the upload URL has expired; ask for a new one", "upload_expired")
    # each request writes its own partial file; the first to finish claims the slot
    partial = slot.path.with_name(f"{slot.token}.{secrets.token_hex(4)}.part")
    try:
        received = await receive_upload(request, partial, request.app.state.max_upload_bytes)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InsufficientStorage(f"could not store the upload: {exc.strerror or exc}") from exc
    if not store.claim_received(token, received.size, received.sha256):
        partial.unlink(missing_ok=True)
        raise Conflict("a file was already uploaded to this URL; ask for a new one", "upload_used")
    os.replace(partial, slot.path)
    return ok({"upload_url": str(request.url.remove_query_params("token")), "size": received.size})


@router.post(
    "/collection/{collection_id}/upload",
    summary="Ingest an uploaded file as media",
    response_model=Envelope[MediaItem],
)
def ingest(collection_id: str, request: Request, body: Annotated[UploadRequest, Body()]) -> dict[str, Any]:
    """Probes the file, stores it by content hash and answers the video (`m-`), audio (`a-`) or
    image (`img-`) at once. Only URLs returned by `upload_url` are accepted (no network fetches)."""
    store = store_of(request)
    store.get_collection(collection_id)
    with request.app.state.ingest_lock:  # one at a time, and an upload URL is ingested once
        slot = store.slot_for_url(body.url)
        if slot.media_id is not None:
            return ok(media_item(request, store.get_media(slot.media_id)))
        if not slot.path.is_file():
            raise Conflict("the file uploaded to this URL is no longer available", "upload_consumed")
        record = ingest_file(
            store,
            tools_of(request),
            slot.path,
            collection_id=collection_id,
            name=body.name or slot.name or "untitled",
            asked_kind=body.media_type,
            description=body.description,
            known_sha256=slot.sha256,
            upload_token=slot.token,  # recorded with the media, in one transaction
        )
    proxies_of(request).media_added(record)  # queued only: the proxy is made in the background
    return ok(media_item(request, record))
