"""Following an asynchronous job through its `output_url` until it settles.

Polls back off from `FIRST_POLL_S` to `MAX_POLL_S` (the local backend also holds each poll
open for up to 2 s while the job runs, so short jobs settle within one poll). `done` and
`complete` finish, `failed`/`error`/`cancelled` raise `JobFailed` with the server's reason,
and an overall deadline raises `JobTimeout`. Cancelling the token stops waiting; it does not
cancel the job on the server (`VideoDBClient.cancel_job` does), so a caller can resume
waiting on the same `output_url` later instead of starting a second job.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from editor_app.api.cancel import CancelToken, sleep_or_cancel
from editor_app.api.errors import JobFailed, JobTimeout, ServerError
from editor_app.api.session import ApiSession
from editor_app.wire import AsyncResponse

FIRST_POLL_S = 0.25
MAX_POLL_S = 5.0
POLL_GROWTH = 1.6


def parse_async(body: Any, where: str) -> AsyncResponse:
    """An async answer; a body without `status` but with data counts as already done."""
    if not isinstance(body, dict):
        raise ServerError(f"{where}: the job answer is not an object")
    if "status" not in body:
        body = {**body, "status": "done" if body.get("success", True) else "failed"}
    try:
        return AsyncResponse.model_validate(body)
    except ValidationError as exc:
        raise ServerError(f"{where}: unexpected job answer ({exc.errors()[0]['msg']})") from None


def poll_job(session: ApiSession, output_url: str, cancel: CancelToken | None = None) -> AsyncResponse:
    return _poll(session, output_url, cancel)[0]


def _poll(session: ApiSession, output_url: str, cancel: CancelToken | None) -> tuple[AsyncResponse, Any]:
    body = session.call("GET", output_url, idempotent=True, cancel=cancel, envelope=True)
    return parse_async(body, session.redact(output_url)), body


def failure_reason(answer: AsyncResponse) -> str:
    return answer.data.error or answer.message or f"status {answer.status}"


def wait_job(
    session: ApiSession,
    output_url: str,
    *,
    progress: Callable[[AsyncResponse], None] | None = None,
    cancel: CancelToken | None = None,
    timeout: float = 3600.0,
) -> AsyncResponse:
    return wait_job_raw(session, output_url, progress=progress, cancel=cancel, timeout=timeout)[0]


def wait_job_raw(
    session: ApiSession,
    output_url: str,
    *,
    progress: Callable[[AsyncResponse], None] | None = None,
    cancel: CancelToken | None = None,
    timeout: float = 3600.0,
) -> tuple[AsyncResponse, Any]:
    """`wait_job`, also returning the final body as sent (its `data` may be a media object)."""
    deadline = time.monotonic() + timeout
    pause = FIRST_POLL_S
    while True:
        answer, body = _poll(session, output_url, cancel)
        if progress is not None:
            progress(answer)
        if answer.finished:
            return answer, body
        if answer.failed:
            raise JobFailed(session.redact(failure_reason(answer)), answer.data.id)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise JobTimeout(f"the job did not finish within {timeout:g} s (still {answer.status})")
        sleep_or_cancel(min(pause, remaining), cancel)
        pause = min(MAX_POLL_S, pause * POLL_GROWTH)
