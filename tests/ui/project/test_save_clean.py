"""The document's clean state after an asynchronous save: an edit made while the file is being
written, even one merged into the last undo step (a slider drag), leaves the document unsaved."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from editor_app.model import TextAsset
from editor_app.model.edits.props import SetClipProperty
from editor_app.model.project.files import load_project
from editor_app.ui.window.main_window import MainWindow


def _title_id(window: MainWindow) -> str:
    window.editing.add_title()
    return next(c.id for _t, c in window.session.document.timeline.clips() if isinstance(c.asset, TextAsset))


def test_a_merged_edit_during_a_save_keeps_the_document_unsaved(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    document = window.session.document
    assert document is not None
    clip_id = _title_id(window)
    history = document.history
    history.push(SetClipProperty([clip_id], "opacity", 0.5))
    path = tmp_path / "p.vdbproj"
    window.files.save_to(path)  # the file is written on a worker; the answer comes through the event loop
    index = history.index
    history.push(SetClipProperty([clip_id], "opacity", 0.25))  # the slider moves on: merged, same index
    assert history.index == index
    qtbot.waitUntil(lambda: document.path == path, timeout=10000)
    assert document.modified and window.isWindowModified()
    assert load_project(path).timeline.clip(clip_id).opacity == 0.5  # the file holds what was saved
    window.files.save_to(path)
    qtbot.waitUntil(lambda: not document.modified, timeout=10000)
    assert load_project(path).timeline.clip(clip_id).opacity == 0.25


def test_a_save_with_no_edit_in_flight_marks_the_document_saved(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    document = window.session.document
    assert document is not None
    _title_id(window)
    assert document.modified
    window.files.save_to(tmp_path / "q.vdbproj")
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=10000)
    assert not document.modified
