"""First start in the app: the welcome's choice picks the backend, then the demo project opens on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from editor_app.ui.app import offer_welcome
from editor_app.ui.backend.link import BackendLink
from editor_app.ui.window.main_window import MainWindow
from tests.support.keyring import DictKeyring
from tests.support.server_process import LiveServer


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    previous = keyring.get_keyring()
    keyring.set_keyring(DictKeyring())
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    yield win
    keyring.set_keyring(previous)


def _demo_loaded(window: MainWindow) -> bool:
    return window.session.document.timeline.clip_count > 0


def _finish(window: MainWindow, link: BackendLink) -> None:
    window.runner.wait(20000)
    link.stop()
    window.session.document.history.mark_clean()


def test_choosing_local_opens_the_demo_on_the_local_backend(window: MainWindow, qtbot: QtBot) -> None:
    link = BackendLink(window)
    link.clientChanged.connect(window.session.set_client)
    link.start_local()
    dialog = offer_welcome(window, link)
    assert dialog.isVisible()
    try:
        dialog.confirm()
        qtbot.waitUntil(lambda: _demo_loaded(window), timeout=60000)
        assert link.kind == "local" and link.process is not None
        assert window.session.client is link.client
    finally:
        _finish(window, link)


def test_choosing_the_cloud_stops_the_local_child_and_uses_the_key(
    window: MainWindow, qtbot: QtBot, live_server: LiveServer
) -> None:
    link = BackendLink(window)
    link.clientChanged.connect(window.session.set_client)
    link.start_local()
    dialog = offer_welcome(window, link)
    try:
        qtbot.waitUntil(lambda: link.client is not None, timeout=30000)
        local_process = link.process
        dialog.cloud.setChecked(True)
        dialog.api_key.setText(live_server.api_key)
        dialog.base_url.setText(live_server.base_url)
        dialog.confirm()
        qtbot.waitUntil(lambda: _demo_loaded(window), timeout=60000)
        assert link.kind == "cloud" and link.client is not None
        assert link.client.base_url == live_server.base_url
        assert local_process is not None and local_process.pid is None  # stopped
        names = {item.name for item in link.client.list_videos()}
        assert any(name.startswith("Demo") for name in names)  # the demo media went to the chosen backend
    finally:
        _finish(window, link)
