"""A caption clip made at the playhead is placed as a title is: on the topmost video track with
room there (a new track when none has), selected, one undo step (`editing.place_on_top`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor_app.model import CaptionAsset
from editor_app.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.prompts.ask_unsaved = lambda _name, _doing: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    yield win
    win.runner.wait(10000)


def test_a_typed_caption_lands_at_the_playhead_selected_and_a_second_on_a_new_track(
    window: MainWindow,
) -> None:
    history = window.session.document.history
    canvas = window.timeline_view.canvas
    window.captions.add_typed()
    [(track, first)] = list(history.timeline.clips())
    assert isinstance(first.asset, CaptionAsset) and first.start == 0 and track.kind == "video"
    assert canvas.selected_clip_ids() == [first.id] and history.undo_label == "Add Caption Clip"
    window.transport.seek(1000)  # inside the first: no room on its track
    window.captions.add_typed()
    [second] = [(t, c) for t, c in history.timeline.clips() if c.id != first.id]
    assert second[1].start == 1000 and second[0].kind == "video" and second[0].id != track.id
    assert canvas.selected_clip_ids() == [second[1].id]
    history.undo()
    assert [c.id for _t, c in history.timeline.clips()] == [first.id]
