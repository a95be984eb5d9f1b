"""Editor compile and export routes, the HLS preview streams, and async job responses.

- `POST /editor` (inline editor JSON, or `{"timeline_url"}` of a file uploaded to this server)
  and `POST /timeline_v2` (the seed's cut list) answer at once with an HLS `stream_url`, plus
  `timeline_id` (our extension, so the seed's download contract is usable). The seed's
  `output_format` does not change the compiled stream (always HLS, `format: "hls"`); files in
  mp4/webm/avi come from the download routes.
- `GET /stream/{id}/index.m3u8?token=` answers at once with a complete VOD playlist of 1 s
  segments; each segment URI inside carries the same token, which is signed for the stream's
  folder. `GET /stream/{id}/seg_NNNNN.ts` renders the segment if it is not cached (waiting up
  to `SEGMENT_WAIT_S`) and reads the next few ahead (see `render/segment_cache.py`).
- `POST /editor/download` (`stream_url`, optional `format`/`quality`) and
  `POST /timeline_v2/download` start an export job and answer `status: processing` with
  `output_url`.
- `GET /async-response/{id}` reports the job; while it is processing the request waits up to
  `JOB_WAIT_S` for it to settle, so short jobs finish within the first poll. A failed or
  cancelled job answers `success: false` with the reason in `message`.
- Cancel with `DELETE /async-response/{id}` or `POST /async-response/{id}/cancel`: ffmpeg is
  killed and the partial file removed; cancelling a settled job is a 409.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import urlparse

from fastapi import APIRouter, Body, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, Response

from editor_app.model import Clip, InvalidTimelineJSON, Timeline, Track, VideoAsset
from editor_app.model.ticks import to_ticks
from editor_app.server.errors import ApiError, bad_request, not_found
from editor_app.server.jobs import Job
from editor_app.server.render.hls import vod_playlist
from editor_app.server.render.segment_cache import SegmentAbandoned, SegmentTimeout
from editor_app.server.render.segments import SegmentedTimeline, SegmentFailed
from editor_app.server.render.service import EditorService, TimelineGone
from editor_app.server.render.sources import MissingSourceError, RenderInputError
from editor_app.server.render.timelines import ID_PREFIX, stream_folder_name
from editor_app.server.routes_files import file_url
from editor_app.wire import (
    AsyncResponse,
    CompileResult,
    EditorDownloadRequest,
    JobData,
    SeedCompileRequest,
    SeedDownloadRequest,
)

SEGMENT_WAIT_S = 20.0
JOB_WAIT_S = 2.0
_STREAM_ID = re.compile(r"^[0-9a-f]{32}$")
_SEGMENT = re.compile(r"^seg_(\d{5})\.ts$")
_STREAM_PATH = re.compile(r"^/stream/([0-9a-f]{32})/index\.m3u8$")


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    service(app)  # resume unfinished export jobs as soon as the server is up
    yield


router = APIRouter(tags=["editor"], lifespan=_lifespan)


def service(app: FastAPI) -> EditorService:
    """The app's renderer, made on first use; its shutdown joins the app's shutdown hooks."""
    existing: EditorService | None = getattr(app.state, "editor", None)
    if existing is not None:
        return existing
    store = app.state.store
    made = EditorService(
        app.state.data_dir, store.db, store.get_media, ffmpeg=app.state.ffmpeg, ffprobe=app.state.ffprobe
    )
    app.state.editor = made
    app.state.file_areas = set(app.state.file_areas) | {"exports"}
    app.state.on_shutdown.append(made.shutdown)
    made.start()
    return made


def _compile(request: Request, timeline: Timeline) -> dict[str, Any]:
    try:
        tid, _cached = service(request.app).compile(timeline)
    except RenderInputError as exc:
        raise bad_request(str(exc)) from None
    except MissingSourceError as exc:
        raise not_found("media", exc.media_id) from None
    folder = stream_folder_name(tid)
    path = f"/stream/{folder}/"
    base = str(request.base_url).rstrip("/")
    stream_url = f"{base}{path}index.m3u8?token={request.app.state.sign(path)}"
    result = CompileResult(
        stream_url=stream_url,
        player_url=stream_url,
        timeline_id=tid,
        duration=timeline.duration / 1000,
        format="hls",
    )
    return {"success": True, "data": result.model_dump(exclude_none=True)}


def _parse(data: Any) -> Timeline:
    try:
        return Timeline.from_editor_json(data)
    except InvalidTimelineJSON as exc:
        raise bad_request(str(exc), "invalid_timeline") from None


@router.post("/editor", summary="Compile an editor timeline to an HLS stream")
def compile_editor(request: Request, body: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    if "timeline_url" in body and "timeline" not in body:
        url = body["timeline_url"]
        if not isinstance(url, str):
            raise bad_request("timeline_url: expected a string")
        path = request.app.state.store.resolve_upload_url(url)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise bad_request(f"timeline_url: the uploaded file is not timeline JSON ({exc})") from None
        return _compile(request, _parse(data))
    return _compile(request, _parse(body))


@router.post("/timeline_v2", summary="Compile the seed's cut list to an HLS stream")
def compile_timeline_v2(request: Request, body: SeedCompileRequest) -> dict[str, Any]:
    track = Track(name="V1")
    cursor = 0
    for e_index, entry in enumerate(body.timeline):
        for c_index, cut in enumerate(entry.clips):
            where = f"timeline[{e_index}].clips[{c_index}]"
            if cut.start < 0 or cut.end <= cut.start:
                raise bad_request(f"{where}: needs 0 <= start < end, got start={cut.start}, end={cut.end}")
            if not 0 <= cut.volume <= 10:
                raise bad_request(f"{where}.volume: must be between 0 and 10")
            start, end = to_ticks(cut.start), to_ticks(cut.end)
            asset = VideoAsset(id=entry.video_id, start=start, volume=cut.volume)
            track.insert(Clip(start=cursor, duration=end - start, asset=asset))
            cursor += end - start
    if cursor == 0:
        raise bad_request("timeline: no clips to compile")
    return _compile(request, Timeline(tracks=[track]))


# ---- streams ------------------------------------------------------------------------------------
def _stream(request: Request, stream_id: str) -> SegmentedTimeline:
    if not _STREAM_ID.match(stream_id):
        raise not_found("stream", stream_id)
    try:
        return service(request.app).stream(ID_PREFIX + stream_id)
    except TimelineGone:
        raise not_found("stream", stream_id) from None
    except (RenderInputError, MissingSourceError, ApiError) as exc:
        raise ApiError(410, f"stream {stream_id} can no longer be rendered: {exc}", "gone") from None


@router.get("/stream/{stream_id}/index.m3u8", summary="HLS playlist of a compiled timeline")
def stream_playlist(request: Request, stream_id: str) -> Response:
    stream = _stream(request, stream_id)
    service(request.app).segments.watch(stream)
    token = request.query_params.get("token") or request.app.state.sign(f"/stream/{stream_id}/")
    return Response(
        vod_playlist(stream.segments, f"?token={token}"),
        media_type="application/vnd.apple.mpegurl",
        headers={"Cache-Control": "no-cache"},
    )


@router.get("/stream/{stream_id}/{segment}", summary="One HLS segment of a compiled timeline")
async def stream_segment(request: Request, stream_id: str, segment: str) -> FileResponse:
    match = _SEGMENT.match(segment)
    if not _STREAM_ID.match(stream_id) or match is None:
        raise not_found("segment", f"{stream_id}/{segment}")
    stream = await run_in_threadpool(_stream, request, stream_id)
    index = int(match.group(1))
    if index >= len(stream.segments):
        raise not_found("segment", f"{stream_id}/{segment}")
    segments = service(request.app).segments
    gone = threading.Event()
    listener = asyncio.create_task(_set_on_disconnect(request, gone))
    try:
        path = await run_in_threadpool(segments.fetch, stream, index, SEGMENT_WAIT_S, gone)
    except SegmentAbandoned:
        raise ApiError(499, "the client closed the request", "client_closed") from None
    except SegmentFailed as exc:
        raise ApiError(500, f"rendering the stream failed: {exc}", "render_failed") from None
    except SegmentTimeout as exc:
        raise ApiError(503, f"{exc}; retry in a moment", "not_ready") from None
    finally:
        listener.cancel()
    return FileResponse(path, media_type="video/mp2t")


async def _set_on_disconnect(request: Request, gone: threading.Event) -> None:
    """Set `gone` when the client hangs up: a retired player's segment need not render."""
    message = await request.receive()
    while message["type"] != "http.disconnect":  # the (empty) request body first
        message = await request.receive()
    gone.set()


