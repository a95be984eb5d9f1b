"""Autosave writes a recovery copy after a quiet period; a newer copy is offered when opening."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor_app.model import TextAsset
from editor_app.model.project.files import load_project
from editor_app.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.prompts.ask_unsaved = lambda _name, _doing: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    win.files.autosaver.quiet_seconds = 0.2
    return win


def _texts(window: MainWindow) -> list[str]:
    return [
        c.asset.text for _t, c in window.session.document.timeline.clips() if isinstance(c.asset, TextAsset)
    ]


def test_an_edit_is_autosaved_after_a_quiet_moment(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.editing.add_title()
    copy = window.files.autosaver.path_for(None)
    qtbot.waitUntil(copy.exists, timeout=5000)
    assert copy.parent == tmp_path / "data" / "recovery"
    assert load_project(copy).timeline.clip_count == 1
    window.close()  # closing on purpose (discarding) leaves no recovery copy behind
    assert not copy.exists()


def _crashed_session(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    """Save one title, add a second that only the recovery copy has, then 'crash' (no close)."""
    window.editing.add_title()
    window.files.save_to(path)
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=5000)
    window.editing.add_title()
    qtbot.waitUntil(lambda: window.files.autosaver.recovery_for(path) is not None, timeout=5000)
    window.runner.wait(5000)


def _next_session(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    win = MainWindow(QSettings(str(tmp_path / "settings2.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.prompts.ask_unsaved = lambda _name, _doing: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    return win


def test_opening_offers_a_newer_recovery_copy(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "film.vdbproj"
    _crashed_session(qtbot, window, path)
    after = _next_session(qtbot, tmp_path)
    offered: list[str] = []

    def accept(name: str) -> bool:
        offered.append(name)
        return True

    after.prompts.offer_recovery = accept  # type: ignore[method-assign]
    after.files.open_path(path)
    qtbot.waitUntil(lambda: after.session.document.path == path, timeout=5000)
    assert offered == ["film.vdbproj"]
    assert len(_texts(after)) == 2 and after.isWindowModified()
    assert load_project(path).timeline.clip_count == 1  # the file itself is untouched


def test_declining_recovery_opens_the_saved_file(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "film.vdbproj"
    _crashed_session(qtbot, window, path)
    after = _next_session(qtbot, tmp_path)
    after.prompts.offer_recovery = lambda _name: False  # type: ignore[method-assign]
    after.files.open_path(path)
    qtbot.waitUntil(lambda: after.session.document.path == path, timeout=5000)
    assert len(_texts(after)) == 1 and not after.isWindowModified()
