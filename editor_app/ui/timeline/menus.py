"""Context menus on a clip, a gap, a track header, the ruler and a marker.

Each is a list of command ids (`logic/menus.py`) shown from the host's command table, so a
menu entry is the same command as the menu bar's and the keys' (same title, enabled rule and
refusal). The marker and track commands act on what was right-clicked (`menu_marker`,
`menu_track`), or else on the marker at the playhead and the selection's track.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu

from editor_app.model.edits import EditMarker, RemoveMarker, SetTrackState
from editor_app.model.errors import EditError
from editor_app.model.timeline import Marker, Track
from editor_app.ui.commands.table import CommandTable
from editor_app.ui.timeline.editing import MARKER_COLOURS
from editor_app.ui.timeline.logic.geometry import hit_test
from editor_app.ui.timeline.logic.menus import TRACK_MENU, MenuItems, menu_for
from editor_app.ui.timeline.logic.ruler import ruler_hit
from editor_app.ui.timeline.ruler_mouse import CanvasRuler


class CanvasMenus(CanvasRuler):
    command_table: CommandTable | None = None  # the host's table (set by the view)
    menu_marker: str | None = None
    menu_track: str | None = None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos().x(), event.pos().y())
        if menu is not None:
            menu.exec(event.globalPos())

    def context_menu(self, x: float, y: float) -> QMenu | None:
        """The menu for a right click at (x, y); it also selects what was clicked."""
        hit = hit_test(self.timeline, self.scale, self.layout_rows(), x, y)
        kind, marker_id = ruler_hit(self.scale, x, self.io_range, self.timeline.markers)
        on_marker = hit.kind == "ruler" and kind == "marker"
        self.menu_marker = marker_id if on_marker else None
        self.menu_track = hit.track_id
        if hit.clip_id is not None and hit.clip_id not in self._selection:
            self.set_selection([hit.clip_id])
        elif hit.kind == "empty" and hit.track_id is not None:
            self.set_selection([])
            self.select_gap(hit.track_id, self.scale.ticks_at(x))
        return self._menu(menu_for(hit.kind, on_marker))

    def track_menu(self, track_id: str, at: QPoint) -> None:
        self.menu_track = track_id
        menu = self._menu(TRACK_MENU)
        if menu is not None:
            menu.exec(at)

    def _menu(self, items: MenuItems) -> QMenu | None:
        table = self.command_table
        if table is None:
            return None
        menu = QMenu(self)
        for item in items:
            if item is None:
                menu.addSeparator()
            elif item in table:
                bound = table[item]
                action = QAction(bound.title(), menu)
                action.setObjectName(item)
                if bound.command.keys:
                    action.setShortcut(QKeySequence(bound.command.keys[0]))
                action.setEnabled(bound.is_enabled())
                action.triggered.connect(lambda _checked=False, b=bound: b.trigger())
                menu.addAction(action)
        return menu

    # ---- what the menu acts on --------------------------------------------------------------------
    def current_marker(self) -> Marker:
        wanted = self.menu_marker
        for marker in self.timeline.markers:
            if marker.id == wanted or (wanted is None and marker.time == self.playhead):
                return marker
        raise EditError("Right-click a marker, or put the playhead on one")

    def current_track(self) -> Track:
        if self.menu_track is not None:
            try:
                return self.timeline.track(self.menu_track)
            except KeyError:
                self.menu_track = None
        return super().current_track()

    # ---- marker commands ----------------------------------------------------------------------------
    def rename_marker(self) -> None:
        marker = self.current_marker()
        text, ok = QInputDialog.getText(self, "Rename Marker", "Name:", text=marker.label)
        if ok and text != marker.label:
            self.history.push(EditMarker(marker.id, label=text))

    def recolour_marker(self) -> None:
        """The next colour of the palette."""
        marker = self.current_marker()
        colours = list(MARKER_COLOURS)
        index = colours.index(marker.color) if marker.color in colours else -1
        self.history.push(EditMarker(marker.id, color=colours[(index + 1) % len(colours)]))

    def delete_marker(self) -> None:
        self.history.push(RemoveMarker(self.current_marker().id))

    # ---- track commands -----------------------------------------------------------------------------
    def _toggle_track(self, field: str) -> None:
        track = self.current_track()
        changes = {field: not getattr(track, field)}
        self.history.push(SetTrackState(track.id, **changes))  # type: ignore[arg-type]

    def toggle_track_mute(self) -> None:
        self._toggle_track("muted")

    def toggle_track_solo(self) -> None:
        if self.current_track().kind != "audio":
            raise EditError("Solo is for audio tracks")
        self._toggle_track("solo")

    def toggle_track_lock(self) -> None:
        self._toggle_track("locked")

    def toggle_track_hide(self) -> None:
        self._toggle_track("hidden")

    def reset_track_height(self) -> None:
        track = self.current_track()
        if track.height is None:
            raise EditError(f"{track.name or 'The track'} already has the default height")
        self.history.push(SetTrackState(track.id, height=0))
