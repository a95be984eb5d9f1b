"""Preferences ▸ Preview: how the preview shows video (native window, painted frames, or
automatic), and whether the local backend makes preview proxies by itself (its own setting,
`GET/PATCH /local/settings`, asked and saved on the TaskRunner; off against VideoDB cloud)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QWidget

from editor_app.api.client import VideoDBClient
from editor_app.ui.preview.native import CHOICES, SETTING, platform_name
from editor_app.ui.preview.resolution import is_local_backend
from editor_app.ui.preview.vlc_loader import missing_reason
from editor_app.ui.workers import TaskRunner
from editor_app.wire.preview import LocalSettings


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
        self.auto_proxies = QCheckBox("Make proxies automatically", self)
        self.auto_proxies.setObjectName("AutoProxies")
        self.auto_proxies.setToolTip(
            "After an import the local backend makes a small, fast-seeking copy of each video for "
            "the preview (exports always use the originals)"
        )
        self.auto_proxies.setEnabled(False)
        form.addRow("Proxies", self.auto_proxies)
        self.proxy_note = QLabel("Local backend only.", self)
        form.addRow(self.proxy_note)
        self._client: VideoDBClient | None = None
        self._runner: TaskRunner | None = None
        self._loaded: bool | None = None
        problem = missing_reason()
        if problem:
            missing = QLabel(problem, self)
            missing.setWordWrap(True)
            form.addRow(missing)

    def attach_backend(self, client: VideoDBClient | None, runner: TaskRunner) -> None:
        """Ask the local backend for its proxy setting (never the cloud: it has none)."""
        if client is None or not is_local_backend(client.base_url):
            return
        self._client, self._runner = client, runner
        self.proxy_note.setText("Asking the local backend…")
        runner.run(
            lambda _report: client.local_settings(),
            on_done=self._show_local,
            on_error=lambda exc: self.proxy_note.setText(f"Could not ask the local backend: {exc}"),
            name="local settings",
            owner=self,
        )

    def _show_local(self, local: LocalSettings) -> None:
        self._loaded = local.auto_proxies
        self.auto_proxies.setChecked(local.auto_proxies)
        self.auto_proxies.setEnabled(True)
        self.proxy_note.setText("Saved in the local backend.")

    def save(self, settings: QSettings) -> None:
        settings.setValue(SETTING, str(self.output.currentData()))
        wanted = self.auto_proxies.isChecked()
        client, runner = self._client, self._runner
        if client is not None and runner is not None and self._loaded is not None and wanted != self._loaded:
            runner.run(lambda _report: client.set_local_settings(auto_proxies=wanted), name="local settings")
