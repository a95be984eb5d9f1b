"""Where VLC draws: into a native child window when the window system allows it, else frames.

Native embedding (`set_xwindow` / `set_hwnd` / `set_nsobject`) costs no copies; frame callbacks
into a QImage work everywhere (offscreen, Wayland, tests). `auto` picks native on X11, Windows
and macOS; Preferences can force either.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPaintEngine
from PySide6.QtWidgets import QWidget

SETTING = "preview/video_output"
CHOICES = {"auto": "Automatic", "native": "Native window", "frames": "Frames painted by the editor"}
NATIVE_PLATFORMS = {"xcb": "xcb_x11", "windows": None, "cocoa": None}


def platform_name() -> str:
    return QGuiApplication.platformName().lower()


def chosen_output(settings: QSettings | None) -> str:
    """'native' or 'frames' for this run, from the Preferences override and the platform."""
    wanted = str(settings.value(SETTING, "auto")) if settings is not None else "auto"
    native_ok = platform_name() in NATIVE_PLATFORMS
    if wanted == "frames" or not native_ok:
        return "frames"
    return "native"


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
