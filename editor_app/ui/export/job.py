"""One export as a state machine on the GUI thread, its steps run by `work.run_export` in a worker.

States: queued -> compiling -> rendering -> downloading -> done, or failed (with the reason)
or cancelled from any of them. `suspend()` stops following without touching the backend or
the partial file (the project is closing), so reopening it resumes where it was. The record
(`ExportJobRecord`) is written here only, on the GUI thread; `recordChanged` tells the
manager to save it with the project.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from editor_app.api.cancel import CancelToken
from editor_app.api.client import VideoDBClient
from editor_app.api.errors import (
    Cancelled,
    ConnectionFailed,
    DownloadIncomplete,
    NotFoundError,
    RequestTimeout,
)
from editor_app.model.project.files import ExportJobRecord
from editor_app.ui.export.files import ExportCheckFailed, partial_bytes, remove_partials
from editor_app.ui.export.work import Plan, Step, job_url, run_export
from editor_app.ui.workers import TaskRunner
from editor_app.wire import ExportFormat, Quality

log = logging.getLogger(__name__)

ACTIVE = ("queued", "compiling", "rendering", "downloading")
SETTLED = ("done", "failed", "cancelled")
SPEED_SMOOTHING = 0.3  # weight of the newest sample in the download speed's moving average
WRITER_POLL_MS = 200

ClientSource = Callable[[], VideoDBClient | None]
BodySource = Callable[[], dict[str, Any] | None]


class FilesBeingWritten:
    """Final paths whose files a worker may still write, across the jobs of one manager.

    A suspended job's worker ends at its next check of its token; a job reopened for the same
    path (the project was closed and opened again) waits for that before it starts its own.
    """

    def __init__(self) -> None:
        self._paths: set[Path] = set()

    def __contains__(self, path: object) -> bool:
        return path in self._paths

    def add(self, path: Path) -> None:
        self._paths.add(path)

    def discard(self, path: Path) -> None:
        self._paths.discard(path)


class ExportJob(QObject):
    changed = Signal()  # anything shown changed (progress included)
    recordChanged = Signal()  # something worth saving with the project changed
    settled = Signal(str)  # done, failed or cancelled
    stopped = Signal()  # the worker of the last attempt has ended (any outcome, suspended too)

    def __init__(
        self,
        record: ExportJobRecord,
        runner: TaskRunner,
        client: ClientSource,
        writers: FilesBeingWritten,
        body: dict[str, Any] | None = None,
        timeline_seconds: float | None = None,
        body_source: BodySource | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.record = record
        self.runner = runner
        self.client_source = client
        self.writers = writers
        self.body = body
        self.body_source = body_source  # the timeline when `body` is unknown (a reopened project)
        self.timeline_seconds = timeline_seconds
        self.fraction = 0.0
        self.seconds_left: float | None = None
        self.bytes_done = record.bytes_done
        self.bytes_total = record.expected_size
        self.speed: float | None = None  # bytes per second, smoothed
        self._token: CancelToken | None = None
        self._suspending = False
        self._render_began = 0.0
        self._last_sample: tuple[float, int] | None = None

    # ---- reading ----------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self.record.state

    @property
    def path(self) -> Path:
        return Path(self.record.output_path)

    @property
    def running(self) -> bool:
        return self._token is not None

    # ---- commands ---------------------------------------------------------------------------
    def start(self) -> None:
        """Begin a new export (nothing of it exists on the backend yet)."""
        self._launch(fresh=True)

    def resume(self) -> None:
        """Continue an export found in a reopened project: follow its job, download the rest."""
        if self.record.backend_job_id or self.record.output_url:
            self._launch(fresh=False)
        else:
            self._launch(fresh=True)

    def retry(self) -> None:
        """After a failure: resume the download when the backend had finished, else start over."""
        if self.running:
            return
        if self.record.download_url and (self.record.backend_job_id or self.record.output_url):
            self._launch(fresh=False)
            return
        self._forget_backend_job()
        self._launch(fresh=True)

    def cancel(self) -> None:
        token = self._token
        if token is None:
            return
        token.cancel()
        if self.state in ("compiling", "rendering"):
            self._cancel_backend_job()

    def suspend(self) -> None:
        if self._token is not None:
            self._suspending = True
            self._token.cancel()

    # ---- running ------------------------------------------------------------------------------
    def _launch(self, fresh: bool) -> None:
        if self.path in self.writers:  # an earlier attempt at this file is still stopping
            QTimer.singleShot(WRITER_POLL_MS, self, lambda: self._launch(fresh))
            return
        client = self.client_source()
        if client is None:
            self._fail("the backend is not connected")
            return
        if fresh:
            remove_partials(self.path)  # bytes of an older render must not be resumed into this one
            for name in ("backend_job_id", "output_url", "download_url", "expected_size"):
                setattr(self.record, name, None)
        self.record.error = None
        token = CancelToken()
        self._token = token
        self._suspending = False
        self.fraction, self.seconds_left, self.speed = 0.0, None, None
        self._render_began = time.monotonic()
        self._set_state("queued" if fresh else self.state if self.state in ACTIVE else "rendering")
        plan = Plan(
            final=self.path,
            format=self._format(),
            quality=self._quality(),
            fresh=fresh,
            body=self.body if self.body is not None or not fresh else self._body(),
            job_id=self.record.backend_job_id,
            output_url=self.record.output_url,
            timeline_seconds=self.timeline_seconds,
            started_at=self.record.created_at,
        )
        final, writers = self.path, self.writers
        writers.add(final)
        task = self.runner.run(
            lambda report: run_export(client, plan, token, report),
            on_done=lambda path: self._finished(token, path),
            on_error=lambda exc: self._errored(token, exc),
            on_progress=lambda step: self._step(token, step),
            name=f"export {final.name}",
            owner=self,
        )
        task.ended.connect(lambda: writers.discard(final))  # also when this job is gone

    def _step(self, token: CancelToken, step: object) -> None:
        if token is not self._token or not isinstance(step, Step):
            return
        values = step.values
        if step.kind == "started":
            self.record.backend_job_id = values["job_id"]
            self.record.output_url = values["output_url"]
            self.recordChanged.emit()
        elif step.kind == "state":
            if values["state"] == "downloading":
                self.record.download_url = values["download_url"]
                self.record.expected_size = values["size"]
                self.record.expected_duration = values["duration"]
                self.bytes_total = values["size"]
                self._last_sample = None
            elif values["state"] == "rendering":
                self._render_began = time.monotonic()
            self._set_state(values["state"])
        elif step.kind == "render":
            self._rendered(float(values["fraction"]))
        elif step.kind == "download":
            self._downloaded(int(values["done"]), values["total"])

    def _rendered(self, fraction: float) -> None:
        self.fraction = fraction
        elapsed = time.monotonic() - self._render_began
        # time left from the progress made so far over the wall time it took
        self.seconds_left = elapsed * (1 - fraction) / fraction if fraction > 0.02 and elapsed > 0 else None
        self.changed.emit()

    def _downloaded(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if self._last_sample is not None and now > self._last_sample[0]:
            sample = (done - self._last_sample[1]) / (now - self._last_sample[0])
            self.speed = (
                sample if self.speed is None else self.speed + SPEED_SMOOTHING * (sample - self.speed)
            )
        if self._last_sample is None or now - self._last_sample[0] >= 0.2:
            self._last_sample = (now, done)
        self.bytes_done = done
        self.bytes_total = total
        self.record.bytes_done = done
        self.fraction = done / total if total else 0.0
        self.changed.emit()

    def _finished(self, token: CancelToken, path: object) -> None:
        if token is not self._token:
            return
        self._token = None
        self.fraction = 1.0
        landed = Path(str(path))
        self.record.output_path = str(landed)  # beside the wanted name if that was taken meanwhile
        self.record.bytes_done = landed.stat().st_size if landed.exists() else self.bytes_done
        self._set_state("done")
        self.settled.emit("done")
        self.stopped.emit()

    def _errored(self, token: CancelToken, exc: BaseException) -> None:
        if token is not self._token:
            return
        self._token = None
        if self._suspending:
            self._suspending = False
            self.record.bytes_done = partial_bytes(self.path)
            self.recordChanged.emit()
        elif isinstance(exc, Cancelled) or token.cancelled:
            remove_partials(self.path)
            self._set_state("cancelled")
            self.settled.emit("cancelled")
        else:
            # the user reads a plain reason; the log keeps what actually happened, for a report
            name, kind = self.path.name, type(exc).__name__
            log.warning("export %s failed while %s: %s: %s", name, self.state, kind, exc)
            self._fail(*self._reason(exc))
        self.stopped.emit()

    def _reason(self, exc: BaseException) -> tuple[str, bool]:
        """What to tell the user, and whether Retry can continue the download (else it renders again)."""
        stage = self.state
        if isinstance(exc, ConnectionFailed | RequestTimeout | DownloadIncomplete) and stage == "downloading":
            return f"the download was interrupted ({exc}); Retry continues it", True
        if isinstance(exc, ConnectionFailed | RequestTimeout):
            if stage == "rendering":
                return "the backend stopped while rendering; Retry renders it again", False
            return f"the backend could not be reached ({exc})", False
        if isinstance(exc, NotFoundError) and stage in ("rendering", "downloading"):
            return "the backend no longer knows this export; Retry renders it again", False
        if isinstance(exc, ExportCheckFailed):
            return f"the downloaded file failed its check: {exc}", False
        return str(getattr(exc, "reason", None) or exc) or type(exc).__name__, False

    def _fail(self, reason: str, resumable: bool = False) -> None:
        if not resumable:
            remove_partials(self.path)
            self.record.download_url = None  # the next try starts from a new render
        self.record.error = reason
        self._set_state("failed")
        self.settled.emit("failed")

    def _set_state(self, state: str) -> None:
        self.record.state = state
        self.changed.emit()
        self.recordChanged.emit()

    # ---- the backend's side --------------------------------------------------------------------
    def _cancel_backend_job(self) -> None:
        client = self.client_source()
        target = self.record.output_url or self.record.backend_job_id
        if client is None or not target:
            return
        url = job_url(client, self.record.output_url, self.record.backend_job_id)
        # best effort: a job that already settled answers 409, a restarted backend 404
        self.runner.run(lambda _r: client.cancel_job(url), on_error=lambda _e: None, name="cancel export job")

    def _forget_backend_job(self) -> None:
        if self.record.backend_job_id or self.record.output_url:
            self._cancel_backend_job()  # a restarted backend may be rendering it again: not wanted now

    def _body(self) -> dict[str, Any] | None:
        return self.body_source() if self.body_source is not None else None

    def _format(self) -> ExportFormat:
        fmt = self.record.format
        return fmt if fmt in ("mp4", "webm", "avi") else "mp4"  # type: ignore[return-value]

    def _quality(self) -> Quality:
        quality = self.record.quality
        return quality if quality in ("low", "medium", "high") else "high"  # type: ignore[return-value]
