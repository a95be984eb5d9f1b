"""File commands of the main window (a mixin of MainWindow): new, open, save, import and export.

Disk work runs on the TaskRunner. The GUI thread only serialises the project (a consistent
snapshot of a model that keeps changing while the worker writes) and shows dialogs. Saving
marks the history clean only if no edit happened while the file was being written.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtCore import QTimerEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from editor_app.model import ModelError, ProjectFileError, Timeline
from editor_app.model.interchange.otio import read_otio, write_otio
from editor_app.model.interchange.sdk_code import to_sdk_python
from editor_app.model.project.atomic_file import atomic_write_text
from editor_app.model.project.autosave import Autosaver
from editor_app.model.project.files import (
    Project,
    load_project,
    project_from_json,
    project_to_json,
    save_project,
)
from editor_app.ui.document import Document, new_project
from editor_app.ui.export.persistence import PROJECT_FILE_LOCK
from editor_app.ui.window.window_base import WindowBase
from editor_app.ui.workers import Report

PROJECT_FILTER = "VideoDB editor projects (*.vdbproj);;All files (*)"
OTIO_FILTER = "OpenTimelineIO (*.otio);;All files (*)"
JSON_FILTER = "Editor timeline JSON (*.json);;All files (*)"
MAX_RECENT = 10
Answer = QMessageBox.StandardButton


class FileCommands(WindowBase):
    # ---- set-up -------------------------------------------------------------------------------
    def init_file_commands(self) -> None:
        self.autosaver = Autosaver()
        self.edited.connect(self.note_change_for_autosave)
        self._autosave_timer_id = self.startTimer(500)
        self._refresh_recent()

    def timerEvent(self, event: QTimerEvent) -> None:
        if event.timerId() == self._autosave_timer_id:
            self.autosave_if_due()
        else:
            super().timerEvent(event)

    # ---- dialogs (tests replace these) ----------------------------------------------------------
    def ask_unsaved(self, doing: str) -> Answer:
        name = self.document.name if self.document else "the project"
        return QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save the changes to “{name}” before {doing}?",
            Answer.Save | Answer.Discard | Answer.Cancel,
            Answer.Save,
        )

    # ---- unsaved changes ------------------------------------------------------------------
    def confirm_discard(self, doing: str) -> bool:
        """True when it is fine to drop the current document (saved, discarded or clean)."""
        document = self.document
        if document is None or not document.modified:
            return True
        answer = self.ask_unsaved(doing)
        if answer == Answer.Cancel:
            return False
        if answer == Answer.Save:
            path = document.path or self.ask_path("Save Project", PROJECT_FILTER, save=True)
            if path is None:
                return False
            try:  # synchronous on purpose: the window is about to go away
                save_project(document.snapshot(), path)
            except (OSError, ModelError) as exc:
                self.report_error("Could not save", str(exc))
                return False
            document.path = path
            document.history.mark_clean()
        return True

    # ---- new / open ---------------------------------------------------------------------------
    def new_project(self) -> None:
        if self.confirm_discard("starting a new project"):
            self.discard_recovery()
            self.set_document(Document(new_project()))

    def open_project(self) -> None:
        if not self.confirm_discard("opening another project"):
            return
        path = self.ask_path("Open Project", PROJECT_FILTER, save=False)
        if path is not None:
            self.open_path(path, confirmed=True)

    def open_path(self, path: Path, confirmed: bool = False) -> None:
        if not confirmed and not self.confirm_discard("opening another project"):
            return
        path = Path(path)
        recovery = self.autosaver.recovery_for(path)

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
            document = Document(project, path)
            if recovered is not None and self.offer_recovery(path.name):
                document = Document(recovered, path)
                document.history.clear()
                self.set_document(document)
                self.statusBar().showMessage(f"Recovered unsaved changes of {path.name}", 8000)
                self._force_modified()
            else:
                if recovered is not None:
                    self.autosaver.discard(path)  # declined: do not ask again next time
                self.set_document(document)
            self._remember_recent(path)
            self.project_opened(project)

        self.runner.run(work, on_done=done, on_error=lambda e: self.report_error("Could not open", str(e)))

    def recover_from(self, recovery: Path) -> None:
        """Open an autosaved copy of an untitled project (after a crash) as unsaved work."""

        def done(project: Project) -> None:
            self.set_document(Document(project))
            self._force_modified()
            self.statusBar().showMessage("Recovered unsaved work", 8000)

        self.runner.run(
            lambda _r: load_project(recovery),
            on_done=done,
            on_error=lambda e: self.report_error("Could not recover", str(e)),
        )

    def offer_recovery(self, name: str) -> bool:
        answer = QMessageBox.question(
            self,
            "Recover unsaved changes?",
            f"An autosaved copy of “{name}” is newer than the file (the editor did not close cleanly). "
            "Open the autosaved copy?",
        )
        return answer == Answer.Yes

    def _force_modified(self) -> None:
        """A recovered copy differs from the file on disk: show it as unsaved."""
        if self.document is not None:
            self.document.recovered = True
            self.setWindowModified(True)

    def project_opened(self, project: Project) -> None:
        """Hook after a project is shown: the media it references get known to the canvas."""
        if self.canvas is not None:
            self.canvas.set_playhead(project.playhead)
            self.transport.seek(project.playhead)

    # ---- save -----------------------------------------------------------------------------------
    def save(self) -> None:
        if self.document is None:
            return
        if self.document.path is None:
            self.save_as()
        else:
            self.save_to(self.document.path)

    def save_as(self) -> None:
        path = self.ask_path("Save Project As", PROJECT_FILTER, save=True)
        if path is not None:
            if path.suffix != ".vdbproj":
                path = path.with_suffix(".vdbproj")
            self.save_to(path)

    def save_to(self, path: Path) -> None:
        document = self.document
        if document is None:
            return
        snapshot = document.snapshot()
        snapshot.playhead = self.transport.position
        snapshot.in_point, snapshot.out_point = self.transport.mark_in, self.transport.mark_out
        if self.canvas is not None:
            snapshot.selection = list(self.canvas.selected_clip_ids())
        text = project_to_json(snapshot)  # the consistent snapshot; the worker only writes it
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
            self._history_changed(document)
            self.statusBar().showMessage(f"Saved {path}", 4000)

        self.runner.run(work, on_done=done, on_error=lambda e: self.report_error("Could not save", str(e)))

    # ---- autosave and recovery ------------------------------------------------------------------
    def note_change_for_autosave(self) -> None:
        if hasattr(self, "autosaver") and self.document is not None and self.document.modified:
            self.autosaver.note_change(time.monotonic())

    def autosave_if_due(self) -> None:
        document = self.document
        if document is None or not self.autosaver.due(time.monotonic()):
            return
        text = project_to_json(document.snapshot())
        source = document.path
        autosaver = self.autosaver

        def work(_report: Report) -> None:
            autosaver.write(project_from_json(text), source)

        self.runner.run(work, name="autosave")

    def discard_recovery(self) -> None:
        """The user closed or replaced the document on purpose: its recovery copy has no use."""
        if self.document is not None and hasattr(self, "autosaver"):
            self.autosaver.discard(self.document.path)

    # ---- recent files ---------------------------------------------------------------------------
    def recent_paths(self) -> list[Path]:
        raw = self.settings.value("recent/files", [])
        values = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list | tuple) else []
        return [Path(p) for p in values if Path(p).exists()]

    def _remember_recent(self, path: Path) -> None:
        paths = [str(path.resolve())] + [str(p) for p in self.recent_paths() if p.resolve() != path.resolve()]
        self.settings.setValue("recent/files", paths[:MAX_RECENT])
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        self.menu_actions.set_recent(self.recent_paths(), lambda p: self.open_path(p))

    # ---- interchange ------------------------------------------------------------------------------
    def import_media(self) -> None:
        self.media_bin.choose_files()

    def _replace_timeline(self, timeline: Timeline, name: str) -> None:
        if self.document is not None:
            timeline.media = {**self.document.timeline.media, **timeline.media}
        self.set_document(Document(Project(name=name, timeline=timeline)))
        self.document.history.clear()  # type: ignore[union-attr]
        self._force_modified()

    def import_otio(self) -> None:
        if not self.confirm_discard("importing a timeline"):
            return
        path = self.ask_path("Import OpenTimelineIO", OTIO_FILTER, save=False)
        if path is None:
            return
        self.runner.run(
            lambda _r: read_otio(path),
            on_done=lambda t: self._replace_timeline(t, path.stem),
            on_error=lambda e: self.report_error("Could not import", f"{path.name}: {e}"),
        )

    def export_otio(self) -> None:
        path = self.ask_path("Export OpenTimelineIO", OTIO_FILTER, save=True)
        if path is None or self.document is None:
            return
        timeline = Timeline.model_validate(self.document.timeline.model_dump())  # snapshot for the worker
        self.runner.run(
            lambda _r: write_otio(timeline, path),
            on_done=lambda _v: self.statusBar().showMessage(f"Exported {path}", 4000),
            on_error=lambda e: self.report_error("Could not export", str(e)),
        )

    def import_editor_json(self) -> None:
        if not self.confirm_discard("importing a timeline"):
            return
        path = self.ask_path("Import Editor JSON", JSON_FILTER, save=False)
        if path is None:
            return
        self.runner.run(
            lambda _r: Timeline.from_editor_json(json.loads(path.read_text(encoding="utf-8"))),
            on_done=lambda t: self._replace_timeline(t, path.stem),
            on_error=lambda e: self.report_error("Could not import", f"{path.name}: {e}"),
        )

    def export_editor_json(self) -> None:
        path = self.ask_path("Export Editor JSON", JSON_FILTER, save=True)
        if path is None or self.document is None:
            return
        text = json.dumps(self.document.timeline.to_editor_json(), indent=2)
        self.runner.run(
            lambda _r: path.write_text(text, encoding="utf-8"),
            on_done=lambda _v: self.statusBar().showMessage(f"Exported {path}", 4000),
            on_error=lambda e: self.report_error("Could not export", str(e)),
        )

    def copy_sdk_code(self) -> None:
        if self.document is None:
            return
        QApplication.clipboard().setText(to_sdk_python(self.document.timeline))
        self.statusBar().showMessage("Copied the timeline as Python code using videodb.editor", 4000)
