"""The steps of one export, run on a worker thread: compile, start, follow, download, land.

The worker never touches the job's record: it reports what it learns as `Step` messages and
the GUI thread writes them down (the record is saved with the project). `plan` says where to
begin: `fresh` compiles and starts a new backend job; `resume` follows an existing job by
its id (a finished one answers at once with a fresh download URL) and downloads what is
still missing, continuing the partial file with HTTP Range.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from editor_app.api.cancel import CancelToken
from editor_app.api.client import VideoDBClient
from editor_app.api.errors import InvalidRequestError, ServerError
from editor_app.ui.export.files import land, staging_path
from editor_app.wire import LOOPBACK_HOSTS, AsyncResponse, ExportFormat, Quality, supports_formats


@dataclass(frozen=True)
class Step:
    """What the worker tells the GUI: `kind` is started, state, render, download or landed."""

    kind: str
    values: dict[str, Any]


Report = Callable[[object], None]


def rebase(url: str, base_url: str) -> str:
    """A loopback URL moved to the current local backend (a restarted backend has a new port)."""
    old, new = urlsplit(url), urlsplit(base_url)
    if old.hostname in LOOPBACK_HOSTS and new.hostname in LOOPBACK_HOSTS and old.netloc != new.netloc:
        return urlunsplit((new.scheme, new.netloc, old.path, old.query, old.fragment))
    return url


def job_url(client: VideoDBClient, output_url: str | None, job_id: str | None) -> str:
    if output_url:
        return rebase(output_url, client.base_url)
    if job_id:
        return f"/async-response/{job_id}"
    raise ServerError("the export has no backend job to follow")


@dataclass(frozen=True)
class Plan:
    final: Path
    format: ExportFormat
    quality: Quality
    fresh: bool
    body: dict[str, Any] | None = None  # the timeline JSON, for a fresh start
    job_id: str | None = None
    output_url: str | None = None
    timeline_seconds: float | None = None
    started_at: float = 0.0  # when the user agreed to replace what was at `final` then


def run_export(client: VideoDBClient, plan: Plan, token: CancelToken, report: Report) -> Path:
    answer: AsyncResponse | None = None
    if plan.fresh:
        if plan.body is None:
            raise InvalidRequestError("nothing to export: the timeline is not available")
        report(Step("state", {"state": "compiling"}))
        compiled = client.compile(plan.body, cancel=token)
        if plan.format not in supports_formats(compiled):
            raise InvalidRequestError(f"this backend exports mp4 only (asked for {plan.format})", "format")
        token.raise_if_cancelled()
        handle = client.start_export(compiled, format=plan.format, quality=plan.quality)
        report(Step("started", {"job_id": handle.id, "output_url": handle.output_url or None}))
        output_url, job_id = handle.output_url, handle.id
        if not handle.output_url:
            answer = handle.answer
    else:
        output_url, job_id = plan.output_url or "", plan.job_id
    if answer is None:
        report(Step("state", {"state": "rendering"}))
        answer = client.wait_job(
            job_url(client, output_url, job_id),
            progress=lambda a: report(Step("render", {"fraction": _fraction(a)})),
            cancel=token,
        )
    url = answer.data.download_url or answer.data.stream_url
    if not url:
        raise ServerError("the export finished without a file to download")
    size = answer.data.size
    duration = answer.data.duration or plan.timeline_seconds
    report(Step("state", {"state": "downloading", "download_url": url, "size": size, "duration": duration}))
    client.download(
        url,
        staging_path(plan.final),
        progress=lambda done, total: report(Step("download", {"done": done, "total": total or size})),
        cancel=token,
        expected_size=size,
    )
    token.raise_if_cancelled()
    return land(plan.final, size, duration, plan.started_at)


def _fraction(answer: AsyncResponse) -> float:
    if answer.data.progress is not None:
        return max(0.0, min(1.0, answer.data.progress))
    if answer.data.percentage is not None:
        return max(0.0, min(1.0, answer.data.percentage / 100))
    return 0.0
