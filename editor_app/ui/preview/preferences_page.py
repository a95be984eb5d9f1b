"""Preferences ▸ Preview: how the preview shows video (native window, painted frames, or automatic)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from editor_app.ui.preview.native import CHOICES, SETTING, platform_name
from editor_app.ui.preview.vlc_loader import missing_reason


class PreviewPage(QWidget):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.output = QComboBox(self)
        self.output.setObjectName("PreviewOutput")
        for key, title in CHOICES.items():
            self.output.addItem(title, key)
        current = str(settings.value(SETTING, "auto"))
        self.output.setCurrentIndex(max(self.output.findData(current), 0))
        form.addRow("Video output", self.output)
        note = QLabel(
            "Automatic paints the frames in the editor (seeks show the right picture at once). "
            "Native window lets VLC draw into its own window on X11, Windows and macOS "
            f"(this session: {platform_name() or 'unknown'}). Applies when the editor next starts.",
            self,
        )
        note.setWordWrap(True)
        form.addRow(note)
        problem = missing_reason()
        if problem:
            missing = QLabel(problem, self)
            missing.setWordWrap(True)
            form.addRow(missing)

    def save(self, settings: QSettings) -> None:
        settings.setValue(SETTING, str(self.output.currentData()))
