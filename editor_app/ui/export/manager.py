"""The exports of the open project: starting them, resuming them, saving them with the project.

The manager follows the window's document. Opening a project lists its exports; those still
in flight resume (as soon as a backend is connected). Replacing the document suspends the
running ones (the backend keeps rendering, the partial download stays) after their records
were written to the project file, see `persistence.py`. Several exports run at once.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from editor_app.api.client import VideoDBClient
from editor_app.model.project.files import ExportJobRecord
from editor_app.ui.document import Document
from editor_app.ui.export.job import ACTIVE, ExportJob, FilesBeingWritten
from editor_app.ui.export.persistence import patch_exports, prune, records_json
from editor_app.ui.workers import TaskRunner
from editor_app.wire import ExportFormat, Quality

log = logging.getLogger(__name__)
SAVE_DELAY_MS = 300  # records changing in a burst are written once


class ExportManager(QObject):
    jobAdded = Signal(object)  # ExportJob
    jobRemoved = Signal(object)  # ExportJob
    summaryChanged = Signal(str)
    notify = Signal(str)  # an export finished or failed: worth telling the user

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.client: VideoDBClient | None = None
        self.document: Document | None = None
        self.jobs: list[ExportJob] = []
        self.writers = FilesBeingWritten()  # outlives the jobs: a dropped job's worker may still write
        self._waiting: list[ExportJob] = []  # to resume once a backend is connected
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_records)
        app = QCoreApplication.instance()
        if app is not None:  # quitting: stop following, keep what the backend and the disk hold
            app.aboutToQuit.connect(self.suspend_all)

    # ---- the window's state -------------------------------------------------------------------
    def set_client(self, client: VideoDBClient | None) -> None:
        self.client = client
        if client is not None:
            waiting, self._waiting = self._waiting, []
            for job in waiting:
                if job.state in ACTIVE and not job.running:
                    job.resume()

    def set_document(self, document: Document) -> None:
        if document is self.document:
            return
        old = self.document
        if old is not None:
            for job in self.jobs:
                if old.path is None:  # nothing to reopen it from: end the export cleanly
                    job.cancel()
                else:
                    job.suspend()
            self.save_records()
        for job in list(self.jobs):
            self._drop(job)
        self.document = document
        if old is not None and old.path is not None and document.path == old.path:
            # the same file again: the records in memory are newer than the ones it was read with
            document.project.exports = [record.model_copy() for record in old.project.exports]
        records = prune(document.project.exports)
        document.project.exports = records
        for record in records:
            job = self._add(record, None)
            if record.state in ACTIVE:
                self._waiting.append(job)
        self.set_client(self.client)
        self._summarise()

    # ---- commands -------------------------------------------------------------------------------
    def start(
        self,
        path: Path,
        fmt: ExportFormat,
        quality: Quality,
        body: dict[str, Any],
        seconds: float | None = None,
    ) -> ExportJob:
        assert self.document is not None
        record = ExportJobRecord(output_path=str(path), format=fmt, quality=quality)
        self.document.project.exports.append(record)
        job = self._add(record, body, seconds)
        job.start()
        return job

    def busy_paths(self) -> set[Path]:
        return {job.path for job in self.jobs if job.running}

    def clear_finished(self) -> None:
        for job in [j for j in self.jobs if j.state in ("done", "failed", "cancelled") and not j.running]:
            if self.document is not None and job.record in self.document.project.exports:
                self.document.project.exports.remove(job.record)
            self._drop(job)
        self._schedule_save()
        self._summarise()

    def suspend_all(self) -> None:
        """The app quits: stop following, keep the backend jobs and partial files, write the records now."""
        for job in self.jobs:
            job.suspend()
        self.save_records(wait=True)

    # ---- saving -------------------------------------------------------------------------------
    def save_records(self, wait: bool = False) -> None:
        """Patch the records into the project file; `wait` writes at once (the process is ending)."""
        self._save_timer.stop()
        document = self.document
        if document is None or document.path is None:
            return
        path, records = document.path, records_json(document.project.exports)
        if wait:
            patch_exports(path, records)
        else:
            self.runner.run(lambda _r: patch_exports(path, records), name="record export jobs")

    def _schedule_save(self) -> None:
        self._save_timer.start()

    # ---- jobs -----------------------------------------------------------------------------------
    def _add(
        self, record: ExportJobRecord, body: dict[str, Any] | None, seconds: float | None = None
    ) -> ExportJob:
        job = ExportJob(
            record,
            self.runner,
            lambda: self.client,
            self.writers,
            body=body,
            timeline_seconds=seconds if seconds is not None else record.expected_duration,
            body_source=self._current_body,
            parent=self,
        )
        job.recordChanged.connect(self._schedule_save)
        job.changed.connect(self._summarise)
        job.settled.connect(lambda outcome, j=job: self._settled(j, outcome))
        self.jobs.append(job)
        self.jobAdded.emit(job)
        return job

    def _drop(self, job: ExportJob) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
        if job in self._waiting:
            self._waiting.remove(job)
        self.jobRemoved.emit(job)
        job.recordChanged.disconnect(self._schedule_save)
        job.changed.disconnect(self._summarise)
        if job.running:  # it still has to clean up after its worker stops
            job.stopped.connect(job.deleteLater)
        else:
            job.deleteLater()

    def _settled(self, job: ExportJob, outcome: str) -> None:
        if outcome == "done":
            self.notify.emit(f"Export finished: {job.path}")
        elif outcome == "failed":
            self.notify.emit(f"Export of {job.path.name} failed: {job.record.error}")
        self._summarise()

    def _current_body(self) -> dict[str, Any] | None:
        # a job found in a reopened project renders the project's timeline if it must start over
        document = self.document
        if document is None or not document.timeline.clip_count:
            return None
        return document.timeline.to_editor_json()

    def summary(self) -> str:
        active = [j for j in self.jobs if j.state in ACTIVE and j.running]
        if not active:
            return ""
        if len(active) == 1:
            job = active[0]
            return f"Exporting {job.path.name}: {job.state} {job.fraction * 100:.0f}%"
        average = sum(j.fraction for j in active) / len(active)
        return f"{len(active)} exports running, {average * 100:.0f}%"

    def _summarise(self) -> None:
        self.summaryChanged.emit(self.summary())
