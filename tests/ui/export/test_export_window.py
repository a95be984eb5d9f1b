"""Exports from the window against the real local backend: every format, cancel, notification."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.ui.export.dialog import ExportDialog
from editor_app.ui.window.main_window import MainWindow
from tests.support.export_window import (
    codecs,
    leftovers,
    make_window,
    probe,
    short_timeline,
    show_timeline,
    slow_timeline,
)
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer

EXPECTED_CODECS = {
    "mp4": {"video": "h264", "audio": "aac"},
    "webm": {"video": "vp9", "audio": "opus"},
    "avi": {"video": "mpeg4", "audio": "mp3"},
}


@pytest.fixture
def client(live_server: LiveServer) -> Iterator[VideoDBClient]:
    with VideoDBClient(live_server.base_url, live_server.api_key) as api:
        yield api


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, client: VideoDBClient
) -> Iterator[MainWindow]:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    win = make_window(qtbot, tmp_path)
    win.session.set_client(client)
    yield win
    win.exports.manager.suspend_all()
    win.runner.wait(30000)


def test_three_formats_export_at_once_to_checked_files(
    qtbot: QtBot, window: MainWindow, client: VideoDBClient, media_factory: MediaFactory, tmp_path: Path
) -> None:
    show_timeline(window, short_timeline(client, media_factory))
    out = tmp_path / "out"
    out.mkdir()
    jobs = [window.renderer.start_export(out / f"clip.{fmt}", fmt, "low") for fmt in ("mp4", "webm", "avi")]  # type: ignore[arg-type]
    assert all(job is not None for job in jobs)
    assert len(window.exports.rows) == 3
    qtbot.waitUntil(lambda: "export" in window.exports.summary_label.text().lower(), timeout=10000)
    qtbot.waitUntil(
        lambda: all(j is not None and j.state in ("done", "failed") for j in jobs), timeout=120000
    )
    for job in jobs:
        assert job is not None and job.state == "done", job.record.error if job else None
        info = probe(job.path)
        assert abs(float(info["format"]["duration"]) - 1.0) <= 1 / 25 + 0.001, info["format"]["duration"]
        assert codecs(info) == EXPECTED_CODECS[job.record.format]
        row = window.exports.row_of(job)
        assert row is not None and row.status.text().startswith("Done") and row.open_button.isEnabled()
    assert leftovers(out) == []
    assert window.exports.summary_label.text() == ""
    assert "Export finished" in window.statusBar().currentMessage()
    assert not window.session.document.modified  # bookkeeping is not an edit
    assert [r.state for r in window.session.document.project.exports] == ["done"] * 3
    window.exports.clear_button.click()
    assert window.exports.rows == [] and window.session.document.project.exports == []
    assert window.exports.empty_label.isVisibleTo(window.exports)


def test_cancel_while_rendering_leaves_nothing_and_stops_the_backend_job(
    qtbot: QtBot, window: MainWindow, client: VideoDBClient, tmp_path: Path
) -> None:
    show_timeline(window, slow_timeline(client, tmp_path))
    final = tmp_path / "long.webm"
    job = window.renderer.start_export(final, "webm", "high")
    assert job is not None
    qtbot.waitUntil(lambda: job.state == "rendering" and job.record.backend_job_id is not None, timeout=30000)
    row = window.exports.row_of(job)
    assert row is not None and row.cancel_button.isEnabled() and not row.retry_button.isEnabled()
    row.cancel_button.click()
    qtbot.waitUntil(lambda: job.state == "cancelled", timeout=30000)
    assert not final.exists() and leftovers(tmp_path) == []
    assert row.retry_button.isEnabled() and not row.cancel_button.isEnabled()
    backend_job = job.record.backend_job_id
    qtbot.waitUntil(
        lambda: client.poll_job(f"/async-response/{backend_job}").status == "cancelled", timeout=10000
    )


def test_an_existing_file_is_replaced_only_when_the_user_agrees(
    qtbot: QtBot, window: MainWindow, client: VideoDBClient, tmp_path: Path
) -> None:
    existing = tmp_path / "keep.mp4"
    existing.write_bytes(b"precious")
    dialog = ExportDialog(existing, "160x90", ("mp4", "webm", "avi"), window)
    asked: list[Path] = []
    dialog.confirm_overwrite = lambda path: asked.append(path) or False  # type: ignore[method-assign]
    dialog.try_accept()
    assert asked == [existing] and dialog.result() == 0 and existing.read_bytes() == b"precious"
    dialog.confirm_overwrite = lambda path: True  # type: ignore[method-assign]
    dialog.try_accept()
    assert dialog.result() == ExportDialog.DialogCode.Accepted


def test_export_video_asks_the_dialog_and_a_new_resolution_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, client: VideoDBClient, media_factory: MediaFactory, tmp_path: Path
) -> None:
    show_timeline(window, short_timeline(client, media_factory))
    seen: list[ExportDialog] = []

    def answer(dialog: ExportDialog) -> bool:
        seen.append(dialog)
        dialog.path_edit.setText(str(tmp_path / "bigger.mp4"))
        dialog.quality_box.setCurrentIndex(0)
        dialog.resolution_box.setCurrentText("320x180")
        return True

    window.prompts.ask_export = answer  # type: ignore[method-assign]
    window.renderer.export_video()
    assert seen and seen[0].formats == ("mp4", "webm", "avi") and seen[0].resolution == "320x180"
    document = window.session.document
    assert document is not None and document.timeline.resolution == "320x180"
    assert document.history.undo_label is not None and "Resolution" in document.history.undo_label
    job = window.exports.rows[0].job
    qtbot.waitUntil(lambda: job.state in ("done", "failed"), timeout=60000)
    assert job.state == "done", job.record.error
    video = next(s for s in probe(job.path)["streams"] if s["codec_type"] == "video")
    assert (video["width"], video["height"]) == (320, 180)
    twice = tmp_path / "twice.mp4"
    assert window.renderer.start_export(twice, "mp4", "low") is not None
    assert window.renderer.start_export(twice, "mp4", "low") is None  # one export per file at a time
    assert "already being exported" in window.statusBar().currentMessage()


def test_closing_an_untitled_project_ends_its_exports_cleanly(
    qtbot: QtBot, window: MainWindow, client: VideoDBClient, tmp_path: Path
) -> None:
    show_timeline(window, slow_timeline(client, tmp_path))
    job = window.renderer.start_export(tmp_path / "orphan.webm", "webm", "high")
    assert job is not None
    qtbot.waitUntil(lambda: job.state == "rendering" and job.record.backend_job_id is not None, timeout=30000)
    backend_job = job.record.backend_job_id
    window.files.new_project()  # untitled: nothing could resume it later
    qtbot.waitUntil(
        lambda: client.poll_job(f"/async-response/{backend_job}").status == "cancelled", timeout=10000
    )
    window.runner.wait(10000)
    assert leftovers(tmp_path) == [] and not (tmp_path / "orphan.webm").exists()
