"""Content that cannot be saved is refused with the field named, never written half-broken
(issue 16, #4 #5): NaN and lone surrogates, stale temporary files, the autosave rhythm."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from editor_app.model import ProjectFileError, Timeline
from editor_app.model.project.autosave import Autosaver
from editor_app.model.project.files import Project, load_project, project_to_json, save_project


def project_with_text(text: str = "hello") -> Project:
    clip = {"start": 0, "clip": {"asset": {"type": "text", "text": text}, "duration": 1}}
    return Project(timeline=Timeline.from_editor_json({"timeline": {"tracks": [{"clips": [clip]}]}}))


def test_a_lone_surrogate_is_refused_on_save_naming_the_field(tmp_path: Path) -> None:
    project = project_with_text()
    project.timeline.tracks[0].clips[0].asset.text = "\ud800"  # type: ignore[union-attr]
    with pytest.raises(ProjectFileError, match="text"):
        save_project(project, tmp_path / "p.vdbproj")
    assert not list(tmp_path.iterdir())


def test_a_nan_offset_is_refused_on_save_naming_the_field(tmp_path: Path) -> None:
    project = project_with_text()
    project.timeline.tracks[0].clips[0].offset.x = float("nan")
    with pytest.raises(ProjectFileError, match=r"offset\.x"):
        save_project(project, tmp_path / "p.vdbproj")
    with pytest.raises(ProjectFileError, match=r"offset\.x"):
        project_to_json(project)


def test_a_file_with_a_nan_offset_is_refused_at_load_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "p.vdbproj"
    save_project(project_with_text(), path)
    path.write_text(path.read_text().replace('"x": 0.0', '"x": NaN', 1))
    assert "NaN" in path.read_text()
    with pytest.raises(ProjectFileError, match=r"offset\.x"):
        load_project(path)


def test_a_surrogate_escape_in_a_file_is_refused_at_load(tmp_path: Path) -> None:
    path = tmp_path / "p.vdbproj"
    save_project(project_with_text("MARK"), path)
    path.write_text(path.read_text().replace("MARK", "\\ud800"))
    with pytest.raises(ProjectFileError, match="text"):
        load_project(path)


def test_saving_removes_stale_temporary_files_of_killed_saves(tmp_path: Path) -> None:
    path = tmp_path / "p.vdbproj"
    stale = tmp_path / ".p.vdbproj.abc123.tmp"
    stale.write_bytes(b"x" * 1000)
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / ".p.vdbproj.def456.tmp"  # perhaps another process saving right now
    fresh.write_bytes(b"y")
    save_project(project_with_text(), path)
    assert not stale.exists() and fresh.exists()


def test_autosave_never_waits_more_than_5_s_after_the_first_unsaved_edit() -> None:
    saver = Autosaver(folder=Path("/nonexistent"))
    first_due = None
    for tick in range(0, 200):  # an edit every second, polled every 0.1 s
        now = tick / 10
        if tick % 10 == 0:
            saver.note_change(now)
        if saver.due(now):
            first_due = now
            break
    assert first_due is not None and first_due <= 5.0
