"""Asynchronous jobs on the wire: statuses and the AsyncResponse a client polls until it settles."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from editor_app.wire.base import WireModel

JobStatus = Literal["processing", "done", "complete", "failed", "error", "cancelled"]

DONE_STATUSES: frozenset[str] = frozenset({"done", "complete"})
FAILED_STATUSES: frozenset[str] = frozenset({"failed", "error", "cancelled"})


class JobData(WireModel):
    """`data` of an async response; `progress` (0..1) and `error` are extensions.

    `percentage` (0..100) is what the official SDK reads for its progress bar.
    """

    id: str | None = None
    output_url: str | None = None
    download_url: str | None = None
    stream_url: str | None = None
    progress: float | None = None
    percentage: float | None = None
    size: int | None = None
    duration: float | None = None
    format: str | None = None
    error: str | None = None


class AsyncResponse(WireModel):
    """`{"success", "status", "data": {"id", "output_url", ...}}` (seed AsyncResponse)."""

    success: bool = True
    status: JobStatus = "processing"
    data: JobData = Field(default_factory=JobData)
    message: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in DONE_STATUSES

    @property
    def failed(self) -> bool:
        return self.status in FAILED_STATUSES
