"""Helpers of the export tests: a window on the real local backend with a short timeline, ffprobe."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.model import Timeline, Track, VideoAsset
from editor_app.model.project.files import Project
from editor_app.model.timeline import Clip
from editor_app.samples import SampleMedia
from editor_app.ui.document import Document
from editor_app.ui.media.items import media_info_from_item
from editor_app.ui.window.main_window import MainWindow
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer


def make_window(qtbot: QtBot, folder: Path) -> MainWindow:
    win = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.prompts.ask_unsaved = lambda _name, _doing: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    win.prompts.report_error = lambda title, message: win.statusBar().showMessage(f"{title}: {message}")  # type: ignore[method-assign]
    return win


def connected_window(qtbot: QtBot, folder: Path, live_server: LiveServer) -> tuple[MainWindow, VideoDBClient]:
    """A window (see `make_window`) with a client of the live backend already set."""
    win = make_window(qtbot, folder)
    client = VideoDBClient(live_server.base_url, live_server.api_key)
    win.session.set_client(client)
    return win, client


def short_timeline(client: VideoDBClient, media: MediaFactory, seconds: float = 1.0) -> Timeline:
    item = client.upload(media.make_video(color="teal", seconds=seconds, size="160x90"), name="teal")
    clip = Clip(start=0, duration=round(seconds * 1000), asset=VideoAsset(id=item.id))
    return Timeline(
        resolution="160x90",
        tracks=[Track(name="V1", kind="video", clips=[clip])],
        media={item.id: media_info_from_item(item)},
    )


def slow_timeline(client: VideoDBClient, folder: Path, seconds: int = 8) -> Timeline:
    item = client.upload(SampleMedia(folder).noisy_video(seconds), name="noise")
    clip = Clip(start=0, duration=seconds * 1000, asset=VideoAsset(id=item.id))
    return Timeline(
        resolution="320x180",
        tracks=[Track(name="V1", kind="video", clips=[clip])],
        media={item.id: media_info_from_item(item)},
    )


def show_timeline(win: MainWindow, timeline: Timeline, name: str = "export") -> None:
    win.session.set_document(Document(Project(name=name, timeline=timeline)))


def probe(path: Path) -> dict[str, Any]:
    run = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def codecs(info: dict[str, Any]) -> dict[str, str]:
    return {s["codec_type"]: s["codec_name"] for s in info["streams"]}


def leftovers(folder: Path) -> list[str]:
    """Partial files an export must never leave behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".part", ".incomplete")))
