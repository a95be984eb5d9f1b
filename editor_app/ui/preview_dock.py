"""The Preview and Exports docks as the window lays them out.

The preview player (VLC) and the export dialog fill these in their own issues; until then the
Preview dock shows the program timecode and the last compiled stream, and the Exports dock
lists export jobs as rows the export code adds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from editor_app.model import format_timecode
from editor_app.model.ticks import Ticks
from editor_app.ui.upload_panel import UploadPanel


class PreviewDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Preview", parent)
        self.setObjectName("PreviewDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.picture = QLabel("Press Ctrl+Enter to compile a preview", body)
        self.picture.setObjectName("PreviewPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)
        self.picture.setMinimumSize(320, 180)
        self.picture.setStyleSheet("QLabel#PreviewPicture { background: #000; color: #8a8f98; }")
        self.timecode = QLabel(format_timecode(0), body)
        self.timecode.setObjectName("PreviewTimecode")
        self.timecode.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timecode.setStyleSheet("QLabel { font-family: monospace; font-size: 15px; padding: 4px; }")
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.timecode)
        self.setWidget(body)
        self.stream_url: str | None = None

    def set_position(self, ticks: Ticks) -> None:
        self.timecode.setText(format_timecode(ticks))

    def set_stream(self, stream_url: str) -> None:
        self.stream_url = stream_url
        self.picture.setText(f"Compiled preview ready\n{stream_url}")

    def set_message(self, text: str) -> None:
        self.picture.setText(text)


class ExportsDock(QDockWidget):
    """Exports in flight (progress, cancel) above the finished ones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Exports", parent)
        self.setObjectName("ExportsDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        self.panel = UploadPanel(body)
        self.list = QListWidget(body)
        self.list.setObjectName("ExportsList")
        layout.addWidget(self.panel)
        layout.addWidget(self.list, 1)
        self.setWidget(body)

    def add_finished(self, text: str, tooltip: str) -> None:
        item = QListWidgetItem(text)
        item.setToolTip(tooltip)
        self.list.insertItem(0, item)
