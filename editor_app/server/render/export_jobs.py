"""Export jobs: state in SQLite, one render at a time on a worker thread, survivable restarts.

A job is `processing` from creation until it is `done`, `failed` (with the reason) or
`cancelled`. The worker takes the oldest processing job, so after a restart every job that
was queued or half-rendered is simply rendered again from the start (its partial `.part`
output never counted). A job whose timeline or sources are gone fails with that reason.

A full disk fails the job with "the disk is full": progress writes are best-effort (a
failed one never stops the render), a job whose final status cannot be written yet is
marked again on every later turn of the queue, and the queue never stops for it.
"""

from __future__ import annotations

import errno
import logging
import secrets
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor_app.server.errors import RenderCancelled, ShuttingDown
from editor_app.server.render.export import FileRender, RenderedFile

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    timeline_id TEXT NOT NULL,
    format TEXT NOT NULL,
    quality TEXT NOT NULL,
    status TEXT NOT NULL,
    progress REAL NOT NULL DEFAULT 0,
    error TEXT,
    output_name TEXT,
    size INTEGER,
    duration REAL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (status, created_at);
"""
_COLUMNS = "id, timeline_id, format, quality, status, progress, error, output_name, size, duration"
PROGRESS_WRITE_INTERVAL_S = 0.25
DISK_FULL_BELOW_BYTES = 4 * 1024 * 1024  # a render that failed with less free than this ran out of disk

Connect = Callable[[], AbstractContextManager[sqlite3.Connection]]


@dataclass(frozen=True)
class Job:
    id: str
    timeline_id: str
    format: str
    quality: str
    status: str
    progress: float
    error: str | None
    output_name: str | None
    size: int | None
    duration: float | None

    @property
    def settled(self) -> bool:
        return self.status != "processing"


class JobStore:
    def __init__(self, connect: Connect) -> None:
        self.connect = connect
        with connect() as conn:
            conn.executescript(SCHEMA)

    def create(self, timeline_id: str, fmt: str, quality: str) -> Job:
        job_id = "job-" + secrets.token_hex(8)
        now = time.time()
        with self.connect() as conn:
            conn.execute(
                "INSERT INTO jobs (id, timeline_id, format, quality, status, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, 'processing', ?, ?)",
                (job_id, timeline_id, fmt, quality, now, now),
            )
        job = self.get(job_id)
        assert job is not None
        return job

    def get(self, job_id: str) -> Job | None:
        with self.connect() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return None if row is None else Job(*tuple(row))

    def next_pending(self, skip: set[str]) -> Job | None:
        with self.connect() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM jobs WHERE status = 'processing' ORDER BY created_at"
            ).fetchall()
        for row in rows:
            if row[0] not in skip:
                return Job(*tuple(row))
        return None

    def update(self, job_id: str, only_if_processing: bool = True, **fields: Any) -> bool:
        """Change a job; by default only while it is still processing (a cancel wins races)."""
        assignments = ", ".join(f"{name} = ?" for name in fields)
        condition = " AND status = 'processing'" if only_if_processing else ""
        with self.connect() as conn:
            cursor = conn.execute(
                f"UPDATE jobs SET {assignments}, updated_at = ? WHERE id = ?{condition}",
                (*fields.values(), time.time(), job_id),
            )
        return cursor.rowcount == 1


RenderFactory = Callable[[Job, Callable[[float], None]], FileRender]


class JobRunner:
    """Runs processing jobs one at a time; `cancel`, `wait_settled` and `shutdown` from any thread."""

    def __init__(self, jobs: JobStore, make_render: RenderFactory, space_dir: Path | None = None) -> None:
        self.jobs = jobs
        self.make_render = make_render
        self.space_dir = space_dir  # where renders write: a failure with it full says "disk is full"
        self._changed = threading.Condition()
        self._stopping = False
        self._current: tuple[str, FileRender] | None = None
        self._thread: threading.Thread | None = None
        # jobs whose final status could not be written yet (a full disk): never rendered again
        # here, their status written again on every turn until it sticks
        self._broken: dict[str, str] = {}
        self._niceness = 0

    def start(self) -> None:
        with self._changed:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="export-jobs", daemon=True)
                self._thread.start()

    def submit(self, timeline_id: str, fmt: str, quality: str) -> Job:
        job = self.jobs.create(timeline_id, fmt, quality)
        self.start()
        self._notify()
        return job

    def cancel(self, job_id: str) -> bool:
        """True if the job was still processing and is now cancelled (its ffmpeg killed)."""
        cancelled = self.jobs.update(job_id, status="cancelled", error="cancelled on request")
        with self._changed:
            current = self._current
        if cancelled and current is not None and current[0] == job_id:
            current[1].cancel()
        self._notify()
        return cancelled

    def set_niceness(self, niceness: int) -> None:
        """CPU priority of export renders (lowered while previews render)."""
        with self._changed:
            self._niceness = niceness
            current = self._current
        if current is not None:
            current[1].set_niceness(niceness)

    def wait_settled(self, job_id: str, timeout: float) -> Job | None:
        deadline = time.monotonic() + timeout
        while True:
            job = self.jobs.get(job_id)
            remaining = deadline - time.monotonic()
            if job is None or job.settled or remaining <= 0:
                return job
            with self._changed:
                self._changed.wait(min(remaining, 0.2))

    def shutdown(self) -> None:
        """Stop the worker and kill its ffmpeg; the job stays processing, so it resumes on start."""
        with self._changed:
            self._stopping = True
            current = self._current
            self._changed.notify_all()
        if current is not None:
            current[1].cancel()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _notify(self) -> None:
        with self._changed:
            self._changed.notify_all()

    def _loop(self) -> None:
        while True:
            with self._changed:
                if self._stopping:
                    return
            self._settle_broken()
            try:
                job = self.jobs.next_pending(set(self._broken))
            except sqlite3.Error:
                log.exception("cannot read the export queue")
                job = None
            if job is None:
                with self._changed:
                    if not self._stopping:
                        self._changed.wait(1.0)
                continue
            try:
                self._run(job)
            except Exception as exc:  # a bug or a full disk must not stop the queue: record it, go on
                log.exception("export job %s crashed", job.id)
                full = self._disk_full(exc)
                self._fail(job.id, full or "internal error while rendering")
            self._notify()

    def _fail(self, job_id: str, reason: str) -> None:
        try:
            self.jobs.update(job_id, status="failed", error=reason)  # False: cancelled meanwhile, fine
            self._broken.pop(job_id, None)
            return
        except sqlite3.Error:
            log.warning("cannot mark export job %s failed yet (%s); trying again later", job_id, reason)
        self._broken[job_id] = reason

    def _settle_broken(self) -> None:
        for job_id, reason in list(self._broken.items()):
            self._fail(job_id, reason)

    def _disk_full(self, exc: BaseException) -> str | None:
        """'the disk is full ...' when `exc` (or the free space where renders write) says so."""
        text = str(exc).lower()
        said = "disk is full" in text or "no space left" in text
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            said = True
        if not said and self.space_dir is not None:
            try:
                said = shutil.disk_usage(self.space_dir).free < DISK_FULL_BELOW_BYTES
            except OSError:
                pass
        if not said:
            return None
        # no path in the message: clients see it, and the data dir is the server's business
        return "the disk is full: free some space and export again"

    def _run(self, job: Job) -> None:
        last_write = 0.0

        def on_progress(fraction: float) -> None:
            nonlocal last_write
            now = time.monotonic()
            if now - last_write >= PROGRESS_WRITE_INTERVAL_S:
                last_write = now
                try:
                    self.jobs.update(job.id, progress=fraction)
                except sqlite3.Error as exc:  # progress is best-effort; the render goes on
                    log.warning("export job %s: progress not recorded (%s)", job.id, exc)
                self._notify()

        self.jobs.update(job.id, progress=0.0, error=None)
        try:
            render = self.make_render(job, on_progress)
        except Exception as exc:  # missing timeline or source: the reason goes to the user
            self._fail(job.id, self._disk_full(exc) or _reason(exc))
            return
        with self._changed:
            if self._stopping:
                return
            self._current = (job.id, render)
            render.niceness = self._niceness
        try:
            result: RenderedFile = render.run()
        except RenderCancelled:
            return  # cancelled (status already set) or shutting down (stays processing)
        except ShuttingDown:  # the app's tools are stopping: so does this worker; the job stays owed
            with self._changed:
                self._stopping = True
            return
        except Exception as exc:
            render.cancel()  # whatever went wrong, its ffmpeg ends with it
            self._fail(job.id, self._disk_full(exc) or _reason(exc))
            return
        finally:
            with self._changed:
                self._current = None
        self.jobs.update(
            job.id,
            status="done",
            progress=1.0,
            output_name=result.path.name,
            size=result.size,
            duration=result.duration,
        )


def remove_partial_exports(exports_dir: Path) -> int:
    """Remove the partial files and work folders of renders a dead server left (how many)."""
    removed = 0
    for leftover in [*exports_dir.glob("*.part"), *exports_dir.glob("*.log"), *exports_dir.glob("work-*")]:
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
        removed += 1
    return removed


def _reason(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc)
    return message or type(exc).__name__
