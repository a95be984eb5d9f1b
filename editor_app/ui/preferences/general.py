"""The General page of Preferences: which ffmpeg the local backend renders with, how often to autosave.

The ffmpeg path is kept with the backend settings (`settings.json`, so `serve` and the render
command see it too) and applies when the local backend next starts; the autosave interval is a
QSettings value and applies at once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from editor_app.config.settings import EditorSettings, SettingsFileError, load_settings, save_settings
from editor_app.model.project.autosave import Autosaver

AUTOSAVE_KEY = "autosave/interval_s"
DEFAULT_AUTOSAVE_S = 5  # a crash loses at most this many seconds of edits, whatever their rhythm
AUTOSAVE_RANGE_S = (5, 600)
QUIET_S = 2.0  # a pause in editing this long also triggers a save


def autosave_interval(settings: QSettings) -> int:
    """Seconds edits may stay unsaved at most (clamped to the allowed range; junk gives the default)."""
    try:
        value = int(str(settings.value(AUTOSAVE_KEY, DEFAULT_AUTOSAVE_S)))
    except ValueError:
        return DEFAULT_AUTOSAVE_S
    low, high = AUTOSAVE_RANGE_S
    return min(max(value, low), high)


def apply_autosave_interval(autosaver: Autosaver, seconds: int) -> None:
    autosaver.max_wait_seconds = float(seconds)
    autosaver.quiet_seconds = min(QUIET_S, float(seconds))


def check_ffmpeg(path_text: str) -> str:
    """The first line of `ffmpeg -version` for this path (blank: the one on PATH); ValueError if unusable."""
    text = path_text.strip()
    program = str(Path(text).expanduser()) if text else shutil.which("ffmpeg")
    if program is None:
        raise ValueError("no ffmpeg on PATH: install it (Debian/Ubuntu: apt install ffmpeg) or choose one")
    if not (os.path.isfile(program) and os.access(program, os.X_OK)):
        raise ValueError(f"{program} is not an executable file")
    try:
        result = subprocess.run(
            [program, "-hide_banner", "-version"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ValueError(f"{program} did not run: {exc}") from None
    first = result.stdout.splitlines()[0] if result.stdout else ""
    if result.returncode != 0 or not first.startswith("ffmpeg version"):
        raise ValueError(f"{program} does not answer like ffmpeg")
    return first


class GeneralPage(QWidget):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.ffmpeg = QLineEdit(self)
        self.ffmpeg.setPlaceholderText("ffmpeg on PATH")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self.browse_ffmpeg)
        check = QPushButton("Check", self)
        check.clicked.connect(self.show_ffmpeg_check)
        row = QHBoxLayout()
        row.addWidget(self.ffmpeg, 1)
        row.addWidget(browse)
        row.addWidget(check)
        self.ffmpeg_status = QLabel(self)
        self.ffmpeg_status.setObjectName("FfmpegStatus")
        self.ffmpeg_status.setWordWrap(True)
        self.autosave = QSpinBox(self)
        self.autosave.setRange(*AUTOSAVE_RANGE_S)
        self.autosave.setSuffix(" s")
        self.autosave.setToolTip("Unsaved edits are copied to the recovery folder at least this often")
        form.addRow("ffmpeg", row)
        form.addRow("", self.ffmpeg_status)
        form.addRow(QLabel("The local backend uses the new ffmpeg the next time the editor starts.", self))
        form.addRow("Autosave every", self.autosave)
        try:
            current = load_settings().ffmpeg_path
        except SettingsFileError:
            current = None
        self.ffmpeg.setText(current or "")
        self.autosave.setValue(autosave_interval(settings))

    def browse_ffmpeg(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the ffmpeg program", self.ffmpeg.text())
        if path:
            self.ffmpeg.setText(path)
            self.show_ffmpeg_check()

    def show_ffmpeg_check(self) -> bool:
        try:
            self.ffmpeg_status.setText(check_ffmpeg(self.ffmpeg.text()))
        except ValueError as exc:
            self.ffmpeg_status.setText(str(exc))
            return False
        return True

    def validate(self) -> None:
        """Raises ValueError when a chosen ffmpeg cannot be used (a blank path is always fine)."""
        if self.ffmpeg.text().strip():
            check_ffmpeg(self.ffmpeg.text())

    def save(self, qsettings: QSettings) -> None:
        """Call after the Backend page saved: it rewrites the settings file this updates."""
        try:
            current = load_settings()
        except SettingsFileError:
            current = EditorSettings()
        path = self.ffmpeg.text().strip() or None
        save_settings(current.model_copy(update={"ffmpeg_path": path}))
        qsettings.setValue(AUTOSAVE_KEY, self.autosave.value())
