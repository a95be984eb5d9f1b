"""The Media Bin against the real local backend: listing, imports with progress, cancel, drags, errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.model import MediaInfo
from editor_app.ui.media.bin import MediaBin
from editor_app.ui.media.items import MEDIA_MIME
from editor_app.ui.workers import TaskRunner
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer


@pytest.fixture
def media_bin(qtbot: QtBot, live_server: LiveServer) -> Iterator[MediaBin]:
    runner = TaskRunner()
    widget = MediaBin(runner)
    qtbot.addWidget(widget)
    client = VideoDBClient(live_server.base_url, live_server.api_key)
    widget.set_client(client)
    qtbot.waitUntil(lambda: not widget.refreshing, timeout=15000)
    yield widget
    runner.cancel_all()
    widget.cancel_uploads()
    runner.wait(15000)
    client.close()


def test_an_imported_file_is_listed_with_thumbnail_name_and_duration(
    qtbot: QtBot, media_bin: MediaBin, media_factory: MediaFactory
) -> None:
    video = media_factory.make_video(color="orange", seconds=2)
    uploaded: list[MediaInfo] = []
    media_bin.mediaUploaded.connect(uploaded.append)
    media_bin.upload_files([str(video)])
    assert media_bin.uploads_in_flight == 1 and media_bin.uploads.isVisibleTo(media_bin)
    qtbot.waitUntil(lambda: bool(uploaded), timeout=20000)
    info = uploaded[0]
    assert info.kind == "video" and info.id.startswith("m-")
    assert abs((info.length or 0) - 2000) <= 100 and info.original_path == str(video)
    assert media_bin.uploads_in_flight == 0 and not media_bin.uploads.isVisibleTo(media_bin)
    row = media_bin.row_for(info.id)
    assert row is not None and "00:00:02" in row.text()
    qtbot.waitUntil(lambda: media_bin.thumbnails_pending == 0, timeout=10000)
    icon = row.icon().pixmap(96, 54).toImage()
    centre = icon.pixelColor(icon.width() // 2, icon.height() // 2)
    assert centre.red() > 200 and centre.blue() < 80, "the thumbnail shows the orange video"

    # and a refresh lists it again from the backend
    media_bin.refresh()
    qtbot.waitUntil(lambda: not media_bin.refreshing, timeout=10000)
    assert info.id in media_bin.items


def test_items_drag_out_as_videodb_media_json(
    qtbot: QtBot, media_bin: MediaBin, media_factory: MediaFactory
) -> None:
    audio = media_factory.make_audio(seconds=1.5)
    uploaded: list[MediaInfo] = []
    media_bin.mediaUploaded.connect(uploaded.append)
    media_bin.upload_files([str(audio)])
    qtbot.waitUntil(lambda: bool(uploaded), timeout=20000)
    row = media_bin.row_for(uploaded[0].id)
    assert row is not None
    mime = media_bin.list.mimeData([row])
    payload = json.loads(bytes(mime.data(MEDIA_MIME).data()))
    assert payload["id"] == uploaded[0].id and payload["kind"] == "audio"
    assert payload["name"] and abs(payload["length"] - 1.5) < 0.1
    assert row.flags() & Qt.ItemFlag.ItemIsDragEnabled
    # an audio item shows its waveform as the icon
    qtbot.waitUntil(lambda: media_bin.thumbnails_pending == 0, timeout=10000)
    icon = row.icon().pixmap(96, 54).toImage()
    centre = icon.pixelColor(icon.width() // 2, icon.height() // 2)
    assert centre.green() > 200, "a bar of the waveform crosses the middle"


def test_a_bad_file_shows_the_error_in_place(
    qtbot: QtBot, media_bin: MediaBin, media_factory: MediaFactory
) -> None:
    bogus = media_factory.make_text("this is not a video\n")
    renamed = bogus.with_suffix(".mp4")
    renamed.write_bytes(bogus.read_bytes())
    count = media_bin.list.count()
    media_bin.upload_files([str(renamed)])
    qtbot.waitUntil(lambda: media_bin.uploads_in_flight == 0, timeout=20000)
    assert media_bin.error_label.isVisibleTo(media_bin)
    assert renamed.name in media_bin.error_label.text()
    assert media_bin.list.count() == count
    media_bin.upload_files([str(renamed.with_name("missing.mp4"))])
    assert "Not a file" in media_bin.error_label.text()


def test_cancel_stops_an_upload_without_adding_media(
    qtbot: QtBot, media_bin: MediaBin, tmp_path: Path
) -> None:
    big = tmp_path / "big.mp4"
    big.write_bytes(b"\0" * (64 * 1024 * 1024))  # long enough to cancel mid-way
    uploaded: list[MediaInfo] = []
    media_bin.mediaUploaded.connect(uploaded.append)
    count = media_bin.list.count()
    media_bin.upload_files([str(big)])
    row = media_bin.uploads.rows[0]
    row.cancel_button.click()
    qtbot.waitUntil(lambda: media_bin.uploads_in_flight == 0, timeout=20000)
    assert not uploaded and media_bin.list.count() == count
    assert "cancelled" in media_bin.status_label.text()


def test_a_wrong_key_is_reported_in_place(qtbot: QtBot, live_server: LiveServer) -> None:
    runner = TaskRunner()
    widget = MediaBin(runner)
    qtbot.addWidget(widget)
    client = VideoDBClient(live_server.base_url, "not-the-key")
    widget.set_client(client)
    qtbot.waitUntil(lambda: not widget.refreshing, timeout=15000)
    assert widget.error_label.isVisibleTo(widget)
    assert "Could not list" in widget.error_label.text()
    assert "not-the-key" not in widget.error_label.text()
    client.close()
