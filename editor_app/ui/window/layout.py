"""Where the docks sit: the first-run layout, kept in QSettings, and View ▸ Reset Layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from editor_app.ui.commands.table import Command, MenuPlace

LAYOUT_VERSION = 1


MIN_TIMELINE_SHARE = 0.38  # of the window's height, below which the docks give way
FRAME_ALLOWANCE = (16, 48)  # what a window manager's frame and title bar usually add, in pixels


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
            self.fit_screen()
        if isinstance(state, QByteArray):
            self.window.restoreState(state, LAYOUT_VERSION)
        else:  # first run: the timeline gets about half the height, once the window is laid out
            QTimer.singleShot(0, self.split_height)

    def fit_screen(self) -> None:
        """The first window: 1600x1000 at most, and never more than the screen's free area, frame
        included (defect 4: on a small screen the status bar was off-screen)."""
        screen = self.window.screen()
        free = screen.availableGeometry() if screen is not None else None
        if free is None or free.isEmpty():
            self.window.resize(1600, 1000)
            return
        frame_w, frame_h = FRAME_ALLOWANCE
        width = min(1600, free.width() - frame_w)
        height = min(1000, free.height() - frame_h)
        self.window.resize(max(width, 640), max(height, 480))
        self.window.move(free.x() + (free.width() - width - frame_w) // 2, free.y())

    def keep_timeline_room(self) -> None:
        """After the window shrank: give the timeline back about half the height when the docks
        kept theirs (defect 5: at 1024x700 the timeline had about 100 px, one track)."""
        central = self.window.centralWidget()
        if central is not None and central.height() < self.window.height() * MIN_TIMELINE_SHARE:
            self.split_height()

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
