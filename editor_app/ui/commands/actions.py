"""The window's QActions, menus and toolbar, built from its command table.

One QAction per bound command (added to the window, so shortcuts work with the menu bar hidden),
placed by the command's `menu` and `toolbar` places; two submenus the window fills itself (Open
Recent, Panels) have places of their own. `refresh` re-reads the enabled rules and live titles
(Undo/Redo named after the next step).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from editor_app.ui.commands.shortcuts import ShortcutMap
from editor_app.ui.commands.table import MENUS, Command, CommandTable, MenuPlace, ToolbarPlace
from editor_app.ui.icons import painted_icon

RECENT_PLACE = MenuPlace("&File", 0)  # after Open Project…
PANELS_PLACE = MenuPlace("&View", 1)
PLAY_PAUSE = "transport.play_pause"


class ThemedToolBar(QToolBar):
    """Calls `on_palette` when the palette changes (a theme switch), so painted icons follow it."""

    def __init__(self, title: str, parent: QWidget, on_palette: Callable[[], None]) -> None:
        super().__init__(title, parent)
        self._on_palette = on_palette

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._on_palette()


class Actions:
    """Owns every QAction of the window, keyed by command id."""

    def __init__(self, window: QMainWindow, table: CommandTable, shortcuts: ShortcutMap) -> None:
        self.window = window
        self.table = table
        self.shortcuts = shortcuts
        self.by_id: dict[str, QAction] = {}
        self._painted: dict[str, str] = {}  # command id -> painted icon name
        self._playing = False
        self._live: list[str] = []  # ids with an enabled rule or a live title
        for bound in table:
            command = bound.command
            action = QAction(command.title, window)
            action.setObjectName(command.id)
            action.triggered.connect(lambda _checked=False, bound=bound: bound.trigger())
            if command.menu is not None:
                action.setMenuRole(command.menu.role)
            window.addAction(action)  # shortcuts work even with the menu bar hidden
            self.by_id[command.id] = action
            if command.enabled is not None or command.live_title is not None:
                self._live.append(command.id)
        self.recent_menu = QMenu("Open &Recent", window)
        self.docks_menu = QMenu("&Panels", window)
        self.apply_shortcuts()
        self._build_menus()
        self.toolbar = self._build_toolbar()

    def __getitem__(self, command_id: str) -> QAction:
        return self.by_id[command_id]

    def apply_shortcuts(self) -> None:
        for command_id, action in self.by_id.items():
            if command_id in self.shortcuts:
                action.setShortcuts(self.shortcuts.sequences(command_id))
                keys = self.shortcuts.text(command_id)
                action.setToolTip(f"{action.text().rstrip('…')} ({keys})" if keys else action.text())

    def refresh(self) -> None:
        """Enabled states and live titles, after the state they follow changed."""
        for command_id in self._live:
            bound, action = self.table[command_id], self.by_id[command_id]
            action.setEnabled(bound.is_enabled())
            action.setText(bound.title())
            place = bound.command.toolbar
            if place is not None and place.text and bound.command.live_title is not None:
                action.setIconText(bound.title())  # a toggle's state shows on its button

    def _build_menus(self) -> None:
        sections: dict[MenuPlace, list[QAction | QMenu]] = {}
        for bound in self.table:
            place = bound.command.menu
            if place is not None:
                key = MenuPlace(place.menu, place.section)
                sections.setdefault(key, []).append(self.by_id[bound.id])
        for place, submenu in ((RECENT_PLACE, self.recent_menu), (PANELS_PLACE, self.docks_menu)):
            sections.setdefault(place, []).append(submenu)
        bar = self.window.menuBar()
        for title in MENUS:
            menu = bar.addMenu(title)
            numbers = sorted(place.section for place in sections if place.menu == title)
            for position, number in enumerate(numbers):
                if position:
                    menu.addSeparator()
                for entry in sections[MenuPlace(title, number)]:
                    if isinstance(entry, QMenu):
                        menu.addMenu(entry)
                    else:
                        menu.addAction(entry)

    def _build_toolbar(self) -> QToolBar:
        toolbar = ThemedToolBar("Main Toolbar", self.window, self.repaint_icons)
        toolbar.setObjectName("MainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        style = self.window.style()
        placed: list[tuple[ToolbarPlace, Command[Any]]] = []
        for bound in self.table:
            if bound.command.toolbar is not None:
                placed.append((bound.command.toolbar, bound.command))
        last_section: int | None = None
        for place, command in sorted(placed, key=lambda item: item[0].section):  # stable: bound order
            if last_section is not None and place.section != last_section:
                toolbar.addSeparator()
            last_section = place.section
            action = self.by_id[command.id]
            if isinstance(place.icon, str):
                self._painted[command.id] = place.icon
            else:
                action.setIcon(style.standardIcon(place.icon))
            if place.text:
                action.setIconText(command.name)
            else:
                action.setPriority(QAction.Priority.LowPriority)  # icon only beside text
            toolbar.addAction(action)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.repaint_icons()
        return toolbar

    def repaint_icons(self) -> None:
        """The painted icons in the palette's button text colour (standard icons follow the style)."""
        ink = self.window.palette().color(QPalette.ColorRole.ButtonText)
        for command_id, name in self._painted.items():
            if command_id == PLAY_PAUSE and self._playing:
                name = "pause"
            self.by_id[command_id].setIcon(painted_icon(name, ink))

    def set_recent(self, paths: list[Path], open_path: Callable[[Path], None]) -> None:
        self.recent_menu.clear()
        for path in paths:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: open_path(p))
        self.recent_menu.setEnabled(bool(paths))

    def set_playing(self, playing: bool) -> None:
        self._playing = playing
        self.repaint_icons()
