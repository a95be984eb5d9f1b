"""The main window: it composes the parts and wires them to each other, and owns nothing else.

Each part receives what it needs in its constructor (most of all the `Session`: document,
client, task runner, prompts) and the window connects their signals. The commands of every
feature are bound here, in the order menus, toolbar and Preferences list them (`ALL_COMMANDS`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QVBoxLayout, QWidget

from editor_app.model import EditError
from editor_app.model.ticks import Ticks
from editor_app.ui.captions.controller import CAPTION_COMMANDS, CaptionsController
from editor_app.ui.commands.actions import Actions
from editor_app.ui.commands.shortcuts import ShortcutMap
from editor_app.ui.commands.table import Command, CommandTable, MenuPlace, bind
from editor_app.ui.document import Document, new_project
from editor_app.ui.editing.controller import EDITING_COMMANDS, EditController
from editor_app.ui.editing.layers import LAYER_COMMANDS, LayerOrder
from editor_app.ui.export.controller import RENDER_COMMANDS, RenderController
from editor_app.ui.export.dock import ExportsDock
from editor_app.ui.history.commands import HISTORY_COMMANDS
from editor_app.ui.history.dock import HistoryDock
from editor_app.ui.inspector.dock import Inspector
from editor_app.ui.media.bin import MediaBin
from editor_app.ui.media.commands import MEDIA_COMMANDS
from editor_app.ui.media.sync import MediaSync
from editor_app.ui.media.thumbnails import BackendThumbnails
from editor_app.ui.playback.commands import TRANSPORT_COMMANDS
from editor_app.ui.playback.transport import Transport
from editor_app.ui.preferences.dialog import PreferencesDialog, show_about, show_shortcuts
from editor_app.ui.preferences.general import apply_autosave_interval, autosave_interval
from editor_app.ui.preview.dock import PreviewDock
from editor_app.ui.project.files import PROJECT_COMMANDS, ProjectFiles
from editor_app.ui.project.interchange import INTERCHANGE_COMMANDS, Interchange
from editor_app.ui.prompts import Prompts
from editor_app.ui.session import Session
from editor_app.ui.theme import chosen_theme
from editor_app.ui.timeline.commands import TIMELINE_COMMANDS
from editor_app.ui.timeline.logic.geometry import TimeScale
from editor_app.ui.timeline.markers_dock import MarkersDock
from editor_app.ui.timeline.view import TimelineView
from editor_app.ui.window.layout import LAYOUT_COMMANDS, DockLayout
from editor_app.ui.window.status import StatusLine
from editor_app.ui.workers import TaskRunner

APP_TITLE = "VideoDB Timeline Editor"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = settings
        self.runner = TaskRunner(parent=self)
        self.prompts = Prompts(self)
        self.session = Session(Document(new_project()), self.runner, self.prompts, self)
        self.thumbnails = BackendThumbnails(self.runner, self)
        self.transport = Transport(self)
        self.shortcuts = ShortcutMap(settings, ALL_COMMANDS)
        self.setDockNestingEnabled(True)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.BottomDockWidgetArea)

        self.media_bin = MediaBin(self.runner, self)
        self.preview = PreviewDock(self, runner=self.runner, settings=settings)
        self.inspector = Inspector(self)
        self.history_dock = HistoryDock(self)
        self.exports = ExportsDock(self.runner, self)
        self.dock_layout = DockLayout(self, settings, self.docks())
        self.dock_layout.lay_out()
        self.markers_dock = MarkersDock(self)  # tabbed behind the History dock
        self.tabifyDockWidget(self.history_dock, self.markers_dock)
        self.inspector.raise_()

        central = QWidget(self)
        central.setObjectName("TimelineArea")
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        self.setCentralWidget(central)
        self.timeline_view = TimelineView(
            self.session.document.history, self.transport, self.shortcuts, central
        )
        self.timeline_view.setObjectName("TimelineView")
        self.timeline_view.set_thumbnail_provider(self.thumbnails)
        central_layout.addWidget(self.timeline_view)

        session = self.session
        self.files = ProjectFiles(session, settings, self.transport, self._selection, self)
        self.files.view_state = self._view_state
        self.interchange = Interchange(session, self.files)
        self.editing = EditController(session, self.transport, self.timeline_view, self.media_bin)
        self.layers = LayerOrder(session, self.timeline_view)
        self.captions = CaptionsController(session, self.transport, self.timeline_view, self.media_bin)
        self.renderer = RenderController(session, self.preview, self.exports)
        self.renderer.ranges = self._export_ranges
        self.media_sync = MediaSync(session, self.media_bin, self)
        self.commands = self._bind_commands()
        self.menu_actions = Actions(self, self.commands, self.shortcuts)
        for dock in [*self.docks(), self.markers_dock]:
            self.menu_actions.docks_menu.addAction(dock.toggleViewAction())
        self.status_line = StatusLine(self, self.exports.summary_label)
        self._connect()
        self.menu_actions.set_recent(self.files.recent_paths(), self.files.open_path)
        self._show_document(session.document)
        self._refresh()
        self.dock_layout.restore()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().height() < event.oldSize().height():
            QTimer.singleShot(0, self.dock_layout.keep_timeline_room)  # once the docks are laid out

    def docks(self) -> list[QDockWidget]:
        return [self.media_bin, self.preview, self.inspector, self.history_dock, self.exports]

    def _bind_commands(self) -> CommandTable:
        refused = self._refused
        table = CommandTable()
        table.add(bind(PROJECT_COMMANDS, lambda: self.files, refused))
        table.add(bind(MEDIA_COMMANDS, lambda: self.media_bin, refused))
        table.add(bind(INTERCHANGE_COMMANDS, lambda: self.interchange, refused))
        table.add(bind(HISTORY_COMMANDS, lambda: self.session.document.history, refused))
        table.add(bind(TRANSPORT_COMMANDS, lambda: self.transport, refused))
        table.add(bind(TIMELINE_COMMANDS, lambda: self.timeline_view.canvas, refused))
        table.add(bind(EDITING_COMMANDS, lambda: self.editing, refused))
        table.add(bind(CAPTION_COMMANDS, lambda: self.captions, refused))
        table.add(bind(LAYER_COMMANDS, lambda: self.layers, refused))
        table.add(bind(RENDER_COMMANDS, lambda: self.renderer, refused))
        table.add(bind(WINDOW_COMMANDS, lambda: self, refused))
        table.add(bind(LAYOUT_COMMANDS, lambda: self.dock_layout, refused))
        return table

    def _refused(self, command: Command[Any], exc: EditError) -> None:
        self.prompts.status(f"{command.name}: {exc}", 6000)

    def _connect(self) -> None:
        session, view, transport = self.session, self.timeline_view, self.transport
        session.documentChanged.connect(self._show_document)
        session.changed.connect(self._refresh)
        session.clientChanged.connect(self.thumbnails.set_client)
        session.clientChanged.connect(self.media_bin.set_client)
        session.clientChanged.connect(self.exports.manager.set_client)
        self.preview.attach(transport, lambda: session.client, session.timeline_body)
        session.changed.connect(self.preview.live.edited)
        self.media_bin.uploadsChanged.connect(lambda _n: self._show_jobs())
        self.media_bin.addTitleRequested.connect(self.commands["timeline.add_title"].trigger)
        self.runner.activeChanged.connect(lambda _n: self._show_jobs())
        transport.positionChanged.connect(self._transport_moved)
        transport.playingChanged.connect(self.menu_actions.set_playing)
        transport.pointMarked.connect(self._point_marked)
        view.playheadMoved.connect(self._playhead_shown)
        view.selectionChanged.connect(lambda ids: self.inspector.set_selection(list(ids)))
        view.filesDropped.connect(self.editing.place_files)
        view.toolsChanged.connect(self.menu_actions.refresh)
        self.markers_dock.jump = self.transport.seek
        self.markers_dock.refused = lambda message: self.prompts.status(message, 6000)
        self.media_sync.mediaChanged.connect(view.update)
        self.thumbnails.updated.connect(self._thumbnails_updated)
        self.exports.manager.notify.connect(self.prompts.alert)
        self.files.recentChanged.connect(
            lambda paths: self.menu_actions.set_recent(paths, self.files.open_path)
        )

    # ---- the document ---------------------------------------------------------------------
    def _show_document(self, document: Document) -> None:
        if self.timeline_view.canvas.history is not document.history:
            self.timeline_view.set_history(document.history)
            project = document.project
            if project.zoom is not None:  # the view as it was saved (defect 9); else zoomed to fit
                self.timeline_view.canvas.set_scale(TimeScale(project.zoom, project.scroll))
        self.history_dock.set_history(document.history)
        self.markers_dock.set_history(document.history)
        self.exports.manager.set_document(document)
        self.inspector.set_history(document.history)

    def _refresh(self) -> None:
        """After any change of the document: undo names, docks, poster, title and modified mark."""
        document = self.session.document
        self.menu_actions.refresh()
        self.history_dock.refresh()
        self.markers_dock.refresh()
        self.inspector.refresh()
        self.update_poster()
        self.setWindowModified(document.modified)
        self.setWindowTitle(f"{document.name}[*] — {APP_TITLE}")

    def _view_state(self) -> tuple[float | None, int]:
        scale = self.timeline_view.canvas.scale
        return scale.px_per_second, scale.origin_ticks

    def _export_ranges(self) -> dict[str, tuple[int, int]]:
        """The I/O range and the selection's span, when there are such (the Export dialog's choice)."""
        ranges: dict[str, tuple[int, int]] = {}
        start, end = self.transport.mark_in, self.transport.mark_out
        if start is not None and end is not None and end > start:
            ranges["io"] = (start, end)
        if self._selection():
            ranges["selection"] = self.timeline_view.canvas.selection_span()
        return ranges

    def _selection(self) -> list[str]:
        return self.timeline_view.canvas.selected_clip_ids()

    def _show_jobs(self) -> None:
        self.status_line.show_jobs(self.media_bin.uploads_in_flight, self.runner.active)

    def _playhead_shown(self, ticks: Ticks) -> None:
        self.preview.set_position(ticks)
        self.status_line.show_position(ticks, self.session.document.timeline.fps)

    def _transport_moved(self, ticks: Ticks) -> None:
        self._playhead_shown(ticks)
        self.update_poster()

    def _point_marked(self, side: str, _ticks: Ticks) -> None:
        at = self.status_line.position_label.text()
        self.prompts.status(f"{'In' if side == 'in' else 'Out'} point at {at}", 3000)

    def _thumbnails_updated(self, _media_id: str) -> None:
        self.timeline_view.update()
        self.update_poster()

    def update_poster(self) -> None:
        """The preview's still: the top visible video frame under the playhead (until VLC plays)."""
        self.preview.show_poster_of(self.session.document.timeline, self.transport.position, self.thumbnails)

    # ---- window commands ----------------------------------------------------------------------
    def quit(self) -> None:
        self.close()

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.shortcuts, self)
        dialog.backend_page.select_theme(chosen_theme(self.settings))
        if dialog.exec():
            self.menu_actions.apply_shortcuts()
            apply_autosave_interval(self.files.autosaver, autosave_interval(self.settings))

    def show_shortcuts(self) -> None:
        show_shortcuts(self.shortcuts, self)

    def show_about(self) -> None:
        show_about(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.confirm_discard("closing"):
            event.ignore()
            return
        self.dock_layout.save()
        self.media_bin.cancel_uploads()
        self.runner.cancel_all()
        self.files.discard_recovery()
        event.accept()


Role = QAction.MenuRole
WINDOW_COMMANDS: tuple[Command[MainWindow], ...] = (
    Command("file.quit", "Quit", "File", MainWindow.quit, ("Ctrl+Q",), MenuPlace("&File", 4, Role.QuitRole)),
    Command("edit.preferences", "Preferences…", "Edit", MainWindow.show_preferences, ("Ctrl+,",),
            MenuPlace("&Edit", 4)),
    Command("help.shortcuts", "Keyboard Shortcuts", "Help", MainWindow.show_shortcuts, ("F1",),
            MenuPlace("&Help", 0)),
    Command("help.about", "About VideoDB Timeline Editor", "Help", MainWindow.show_about,
            menu=MenuPlace("&Help", 1, Role.AboutRole), rebindable=False),
)  # fmt: skip
ALL_COMMANDS: tuple[Command[Any], ...] = (
    *PROJECT_COMMANDS,
    *MEDIA_COMMANDS,
    *INTERCHANGE_COMMANDS,
    *HISTORY_COMMANDS,
    *TRANSPORT_COMMANDS,
    *TIMELINE_COMMANDS,
    *EDITING_COMMANDS,
    *CAPTION_COMMANDS,
    *LAYER_COMMANDS,
    *RENDER_COMMANDS,
    *WINDOW_COMMANDS,
    *LAYOUT_COMMANDS,
)  # fmt: skip  (the order `_bind_commands` binds them in: menus, toolbar and Preferences follow it)
