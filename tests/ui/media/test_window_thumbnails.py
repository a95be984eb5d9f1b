"""The canvas' thumbnail and waveform provider, loading from the real backend in the background."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.ui.media.thumbnails import BackendThumbnails
from editor_app.ui.workers import TaskRunner
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer


def test_frames_and_peaks_arrive_after_a_first_miss(
    qtbot: QtBot, live_server: LiveServer, media_factory: MediaFactory
) -> None:
    client = VideoDBClient(live_server.base_url, live_server.api_key)
    video = client.upload(media_factory.make_video(color="blue", seconds=2), name="blue")
    provider = BackendThumbnails(TaskRunner())
    provider.set_client(client)
    updated: list[str] = []
    provider.updated.connect(updated.append)

    assert provider.thumbnail(video.id, 0) is None  # not cached yet: starts a load, never blocks
    qtbot.waitUntil(lambda: provider.thumbnail_interval(video.id) is not None, timeout=15000)
    qtbot.waitUntil(lambda: provider.thumbnail(video.id, 0) is not None, timeout=15000)
    image = provider.thumbnail(video.id, 0)
    assert image is not None and not image.isNull()
    colour = image.pixelColor(image.width() // 2, image.height() // 2)
    assert colour.blue() > 150 and colour.red() < 80
    assert video.id in updated

    assert provider.waveform(video.id) is None
    qtbot.waitUntil(lambda: provider.waveform(video.id) is not None, timeout=15000)
    peaks = provider.waveform(video.id)
    interval = provider.waveform_interval(video.id)
    assert peaks and interval and abs(len(peaks) * interval - 2.0) < 0.3
    qtbot.waitUntil(lambda: provider.pending == 0, timeout=5000)
    client.close()


def test_unknown_media_fails_once_and_is_not_retried_in_a_loop(qtbot: QtBot, live_server: LiveServer) -> None:
    client = VideoDBClient(live_server.base_url, live_server.api_key)
    provider = BackendThumbnails(TaskRunner())
    provider.set_client(client)
    assert provider.waveform("a-0000000000000000") is None
    qtbot.waitUntil(lambda: provider.pending == 0, timeout=10000)
    assert provider.waveform("a-0000000000000000") is None
    assert provider.pending == 0  # remembered as failed: painting does not hammer the backend
    client.close()


def test_an_image_gives_its_own_picture(
    qtbot: QtBot, live_server: LiveServer, media_factory: MediaFactory
) -> None:
    client = VideoDBClient(live_server.base_url, live_server.api_key)
    image = client.upload(media_factory.make_image(color="red"), name="red")
    provider = BackendThumbnails(TaskRunner())
    provider.set_client(client)
    assert provider.thumbnail(image.id, 0) is None
    qtbot.waitUntil(lambda: provider.thumbnail(image.id, 0) is not None, timeout=15000)
    picture = provider.thumbnail(image.id, 0)
    assert picture is not None and picture.pixelColor(5, 5).red() > 200
    assert provider.thumbnail(image.id, 7) is not None  # any frame of a still is the still
    client.close()
