"""Other timeline formats: import and export OpenTimelineIO and editor JSON, copy as SDK code.

An imported timeline replaces the document (after the unsaved-changes question) and is shown as
unsaved; files are read and written on the TaskRunner.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from editor_app.model import Timeline
from editor_app.model.interchange.otio import read_otio, write_otio
from editor_app.model.interchange.sdk_code import to_sdk_python
from editor_app.model.project.files import Project
from editor_app.ui.commands.table import Command, MenuPlace
from editor_app.ui.document import Document
from editor_app.ui.project.files import ProjectFiles
from editor_app.ui.session import Session

OTIO_FILTER = "OpenTimelineIO (*.otio);;All files (*)"
JSON_FILTER = "Editor timeline JSON (*.json);;All files (*)"


def read_editor_json(path: Path) -> Timeline:
    return Timeline.from_editor_json(json.loads(path.read_text(encoding="utf-8")))


class Interchange:
    def __init__(self, session: Session, files: ProjectFiles) -> None:
        self.session = session
        self.files = files

    def _replace_timeline(self, timeline: Timeline, name: str) -> None:
        session = self.session
        timeline.media = {**session.document.timeline.media, **timeline.media}
        document = Document(Project(name=name, timeline=timeline))
        document.history.clear()
        document.recovered = True  # not saved anywhere yet
        session.set_document(document)

    def import_otio(self) -> None:
        self._import("Import OpenTimelineIO", OTIO_FILTER, read_otio)

    def export_otio(self) -> None:
        timeline = Timeline.model_validate(self.session.document.timeline.model_dump())  # for the worker
        self._export("Export OpenTimelineIO", OTIO_FILTER, lambda path: write_otio(timeline, path))

    def import_editor_json(self) -> None:
        self._import("Import Editor JSON", JSON_FILTER, read_editor_json)

    def export_editor_json(self) -> None:
        text = json.dumps(self.session.document.timeline.to_editor_json(), indent=2)
        self._export("Export Editor JSON", JSON_FILTER, lambda path: path.write_text(text, encoding="utf-8"))

    def _import(self, title: str, filters: str, read: Callable[[Path], Timeline]) -> None:
        """Ask for a file, read it on a worker, show it in place of the document."""
        if not self.files.confirm_discard("importing a timeline"):
            return
        prompts = self.session.prompts
        path = prompts.ask_path(title, filters, save=False)
        if path is None:
            return
        self.session.runner.run(
            lambda _r: read(path),
            on_done=lambda t: self._replace_timeline(t, path.stem),
            on_error=lambda e: prompts.report_error("Could not import", f"{path.name}: {e}"),
        )

    def _export(self, title: str, filters: str, write: Callable[[Path], object]) -> None:
        """Ask where, then write there on a worker (`write` works on a snapshot taken already)."""
        prompts = self.session.prompts
        path = prompts.ask_path(title, filters, save=True)
        if path is None:
            return
        self.session.runner.run(
            lambda _r: write(path),
            on_done=lambda _v: prompts.status(f"Exported {path}", 4000),
            on_error=lambda e: prompts.report_error("Could not export", str(e)),
        )

    def copy_sdk_code(self) -> None:
        QApplication.clipboard().setText(to_sdk_python(self.session.document.timeline))
        self.session.prompts.status("Copied the timeline as Python code using videodb.editor", 4000)


FORMATS = MenuPlace("&File", 2)  # below Import Media…
# these have never had keys and are not listed in Preferences ▸ Keyboard
INTERCHANGE_COMMANDS: tuple[Command[Interchange], ...] = (
    Command("file.import_otio", "Import OpenTimelineIO…", "File", Interchange.import_otio, menu=FORMATS,
            rebindable=False),
    Command("file.export_otio", "Export OpenTimelineIO…", "File", Interchange.export_otio, menu=FORMATS,
            rebindable=False),
    Command("file.import_json", "Import Editor JSON…", "File", Interchange.import_editor_json, menu=FORMATS,
            rebindable=False),
    Command("file.export_json", "Export Editor JSON…", "File", Interchange.export_editor_json, menu=FORMATS,
            rebindable=False),
    Command("file.copy_sdk", "Copy as Python SDK Code", "File", Interchange.copy_sdk_code, menu=FORMATS,
            rebindable=False),
)  # fmt: skip
