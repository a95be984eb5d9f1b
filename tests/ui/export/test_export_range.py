"""Exporting the I/O range: the dialog offers whole timeline / In/Out range / selection, and the
file holds only the range (a copy of the timeline cut to it is compiled; ffprobe checks it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.ui.export.dialog import ExportDialog
from editor_app.ui.window.main_window import MainWindow
from tests.support.export_window import make_window, probe, short_timeline, show_timeline
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, live_server: LiveServer
) -> Iterator[MainWindow]:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    with VideoDBClient(live_server.base_url, live_server.api_key) as client:
        win = make_window(qtbot, tmp_path)
        win.session.set_client(client)
        yield win
        win.exports.manager.suspend_all()
        win.runner.wait(30000)


def test_the_dialog_offers_the_ranges_there_are(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path / "a.mp4", "1280x720", ("mp4",), None, {"io": (1000, 3000)})
    qtbot.addWidget(dialog)
    assert [dialog.range_box.itemText(i) for i in range(dialog.range_box.count())] == [
        "Whole timeline",
        "In/Out range (2.000 s)",
    ]
    assert dialog.span is None
    dialog.range_box.setCurrentIndex(1)
    assert dialog.span == (1000, 3000)


def test_an_io_range_export_holds_only_the_range(
    qtbot: QtBot, window: MainWindow, media_factory: MediaFactory, tmp_path: Path
) -> None:
    client = window.session.client
    assert client is not None
    show_timeline(window, short_timeline(client, media_factory, seconds=2.0))
    window.transport.set_range(500, 1500)
    assert window._export_ranges() == {"io": (500, 1500)}
    job = window.renderer.start_export(tmp_path / "range.mp4", "mp4", "low", span=(500, 1500))
    assert job is not None
    qtbot.waitUntil(lambda: job.state in ("done", "failed"), timeout=120000)
    assert job.state == "done", job.record.error
    assert abs(float(probe(job.path)["format"]["duration"]) - 1.0) <= 1 / 25 + 0.001
