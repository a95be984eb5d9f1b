"""The core of the main window: docks and layout, the open document, title and status bar.

`WindowBase` assembles the widgets and swaps documents; the commands (file, edit, render)
are mixins built on it, and `main_window.MainWindow` puts them together.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from editor_app.api.client import VideoDBClient
from editor_app.model import EditError, MediaInfo, format_timecode
from editor_app.model.edits import PlaceClip
from editor_app.ui.commands.actions import Actions
from editor_app.ui.commands.shortcuts import ShortcutMap
from editor_app.ui.document import Document, new_project
from editor_app.ui.export.dock import ExportsDock
from editor_app.ui.inspector.dock import Inspector
from editor_app.ui.media.bin import MediaBin
from editor_app.ui.media.relink import apply_relink, missing_media, upload_missing
from editor_app.ui.media.thumbnails import BackendThumbnails
from editor_app.ui.playback.transport import Transport
from editor_app.ui.preview.dock import PreviewDock
from editor_app.ui.timeline.logic.drops import DroppedMedia, clip_for
from editor_app.ui.timeline.view import TimelineView
from editor_app.ui.window.history_dock import HistoryDock
from editor_app.ui.workers import TaskRunner
from editor_app.wire import MediaItem

log = logging.getLogger(__name__)
APP_TITLE = "VideoDB Timeline Editor"
LAYOUT_VERSION = 1


class WindowBase(QMainWindow):
    previewCompiled = Signal(str)  # stream URL of the latest compile, for the preview player
    edited = Signal()  # the document changed (an edit, undo or redo)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = settings
        self.runner = TaskRunner(parent=self)
        self.client: VideoDBClient | None = None
        self.thumbnails = BackendThumbnails(self.runner, self)
        self.transport = Transport(self)
        self.shortcuts = ShortcutMap(settings)
        self.setDockNestingEnabled(True)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.BottomDockWidgetArea)

        self.media_bin = MediaBin(self.runner, self)
        self.preview = PreviewDock(self)
        self.preview.live.compiled.connect(lambda result: self.previewCompiled.emit(result.stream_url))
        self.inspector = Inspector(self)
        self.history_dock = HistoryDock(self)
        self.exports = ExportsDock(self.runner, self)
        self._lay_out_docks()
        self.menu_actions = Actions(self, self.shortcuts)
        for dock in self.docks():
            self.menu_actions.docks_menu.addAction(dock.toggleViewAction())
        self._build_status_bar()

        self.media_bin.mediaListed.connect(self._media_known)
        self.media_bin.mediaListed.connect(self._relink_missing)
        self.media_bin.mediaUploaded.connect(lambda info: self._media_known([info]))
        self.media_bin.uploadsChanged.connect(lambda _n: self._update_jobs())
        self.runner.activeChanged.connect(lambda _n: self._update_jobs())
        self.transport.positionChanged.connect(self._transport_moved)
        self.transport.playingChanged.connect(self.menu_actions.set_playing)
        self.thumbnails.updated.connect(self._thumbnails_updated)
        self.exports.manager.notify.connect(self.export_finished)

        central = QWidget(self)
        central.setObjectName("TimelineArea")
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self.setCentralWidget(central)
        self.document: Document | None = None
        self._listener: Callable[[], None] | None = None
        self._relinking: set[str] = set()
        self.canvas: TimelineView | None = None
        self.set_document(Document(new_project()))
        self._restore_layout()

    # ---- layout -----------------------------------------------------------------------------
    def docks(self) -> list[QDockWidget]:
        return [self.media_bin, self.preview, self.inspector, self.history_dock, self.exports]

    def _lay_out_docks(self) -> None:
        top = Qt.DockWidgetArea.TopDockWidgetArea
        self.addDockWidget(top, self.media_bin)
        self.splitDockWidget(self.media_bin, self.preview, Qt.Orientation.Horizontal)
        self.splitDockWidget(self.preview, self.inspector, Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.inspector, self.history_dock)
        self.tabifyDockWidget(self.history_dock, self.exports)
        self.inspector.raise_()
        self.resizeDocks(
            [self.media_bin, self.preview, self.inspector], [380, 700, 420], Qt.Orientation.Horizontal
        )
        self._default_state = self.saveState(LAYOUT_VERSION)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1600, 1000)
        if isinstance(state, QByteArray):
            self.restoreState(state, LAYOUT_VERSION)
        else:  # first run: the timeline gets about half the height, once the window is laid out
            QTimer.singleShot(0, self._split_height)

    def _split_height(self) -> None:
        top = max(int(self.height() * 0.55) - 50, 240)
        self.resizeDocks([self.media_bin, self.preview, self.inspector], [top] * 3, Qt.Orientation.Vertical)

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))

    def reset_layout(self) -> None:
        self.restoreState(self._default_state, LAYOUT_VERSION)
        for dock in self.docks():
            dock.show()
        self.inspector.raise_()
        self._split_height()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.backend_label = QLabel("Backend: starting…", self)
        self.backend_label.setObjectName("BackendStatus")
        self.jobs_label = QLabel("", self)
        self.jobs_label.setObjectName("JobsStatus")
        self.position_label = QLabel(format_timecode(0), self)
        bar.addPermanentWidget(self.exports.summary_label)
        bar.addPermanentWidget(self.jobs_label)
        bar.addPermanentWidget(self.backend_label)
        bar.addPermanentWidget(self.position_label)

    def set_backend_status(self, text: str, ok: bool = True) -> None:
        self.backend_label.setText(f"Backend: {text}")
        self.backend_label.setStyleSheet("" if ok else "QLabel { color: #e5534b; font-weight: bold; }")

    def _update_jobs(self) -> None:
        uploads = self.media_bin.uploads_in_flight
        tasks = self.runner.active
        parts = []
        if uploads:
            parts.append(f"{uploads} upload{'s' if uploads != 1 else ''}")
        if tasks:
            parts.append(f"{tasks} background job{'s' if tasks != 1 else ''}")
        self.jobs_label.setText(" · ".join(parts))

    # ---- the document ---------------------------------------------------------------------
    def set_document(self, document: Document) -> None:
        old = self.canvas
        if self.document is not None and self._listener is not None:
            self.document.history.remove_listener(self._listener)
        self.document = document
        self.canvas = TimelineView(document.history, self)
        self.canvas.setObjectName("TimelineView")
        self.canvas.set_thumbnail_provider(self.thumbnails)
        self.canvas.selectionChanged.connect(self._selection_changed)
        self.canvas.playheadMoved.connect(self._playhead_moved)
        self.canvas.filesDropped.connect(self.files_dropped)
        # the central widget stays; only the canvas inside it changes, so the dock sizes hold
        if old is not None:
            self._central_layout.removeWidget(old)
            old.deleteLater()
        self._central_layout.addWidget(self.canvas)
        self._listener = functools.partial(self._history_changed, document)
        document.history.add_listener(self._listener)
        self.history_dock.set_history(document.history)
        self.exports.manager.set_document(document)
        self.inspector.set_history(document.history)
        self.transport.set_duration_source(lambda: document.timeline.duration)
        self.transport.seek(0)
        self._history_changed(document)

    def _history_changed(self, document: Document) -> None:
        if document is not self.document:
            return  # a listener of a document we already closed
        history = document.history
        self.menu_actions.update_undo(history.undo_label, history.redo_label)
        self.history_dock.refresh()
        self.inspector.refresh()
        self.transport.invalidate_duration()
        self.update_poster()
        self.setWindowModified(document.modified)
        self.setWindowTitle(f"{document.name}[*] — {APP_TITLE}")
        self.edited.emit()

    def _relink_missing(self, listed: list[MediaInfo]) -> None:
        """Re-upload sources this backend lacks from their original files (see relink.py).

        Only while the document has no undo history: older steps may hold clips of the old ids.
        """
        document, client = self.document, self.client
        if document is None or client is None or document.history.entries():
            return
        missing = [
            m for m in missing_media(document.timeline, {m.id for m in listed}) if m.id not in self._relinking
        ]
        if not missing:
            return
        self._relinking.update(m.id for m in missing)

        def done(mapping: dict[str, MediaItem]) -> None:
            self._relinking.difference_update(mapping)
            if document is not self.document or document.history.entries():
                return
            changed = apply_relink(document.timeline, mapping)
            document.recovered = True  # ids changed outside the history: unsaved
            self._history_changed(document)
            self.media_bin.refresh()
            self.statusBar().showMessage(f"Re-uploaded {len(mapping)} missing media ({changed} clips)", 8000)

        def failed(exc: BaseException) -> None:
            self._relinking.difference_update(m.id for m in missing)
            self.media_bin.show_error(f"Could not re-upload missing media: {exc}")

        self.runner.run(
            lambda report: upload_missing(client, missing, progress=report),
            on_done=done,
            on_error=failed,
            on_progress=lambda text: self.statusBar().showMessage(f"Relinking: {text}…"),
            name="relink media",
        )

    def _media_known(self, infos: list[MediaInfo]) -> None:
        """Metadata the canvas and the edits need (lengths for clamping); not an undoable edit."""
        if self.document is None:
            return
        media = self.document.timeline.media
        for info in infos:
            previous = media.get(info.id)
            if previous is not None and previous.original_path and not info.original_path:
                info = info.model_copy(update={"original_path": previous.original_path})
            media[info.id] = info
        if self.canvas is not None:
            self.canvas.update()

    def _selection_changed(self, clip_ids: list[str]) -> None:
        self.inspector.set_selection(list(clip_ids))

    def _playhead_moved(self, ticks: int) -> None:
        if ticks != self.transport.position:
            self.transport.seek(ticks)
        self.preview.set_position(ticks)
        self.position_label.setText(format_timecode(ticks))

    def _transport_moved(self, ticks: int) -> None:
        if self.canvas is not None and self.canvas.playhead != ticks:
            self.canvas.set_playhead(ticks)
        self.preview.set_position(ticks)
        self.position_label.setText(format_timecode(ticks))
        self.update_poster()

    def files_dropped(self, paths: list[str], track_id: str | None, ticks: int) -> None:
        """Files from the desktop onto the canvas: upload each, then place it where it fell."""
        document = self.document
        if document is None:
            return

        def place(info: MediaInfo) -> None:
            if document is not self.document or self.canvas is None:
                return
            length = info.length if info.kind != "image" else None
            media = DroppedMedia(info.id, info.kind, info.name or info.id, length)
            try:
                document.history.push(PlaceClip(clip_for(media, ticks), track_id))
            except EditError as exc:
                self.statusBar().showMessage(f"Could not place {info.name}: {exc}", 8000)

        self.media_bin.upload_files(paths, on_uploaded=place)

    def _thumbnails_updated(self, _media_id: str) -> None:
        if self.canvas is not None:
            self.canvas.update()
        self.update_poster()

    def update_poster(self) -> None:
        """The preview's still: the top visible video frame under the playhead (until VLC plays)."""
        if self.document is None:
            return
        timeline = self.document.timeline
        width, height = timeline.size
        self.preview.set_resolution(width, height)
        at = self.transport.position
        for track in reversed(timeline.tracks):
            if track.hidden or track.kind != "video":
                continue
            for clip in track.visible(at, at + 1):
                media_id = clip.media_id
                interval = self.thumbnails.thumbnail_interval(media_id) if media_id else None
                if media_id is None or clip.kind != "video":
                    continue
                if interval is None:
                    self.thumbnails.thumbnail(media_id, 0)  # asks for the strip
                    return
                index = int((clip.source_start + at - clip.start) / 1000 / max(interval, 1e-3))
                self.preview.set_poster(self.thumbnails.thumbnail(media_id, index))
                return
        self.preview.set_poster(None)

    # ---- dialogs (tests replace these) ------------------------------------------------------------
    def ask_path(self, title: str, filters: str, save: bool) -> Path | None:
        if save:
            path, _ = QFileDialog.getSaveFileName(self, title, "", filters)
        else:
            path, _ = QFileDialog.getOpenFileName(self, title, "", filters)
        return Path(path) if path else None

    def export_finished(self, text: str) -> None:
        """A finished (or failed) export: the status bar says so and the window asks for attention."""
        self.statusBar().showMessage(text, 10000)
        QApplication.alert(self)

    def report_error(self, title: str, message: str) -> None:
        self.statusBar().showMessage(f"{title}: {message}", 10000)
        QMessageBox.warning(self, title, message)

    # ---- backend ------------------------------------------------------------------------------
    def set_client(self, client: VideoDBClient | None) -> None:
        self.client = client
        self.thumbnails.set_client(client)
        self.media_bin.set_client(client)
        self.exports.manager.set_client(client)
