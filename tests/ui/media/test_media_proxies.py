"""Proxy state in the Media Bin against the real local backend: made on request with its
progress shown, ready, dropped; against a cloud URL the actions are off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.ui.media.bin import MediaBin
from editor_app.ui.media.proxies import proxy_text
from editor_app.ui.preview.preferences_page import PreviewPage
from editor_app.ui.workers import TaskRunner
from editor_app.wire.preview import ProxyInfo
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer


@pytest.fixture
def media_bin(qtbot: QtBot, live_server: LiveServer) -> Iterator[MediaBin]:
    runner = TaskRunner()
    widget = MediaBin(runner)
    qtbot.addWidget(widget)
    client = VideoDBClient(live_server.base_url, live_server.api_key)
    client.set_local_settings(auto_proxies=False)
    widget.set_client(client)
    qtbot.waitUntil(lambda: not widget.refreshing, timeout=15000)
    yield widget
    client.set_local_settings(auto_proxies=True)
    runner.cancel_all()
    runner.wait(15000)
    client.close()


def test_proxy_lines_say_the_state() -> None:
    assert proxy_text(None) == "" and proxy_text(ProxyInfo(state="none")) == ""
    assert proxy_text(ProxyInfo(state="making", progress=0.4)) == "making proxy 40 %"
    assert proxy_text(ProxyInfo(state="ready", height=360)) == "proxy ready (360p)"
    assert proxy_text(ProxyInfo(state="failed", error="no video stream")) == "proxy failed: no video stream"


def test_make_and_drop_a_proxy_from_the_bin(
    qtbot: QtBot, media_bin: MediaBin, media_factory: MediaFactory
) -> None:
    client = media_bin.client
    assert client is not None
    item = client.upload(media_factory.noisy_video(seconds=3, size="640x360"), name="camera")
    media_bin.refresh()
    qtbot.waitUntil(
        lambda: not media_bin.refreshing and media_bin.row_for(item.id) is not None, timeout=10000
    )
    row = media_bin.row_for(item.id)
    assert row is not None and "proxy" not in row.text()
    media_bin.list.setCurrentItem(row)
    assert media_bin.can_proxy()
    texts: list[str] = []
    media_bin.proxies.changed.connect(lambda media: texts.append(proxy_text(media.proxy)))
    media_bin.make_proxy()
    qtbot.waitUntil(lambda: "proxy ready" in (media_bin.row_for(item.id) or row).text(), timeout=60000)
    assert any(text.startswith(("proxy queued", "making proxy")) for text in texts), texts
    media_bin.drop_proxy()
    qtbot.waitUntil(lambda: "proxy" not in (media_bin.row_for(item.id) or row).text(), timeout=10000)


def test_no_proxy_actions_against_the_cloud(qtbot: QtBot) -> None:
    widget = MediaBin(TaskRunner())
    qtbot.addWidget(widget)
    widget.client = VideoDBClient("https://api.videodb.io", "not-a-key")
    assert not widget.proxies.local() and not widget.can_proxy()
    widget.client.close()


def test_preferences_turn_automatic_proxies_off_in_the_local_backend(
    qtbot: QtBot, media_bin: MediaBin, tmp_path: Path
) -> None:
    client = media_bin.client
    assert client is not None
    client.set_local_settings(auto_proxies=True)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    page = PreviewPage(settings)
    qtbot.addWidget(page)
    assert not page.auto_proxies.isEnabled()  # until the backend answered (never for the cloud)
    runner = TaskRunner()
    page.attach_backend(client, runner)
    qtbot.waitUntil(page.auto_proxies.isEnabled, timeout=5000)
    assert page.auto_proxies.isChecked()
    page.auto_proxies.setChecked(False)
    page.save(settings)
    qtbot.waitUntil(lambda: not client.local_settings().auto_proxies, timeout=5000)
    runner.wait(5000)
