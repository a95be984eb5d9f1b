"""Other timeline formats: import and export OpenTimelineIO and editor JSON, copy as SDK code.

An imported timeline replaces the document (after the unsaved-changes question) and is shown as
unsaved; files are read and written on the TaskRunner.
"""

from __future__ import annotations

import json

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
        if not self.files.confirm_discard("importing a timeline"):
            return
        session = self.session
        path = session.prompts.ask_path("Import OpenTimelineIO", OTIO_FILTER, save=False)
        if path is None:
            return
        session.runner.run(
            lambda _r: read_otio(path),
            on_done=lambda t: self._replace_timeline(t, path.stem),
            on_error=lambda e: session.prompts.report_error("Could not import", f"{path.name}: {e}"),
        )

    def export_otio(self) -> None:
        session = self.session
        path = session.prompts.ask_path("Export OpenTimelineIO", OTIO_FILTER, save=True)
        if path is None:
            return
        timeline = Timeline.model_validate(session.document.timeline.model_dump())  # snapshot for the worker
        session.runner.run(
            lambda _r: write_otio(timeline, path),
            on_done=lambda _v: session.prompts.status(f"Exported {path}", 4000),
            on_error=lambda e: session.prompts.report_error("Could not export", str(e)),
        )

    def import_editor_json(self) -> None:
        if not self.files.confirm_discard("importing a timeline"):
            return
        session = self.session
        path = session.prompts.ask_path("Import Editor JSON", JSON_FILTER, save=False)
        if path is None:
            return
        session.runner.run(
            lambda _r: Timeline.from_editor_json(json.loads(path.read_text(encoding="utf-8"))),
            on_done=lambda t: self._replace_timeline(t, path.stem),
            on_error=lambda e: session.prompts.report_error("Could not import", f"{path.name}: {e}"),
        )

    def export_editor_json(self) -> None:
        session = self.session
        path = session.prompts.ask_path("Export Editor JSON", JSON_FILTER, save=True)
        if path is None:
            return
        text = json.dumps(session.document.timeline.to_editor_json(), indent=2)
        session.runner.run(
            lambda _r: path.write_text(text, encoding="utf-8"),
            on_done=lambda _v: session.prompts.status(f"Exported {path}", 4000),
            on_error=lambda e: session.prompts.report_error("Could not export", str(e)),
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
