"""Rows of uploads in flight under the media bin: name, progress, a cancel button, the outcome."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QVBoxLayout, QWidget


class UploadRow(QWidget):
    def __init__(self, name: str, on_cancel: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 1, 4, 1)
        self.label = QLabel(name, self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.bar.setFormat("%p%")
        self.bar.setMaximumHeight(14)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("✕")
        self.cancel_button.setToolTip(f"Cancel the upload of {name}")
        self.cancel_button.clicked.connect(on_cancel)
        layout.addWidget(self.label, 2)
        layout.addWidget(self.bar, 3)
        layout.addWidget(self.cancel_button)

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setValue(int(1000 * min(done, total) / total))
        else:
            self.bar.setRange(0, 0)  # unknown size: busy indicator

    def set_processing(self) -> None:
        self.bar.setRange(0, 0)
        self.bar.setFormat("processing…")


class UploadPanel(QWidget):
    """Holds one `UploadRow` per upload; hidden when nothing is uploading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.rows: list[UploadRow] = []
        self.setVisible(False)

    def add(self, name: str, on_cancel: Callable[[], None]) -> UploadRow:
        row = UploadRow(name, on_cancel, self)
        self.rows.append(row)
        self._layout.addWidget(row)
        self.setVisible(True)
        return row

    def remove(self, row: UploadRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            self._layout.removeWidget(row)
            row.deleteLater()
        self.setVisible(bool(self.rows))
