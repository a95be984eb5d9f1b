"""Compile a preview and export a video (a mixin of MainWindow), through the API client in workers.

An export: the Export dialog, then a job in the Exports dock (`ui/export/`) that compiles,
renders, downloads and checks the file on its own; several may run at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from editor_app.model import EditError
from editor_app.model.edits.props import SetTimelineProperty
from editor_app.ui.export.dialog import ExportDialog
from editor_app.ui.export.job import ExportJob
from editor_app.ui.window.window_base import WindowBase
from editor_app.wire import ExportFormat, Quality, formats_offered_by


class RenderCommands(WindowBase):
    def _timeline_body(self) -> dict[str, Any] | None:
        if self.document is None or not self.document.timeline.clip_count:
            self.statusBar().showMessage("The timeline is empty: add some media first", 5000)
            return None
        return self.document.timeline.to_editor_json()

    def compile_preview(self) -> None:
        """Ctrl+Enter: the Preview dock compiles the timeline and plays it from the playhead."""
        if self.document is None or not self.document.timeline.clip_count:
            self.statusBar().showMessage("The timeline is empty: add some media first", 5000)
            return
        if self.client is None:
            self.statusBar().showMessage("Cannot compile: the backend is not connected yet", 5000)
            return
        self.preview.compile_and_play()

    # ---- export (see ui/export/) ----------------------------------------------------------------
    def export_video(self) -> None:
        document, client = self.document, self.client
        if self._timeline_body() is None or document is None:
            return
        if client is None:
            self.statusBar().showMessage("Cannot export: the backend is not connected yet", 5000)
            return
        folder = document.path.parent if document.path is not None else Path.home()
        dialog = ExportDialog(
            folder / f"{document.name}.mp4",
            document.timeline.resolution,
            formats_offered_by(client.base_url),
            self,
        )
        if not self.ask_export(dialog):
            return
        self.start_export(dialog.path, dialog.format, dialog.quality, dialog.resolution)

    def ask_export(self, dialog: ExportDialog) -> bool:
        """Show the dialog; True when the user pressed Start (tests replace this)."""
        return dialog.exec() == ExportDialog.DialogCode.Accepted

    def start_export(
        self, path: Path, fmt: ExportFormat = "mp4", quality: Quality = "high", resolution: str | None = None
    ) -> ExportJob | None:
        document = self.document
        if document is None:
            return None
        if path in self.exports.manager.busy_paths():
            self.report_error("Export Video", f"{path.name} is already being exported")
            return None
        if resolution and resolution != document.timeline.resolution:
            try:
                document.history.push(SetTimelineProperty("resolution", resolution))
            except EditError as exc:
                self.report_error("Export Video", str(exc))
                return None
        body = self._timeline_body()
        if body is None:
            return None
        seconds = document.timeline.duration / 1000
        job = self.exports.manager.start(path, fmt, quality, body, seconds)
        self.exports.show()
        self.exports.raise_()
        return job
