"""The HLS preview of a compiled timeline: its playlist and its segments.

- `GET /stream/{id}/index.m3u8?token=` answers at once with a complete VOD playlist of 1 s
  segments; each segment URI inside carries the same token, which is signed for the stream's
  folder.
- `GET /stream/{id}/seg_NNNNN.ts` renders the segment if it is not cached (waiting up to
  `SEGMENT_WAIT_S`) and reads the next few ahead (see `render/segment_cache.py`). A player that
  hangs up meanwhile lets go of the render.
"""

from __future__ import annotations

import asyncio
import re
import threading
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from editor_app.server.errors import Gone, ServerError, TimelineGone, not_found
from editor_app.server.render.hls import vod_playlist
from editor_app.server.render.segments import SegmentedTimeline
from editor_app.server.render.timelines import preview_height_of_stream, timeline_of_stream
from editor_app.server.routes.files import StoredFileResponse
from editor_app.server.routes.state import editor_of

SEGMENT_WAIT_S = 20.0
# `<hex>` full size, `<hex>-p<rows>` a preview stream (see `render/timelines.py`)
STREAM_ID = re.compile(r"^[0-9a-f]{32}(?:-p[1-9][0-9]{1,3})?$")
_SEGMENT = re.compile(r"^seg_(\d{5})\.ts$")

router = APIRouter(tags=["editor"])


def _stream(request: Request, stream_id: str) -> SegmentedTimeline:
    if not STREAM_ID.match(stream_id):
        raise not_found("stream", stream_id)
    try:
        tid = timeline_of_stream(stream_id)
        return editor_of(request).stream(tid, preview_height_of_stream(stream_id))
    except TimelineGone:
        raise not_found("stream", stream_id) from None
    except ServerError as exc:
        raise Gone(f"stream {stream_id} can no longer be rendered: {exc}") from None


@router.get("/stream/{stream_id}/index.m3u8", summary="HLS playlist of a compiled timeline")
def stream_playlist(request: Request, stream_id: str) -> Response:
    stream = _stream(request, stream_id)
    editor_of(request).segments.watch(stream)
    # always our own signature, encoded: the request's `token` is never echoed (with the key in a
    # header it is not even checked, and could write tags or foreign URLs into the playlist)
    token = quote(request.app.state.sign(f"/stream/{stream_id}/"), safe="")
    return Response(
        vod_playlist(stream.segments, f"?token={token}"),
        media_type="application/vnd.apple.mpegurl",
        headers={"Cache-Control": "no-cache"},
    )


@router.get("/stream/{stream_id}/{segment}", summary="One HLS segment of a compiled timeline")
async def stream_segment(request: Request, stream_id: str, segment: str) -> StoredFileResponse:
    match = _SEGMENT.match(segment)
    if not STREAM_ID.match(stream_id) or match is None:
        raise not_found("segment", f"{stream_id}/{segment}")
    stream = await run_in_threadpool(_stream, request, stream_id)
    index = int(match.group(1))
    if index >= len(stream.segments):
        raise not_found("segment", f"{stream_id}/{segment}")
    segments = editor_of(request).segments
    gone = threading.Event()
    listener = asyncio.create_task(_set_on_disconnect(request, gone))
    try:
        path = await run_in_threadpool(segments.fetch, stream, index, SEGMENT_WAIT_S, gone)
    finally:
        listener.cancel()
    return StoredFileResponse(path, media_type="video/mp2t")


async def _set_on_disconnect(request: Request, gone: threading.Event) -> None:
    """Set `gone` when the client hangs up: a retired player's segment need not render."""
    message = await request.receive()
    while message["type"] != "http.disconnect":  # the (empty) request body first
        message = await request.receive()
    gone.set()
