"""Export jobs over HTTP: starting a download and following it.

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

import re
from typing import Any
from urllib.parse import urlparse

from fastapi import APIRouter, Request

from editor_app.server.errors import BadRequest, Conflict, not_found
from editor_app.server.render.export_jobs import Job
from editor_app.server.render.timelines import timeline_of_stream
from editor_app.server.routes.files import file_url
from editor_app.server.routes.state import editor_of
from editor_app.wire import AsyncResponse, EditorDownloadRequest, JobData, SeedDownloadRequest

JOB_WAIT_S = 2.0
# a preview stream (`<hex>-p<rows>`) exports like its full-size stream: originals, full size
_STREAM_PATH = re.compile(r"^/stream/([0-9a-f]{32})(?:-p[0-9]+)?/index\.m3u8$")

router = APIRouter(tags=["editor"])


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
    return _job_response(request, editor_of(request).export(tid, fmt, quality))


@router.post("/editor/download", summary="Export a compiled stream to a file (async)")
def download_editor(request: Request, body: EditorDownloadRequest) -> dict[str, Any]:
    match = _STREAM_PATH.match(urlparse(body.stream_url).path)
    if match is None:
        raise BadRequest("stream_url: not a stream compiled by this server (POST /editor first)")
    tid = timeline_of_stream(match.group(1))
    return _start_export(request, tid, body.format or "mp4", body.quality or "high")


@router.post("/timeline_v2/download", summary="Export a compiled timeline to a file (async)")
def download_timeline_v2(request: Request, body: SeedDownloadRequest) -> dict[str, Any]:
    return _start_export(request, body.timeline_id, body.format, body.quality)


def _job(request: Request, job_id: str) -> Job:
    job = editor_of(request).jobs.get(job_id)
    if job is None:
        raise not_found("job", job_id)
    return job


@router.get("/async-response/{job_id}", summary="State of an export job")
def async_response(request: Request, job_id: str) -> dict[str, Any]:
    job = _job(request, job_id)
    if not job.settled:
        job = editor_of(request).runner.wait_settled(job_id, JOB_WAIT_S) or job
    return _job_response(request, job)


@router.api_route("/async-response/{job_id}/cancel", methods=["POST"], summary="Cancel an export job")
@router.delete("/async-response/{job_id}", summary="Cancel an export job")
def cancel_job(request: Request, job_id: str) -> dict[str, Any]:
    job = _job(request, job_id)
    if not editor_of(request).runner.cancel(job_id):
        raise Conflict(f"job {job_id} is already {job.status if job.settled else 'finishing'}", "conflict")
    return _job_response(request, _job(request, job_id))
