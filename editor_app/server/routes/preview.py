"""Local-backend preview extensions (docs/architecture.md, "Proxies and preview size"); the
VideoDB cloud has none of these and the official SDKs never call them.

- `GET /stream/{id}/frame?token=&t=&height=`: the composed frame of a compiled timeline at `t`
  seconds (the frame on the timeline's fps grid under it) as JPEG, `height` rows high
  (default: the stream's preview height, else the timeline's), from proxies where ready.
  Its URL is `CompileResult.frame_url`.
- `POST /video/{id}/proxy` makes (queues) a preview proxy of a video, `DELETE` drops it; the
  media object's `proxy` says its state.
- `GET /local/settings`, `PATCH /local/settings {"auto_proxies": bool}`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from editor_app.server.errors import TimelineGone, not_found, ok
from editor_app.server.render.timelines import preview_height_of_stream, timeline_of_stream
from editor_app.server.routes.media import get_of_kind, media_item
from editor_app.server.routes.state import editor_of, proxies_of
from editor_app.server.routes.streams import STREAM_ID
from editor_app.wire import LocalSettingsPatch

router = APIRouter(tags=["preview (local extension)"])

_FRAME_DOC = (
    "Local-backend extension: the composed timeline frame at `t` seconds (exactly the frame on "
    "the timeline's fps grid under t, composed as preview and export are) as image/jpeg, "
    "`height` rows high keeping the aspect, read from preview proxies where ready. Recent frames "
    "are cached by what is on screen, so asking again is instant."
)


@router.get(
    "/stream/{stream_id}/frame",
    summary="Still frame of a compiled timeline (extension)",
    description=_FRAME_DOC,
    response_class=Response,
)
async def stream_frame(
    request: Request,
    stream_id: str,
    t: Annotated[float, Query(ge=0, le=360000, description="seconds on the timeline")],
    height: Annotated[int | None, Query(ge=16, le=4320, description="rows of the frame")] = None,
) -> Response:
    if not STREAM_ID.match(stream_id):
        raise not_found("stream", stream_id)
    tid, preview = timeline_of_stream(stream_id), preview_height_of_stream(stream_id)
    rows = None if height is None else height - height % 2
    try:
        jpeg = await run_in_threadpool(editor_of(request).frame, tid, t, rows, preview)
    except TimelineGone:
        raise not_found("stream", stream_id) from None
    return Response(jpeg, media_type="image/jpeg", headers={"Cache-Control": "no-cache"})


def _proxy_answer(request: Request, media_id: str) -> dict[str, Any]:
    return ok(media_item(request, get_of_kind(request, "video", media_id)))


@router.post(
    "/video/{media_id}/proxy", summary="Make a preview proxy of a video (extension)", status_code=202
)
def make_proxy(media_id: str, request: Request) -> dict[str, Any]:
    """Local-backend extension: queue a preview proxy (made in the background, niced); the
    answer is the video with `proxy.state` queued (or ready if it already is)."""
    proxies_of(request).make(get_of_kind(request, "video", media_id))
    return _proxy_answer(request, media_id)


@router.delete("/video/{media_id}/proxy", summary="Drop the preview proxy of a video (extension)")
def drop_proxy(media_id: str, request: Request) -> dict[str, Any]:
    proxies_of(request).drop(get_of_kind(request, "video", media_id))
    return _proxy_answer(request, media_id)


@router.get("/local/settings", summary="Settings of the local backend (extension)")
def local_settings(request: Request) -> dict[str, Any]:
    return ok(proxies_of(request).settings().model_dump())


@router.patch("/local/settings", summary="Change settings of the local backend (extension)")
def patch_local_settings(request: Request, body: Annotated[LocalSettingsPatch, Body()]) -> dict[str, Any]:
    return ok(proxies_of(request).update_settings(body.auto_proxies).model_dump())
