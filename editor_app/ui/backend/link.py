"""Which backend the window talks to: the embedded local one (a child process) or VideoDB cloud.

Either way the window gets a `VideoDBClient` through `clientChanged`, and a line for the
status bar through `statusChanged`. The local child is restarted when it dies; each restart
brings a new port and key, so a new client replaces the old one.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from platformdirs import user_data_dir
from PySide6.QtCore import QObject, Signal

from editor_app.api.client import VideoDBClient
from editor_app.ui.backend.process import FAILED, READY, RESTARTING, BackendProcess

log = logging.getLogger(__name__)
DATA_DIR_ENV = "VIDEODB_EDITOR_DATA_DIR"


def app_data_dir() -> Path:
    """Where the editor keeps its state; tests and the screenshot point it elsewhere by env var."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(user_data_dir("videodb-editor", appauthor=False))


class BackendLink(QObject):
    clientChanged = Signal(object)  # VideoDBClient | None
    statusChanged = Signal(str, bool)  # text, healthy

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client: VideoDBClient | None = None
        self.process: BackendProcess | None = None
        self.kind = "local"

    def start_local(self, data_dir: Path | None = None, tools: list[str] | None = None) -> None:
        """`tools`: extra `serve` options naming ffmpeg/ffprobe (from the preferences)."""
        self.kind = "local"
        self.process = BackendProcess((data_dir or app_data_dir()) / "backend", tools=tools, parent=self)
        self.process.ready.connect(self._local_ready)
        self.process.stateChanged.connect(self._local_state)
        self.process.start()

    def connect_cloud(self, base_url: str, api_key: str, collection_id: str = "default") -> None:
        self.kind = "cloud"
        self._replace_client(VideoDBClient(base_url, api_key, collection_id=collection_id))
        self.statusChanged.emit(f"VideoDB cloud ({base_url})", True)

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
        self._replace_client(None)

    def _local_ready(self, base_url: str, api_key: str) -> None:
        self._replace_client(VideoDBClient(base_url, api_key))

    def _local_state(self, state: str, message: str) -> None:
        if state == READY:
            self.statusChanged.emit(f"local ({message.removeprefix('local backend at ')})", True)
        elif state == RESTARTING:
            self.statusChanged.emit(message, False)
        elif state == FAILED:
            self.statusChanged.emit(f"local backend failed: {message}", False)
        else:
            self.statusChanged.emit(message, True)

    def _replace_client(self, client: VideoDBClient | None) -> None:
        old, self.client = self.client, client
        self.clientChanged.emit(client)
        if old is not None:
            old.close()
