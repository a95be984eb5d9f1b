"""Export pieces without a backend: the dialog (formats, quality notes, checks), state lines, the job."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor_app.model.project.files import ExportJobRecord
from editor_app.server.render.encoders import ENCODINGS
from editor_app.ui.export.dialog import MP4_ONLY_NOTE, QUALITY_NOTES, ExportDialog
from editor_app.ui.export.files import ExportCheckFailed, land, staging_path
from editor_app.ui.export.job import SPEED_SMOOTHING, WRITER_POLL_MS, ExportJob, FilesBeingWritten
from editor_app.ui.export.panel import describe, human_bytes, human_seconds
from editor_app.ui.export.work import rebase
from editor_app.ui.workers import TaskRunner
from editor_app.wire import formats_offered_by
from tests.support.media import MediaFactory

ALL = ("mp4", "webm", "avi")


def test_the_local_backend_offers_every_format_and_the_cloud_mp4_only() -> None:
    assert formats_offered_by("http://127.0.0.1:43121") == ALL
    assert formats_offered_by("https://api.videodb.io") == ("mp4",)


def test_the_extension_follows_the_format(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path / "film.mp4", "1280x720", ALL)
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(1)
    assert dialog.format == "webm" and dialog.path == tmp_path / "film.webm"
    dialog.format_box.setCurrentIndex(2)
    assert dialog.path.suffix == ".avi"
    dialog.ask_save_path = lambda: tmp_path / "other.mov"  # type: ignore[method-assign]
    dialog.browse()
    assert dialog.path == tmp_path / "other.avi"


def test_mp4_only_backends_say_why(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path / "film.mp4", "1280x720", ("mp4",))
    qtbot.addWidget(dialog)
    assert dialog.format_box.count() == 1 and not dialog.quality_box.isEnabled()
    assert dialog.format_note.text() == MP4_ONLY_NOTE and "/editor/download" in MP4_ONLY_NOTE


@pytest.mark.parametrize("fmt", ALL)
def test_quality_notes_describe_the_servers_encoder_settings(fmt: str) -> None:
    for quality, note in QUALITY_NOTES[fmt].items():  # type: ignore[index]
        encoding = ENCODINGS[(fmt, quality)]  # type: ignore[index]
        args = list(encoding.video) + list(encoding.audio)
        for flag in ("-crf", "-q:v", "-cpu-used", "-preset"):
            if flag in args:
                assert args[args.index(flag) + 1] in note, (fmt, quality, flag, note)
        bitrate = args[args.index("-b:a") + 1].removesuffix("k")
        assert f"{bitrate} kb/s" in note, (fmt, quality, note)


def test_bad_input_is_explained_before_start(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path / "missing" / "film.mp4", "1280x720", ALL)
    qtbot.addWidget(dialog)
    problems: list[str] = []
    dialog.show_problem = problems.append  # type: ignore[method-assign]
    dialog.try_accept()
    assert problems and "does not exist" in problems[-1] and dialog.result() == 0
    dialog.path_edit.setText(str(tmp_path / "film.mp4"))
    dialog.resolution_box.setCurrentText("wide")
    dialog.try_accept()
    assert "WIDTHxHEIGHT" in problems[-1]
    dialog.resolution_box.setCurrentText("640x360")
    dialog.try_accept()
    assert dialog.result() == ExportDialog.DialogCode.Accepted and dialog.resolution == "640x360"


def test_a_restarted_local_backend_is_reached_at_its_new_port() -> None:
    old = "http://127.0.0.1:40000/async-response/job-1?x=1"
    assert rebase(old, "http://127.0.0.1:41111") == "http://127.0.0.1:41111/async-response/job-1?x=1"
    cloud = "https://api.videodb.io/async-response/job-1"
    assert rebase(cloud, "http://127.0.0.1:41111") == cloud


def test_numbers_are_written_for_people() -> None:
    assert (
        human_bytes(512) == "512 B" and human_bytes(1536) == "1.5 KB" and human_bytes(3 * 1024**2) == "3.0 MB"
    )
    assert human_seconds(42.4) == "42 s" and human_seconds(125) == "2:05"


def _job(path: Path, writers: FilesBeingWritten | None = None) -> ExportJob:
    """A job with no backend (its client source answers None)."""
    return ExportJob(
        ExportJobRecord(output_path=str(path)), TaskRunner(), lambda: None, writers or FilesBeingWritten()
    )


def test_the_state_line_says_what_is_happening(qtbot: QtBot, tmp_path: Path) -> None:
    job = ExportJob(
        ExportJobRecord(output_path=str(tmp_path / "a.mp4")), TaskRunner(), lambda: None, FilesBeingWritten()
    )
    job.record.state, job.fraction, job.seconds_left = "rendering", 0.42, 75
    assert describe(job) == "Rendering 42% · 1:15 left"
    job.record.state, job.bytes_done, job.bytes_total, job.speed = "downloading", 2048, 4096, 1024
    assert describe(job) == "Downloading 2.0 KB of 4.0 KB · 1.0 KB/s"
    job.record.state, job.record.error = "failed", "the backend stopped while rendering"
    assert describe(job) == "Failed: the backend stopped while rendering"
    job.start()  # no backend: a failure that says so, not a crash
    assert job.state == "failed" and job.record.error == "the backend is not connected"


def test_a_new_attempt_waits_until_the_last_worker_on_its_file_has_stopped(
    qtbot: QtBot, tmp_path: Path
) -> None:
    final = tmp_path / "shared.mp4"
    writers = FilesBeingWritten()
    job = _job(final, writers)
    writers.add(final)  # a suspended attempt still stopping
    job.start()
    qtbot.wait(WRITER_POLL_MS * 2)
    assert job.state == "queued"  # not started: its bytes would mix with the old worker's
    writers.discard(final)
    qtbot.waitUntil(lambda: job.state == "failed", timeout=2000)
    assert job.record.error == "the backend is not connected"


def test_download_speed_is_smoothed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    job = ExportJob(
        ExportJobRecord(output_path=str(tmp_path / "a.mp4")), TaskRunner(), lambda: None, FilesBeingWritten()
    )
    clock = iter([0.0, 1.0, 2.0])
    monkeypatch.setattr("editor_app.ui.export.job.time.monotonic", lambda: next(clock))
    job._downloaded(0, 3000)
    job._downloaded(1000, 3000)
    assert job.speed == 1000
    job._downloaded(3000, 3000)  # a burst of 2000 B/s moves the average only part of the way
    assert job.speed == pytest.approx(1000 + SPEED_SMOOTHING * 1000)
    assert job.fraction == 1.0 and job.record.bytes_done == 3000


def test_a_file_that_appeared_during_the_export_is_kept_and_the_export_lands_beside_it(
    tmp_path: Path, media_factory: MediaFactory
) -> None:
    video = media_factory.make_video(color="olive", seconds=1, size="160x90")
    final = tmp_path / "film.mp4"
    final.write_bytes(b"agreed to replace")
    started = time.time() + 1  # the user agreed to replace what was there before this moment
    shutil.copy(video, staging_path(final))
    assert land(final, video.stat().st_size, 1.0, started) == final
    assert final.read_bytes() == video.read_bytes()

    os.utime(final, (started + 5, started + 5))  # written by someone else after the export began
    shutil.copy(video, staging_path(final))
    landed = land(final, None, 1.0, started)
    assert landed == tmp_path / "film (2).mp4" and final.exists() and not staging_path(final).exists()


def test_a_download_that_fails_its_check_never_lands(tmp_path: Path, media_factory: MediaFactory) -> None:
    video = media_factory.make_video(color="olive", seconds=1, size="160x90")
    final = tmp_path / "film.mp4"
    shutil.copy(video, staging_path(final))
    with pytest.raises(ExportCheckFailed, match="lasts"):
        land(final, None, 5.0, time.time())
    staging_path(final).write_bytes(b"not a video")
    with pytest.raises(ExportCheckFailed):
        land(final, 11, None, time.time())
    assert not final.exists() and not staging_path(final).exists()
