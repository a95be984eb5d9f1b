"""A save or autosave that fails is shown to the user, never silent (issue 16, #4): a value no
file can hold (a lone surrogate in a title) gives a dialog naming the field, and nothing is
written; a failing autosave says so once in a dialog, then in the status bar."""

from __future__ import annotations

import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from editor_app.model import TextAsset
from editor_app.model.project.files import load_project
from editor_app.ui.window.main_window import MainWindow


def _broken_title(window: MainWindow) -> None:
    window.editing.add_title()
    clip = next(c for _t, c in window.session.document.timeline.clips() if isinstance(c.asset, TextAsset))
    assert isinstance(clip.asset, TextAsset)
    clip.asset.text = "\ud800"  # as a paste of broken text would leave it, past every check


def test_a_save_that_cannot_be_written_shows_why(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    errors: list[str] = []
    window.prompts.report_error = lambda _title, message: errors.append(message)  # type: ignore[method-assign]
    _broken_title(window)
    window.files.save_to(tmp_path / "p.vdbproj")
    assert len(errors) == 1 and "text" in errors[0]
    assert not (tmp_path / "p.vdbproj").exists()
    assert window.session.document.modified


def test_a_failing_autosave_shows_a_dialog_once_then_the_status_bar(qtbot: QtBot, window: MainWindow) -> None:
    errors: list[str] = []
    window.prompts.report_error = lambda _title, message: errors.append(message)  # type: ignore[method-assign]
    _broken_title(window)
    for _ in range(3):
        window.files.autosaver.note_change(time.monotonic() - 60)
        window.files.autosave_if_due()
    assert len(errors) == 1 and "Autosave failed" in errors[0]
    assert "Autosave failed" in window.statusBar().currentMessage()


def test_a_termination_signal_writes_the_recovery_copy_without_asking(window: MainWindow) -> None:
    assert window.files.write_recovery_now() is None  # nothing unsaved, nothing to write
    window.editing.add_title()
    asked: list[str] = []
    window.prompts.ask_unsaved = lambda name, doing: asked.append(doing)  # type: ignore[method-assign,assignment,return-value]
    copy = window.files.write_recovery_now()
    assert copy is not None and copy.is_file() and asked == []
    titles = [c for _t, c in load_project(copy).timeline.clips() if isinstance(c.asset, TextAsset)]
    assert len(titles) == 1
