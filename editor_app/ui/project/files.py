"""The project file commands: new, open, save, save as; unsaved-changes questions, autosave and
recovery, recent files.

Disk work runs on the TaskRunner. The GUI thread only serialises the project (a consistent
snapshot of a model that keeps changing while the worker writes) and shows dialogs. Saving
marks the history clean only if no edit happened while the file was being written.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QStyle

from editor_app.model import ModelError, ProjectFileError
from editor_app.model.project.atomic_file import atomic_write_text
from editor_app.model.project.autosave import Autosaver
from editor_app.model.project.files import (
    Project,
    load_project,
    project_from_json,
    project_to_json,
    save_project,
)
from editor_app.ui.commands.table import Command, MenuPlace, ToolbarPlace
from editor_app.ui.document import Document, new_project
from editor_app.ui.export.persistence import PROJECT_FILE_LOCK
from editor_app.ui.playback.transport import Transport
from editor_app.ui.preferences.general import apply_autosave_interval, autosave_interval
from editor_app.ui.session import Session
from editor_app.ui.workers import Report

log = logging.getLogger(__name__)
PROJECT_FILTER = "VideoDB editor projects (*.vdbproj);;All files (*)"
MAX_RECENT = 10
AUTOSAVE_POLL_MS = 500
Answer = QMessageBox.StandardButton


class ProjectFiles(QObject):
    recentChanged = Signal(list)  # list[Path], newest first

    def __init__(
        self,
        session: Session,
        settings: QSettings,
        transport: Transport,
        selection: Callable[[], list[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.transport = transport
        self.selection = selection  # the canvas' selected clip ids, saved with the project
        # the timeline's zoom (px per second) and scroll (ticks at the left edge), saved too
        self.view_state: Callable[[], tuple[float | None, int]] = lambda: (None, 0)
        self.autosaver = Autosaver()
        self._autosave_failing = (
            False  # the dialog about a failing autosave is shown once per run of failures
        )
        apply_autosave_interval(self.autosaver, autosave_interval(settings))
        session.changed.connect(self.note_change_for_autosave)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_POLL_MS)
        self._autosave_timer.timeout.connect(self.autosave_if_due)
        self._autosave_timer.start()

    # ---- unsaved changes ------------------------------------------------------------------
    def confirm_discard(self, doing: str) -> bool:
        """True when it is fine to drop the current document (saved, discarded or clean)."""
        document = self.session.document
        if not document.modified:
            return True
        prompts = self.session.prompts
        answer = prompts.ask_unsaved(document.name, doing)
        if answer == Answer.Cancel:
            return False
        if answer == Answer.Save:
            path = document.path or prompts.ask_path("Save Project", PROJECT_FILTER, save=True)
            if path is None:
                return False
            try:  # synchronous on purpose: the window is about to go away
                save_project(document.snapshot(), path)
            except (OSError, ModelError) as exc:
                prompts.report_error("Could not save", str(exc))
                return False
            document.path = path
            document.history.mark_clean()
        return True

    # ---- new / open ---------------------------------------------------------------------------
    def new_project(self) -> None:
        if self.confirm_discard("starting a new project"):
            self.discard_recovery()
            self.session.set_document(Document(new_project()))

    def open_project(self) -> None:
        if not self.confirm_discard("opening another project"):
            return
        path = self.session.prompts.ask_path("Open Project", PROJECT_FILTER, save=False)
        if path is not None:
            self.open_path(path, confirmed=True)

    def open_path(self, path: Path, confirmed: bool = False) -> None:
        if not confirmed and not self.confirm_discard("opening another project"):
            return
        path = Path(path)
        recovery = self.autosaver.recovery_for(path)
        session = self.session

        def work(_report: Report) -> tuple[Project, Project | None]:
            project = load_project(path)
            recovered = None
            if recovery is not None:
                try:
                    recovered = load_project(recovery)
                except ModelError:
                    recovered = None  # a broken recovery copy is not worth a question
            return project, recovered

        def done(value: tuple[Project, Project | None]) -> None:
            project, recovered = value
            if recovered is not None and session.prompts.offer_recovery(path.name):
                document = Document(recovered, path)
                document.history.clear()
                session.set_document(document)
                session.prompts.status(f"Recovered unsaved changes of {path.name}", 8000)
                self._force_modified()
            else:
                if recovered is not None:
                    self.autosaver.discard(path)  # declined: do not ask again next time
                session.set_document(Document(project, path))
            self._remember_recent(path)
            self.transport.seek(project.playhead)  # the canvas follows the transport

        session.runner.run(
            work, on_done=done, on_error=lambda e: session.prompts.report_error("Could not open", str(e))
        )

    def recover_from(self, recovery: Path) -> None:
        """Open an autosaved copy of an untitled project (after a crash) as unsaved work."""
        session = self.session

        def done(project: Project) -> None:
            session.set_document(Document(project))
            self._force_modified()
            session.prompts.status("Recovered unsaved work", 8000)

        session.runner.run(
            lambda _r: load_project(recovery),
            on_done=done,
            on_error=lambda e: session.prompts.report_error("Could not recover", str(e)),
        )

    def _force_modified(self) -> None:
        """A recovered copy differs from the file on disk: show it as unsaved."""
        self.session.document.recovered = True
        self.session.touch()

    # ---- save -----------------------------------------------------------------------------------
    def save(self) -> None:
        path = self.session.document.path
        if path is None:
            self.save_as()
        else:
            self.save_to(path)

    def save_as(self) -> None:
        path = self.session.prompts.ask_path("Save Project As", PROJECT_FILTER, save=True)
        if path is not None:
            if path.suffix != ".vdbproj":
                path = path.with_suffix(".vdbproj")
            self.save_to(path)

    def save_to(self, path: Path) -> None:
        session = self.session
        document = session.document
        snapshot = document.snapshot()
        transport = self.transport
        snapshot.playhead = transport.position
        snapshot.in_point, snapshot.out_point = transport.mark_in, transport.mark_out
        snapshot.selection = list(self.selection())
        snapshot.zoom, snapshot.scroll = self.view_state()
        try:
            text = project_to_json(snapshot, str(path))  # the consistent snapshot; the worker writes it
        except ProjectFileError as exc:  # a value no file can hold: say which, save nothing
            session.prompts.report_error("Could not save", str(exc))
            return
        revision = document.history.revision  # goes up on every change, merged slider steps too

        def work(_report: Report) -> None:
            try:
                with PROJECT_FILE_LOCK:  # export bookkeeping patches the same file (ui/export/persistence.py)
                    atomic_write_text(path, text)
            except OSError as exc:
                raise ProjectFileError(str(path), f"could not save: {exc.strerror or exc}") from exc

        def done(_value: object) -> None:
            old_path = document.path
            document.path = path
            if document.history.revision == revision:
                document.history.mark_clean()
                document.recovered = False
            self.autosaver.discard(old_path or path)
            self._remember_recent(path)
            if document is session.document:
                session.touch()
            session.prompts.status(f"Saved {path}", 4000)

        session.runner.run(
            work, on_done=done, on_error=lambda e: session.prompts.report_error("Could not save", str(e))
        )

    # ---- autosave and recovery ------------------------------------------------------------------
    def note_change_for_autosave(self) -> None:
        if self.session.document.modified:
            self.autosaver.note_change(time.monotonic())

    def autosave_if_due(self) -> None:
        document = self.session.document
        if not self.autosaver.due(time.monotonic()):
            return
        source = document.path
        autosaver = self.autosaver
        try:
            text = project_to_json(document.snapshot(), "the recovery copy")
        except ProjectFileError as exc:
            self._autosave_failed(exc)
            return

        def work(_report: Report) -> None:
            autosaver.write(project_from_json(text), source)

        self.session.runner.run(
            work, name="autosave", on_done=self._autosave_worked, on_error=self._autosave_failed
        )

    def _autosave_failed(self, exc: BaseException) -> None:
        """Never silent: the status bar every time, a dialog the first time in a row."""
        message = f"Autosave failed, recent edits are not protected: {exc}"
        if self._autosave_failing:
            self.session.prompts.status(message, 10000)
        else:
            self._autosave_failing = True
            self.session.prompts.report_error("Autosave failed", message)

    def _autosave_worked(self, _value: object) -> None:
        self._autosave_failing = False

    def write_recovery_now(self) -> Path | None:
        """At a termination signal (a logout): the unsaved document's recovery copy, written on
        this thread because the process is about to exit; None when there was nothing unsaved
        or it could not be written (logged: there is nobody left to show it to)."""
        document = self.session.document
        if not document.modified:
            return None
        try:
            return self.autosaver.write(document.snapshot(), document.path)
        except (OSError, ModelError) as exc:
            log.error("could not write the recovery copy at exit: %s", exc)
            return None

    def discard_recovery(self) -> None:
        """The user closed or replaced the document on purpose: its recovery copy has no use."""
        self.autosaver.discard(self.session.document.path)

    # ---- recent files ---------------------------------------------------------------------------
    def recent_paths(self) -> list[Path]:
        raw = self.settings.value("recent/files", [])
        values = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list | tuple) else []
        return [Path(p) for p in values if Path(p).exists()]

    def _remember_recent(self, path: Path) -> None:
        paths = [str(path.resolve())] + [str(p) for p in self.recent_paths() if p.resolve() != path.resolve()]
        self.settings.setValue("recent/files", paths[:MAX_RECENT])
        self.recentChanged.emit(self.recent_paths())


NEW_OPEN, SAVING = MenuPlace("&File", 0), MenuPlace("&File", 1)
PIXMAP = QStyle.StandardPixmap
PROJECT_COMMANDS: tuple[Command[ProjectFiles], ...] = (
    Command("file.new", "New Project", "File", ProjectFiles.new_project, ("Ctrl+N",), NEW_OPEN,
            toolbar=ToolbarPlace(0, PIXMAP.SP_FileIcon)),
    Command("file.open", "Open Project…", "File", ProjectFiles.open_project, ("Ctrl+O",), NEW_OPEN,
            toolbar=ToolbarPlace(0, PIXMAP.SP_DialogOpenButton)),
    Command("file.save", "Save", "File", ProjectFiles.save, ("Ctrl+S",), SAVING,
            toolbar=ToolbarPlace(0, PIXMAP.SP_DialogSaveButton)),
    Command("file.save_as", "Save As…", "File", ProjectFiles.save_as, ("Ctrl+Shift+S",), SAVING),
)  # fmt: skip