# ---- exports and jobs ---------------------------------------------------------------------------
def _job_response(request: Request, job: Job) -> dict[str, Any]:
    base = str(request.base_url).rstrip("/")
    data = JobData(
        id=job.id,
        output_url=f"{base}/async-response/{job.id}",
        progress=round(job.progress, 4),
        percentage=round(job.progress * 100, 1),
        format=job.format,
    )
    if job.status == "done" and job.output_name:
        data.download_url = file_url(request, "exports", job.output_name)
        data.stream_url = data.download_url
        data.size = job.size
        data.duration = job.duration
    if job.status in ("failed", "cancelled"):
        data.error = job.error or job.status
    answer = AsyncResponse(
        success=job.status in ("processing", "done"),
        status=job.status,
        data=data,
        message=data.error,
    )
    return answer.model_dump(exclude_none=True)


def _start_export(request: Request, tid: str, fmt: Any, quality: Any) -> dict[str, Any]:
    try:
        job = service(request.app).export(tid, fmt, quality)
    except TimelineGone:
        raise not_found("timeline", tid) from None
    return _job_response(request, job)


@router.post("/editor/download", summary="Export a compiled stream to a file (async)")
def download_editor(request: Request, body: EditorDownloadRequest) -> dict[str, Any]:
    match = _STREAM_PATH.match(urlparse(body.stream_url).path)
    if match is None:
        raise bad_request("stream_url: not a stream compiled by this server (POST /editor first)")
    return _start_export(request, ID_PREFIX + match.group(1), body.format or "mp4", body.quality or "high")


@router.post("/timeline_v2/download", summary="Export a compiled timeline to a file (async)")
def download_timeline_v2(request: Request, body: SeedDownloadRequest) -> dict[str, Any]:
    return _start_export(request, body.timeline_id, body.format, body.quality)


def _job(request: Request, job_id: str) -> Job:
    job = service(request.app).jobs.get(job_id)
    if job is None:
        raise not_found("job", job_id)
    return job


@router.get("/async-response/{job_id}", summary="State of an export job")
def async_response(request: Request, job_id: str) -> dict[str, Any]:
    job = _job(request, job_id)
    if not job.settled:
        job = service(request.app).runner.wait_settled(job_id, JOB_WAIT_S) or job
    return _job_response(request, job)


@router.api_route("/async-response/{job_id}/cancel", methods=["POST"], summary="Cancel an export job")
@router.delete("/async-response/{job_id}", summary="Cancel an export job")
def cancel_job(request: Request, job_id: str) -> dict[str, Any]:
    job = _job(request, job_id)
    if not service(request.app).runner.cancel(job_id):
        raise ApiError(
            409, f"job {job_id} is already {job.status if job.settled else 'finishing'}", "conflict"
        )
    return _job_response(request, _job(request, job_id))
