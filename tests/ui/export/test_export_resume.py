"""Exports outlive the project being closed: reopening resumes the download with HTTP Range."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.api.retry import RetryPolicy
from editor_app.model.edits.props import SetTimelineProperty
from editor_app.model.project.files import load_project
from editor_app.ui.export.files import partial_bytes
from tests.support.export_window import (
    leftovers,
    make_window,
    probe,
    short_timeline,
    show_timeline,
    slow_timeline,
)
from tests.support.fault_proxy import FaultProxy
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer

CUT_AT = 4000  # bytes the first download attempt gets before the connection drops


@pytest.fixture
def proxy(live_server: LiveServer) -> Iterator[FaultProxy]:
    proxy = FaultProxy(live_server.base_url).start()
    yield proxy
    proxy.stop()


def test_reopening_the_project_mid_download_resumes_to_an_identical_file(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    live_server: LiveServer,
    proxy: FaultProxy,
    media_factory: MediaFactory,
) -> None:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    window = make_window(qtbot, tmp_path)
    client = VideoDBClient(proxy.base_url, live_server.api_key, retry=RetryPolicy(base_delay=0.1), timeout=20)
    window.session.set_client(client)
    show_timeline(window, short_timeline(client, media_factory, seconds=2))
    project = tmp_path / "resume.vdbproj"
    window.files.save_to(project)
    qtbot.waitUntil(lambda: window.session.document.path == project, timeout=10000)

    # the first attempt is cut short, the retry hangs: the project is closed meanwhile
    proxy.plan("GET", r"^/files/exports/", f"cut:{CUT_AT}", times=1)
    proxy.plan("GET", r"^/files/exports/", "delay:3", times=1)
    final = tmp_path / "resumed.mp4"
    job = window.renderer.start_export(final, "mp4", "medium")
    assert job is not None
    # the GUI learns of the download a moment after the bytes reach the disk
    qtbot.waitUntil(lambda: partial_bytes(final) >= CUT_AT and job.state == "downloading", timeout=60000)
    # an edit left unsaved: the export bookkeeping written into the file must not carry it along
    window.session.document.history.push(SetTimelineProperty("background", "#123456"))
    window.files.new_project()
    assert not window.exports.rows
    qtbot.waitUntil(
        lambda: [r.download_url is not None for r in load_project(project).exports] == [True], timeout=5000
    )
    saved = load_project(project).exports[0]
    assert saved.state == "downloading" and saved.backend_job_id and saved.output_path == str(final)
    assert not final.exists()
    assert load_project(project).timeline.background == "#000000"

    window.files.open_path(project)
    qtbot.waitUntil(lambda: bool(window.exports.rows), timeout=10000)
    resumed = window.exports.rows[0].job
    qtbot.waitUntil(lambda: resumed.state in ("done", "failed"), timeout=60000)
    assert resumed.state == "done", resumed.record.error
    # after the cut first request, every request (the reopened project's last) asked for the rest only
    requests = proxy.count("GET", r"^/files/exports/", forwarded=False)
    assert requests >= 2 and proxy.range_headers == [f"bytes={CUT_AT}-"] * (requests - 1)
    assert leftovers(tmp_path) == []

    # the same bytes as a download of the whole file in one go, straight from the backend
    with VideoDBClient(live_server.base_url, live_server.api_key) as direct:
        answer = direct.poll_job(f"/async-response/{saved.backend_job_id}")
        assert answer.data.download_url is not None
        reference = direct.download(answer.data.download_url, tmp_path / "reference.mp4")
    assert final.read_bytes() == reference.read_bytes()
    assert abs(float(probe(final)["format"]["duration"]) - 2.0) <= 1 / 25 + 0.001
    assert not window.session.document.modified
    qtbot.waitUntil(lambda: load_project(project).exports[0].state == "done", timeout=5000)
    window.runner.wait(10000)
    client.close()


def test_reopening_the_project_mid_render_follows_the_same_backend_job(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, live_server: LiveServer
) -> None:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    window = make_window(qtbot, tmp_path)
    client = VideoDBClient(live_server.base_url, live_server.api_key)
    window.session.set_client(client)
    show_timeline(window, slow_timeline(client, tmp_path))
    project = tmp_path / "render.vdbproj"
    window.files.save_to(project)
    qtbot.waitUntil(lambda: window.session.document.path == project, timeout=10000)
    final = tmp_path / "rendered.mp4"
    job = window.renderer.start_export(final, "mp4", "medium")
    assert job is not None
    qtbot.waitUntil(lambda: job.state == "rendering" and job.record.backend_job_id is not None, timeout=30000)
    backend_job = job.record.backend_job_id
    window.files.new_project()
    qtbot.waitUntil(lambda: [r.state for r in load_project(project).exports] == ["rendering"], timeout=5000)

    window.files.open_path(project)
    qtbot.waitUntil(lambda: bool(window.exports.rows), timeout=10000)
    resumed = window.exports.rows[0].job
    qtbot.waitUntil(lambda: resumed.state in ("done", "failed"), timeout=90000)
    assert resumed.state == "done", resumed.record.error
    assert resumed.record.backend_job_id == backend_job  # followed, not rendered a second time
    assert abs(float(probe(final)["format"]["duration"]) - 8.0) <= 1 / 25 + 0.001
    assert leftovers(tmp_path) == []
    window.runner.wait(10000)
    client.close()
