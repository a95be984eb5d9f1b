"""Issue 16, item 15: signed URLs the UI holds for long (the timeline's thumbnail strips, fetched
once per media and read for as long as the project is open) keep working past their expiry.
They are fetched through `VideoDBClient`, which sends its key to its own backend, and the
backend takes the key before the token; so no held URL of the app's backend ever meets a 403
(only VLC, which cannot send the key, does: ui/preview/renewal.py). Against a real `serve`
whose URLs live two seconds."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.api.url_expiry import has_expired
from editor_app.ui.media.thumbnails import BackendThumbnails
from editor_app.ui.workers import TaskRunner
from tests.support.media import MediaFactory
from tests.support.server_process import start_server


@pytest.fixture
def client(tmp_path: Path) -> Iterator[VideoDBClient]:
    server = start_server(tmp_path / "data", "--url-lifetime", "2")
    with VideoDBClient(server.base_url, server.api_key, timeout=60) as client:
        yield client
    server.stop()


def test_a_thumbnail_strip_held_past_its_expiry_still_gives_its_pictures(
    qtbot: QtBot, client: VideoDBClient, media_factory: MediaFactory
) -> None:
    video = client.upload(media_factory.make_video(color="blue", seconds=2), name="blue")
    provider = BackendThumbnails(TaskRunner())
    provider.set_client(client)
    assert provider.thumbnail(video.id, 0) is None
    qtbot.waitUntil(lambda: provider.thumbnail(video.id, 0) is not None, timeout=15000)
    strip = provider._strips[video.id]
    assert len(strip.urls) > 3
    qtbot.waitUntil(lambda: has_expired(strip.urls[3], time.time()), timeout=5000)
    assert provider.thumbnail(video.id, 3) is None  # a frame not fetched yet, its URL expired
    qtbot.waitUntil(lambda: provider.thumbnail(video.id, 3) is not None, timeout=15000)
    image = provider.thumbnail(video.id, 3)
    assert image is not None and image.pixelColor(image.width() // 2, image.height() // 2).blue() > 150
    qtbot.waitUntil(lambda: provider.pending == 0, timeout=5000)


def test_an_expired_file_url_still_downloads_through_the_client(
    qtbot: QtBot, client: VideoDBClient, media_factory: MediaFactory, tmp_path: Path
) -> None:
    """As an export's download URL does when the download starts (or resumes) late."""
    source = media_factory.make_video(color="blue", seconds=1)
    item = client.upload(source, name="blue")
    assert item.stream_url is not None
    qtbot.waitUntil(lambda: has_expired(item.stream_url or "", time.time()), timeout=5000)
    landed = client.download(item.stream_url, tmp_path / "copy.mp4")
    assert landed.read_bytes() == source.read_bytes()
