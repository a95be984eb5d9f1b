"""Where the docks sit: the first-run layout, kept in QSettings, and View ▸ Reset Layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from editor_app.ui.commands.table import Command, MenuPlace

LAYOUT_VERSION = 1


class DockLayout:
    """Bin, preview and inspector side by side above the timeline; history and exports tabbed
    behind the inspector. `docks` are (bin, preview, inspector, history, exports)."""

    def __init__(self, window: QMainWindow, settings: QSettings, docks: list[QDockWidget]) -> None:
        self.window = window
        self.settings = settings
        self.docks = docks
        self._default_state = QByteArray()

    def lay_out(self) -> None:
        window = self.window
        media_bin, preview, inspector, history, exports = self.docks
        window.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, media_bin)
        window.splitDockWidget(media_bin, preview, Qt.Orientation.Horizontal)
        window.splitDockWidget(preview, inspector, Qt.Orientation.Horizontal)
        window.tabifyDockWidget(inspector, history)
        window.tabifyDockWidget(history, exports)
        inspector.raise_()
        window.resizeDocks([media_bin, preview, inspector], [380, 700, 420], Qt.Orientation.Horizontal)
        self._default_state = window.saveState(LAYOUT_VERSION)

    def restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.window.restoreGeometry(geometry)
        else:
            self.window.resize(1600, 1000)
        if isinstance(state, QByteArray):
            self.window.restoreState(state, LAYOUT_VERSION)
        else:  # first run: the timeline gets about half the height, once the window is laid out
            QTimer.singleShot(0, self.split_height)

    def split_height(self) -> None:
        top = max(int(self.window.height() * 0.55) - 50, 240)
        self.window.resizeDocks(self.docks[:3], [top] * 3, Qt.Orientation.Vertical)

    def save(self) -> None:
        self.settings.setValue("window/geometry", self.window.saveGeometry())
        self.settings.setValue("window/state", self.window.saveState(LAYOUT_VERSION))

    def reset(self) -> None:
        self.window.restoreState(self._default_state, LAYOUT_VERSION)
        for dock in self.docks:
            dock.show()
        self.docks[2].raise_()  # the inspector in front of its tabs
        self.split_height()


LAYOUT_COMMANDS: tuple[Command[DockLayout], ...] = (
    Command("view.reset_layout", "Reset Layout", "View", DockLayout.reset, menu=MenuPlace("&View", 2),
            rebindable=False),
)  # fmt: skip
