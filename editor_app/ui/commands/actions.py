"""Menus, toolbar and their QActions, declared as tables and wired to the main window's methods.

Each command id (see `shortcuts.py`) maps to a method name on the window, so this module holds
no behaviour of its own; it also keeps the Undo/Redo texts named after the next action.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

from editor_app.ui.commands.shortcuts import BY_ID, ShortcutMap
from editor_app.ui.icons import painted_icon

if TYPE_CHECKING:
    from editor_app.ui.window.window_base import WindowBase

HANDLERS: dict[str, str] = {
    "file.new": "new_project",
    "file.open": "open_project",
    "file.save": "save",
    "file.save_as": "save_as",
    "file.import_media": "import_media",
    "file.import_otio": "import_otio",
    "file.export_otio": "export_otio",
    "file.import_json": "import_editor_json",
    "file.export_json": "export_editor_json",
    "file.copy_sdk": "copy_sdk_code",
    "file.export_video": "export_video",
    "file.quit": "close",
    "edit.undo": "undo",
    "edit.redo": "redo",
    "edit.cut": "cut",
    "edit.copy": "copy",
    "edit.paste": "paste",
    "edit.duplicate": "duplicate",
    "edit.split": "split",
    "edit.delete": "delete",
    "edit.ripple_delete": "ripple_delete",
    "edit.select_all": "select_all",
    "edit.preferences": "show_preferences",
    "view.zoom_in": "zoom_in",
    "view.zoom_out": "zoom_out",
    "view.zoom_fit": "zoom_fit",
    "view.reset_layout": "reset_layout",
    "transport.play_pause": "play_pause",
    "transport.reverse": "shuttle_reverse",
    "transport.stop": "shuttle_stop",
    "transport.forward": "shuttle_forward",
    "transport.mark_in": "mark_in",
    "transport.mark_out": "mark_out",
    "transport.home": "go_home",
    "transport.end": "go_end",
    "transport.prev_frame": "previous_frame",
    "transport.next_frame": "next_frame",
    "timeline.add_marker": "add_marker",
    "timeline.prev_marker": "previous_marker",
    "timeline.next_marker": "next_marker",
    "timeline.add_title": "add_title",
    "timeline.add_video_track": "add_video_track",
    "timeline.add_audio_track": "add_audio_track",
    "timeline.compile": "compile_preview",
    "help.shortcuts": "show_shortcuts",
    "help.about": "show_about",
}
EXTRA_TITLES = {
    "file.import_otio": "Import OpenTimelineIO…",
    "file.export_otio": "Export OpenTimelineIO…",
    "file.import_json": "Import Editor JSON…",
    "file.export_json": "Export Editor JSON…",
    "file.copy_sdk": "Copy as Python SDK Code",
    "view.reset_layout": "Reset Layout",
    "help.about": "About VideoDB Timeline Editor",
}
MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&File",
        ("file.new", "file.open", "@recent", "-", "file.save", "file.save_as", "-", "file.import_media",
         "file.import_otio", "file.export_otio", "file.import_json", "file.export_json", "file.copy_sdk", "-",
         "file.export_video", "-", "file.quit"),
    ),
    (
        "&Edit",
        ("edit.undo", "edit.redo", "-", "edit.cut", "edit.copy", "edit.paste", "edit.duplicate", "-",
         "edit.split", "edit.delete", "edit.ripple_delete", "-", "edit.select_all", "-", "edit.preferences"),
    ),
    ("&View", ("view.zoom_in", "view.zoom_out", "view.zoom_fit", "-", "@docks", "-", "view.reset_layout")),
    (
        "&Timeline",
        ("timeline.add_video_track", "timeline.add_audio_track", "timeline.add_title", "-",
         "timeline.add_marker", "timeline.prev_marker", "timeline.next_marker", "-",
         "transport.play_pause", "transport.reverse", "transport.stop", "transport.forward",
         "transport.mark_in", "transport.mark_out", "transport.home", "transport.end",
         "transport.prev_frame", "transport.next_frame", "-",
         "timeline.compile"),
    ),
    ("&Help", ("help.shortcuts", "-", "help.about")),
)  # fmt: skip
TOOLBAR: tuple[tuple[str, QStyle.StandardPixmap | str | None], ...] = (
    ("file.new", QStyle.StandardPixmap.SP_FileIcon),
    ("file.open", QStyle.StandardPixmap.SP_DialogOpenButton),
    ("file.save", QStyle.StandardPixmap.SP_DialogSaveButton),
    ("-", None),
    ("edit.undo", QStyle.StandardPixmap.SP_ArrowBack),
    ("edit.redo", QStyle.StandardPixmap.SP_ArrowForward),
    ("-", None),
    ("file.import_media", "import"),
    ("edit.split", "split"),
    ("edit.delete", QStyle.StandardPixmap.SP_TrashIcon),
    ("-", None),
    ("transport.play_pause", "play"),
    ("view.zoom_fit", "zoom_fit"),
    ("-", None),
    ("timeline.compile", "preview"),
    ("file.export_video", "export"),
)
TOOLBAR_TEXT = {"edit.split": "Split", "timeline.compile": "Preview", "file.export_video": "Export"}


class Actions:
    """Owns every QAction of the window, keyed by command id."""

    def __init__(self, window: WindowBase, shortcuts: ShortcutMap) -> None:
        self.window = window
        self.shortcuts = shortcuts
        self.by_id: dict[str, QAction] = {}
        for command_id, method in HANDLERS.items():
            title = BY_ID[command_id].title if command_id in BY_ID else EXTRA_TITLES[command_id]
            action = QAction(title, window)
            action.setObjectName(command_id)
            slot: Callable[[], object] = getattr(window, method)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            window.addAction(action)  # shortcuts work even with the menu bar hidden
            self.by_id[command_id] = action
        self.by_id["file.quit"].setMenuRole(QAction.MenuRole.QuitRole)
        self.by_id["help.about"].setMenuRole(QAction.MenuRole.AboutRole)
        self.recent_menu = QMenu("Open &Recent", window)
        self.docks_menu = QMenu("&Panels", window)
        self.apply_shortcuts()
        self._build_menus()
        self.toolbar = self._build_toolbar()

    def __getitem__(self, command_id: str) -> QAction:
        return self.by_id[command_id]

    def apply_shortcuts(self) -> None:
        for command_id, action in self.by_id.items():
            if command_id in BY_ID:
                action.setShortcuts(self.shortcuts.sequences(command_id))
                keys = self.shortcuts.text(command_id)
                action.setToolTip(f"{action.text().rstrip('…')} ({keys})" if keys else action.text())

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        for title, entries in MENUS:
            menu = bar.addMenu(title)
            for entry in entries:
                if entry == "-":
                    menu.addSeparator()
                elif entry == "@recent":
                    menu.addMenu(self.recent_menu)
                elif entry == "@docks":
                    menu.addMenu(self.docks_menu)
                else:
                    menu.addAction(self.by_id[entry])

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar("Main Toolbar", self.window)
        toolbar.setObjectName("MainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        style = self.window.style()
        ink = self.window.palette().color(QPalette.ColorRole.ButtonText)
        for command_id, pixmap in TOOLBAR:
            if command_id == "-":
                toolbar.addSeparator()
                continue
            action = self.by_id[command_id]
            if isinstance(pixmap, str):
                action.setIcon(painted_icon(pixmap, ink))
            elif pixmap is not None:
                action.setIcon(style.standardIcon(pixmap))
            if command_id in TOOLBAR_TEXT:
                action.setIconText(TOOLBAR_TEXT[command_id])
            else:
                action.setPriority(QAction.Priority.LowPriority)  # icon only beside text
            toolbar.addAction(action)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        return toolbar

    def update_undo(self, undo_label: str | None, redo_label: str | None) -> None:
        undo, redo = self.by_id["edit.undo"], self.by_id["edit.redo"]
        undo.setEnabled(undo_label is not None)
        redo.setEnabled(redo_label is not None)
        undo.setText(f"Undo {undo_label}" if undo_label else "Undo")
        redo.setText(f"Redo {redo_label}" if redo_label else "Redo")

    def set_recent(self, paths: list[Path], open_path: Callable[[Path], None]) -> None:
        self.recent_menu.clear()
        for path in paths:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: open_path(p))
        self.recent_menu.setEnabled(bool(paths))

    def set_playing(self, playing: bool) -> None:
        ink = self.window.palette().color(QPalette.ColorRole.ButtonText)
        self.by_id["transport.play_pause"].setIcon(painted_icon("pause" if playing else "play", ink))
