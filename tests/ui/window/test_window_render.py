"""Compile and export from the window against the real local backend (workers, Exports dock)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.model import MediaInfo, Timeline, Track, VideoAsset
from editor_app.model.project.files import Project
from editor_app.model.timeline import Clip
from editor_app.ui.document import Document
from editor_app.ui.media.items import media_info_from_item
from editor_app.ui.window.main_window import MainWindow
from tests.support.export_window import make_window
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer


@pytest.fixture
def window(
    backend_window: tuple[MainWindow, VideoDBClient], media_factory: MediaFactory
) -> Iterator[MainWindow]:
    win, client = backend_window
    item = client.upload(media_factory.make_video(color="green", seconds=2), name="green")
    clip = Clip(start=0, duration=2000, asset=VideoAsset(id=item.id))
    timeline = Timeline(
        resolution="320x180",
        tracks=[Track(name="V1", kind="video", clips=[clip])],
        media={item.id: media_info_from_item(item)},
    )
    win.session.set_document(Document(Project(name="render", timeline=timeline)))
    yield win
    win.runner.wait(30000)
    client.close()


def test_compile_fills_the_preview(qtbot: QtBot, window: MainWindow) -> None:
    streams: list[str] = []
    window.preview.live.compiled.connect(lambda result: streams.append(result.stream_url))
    window.renderer.compile_preview()
    qtbot.waitUntil(lambda: bool(streams), timeout=30000)
    assert window.preview.stream_url == streams[0] and ".m3u8" in streams[0]


def test_an_empty_timeline_is_not_sent(window: MainWindow) -> None:
    window.files.new_project()
    window.renderer.compile_preview()
    assert "empty" in window.statusBar().currentMessage()


def test_files_dropped_on_the_canvas_are_uploaded_and_placed(
    qtbot: QtBot, window: MainWindow, media_factory: MediaFactory
) -> None:
    timeline = window.session.document.timeline
    audio = media_factory.make_audio(seconds=1.5)
    window.editing.place_files(
        [str(audio)], timeline.tracks[0].id, 3000
    )  # a video track: gets a new audio track
    qtbot.waitUntil(lambda: timeline.clip_count == 2, timeout=20000)
    track = timeline.tracks[-1]
    assert track.kind == "audio" and track.clips[0].start == 3000
    assert abs(track.clips[0].duration - 1500) <= 50
    assert window.session.document.history.undo_label == "Add Clip"
    window.session.document.history.undo()
    assert timeline.clip_count == 1 and len(timeline.tracks) == 1


def test_media_missing_on_this_backend_are_uploaded_again_from_their_files(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    live_server: LiveServer,
    media_factory: MediaFactory,
) -> None:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    win = make_window(qtbot, tmp_path)
    source = media_factory.make_video(color="purple", seconds=1)
    gone = "m-00000000000000aa"  # a project from another machine's backend
    clip = Clip(start=0, duration=1000, asset=VideoAsset(id=gone))
    info = MediaInfo(id=gone, kind="video", name="purple", length=1000, original_path=str(source))
    timeline = Timeline(tracks=[Track(name="V1", kind="video", clips=[clip])], media={gone: info})
    win.session.set_document(Document(Project(name="moved", timeline=timeline)))
    client = VideoDBClient(live_server.base_url, live_server.api_key)
    win.session.set_client(client)
    qtbot.waitUntil(lambda: clip.media_id != gone, timeout=20000)
    new_id = clip.media_id
    assert new_id is not None and new_id.startswith("m-")
    assert client.get_media(new_id).name == "purple"
    assert gone not in timeline.media and timeline.media[new_id].original_path == str(source)
    assert win.isWindowModified()
    win.runner.wait(20000)
    client.close()
