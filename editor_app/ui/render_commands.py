"""Compile a preview and export a video (a mixin of MainWindow), through the API client in workers.

An export is compile -> start the export job -> follow it -> download the file, each step
cancellable through one CancelToken; its row in the Exports dock shows the progress.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from editor_app.api.cancel import CancelToken
from editor_app.api.wire import AsyncResponse, CompileResult
from editor_app.ui.window_base import WindowBase
from editor_app.ui.workers import Report

EXPORT_FILTER = "MP4 video (*.mp4);;WebM video (*.webm);;AVI video (*.avi)"
FORMATS = {".mp4": "mp4", ".webm": "webm", ".avi": "avi"}


class RenderCommands(WindowBase):
    def _timeline_body(self) -> dict[str, Any] | None:
        if self.document is None or not self.document.timeline.clip_count:
            self.statusBar().showMessage("The timeline is empty: add some media first", 5000)
            return None
        return self.document.timeline.to_editor_json()

    def compile_preview(self) -> None:
        client = self.client
        body = self._timeline_body()
        if body is None:
            return
        if client is None:
            self.statusBar().showMessage("Cannot compile: the backend is not connected yet", 5000)
            return
        self.preview.set_message("Compiling…")

        def failed(exc: BaseException) -> None:
            self.preview.set_message(f"Could not compile the timeline:\n{exc}")

        self.runner.run(
            lambda _r: client.compile(body), on_done=self._compiled, on_error=failed, name="compile preview"
        )

    def _compiled(self, result: CompileResult) -> None:
        self.preview.set_stream(result.stream_url)
        self.previewCompiled.emit(result.stream_url)

    def export_video(self) -> None:
        client = self.client
        body = self._timeline_body()
        if body is None:
            return
        if client is None:
            self.statusBar().showMessage("Cannot export: the backend is not connected yet", 5000)
            return
        path = self.ask_path("Export Video", EXPORT_FILTER, save=True)
        if path is None:
            return
        if path.suffix.lower() not in FORMATS:
            path = path.with_suffix(".mp4")
        self.start_export(body, path)

    def start_export(self, body: dict[str, Any], path: Path, quality: str = "high") -> None:
        client = self.client
        if client is None:
            return
        token = CancelToken()
        row = self.exports.panel.add(path.name, token.cancel)
        export_format = FORMATS.get(path.suffix.lower(), "mp4")

        def work(report: Report) -> Path:
            compiled = client.compile(body, cancel=token)
            handle = client.start_export(compiled, format=export_format, quality=quality)  # type: ignore[arg-type]

            def job_progress(response: AsyncResponse) -> None:
                report(("render", int(1000 * (response.data.progress or 0)), 1000))

            finished = client.wait_export(handle, progress=job_progress, cancel=token)
            url = finished.data.download_url or finished.data.output_url or finished.data.stream_url
            if not url:
                raise RuntimeError("the export finished without a file to download")
            return client.download(
                url, path, progress=lambda done, total: report(("download", done, total or 0)), cancel=token
            )

        def progressed(value: tuple[str, int, int]) -> None:
            stage, done, total = value
            row.bar.setFormat(f"{stage} %p%")
            row.set_progress(done, total)

        def done(result: Path) -> None:
            self.exports.panel.remove(row)
            self.exports.add_finished(f"✓ {result.name}", str(result))
            self.statusBar().showMessage(f"Exported {result}", 6000)

        def failed(exc: BaseException) -> None:
            self.exports.panel.remove(row)
            reason = "cancelled" if token.cancelled else str(exc)
            self.exports.add_finished(f"✗ {path.name}: {reason}", reason)

        self.exports.show()
        self.exports.raise_()
        self.runner.run(
            work, on_done=done, on_error=failed, on_progress=progressed, name=f"export {path.name}"
        )
