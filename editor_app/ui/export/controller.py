"""Compile a preview and export a video, through the API client in workers.

An export: the Export dialog, then a job in the Exports dock (`manager.py`, `job.py`) that
compiles, renders, downloads and checks the file on its own; several may run at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from editor_app.model import EditError
from editor_app.model.edits import SetTimelineProperty, range_timeline
from editor_app.ui.commands.table import Command, MenuPlace, ToolbarPlace
from editor_app.ui.export.dialog import ExportDialog
from editor_app.ui.export.dock import ExportsDock
from editor_app.ui.export.job import ExportJob
from editor_app.ui.preview.dock import PreviewDock
from editor_app.ui.session import Session
from editor_app.wire import ExportFormat, Quality, formats_offered_by

EMPTY = "The timeline is empty: add some media first"


class RenderController:
    def __init__(self, session: Session, preview: PreviewDock, exports: ExportsDock) -> None:
        self.session = session
        self.preview = preview
        self.exports = exports
        # the spans the Export dialog offers besides the whole timeline ("io", "selection")
        self.ranges: Callable[[], dict[str, tuple[int, int]]] = dict

    def _body(self) -> dict[str, Any] | None:
        body = self.session.timeline_body()
        if body is None:
            self.session.prompts.status(EMPTY, 5000)
        return body

    def compile_preview(self) -> None:
        """Ctrl+Enter: the Preview dock compiles the timeline and plays it from the playhead."""
        if self._body() is None:
            return
        if self.session.client is None:
            self.session.prompts.status("Cannot compile: the backend is not connected yet", 5000)
            return
        self.preview.compile_and_play()

    def export_video(self) -> None:
        session = self.session
        document, client = session.document, session.client
        if self._body() is None:
            return
        if client is None:
            session.prompts.status("Cannot export: the backend is not connected yet", 5000)
            return
        folder = document.path.parent if document.path is not None else Path.home()
        dialog = ExportDialog(
            folder / f"{document.name}.mp4",
            document.timeline.resolution,
            formats_offered_by(client.base_url),
            session.prompts.window,
            self.ranges(),
        )
        if not session.prompts.ask_export(dialog):
            return
        self.start_export(dialog.path, dialog.format, dialog.quality, dialog.resolution, dialog.span)

    def start_export(
        self,
        path: Path,
        fmt: ExportFormat = "mp4",
        quality: Quality = "high",
        resolution: str | None = None,
        span: tuple[int, int] | None = None,
    ) -> ExportJob | None:
        """Export the timeline, or only `span` of it: a copy cut to the range is compiled
        (`range_timeline`), so the server renders a range like any timeline."""
        document, prompts = self.session.document, self.session.prompts
        if path in self.exports.manager.busy_paths():
            prompts.report_error("Export Video", f"{path.name} is already being exported")
            return None
        if resolution and resolution != document.timeline.resolution:
            try:
                document.history.push(SetTimelineProperty("resolution", resolution))
            except EditError as exc:
                prompts.report_error("Export Video", str(exc))
                return None
        body = self._body()
        if body is None:
            return None
        seconds = document.timeline.duration / 1000
        if span is not None:
            try:
                cut = range_timeline(document.timeline, *span)
            except EditError as exc:
                prompts.report_error("Export Video", str(exc))
                return None
            if not cut.clip_count:
                prompts.report_error("Export Video", "There is nothing in that range to export")
                return None
            body, seconds = cut.to_editor_json(), cut.duration / 1000
        job = self.exports.manager.start(path, fmt, quality, body, seconds)
        self.exports.show()
        self.exports.raise_()
        return job


RENDER_COMMANDS: tuple[Command[RenderController], ...] = (
    Command("timeline.compile", "Compile Preview", "Timeline", RenderController.compile_preview,
            ("Ctrl+Return",), MenuPlace("&Timeline", 3), toolbar=ToolbarPlace(4, "preview", text=True),
            short="Preview"),
    Command("file.export_video", "Export Video…", "File", RenderController.export_video, ("Ctrl+E",),
            MenuPlace("&File", 3), toolbar=ToolbarPlace(4, "export", text=True), short="Export"),
)  # fmt: skip
