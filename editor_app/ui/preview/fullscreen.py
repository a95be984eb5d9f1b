"""Full screen for the preview: its picture area moves into a window of its own and back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget


class FullScreen:
    def __init__(self, picture: QWidget, home: QVBoxLayout, play_pause: Callable[[], None]) -> None:
        self.picture, self.home, self.play_pause = picture, home, play_pause
        self.window: QWidget | None = None

    def toggle(self) -> None:
        window = self.window
        if window is None:
            window = QWidget(None, Qt.WindowType.Window)
            window.setWindowTitle("Preview")
            inner = QVBoxLayout(window)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(self.picture)
            QShortcut(QKeySequence(Qt.Key.Key_Escape), window, self.toggle)
            QShortcut(QKeySequence(Qt.Key.Key_Space), window, self.play_pause)
            self.window = window
            window.showFullScreen()
        else:
            self.home.insertWidget(0, self.picture, 1)
            self.window = None
            window.deleteLater()
