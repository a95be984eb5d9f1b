"""Where VLC draws: into a native child window when the window system allows it, else frames.

Native embedding (`set_xwindow` / `set_hwnd` / `set_nsobject`) costs no copies, but the editor
cannot tell which picture VLC's window shows: its Vout event comes before the first picture (a
black pane for up to 0.4 s after a seek, measured under Xvfb), and VLC's window covers the
still frames shown while seeking. Frame callbacks into a QImage work everywhere (offscreen,
Wayland, tests) and show only pictures that arrived, so `auto` paints frames; Preferences can
choose the native window where the platform has one.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPaintEngine
from PySide6.QtWidgets import QStackedWidget, QWidget

SETTING = "preview/video_output"
CHOICES = {"auto": "Automatic", "native": "Native window", "frames": "Frames painted by the editor"}
NATIVE_PLATFORMS = {"xcb": "xcb_x11", "windows": None, "cocoa": None}


def platform_name() -> str:
    return QGuiApplication.platformName().lower()


def chosen_output(settings: QSettings | None) -> str:
    """'native' or 'frames' for this run, from the Preferences choice and the platform."""
    wanted = str(settings.value(SETTING, "auto")) if settings is not None else "auto"
    if wanted == "native" and platform_name() in NATIVE_PLATFORMS:
        return "native"
    return "frames"


def native_vout() -> str | None:
    """The video output to pin for native embedding on this platform."""
    return NATIVE_PLATFORMS.get(platform_name())


class NativeSurface(QWidget):
    """A native child window VLC paints into; Qt must not paint over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PreviewNativeSurface")
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        self.setAttribute(Qt.WidgetAttribute.WA_PaintOnScreen)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setAutoFillBackground(False)
        self.setStyleSheet("background: black;")

    def paintEngine(self) -> QPaintEngine:
        return None  # type: ignore[return-value]  # VLC owns the pixels: Qt must not paint

    def window_id(self) -> int:
        return int(self.winId())


class NativeSurfaces:
    """One native window per libvlc player (by its generation, see player.py), in `stack`: two
    players never share a window, and a window goes only once its player is released."""

    def __init__(self, stack: QStackedWidget) -> None:
        self.stack = stack
        self._by_generation: dict[int, NativeSurface] = {}

    def new(self, generation: int) -> tuple[int, str]:
        surface = NativeSurface(self.stack)
        self.stack.addWidget(surface)
        # shown before VLC draws: what VLC draws into an unmapped window is lost, and a paused
        # player never draws again (the pane stayed black, measured under Xvfb)
        self.stack.setCurrentWidget(surface)
        self._by_generation[generation] = surface
        return surface.window_id(), platform_name()

    def get(self, generation: int) -> NativeSurface | None:
        return self._by_generation.get(generation)

    def drop(self, generation: int) -> None:
        surface = self._by_generation.pop(generation, None)
        if surface is not None and shiboken6.isValid(surface):
            self.stack.removeWidget(surface)
            surface.deleteLater()
