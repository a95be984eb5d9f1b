"""Issue 14 in the window: the first window fits the screen's free area (defect 4), the zoom
and scroll are saved with the project and come back on open (defect 9), the tools are menus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from editor_app.model.project.files import load_project
from editor_app.ui.timeline.logic.geometry import TimeScale
from editor_app.ui.window.main_window import MainWindow
from tests.ui.window.test_window import Answer, _answer


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings) -> Iterator[MainWindow]:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    _answer(win, Answer.Discard)
    win.show()
    yield win
    win.runner.wait(10000)


def test_the_first_window_fits_the_free_screen(window: MainWindow) -> None:
    free = window.screen().availableGeometry()
    assert window.width() <= free.width() and window.height() <= free.height() - 40  # room for a frame
    assert window.statusBar().geometry().bottom() <= free.height()


def test_zoom_and_scroll_are_saved_and_restored(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.editing.add_title()
    window.timeline_view.canvas.set_scale(TimeScale(123.0, 4500))
    path = tmp_path / "view.vdbproj"
    window.files.save_to(path)
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=10000)
    saved = load_project(path)
    assert (saved.zoom, saved.scroll) == (123.0, 4500)
    window.files.new_project()
    window.files.open_path(path)
    qtbot.waitUntil(lambda: window.session.document.path == path, timeout=10000)
    scale = window.timeline_view.canvas.scale
    assert (scale.px_per_second, scale.origin_ticks) == (123.0, 4500)


def test_the_tools_are_in_the_timeline_menu_and_follow_the_key(window: MainWindow) -> None:
    window.commands["tool.slip"].trigger()
    assert window.timeline_view.canvas.tool == "slip"
    assert window.menu_actions["tool.slip"].text() == "● Slip Tool"
    assert window.menu_actions["tool.select"].text() == "Select Tool"


def test_at_1024x700_the_timeline_keeps_room_for_its_tracks(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1584, 952)
    qtbot.wait(50)
    window.dock_layout.split_height()
    qtbot.wait(50)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.timeline_view.height() >= 700 * 0.38, timeout=3000)


def test_a_start_without_arguments_reopens_a_project_left_with_unsaved_work(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Defect 10: after a crash the saved project with a newer recovery copy opens, offering it."""
    import os

    from editor_app.model.project import Project, save_project
    from editor_app.ui.app import offer_orphan_recovery

    path = tmp_path / "cut.vdbproj"
    save_project(Project(name="cut"), path)
    window.files.autosaver.write(Project(name="cut, edited"), path)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    offered: list[str] = []
    window.prompts.offer_recovery = lambda name: offered.append(name) or True  # type: ignore[method-assign]
    offer_orphan_recovery(window)
    qtbot.waitUntil(lambda: window.session.document.path is not None, timeout=10000)
    assert offered == ["cut.vdbproj"] and window.session.document.project.name == "cut, edited"
