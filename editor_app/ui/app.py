"""Entry of the GUI: `run_app(project, demo, screenshot)`, called by `editor_app/cli.py`.

Starts the backend (local child process, or the cloud when configured), opens the window on
the project / the demo / a blank timeline, offers crash recovery, and stops the child on exit.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QSocketNotifier, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from editor_app.api.client import VideoDBClient
from editor_app.config.key_store import KeyStore
from editor_app.config.settings import SettingsFileError, load_settings
from editor_app.model.project.files import Project
from editor_app.ui.backend.link import DATA_DIR_ENV, BackendLink, app_data_dir
from editor_app.ui.document import Document
from editor_app.ui.startup.demo import build_demo_project
from editor_app.ui.startup.screenshot import ScreenshotTaker
from editor_app.ui.startup.welcome import WelcomeDialog, is_first_run, resources_dir
from editor_app.ui.theme import apply_theme, chosen_theme
from editor_app.ui.window.main_window import MainWindow
from editor_app.ui.workers import Report

log = logging.getLogger(__name__)
ORGANIZATION = "VideoDB"
APPLICATION = "Timeline Editor"
SCREENSHOT_SIZE = (1600, 1000)
DEMO_PLAYHEAD = 2400


def make_settings() -> QSettings:
    """QSettings in the data folder when it is overridden (tests, screenshots), else the platform's."""
    if os.environ.get(DATA_DIR_ENV):
        return QSettings(str(app_data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


class DemoLoader:
    """Builds the demo project once the first client is there (ffmpeg + uploads in a worker)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.started = False
        self.ffmpeg = configured_ffmpeg()

    def client_changed(self, client: VideoDBClient | None) -> None:
        if client is None or self.started:
            return
        self.started = True
        folder = app_data_dir() / "demo-media"
        window = self.window
        window.statusBar().showMessage("Preparing the demo project…")

        ffmpeg = self.ffmpeg

        def work(report: Report) -> Project:
            return build_demo_project(client, folder, progress=report, ffmpeg=ffmpeg)

        def done(project: Project) -> None:
            window.session.set_document(Document(project))
            window.media_bin.refresh()
            first = next((clip for _track, clip in project.timeline.clips()), None)
            if first is not None:
                window.timeline_view.canvas.set_selection([first.id])  # the inspector shows a real clip
            window.transport.seek(DEMO_PLAYHEAD)
            zoom_fit = window.commands["view.zoom_fit"]
            QTimer.singleShot(0, zoom_fit.trigger)  # once the canvas has its final width
            window.statusBar().showMessage("Demo project ready", 4000)

        def failed(exc: BaseException) -> None:
            window.media_bin.show_error(f"Could not prepare the demo project: {exc}")

        window.runner.run(
            work,
            on_done=done,
            on_error=failed,
            on_progress=lambda text: window.statusBar().showMessage(f"Demo: {text}…"),
            name="demo project",
        )


def configured_ffmpeg() -> str:
    """The ffmpeg chosen in Preferences ▸ General, else the one on PATH."""
    try:
        return load_settings().ffmpeg_path or "ffmpeg"
    except SettingsFileError:
        return "ffmpeg"


def offer_orphan_recovery(window: MainWindow) -> None:
    """After a crash, untitled projects live only in the recovery folder: offer the newest.
    With none, a saved project left with unsaved changes opens, and opening it offers its
    recovery copy (defect 10: before, only reopening that project by hand found it)."""
    orphans = window.files.autosaver.list_orphans()
    if not orphans:
        titled = window.files.autosaver.titled_recoveries()
        if titled:
            window.files.open_path(titled[0], confirmed=True)
        return
    newest = max(orphans, key=lambda p: p.stat().st_mtime)
    answer = QMessageBox.question(
        window,
        "Recover unsaved work?",
        f"The editor did not close cleanly. Recover the unsaved project autosaved at {newest.name}?",
    )
    if answer == QMessageBox.StandardButton.Yes:
        window.files.recover_from(newest)
    elif answer == QMessageBox.StandardButton.No:  # not a question ended by SIGTERM: ask again next time
        for orphan in orphans:
            orphan.unlink(missing_ok=True)


def offer_welcome(window: MainWindow, link: BackendLink) -> WelcomeDialog:
    """First start: choose the backend; the demo project then opens on whichever was chosen."""
    dialog = WelcomeDialog(window.settings, window.runner, window)
    loader = DemoLoader(window)

    def chosen(backend: str) -> None:
        if backend == "cloud":
            link.stop()
            connect_backend(link, window)

    def finished(_result: int) -> None:
        link.clientChanged.connect(loader.client_changed)
        loader.client_changed(link.client)

    dialog.chosen.connect(chosen)
    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def connect_backend(link: BackendLink, window: MainWindow) -> None:
    """VideoDB cloud when the settings ask for it and a key is stored; the local child otherwise."""
    try:
        settings = load_settings()
    except SettingsFileError as exc:
        window.statusBar().showMessage(f"Settings ignored: {exc}", 10000)
        link.start_local()
        return
    if settings.backend == "cloud":
        key = KeyStore().load()
        if key:
            link.connect_cloud(settings.cloud_url(), key, settings.collection_id)
            return
        window.statusBar().showMessage(
            "VideoDB cloud is selected but no API key is stored (Edit ▸ Preferences ▸ Backend): "
            "using the local backend",
            15000,
        )
    link.start_local(tools=settings.serve_tool_arguments())


class TerminationSignals(QObject):
    """SIGTERM/SIGINT end the event loop cleanly, so the backend child is stopped on the way out.

    Python runs signal handlers only when it gets control; the wake-up socket makes Qt hand it
    control as soon as a signal arrives. Unsaved work stays in its recovery copy. Both ends of
    the socket pair live as long as this object, a child of the app.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.read_end, self.write_end = socket.socketpair()
        self.read_end.setblocking(False)
        self.write_end.setblocking(False)
        signal.set_wakeup_fd(self.write_end.fileno())
        self.notifier = QSocketNotifier(self.read_end.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._drain)
        # run before exiting (the main window's recovery copy of unsaved work)
        self.before_exit: Callable[[], object] | None = None
        # set by a signal: an event loop started after it (the start asked a question in a loop of
        # its own, which the signal ended) must not run, or the editor would stay up for good
        self.terminated = False
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda _signum, _frame: self._terminate(app))

    def _terminate(self, app: QApplication) -> None:
        """Write the recovery copy and leave the event loop. `exit`, not `quit`: Qt 6's quit
        closes the windows first, and a window with unsaved work asks "Save changes?" in a
        modal dialog nobody will answer, so a logout would hang."""
        self.terminated = True
        if self.before_exit is not None:
            self.before_exit()
        app.exit(0)

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self.read_end.recv(64)


def run_app(project: str | None, demo: bool, screenshot: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("VideoDB Timeline Editor")
    app.setWindowIcon(QIcon(str(resources_dir() / "videodb-editor.svg")))
    settings = make_settings()
    apply_theme(app, chosen_theme(settings))
    signals = TerminationSignals(app)  # the app (its parent) keeps it, and its sockets, while it runs
    window = MainWindow(settings)
    signals.before_exit = window.files.write_recovery_now
    link = BackendLink(window)
    link.clientChanged.connect(window.session.set_client)
    link.statusChanged.connect(window.status_line.set_backend_status)
    welcome_first = project is None and not screenshot and is_first_run(settings)
    if project is None and (demo or screenshot) and not welcome_first:
        loader = DemoLoader(window)
        link.clientChanged.connect(loader.client_changed)
    connect_backend(link, window)
    if screenshot:
        window.resize(*SCREENSHOT_SIZE)
    window.show()
    if project is not None:
        window.files.open_path(Path(project), confirmed=True)
    elif welcome_first:
        offer_welcome(window, link)
    elif not screenshot:
        offer_orphan_recovery(window)
    taker = None
    if screenshot:
        taker = ScreenshotTaker(window, Path(screenshot))
        taker.start()
    code = 0 if signals.terminated else app.exec()
    link.stop()
    window.runner.wait(10000)
    if taker is not None and taker.exit_code is not None:
        return taker.exit_code
    return int(code)
