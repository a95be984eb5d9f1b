"""`videodb-editor --smoke-test`: prove an installed copy (or a frozen bundle) works end to end.

Offscreen and in a throw-away data folder: opens the main window, starts the embedded backend
as a child (the same way the app does, so a bundle proves it can start itself as `serve`),
builds the demo project with ffmpeg, compiles it and reads the first lines of the HLS playlist.
Prints one JSON line with what it measured and exits 0, or prints the failing step and exits 1.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from editor_app.api.client import VideoDBClient
from editor_app.config.settings import EditorSettings, SettingsFileError, load_settings
from editor_app.ui.backend.link import DATA_DIR_ENV, BackendLink
from editor_app.ui.document import Document
from editor_app.ui.preferences.general import check_ffmpeg
from editor_app.ui.startup.demo import build_demo_project
from editor_app.ui.window.main_window import MainWindow
from editor_app.ui.workers import Report

TIMEOUT_S = 240.0


class SmokeTest(QObject):
    """Walks the steps as the backend and the workers answer; records the first failure."""

    def __init__(self, window: MainWindow, link: BackendLink, data_dir: Path, timeout_s: float) -> None:
        super().__init__(window)
        self.window = window
        self.link = link
        self.data_dir = data_dir
        self.started = time.monotonic()
        self.figures: dict[str, Any] = {}
        self.exit_code: int | None = None
        self.ffmpeg = "ffmpeg"
        self._client_seen = False
        link.clientChanged.connect(self._client_changed)
        link.statusChanged.connect(self._status_changed)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(lambda: self.fail(f"timed out after {timeout_s:.0f} s"))
        self._deadline.start(int(timeout_s * 1000))

    def _elapsed(self) -> float:
        return round(time.monotonic() - self.started, 2)

    def _status_changed(self, text: str, healthy: bool) -> None:
        if not healthy and "failed" in text:
            self.fail(f"backend: {text}")

    def _client_changed(self, client: VideoDBClient | None) -> None:
        if client is None or self._client_seen:
            return
        self._client_seen = True
        self.figures["backend_ready_s"] = self._elapsed()
        folder = self.data_dir / "demo-media"

        ffmpeg = self.ffmpeg

        def work(report: Report) -> Any:
            return build_demo_project(client, folder, progress=report, ffmpeg=ffmpeg)

        self.window.runner.run(
            work,
            on_done=self._demo_ready,
            on_error=lambda e: self.fail(f"demo project: {e}"),
            name="smoke demo",
        )

    def _demo_ready(self, project: Any) -> None:
        self.window.session.set_document(Document(project))
        timeline = self.window.session.document.timeline
        if not timeline.clip_count:
            self.fail("the demo project has no clips")
            return
        self.figures["demo_ready_s"] = self._elapsed()
        self.figures["clips"] = timeline.clip_count
        client = self.link.client
        if client is None:
            self.fail("the backend went away before compiling")
            return
        body = timeline.to_editor_json()

        def compile_and_read(_report: Report) -> tuple[str, str]:
            result = client.compile(body)
            playlist = client.fetch_bytes(result.stream_url).decode("utf-8", "replace")
            return result.stream_url, playlist

        self.window.runner.run(
            compile_and_read,
            on_done=self._compiled,
            on_error=lambda e: self.fail(f"compile: {e}"),
            name="smoke",
        )

    def _compiled(self, answer: tuple[str, str]) -> None:
        _url, playlist = answer
        if not playlist.startswith("#EXTM3U") or (".ts" not in playlist and ".m4s" not in playlist):
            self.fail(f"the compiled stream is not an HLS playlist with segments: {playlist[:200]!r}")
            return
        self.figures["compiled_s"] = self._elapsed()
        self.figures["libvlc"] = libvlc_version()
        self.finish(0)

    def fail(self, reason: str) -> None:
        if self.exit_code is not None:
            return
        print(f"videodb-editor --smoke-test: FAILED: {reason}", file=sys.stderr)
        self.figures["error"] = reason
        self.finish(1)

    def finish(self, code: int) -> None:
        if self.exit_code is not None:
            return
        self.exit_code = code
        self._deadline.stop()
        print(json.dumps({"smoke_test": "passed" if code == 0 else "failed", **self.figures}), flush=True)
        self.window.session.document.history.mark_clean()  # nothing to ask about on the way out
        app = QApplication.instance()
        if app is not None:
            app.exit(code)


def libvlc_version() -> str:
    """Reported, not required: on Linux the bundle uses the system's libvlc, which may be absent."""
    try:
        import vlc

        return str(vlc.libvlc_get_version().decode())
    except Exception as exc:  # python-vlc fails in several ways when libvlc is missing
        return f"missing ({type(exc).__name__})"


def configured_settings() -> EditorSettings:
    try:
        return load_settings()
    except SettingsFileError:
        return EditorSettings()


def run_smoke_test(timeout_s: float = TIMEOUT_S) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="videodb-editor-smoke-") as temp:
        data_dir = Path(temp)
        os.environ[DATA_DIR_ENV] = str(data_dir)  # never touch the user's projects or media
        app = QApplication.instance() or QApplication(sys.argv[:1])
        settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        link = BackendLink(window)
        link.clientChanged.connect(window.session.set_client)
        smoke = SmokeTest(window, link, data_dir, timeout_s)
        settings_file = configured_settings()
        try:
            check_ffmpeg(settings_file.ffmpeg_path or "")
        except ValueError as exc:
            smoke.fail(f"ffmpeg: {exc}")
            return 1
        smoke.ffmpeg = settings_file.ffmpeg_path or "ffmpeg"
        window.show()
        link.start_local(tools=settings_file.serve_tool_arguments())
        app.exec()
        link.stop()
        window.runner.wait(10000)
        return smoke.exit_code if smoke.exit_code is not None else 1
