"""The Exports dock: exports in flight (progress, cancel) above the finished ones."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from editor_app.ui.upload_panel import UploadPanel


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
