"""The backend dies mid-render: the export fails with a clear reason; Retry on the restarted one succeeds."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor_app.ui.backend.link import BackendLink
from editor_app.ui.window.main_window import MainWindow
from tests.support.export_window import leftovers, make_window, probe, show_timeline, slow_timeline


def test_a_backend_killed_mid_render_fails_clearly_then_retry_succeeds(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    window = make_window(qtbot, tmp_path)
    link = BackendLink(window)
    link.clientChanged.connect(window.session.set_client)
    link.start_local(tmp_path / "data")
    qtbot.waitUntil(lambda: window.session.client is not None, timeout=30000)
    first_client = window.session.client
    assert first_client is not None and link.process is not None
    show_timeline(window, slow_timeline(first_client, tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    final = out / "survivor.mp4"
    job = window.renderer.start_export(final, "mp4", "medium")
    assert job is not None
    qtbot.waitUntil(lambda: job.state == "rendering", timeout=30000)
    time.sleep(0.3)  # inside ffmpeg's run, not before it
    pid = link.process.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)

    qtbot.waitUntil(lambda: job.state == "failed", timeout=30000)
    assert job.record.error == "the backend stopped while rendering; Retry renders it again"
    row = window.exports.row_of(job)
    assert row is not None and "stopped while rendering" in row.status.text() and row.retry_button.isEnabled()
    assert not final.exists() and leftovers(out) == []
    assert "failed" in window.statusBar().currentMessage()

    qtbot.waitUntil(
        lambda: window.session.client is not None and window.session.client is not first_client, timeout=30000
    )
    old_job = job.record.backend_job_id
    restarted = window.session.client
    assert restarted is not None
    # The restarted backend takes the old job up again; a small render may finish before Retry.
    resumed_before_retry = restarted.poll_job(f"/async-response/{old_job}").status
    row.retry_button.click()
    qtbot.waitUntil(lambda: job.state in ("done", "failed"), timeout=120000)
    assert job.state == "done", job.record.error
    assert job.record.backend_job_id != old_job
    assert abs(float(probe(final)["format"]["duration"]) - 8.0) <= 1 / 25 + 0.001
    assert leftovers(out) == []
    client = window.session.client
    assert client is not None  # the job the restarted backend took up again was cancelled by Retry
    resumed_after_retry = client.poll_job(f"/async-response/{old_job}").status
    if resumed_before_retry == "done":
        assert resumed_after_retry == "done"
    else:
        assert resumed_after_retry == "cancelled", resumed_before_retry
    window.exports.manager.suspend_all()
    link.stop()
    window.runner.wait(10000)


def _window_with_backend(qtbot: QtBot, folder: Path, data: Path) -> tuple[MainWindow, BackendLink]:
    window = make_window(qtbot, folder)
    link = BackendLink(window)
    link.clientChanged.connect(window.session.set_client)
    link.start_local(data)
    qtbot.waitUntil(lambda: window.session.client is not None, timeout=30000)
    return window, link


def test_an_export_outlives_the_app_and_finishes_after_a_restart(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    first, first_link = _window_with_backend(qtbot, tmp_path, tmp_path / "data")
    assert first.session.client is not None
    show_timeline(first, slow_timeline(first.session.client, tmp_path))
    project = tmp_path / "outlives.vdbproj"
    first.files.save_to(project)
    qtbot.waitUntil(lambda: first.session.document.path == project, timeout=10000)
    final = tmp_path / "outlived.mp4"
    job = first.renderer.start_export(final, "mp4", "medium")
    assert job is not None
    qtbot.waitUntil(lambda: job.state == "rendering" and job.record.backend_job_id is not None, timeout=30000)
    backend_job = job.record.backend_job_id
    old_url = first.session.client.base_url
    first.exports.manager.suspend_all()  # what quitting does (aboutToQuit)
    first_link.stop()  # the backend goes down with the app, its job still unfinished
    first.close()

    second, second_link = _window_with_backend(qtbot, tmp_path, tmp_path / "data")
    assert second.session.client is not None and second.session.client.base_url != old_url  # a new port
    second.files.open_path(project)
    qtbot.waitUntil(lambda: bool(second.exports.rows), timeout=10000)
    resumed = second.exports.rows[0].job
    qtbot.waitUntil(lambda: resumed.state in ("done", "failed"), timeout=90000)
    assert resumed.state == "done", resumed.record.error
    assert resumed.record.backend_job_id == backend_job
    assert abs(float(probe(final)["format"]["duration"]) - 8.0) <= 1 / 25 + 0.001
    assert leftovers(tmp_path) == []
    second_link.stop()
    second.runner.wait(10000)
