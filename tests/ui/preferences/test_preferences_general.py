"""Preferences ▸ General: the ffmpeg path (checked, saved, and used by the local backend) and autosave."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.config.settings import EditorSettings, load_settings
from editor_app.headless.local_backend import LocalBackend
from editor_app.headless.render_cli import configured_tools
from editor_app.model.project.autosave import Autosaver
from editor_app.ui.backend.link import BackendLink
from editor_app.ui.preferences.dialog import PreferencesDialog
from editor_app.ui.preferences.general import (
    AUTOSAVE_KEY,
    DEFAULT_AUTOSAVE_S,
    apply_autosave_interval,
    autosave_interval,
    check_ffmpeg,
)
from editor_app.ui.window.main_window import MainWindow
from tests.support.media import MediaFactory


def _logging_wrappers(folder: Path) -> Path:
    """`ffmpeg` and `ffprobe` scripts that note each run in calls.log, then run the real tools."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "calls.log"
    for tool in ("ffmpeg", "ffprobe"):
        real = shutil.which(tool)
        assert real is not None
        script = folder / tool
        script.write_text(f'#!/bin/sh\necho {tool} >> "{log}"\nexec "{real}" "$@"\n')
        script.chmod(0o755)
    return folder / "ffmpeg"


def _settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "videodb-editor" / "settings.json"


def test_a_chosen_ffmpeg_and_interval_are_saved_and_applied(window: MainWindow, tmp_path: Path) -> None:
    ffmpeg = _logging_wrappers(tmp_path / "tools")
    dialog = PreferencesDialog(window.shortcuts, window)
    assert dialog.general_page.autosave.value() == DEFAULT_AUTOSAVE_S
    dialog.general_page.ffmpeg.setText(str(ffmpeg))
    assert dialog.general_page.show_ffmpeg_check()
    assert dialog.general_page.ffmpeg_status.text().startswith("ffmpeg version")
    dialog.general_page.autosave.setValue(45)
    dialog.accept()
    assert dialog.result() == PreferencesDialog.DialogCode.Accepted
    saved = json.loads(_settings_file(tmp_path).read_text())
    assert saved["ffmpeg_path"] == str(ffmpeg) and saved["backend"] == "local"
    assert autosave_interval(window.settings) == 45
    apply_autosave_interval(window.files.autosaver, autosave_interval(window.settings))
    assert window.files.autosaver.max_wait_seconds == 45
    # the page shows what was saved the next time it opens; a blank path means PATH's ffmpeg again
    again = PreferencesDialog(window.shortcuts, window)
    assert again.general_page.ffmpeg.text() == str(ffmpeg)
    assert again.general_page.autosave.value() == 45
    again.general_page.ffmpeg.setText("  ")
    again.accept()
    assert load_settings().ffmpeg_path is None


def test_an_unusable_ffmpeg_is_refused_and_nothing_is_saved(window: MainWindow, tmp_path: Path) -> None:
    not_ffmpeg = tmp_path / "not-ffmpeg"
    not_ffmpeg.write_text("#!/bin/sh\necho hello\n")
    not_ffmpeg.chmod(0o755)
    for bad, says in (
        (tmp_path / "missing" / "ffmpeg", "not an executable file"),
        (not_ffmpeg, "does not answer like ffmpeg"),
    ):
        dialog = PreferencesDialog(window.shortcuts, window)
        dialog.general_page.ffmpeg.setText(str(bad))
        dialog.general_page.autosave.setValue(99)
        dialog.accept()
        assert dialog.result() != PreferencesDialog.DialogCode.Accepted
        assert says in dialog.problem.text() and str(bad) in dialog.problem.text()
        assert not _settings_file(tmp_path).exists()
        assert window.settings.value(AUTOSAVE_KEY) is None


def test_check_ffmpeg_explains_a_missing_ffmpeg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ValueError, match="no ffmpeg on PATH"):
        check_ffmpeg("")


def test_autosave_interval_is_clamped_and_junk_gives_the_default(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert autosave_interval(settings) == DEFAULT_AUTOSAVE_S
    for stored, expected in (("junk", DEFAULT_AUTOSAVE_S), ("1", 5), ("100000", 600), ("30", 30)):
        settings.setValue(AUTOSAVE_KEY, stored)
        assert autosave_interval(settings) == expected
    autosaver = Autosaver()
    apply_autosave_interval(autosaver, 5)
    autosaver.note_change(0.0)
    for t in (1.0, 2.0, 3.0, 4.0):  # edits every second never pause for the quiet period
        assert not autosaver.due(t)
        autosaver.note_change(t)
    assert autosaver.due(5.0)


def test_the_local_backend_runs_the_configured_ffmpeg(
    qtbot: QtBot, tmp_path: Path, media_factory: MediaFactory
) -> None:
    ffmpeg = _logging_wrappers(tmp_path / "tools")
    tools = EditorSettings(ffmpeg_path=str(ffmpeg)).serve_tool_arguments()
    assert tools == ["--ffmpeg", str(ffmpeg), "--ffprobe", str(ffmpeg.with_name("ffprobe"))]
    link = BackendLink()
    try:
        with qtbot.waitSignal(link.clientChanged, timeout=30000) as changed:
            link.start_local(tmp_path / "data", tools=tools)
        client = changed.args[0]
        assert link.process is not None and "--ffmpeg" in link.process.command()
        client.upload(media_factory.make_video(seconds=1, size="160x90"))
        calls = (tmp_path / "tools" / "calls.log").read_text().split()
        assert "ffprobe" in calls  # the upload was probed with the configured tools
    finally:
        link.stop()


def test_the_render_command_uses_the_configured_ffmpeg_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, media_factory: MediaFactory
) -> None:
    ffmpeg = _logging_wrappers(tmp_path / "tools")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("VIDEODB_EDITOR_FFMPEG_PATH", str(ffmpeg))
    tools = configured_tools()
    assert tools[:2] == ["--ffmpeg", str(ffmpeg)]
    with LocalBackend(tmp_path / "data", tools=tools) as backend:
        client = VideoDBClient(backend.base_url, backend.api_key)
        try:
            client.upload(media_factory.make_audio(seconds=1))
        finally:
            client.close()
    assert "ffprobe" in (tmp_path / "tools" / "calls.log").read_text().split()
