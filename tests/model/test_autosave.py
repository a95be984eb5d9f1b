"""Autosave scheduling and recovery copies (no threads, no Qt: time is passed in)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor_app.model import Clip, ProjectFileError, Timeline, Track, VideoAsset
from editor_app.model.project.autosave import DATA_DIR_ENV, Autosaver, recovery_dir
from editor_app.model.project.files import Project, load_project, save_project


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


def project(name: str = "Cut") -> Project:
    clip = Clip(start=0, duration=1000, asset=VideoAsset(id="m-1"))
    return Project(name=name, timeline=Timeline(tracks=[Track(name="V1", clips=[clip])]))


def test_recovery_dir_follows_the_environment(data_dir: Path) -> None:
    assert recovery_dir() == data_dir / "recovery"
    assert Autosaver().folder == data_dir / "recovery"


def test_autosave_waits_for_a_quiet_period_and_fires_once() -> None:
    saver = Autosaver(quiet_seconds=2.0)
    assert not saver.due(100.0)  # nothing changed yet
    saver.note_change(100.0)
    assert not saver.due(101.0)
    saver.note_change(101.5)  # another edit restarts the wait
    assert not saver.due(103.0)
    assert saver.pending
    assert saver.due(103.5)
    assert not saver.due(104.0)  # once per burst of edits
    assert not saver.pending


def test_edits_that_never_pause_are_still_saved_every_so_often() -> None:
    saver = Autosaver(quiet_seconds=2.0, max_wait_seconds=10.0)
    now = 0.0
    fired = []
    while now < 35.0:
        saver.note_change(now)  # an edit every second: never quiet for two
        if saver.due(now + 0.5):
            fired.append(now)
        now += 1.0
    assert fired == [10.0, 21.0, 32.0]


def test_recovery_copy_is_offered_only_while_newer_than_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.vdbproj"
    save_project(project(), path)
    saver = Autosaver()
    assert saver.recovery_for(path) is None
    edited = project("Cut, edited")
    copy = saver.write(edited, path)
    assert copy.parent == recovery_dir()
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # the file is older than the copy
    assert saver.recovery_for(path) == copy
    recovered = load_project(copy)
    assert recovered.name == "Cut, edited"
    assert recovered.autosaved_from == str(path.resolve())
    # another session (after a crash) finds the same copy from the same path
    assert Autosaver().recovery_for(tmp_path / "." / "cut.vdbproj") == copy
    # saving the file makes the copy stale; discarding removes it
    os.utime(copy, ns=(500_000_000, 500_000_000))
    assert saver.recovery_for(path) is None
    saver.discard(path)
    assert not copy.exists()


def test_recovery_copy_of_a_deleted_file_is_still_offered(tmp_path: Path) -> None:
    path = tmp_path / "gone.vdbproj"
    saver = Autosaver()
    copy = saver.write(project(), path)
    assert saver.recovery_for(path) == copy


def test_untitled_projects_leave_orphans_that_a_later_session_adopts() -> None:
    crashed = Autosaver()
    copy = crashed.write(project("Untitled work"), None)
    assert copy.name.startswith("untitled-")
    assert crashed.list_orphans() == []  # its own copy is not an orphan

    later = Autosaver()
    assert later.list_orphans() == [copy]
    recovered = later.adopt(copy)
    assert recovered.name == "Untitled work"
    assert not copy.exists()
    assert later.path_for(None).exists()
    assert later.list_orphans() == []
    later.discard(None)
    assert not later.path_for(None).exists()


def test_saving_an_untitled_project_discards_its_untitled_copy(tmp_path: Path) -> None:
    saver = Autosaver()
    untitled = saver.write(project(), None)
    saver.discard(tmp_path / "now-saved.vdbproj")
    assert not untitled.exists()


def test_recovery_writes_are_atomic(monkeypatch: pytest.MonkeyPatch) -> None:
    saver = Autosaver()
    copy = saver.write(project("first"), None)

    def crash(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(ProjectFileError, match="Input/output error"):
        saver.write(project("second"), None)
    assert load_project(copy).name == "first"
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.with_suffix(".pid").name, copy.name]


def test_a_copy_whose_editor_is_still_running_is_not_an_orphan() -> None:
    other_window = Autosaver()
    copy = other_window.write(project("Open elsewhere"), None)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        copy.with_suffix(".pid").write_text(str(alive.pid))
        assert Autosaver().list_orphans() == []
    finally:
        alive.kill()
        alive.wait()
    assert Autosaver().list_orphans() == [copy]  # its process is gone now
    copy.unlink()  # the user declined to recover it
    assert Autosaver().list_orphans() == []
    assert list(copy.parent.iterdir()) == []  # and its owner file is cleaned away


def test_a_later_session_finds_saved_projects_left_with_unsaved_changes(tmp_path: Path) -> None:
    """Defect 10: a start without arguments can offer them, not only reopening the project."""
    path = tmp_path / "cut.vdbproj"
    save_project(project(), path)
    saver = Autosaver()
    saver.write(project("Cut, edited"), path)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    saver.write(project("Untitled work"), None)  # untitled copies are orphans, not these
    assert Autosaver().titled_recoveries() == [path.resolve()]
    saver.discard(path)
    assert Autosaver().titled_recoveries() == []
