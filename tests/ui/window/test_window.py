"""The main window: title and modified mark, history dock, undo naming, unsaved-changes prompt,
save/open round trip, layout kept in QSettings, shortcuts, and the status bar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor_app.model import TextAsset
from editor_app.model.project.files import load_project
from editor_app.ui.window.main_window import MainWindow

Answer = QMessageBox.StandardButton


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings) -> Iterator[MainWindow]:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    _answer(win, Answer.Discard)  # no modal question when the test ends with unsaved changes
    win.show()
    yield win
    win.runner.wait(10000)


def _answer(window: MainWindow, answer: Answer) -> list[str]:
    asked: list[str] = []

    def ask(_name: str, doing: str) -> Answer:
        asked.append(doing)
        return answer

    window.prompts.ask_unsaved = ask  # type: ignore[method-assign]
    return asked


def test_an_edit_marks_the_title_names_undo_and_fills_the_history(window: MainWindow) -> None:
    assert window.windowTitle().startswith("Untitled[*]") and not window.isWindowModified()
    assert not window.menu_actions["edit.undo"].isEnabled()
    window.editing.add_title()
    assert window.isWindowModified()
    assert window.menu_actions["edit.undo"].text() == f"Undo {window.session.document.history.undo_label}"
    assert window.history_dock.list.count() == 2
    titles = [c for _t, c in window.session.document.timeline.clips() if isinstance(c.asset, TextAsset)]  # type: ignore[union-attr]
    assert len(titles) == 1
    # clicking the first row of the History dock goes back to the state before the edit
    first = window.history_dock.list.item(0)
    window.history_dock.list.itemClicked.emit(first)
    assert window.session.document.timeline.clip_count == 0
    assert window.menu_actions["edit.redo"].isEnabled() and not window.isWindowModified()


def test_keyboard_undo_and_redo(qtbot: QtBot, window: MainWindow) -> None:
    window.editing.add_title()
    window.activateWindow()
    window.timeline_view.setFocus()
    QTest.keyClick(window.timeline_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.timeline.clip_count == 0
    QTest.keyClick(
        window.timeline_view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.session.document.timeline.clip_count == 1


def test_closing_with_changes_asks_and_cancel_keeps_the_window(window: MainWindow) -> None:
    window.editing.add_title()
    asked = _answer(window, Answer.Cancel)
    assert not window.close()
    assert asked == ["closing"] and window.isVisible()
    _answer(window, Answer.Discard)
    assert window.close()


def test_new_project_asks_first_and_keeps_work_on_cancel(window: MainWindow) -> None:
    window.editing.add_title()
    asked = _answer(window, Answer.Cancel)
    window.files.new_project()
    assert asked and window.session.document.timeline.clip_count == 1
    _answer(window, Answer.Discard)
    window.files.new_project()
    assert window.session.document.timeline.clip_count == 0


def test_save_and_open_round_trip(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.editing.add_title()
    path = tmp_path / "cut.vdbproj"
    window.files.save_to(path)
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=10000)
    assert window.windowTitle().startswith("cut[*]")
    saved = load_project(path)
    assert saved.timeline.to_editor_json() == window.session.document.timeline.to_editor_json()

    _answer(window, Answer.Discard)
    window.files.new_project()
    window.files.open_path(path)
    qtbot.waitUntil(lambda: window.session.document.path == path, timeout=10000)
    assert window.session.document.timeline.clip_count == 1 and not window.isWindowModified()
    assert path.resolve() in [p.resolve() for p in window.files.recent_paths()]


def test_a_corrupt_project_gives_a_clear_error_and_keeps_the_document(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.vdbproj"
    bad.write_text('{"format": "videodb-editor-project", "schema_version": 2, "timeline": ')
    errors: list[str] = []
    window.prompts.report_error = lambda title, message: errors.append(message)  # type: ignore[method-assign]
    window.editing.add_title()
    before = window.session.document
    _answer(window, Answer.Discard)
    window.files.open_path(bad, confirmed=True)
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert "bad.vdbproj" in errors[0] and "line 1" in errors[0]
    assert window.session.document is before and bad.read_text().endswith('"timeline": ')


def test_layout_is_kept_in_qsettings(qtbot: QtBot, settings: QSettings) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    _answer(first, Answer.Discard)
    first.show()
    first.history_dock.hide()
    first.resize(760, 560)  # inside the offscreen screen (800x600)
    assert first.close()
    settings.sync()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    _answer(second, Answer.Discard)
    second.show()
    assert second.size().width() == 760 and not second.history_dock.isVisible()


def test_status_bar_follows_the_backend(window: MainWindow) -> None:
    window.status_line.set_backend_status("local backend exited (code 9); restarting (attempt 1)…", ok=False)
    assert "restarting" in window.status_line.backend_label.text()
    window.status_line.set_backend_status("local (http://127.0.0.1:1234)")
    assert window.status_line.backend_label.text() == "Backend: local (http://127.0.0.1:1234)"


def test_toolbar_icons_and_play_button_follow_the_transport(qtbot: QtBot, window: MainWindow) -> None:
    for command_id in ("edit.split", "view.zoom_fit", "timeline.compile", "file.export_video"):
        assert not window.menu_actions[command_id].icon().isNull()
    play = window.menu_actions["transport.play_pause"]
    before = play.icon().pixmap(32, 32).toImage()
    window.editing.add_title()  # something to play
    play.trigger()
    assert window.transport.playing
    assert play.icon().pixmap(32, 32).toImage() != before  # shows pause while playing
    qtbot.wait(150)
    assert window.timeline_view.canvas.playhead > 0  # the canvas follows the transport
    play.trigger()
    assert not window.transport.playing


def test_edit_menu_actions_reach_the_canvas(window: MainWindow) -> None:
    window.editing.add_title()  # a 3 s title at 0 on a video track, selected
    document = window.session.document
    assert document is window.session.document
    window.transport.seek(1000)
    window.menu_actions["edit.split"].trigger()
    assert document.timeline.clip_count == 2 and document.history.undo_label == "Split Clip"
    window.timeline_view.canvas.set_selection([c.id for _t, c in document.timeline.clips()][:1])
    window.menu_actions["edit.duplicate"].trigger()  # at the playhead (1 s), overwriting the next clip's head
    starts = sorted((c.start, c.end) for _t, c in document.timeline.clips())
    assert starts == [(0, 1000), (1000, 2000), (2000, 3000)] and document.history.undo_label == "Duplicate"
    window.menu_actions["edit.delete"].trigger()  # the copy, selected
    assert document.timeline.clip_count == 2
    for _step in range(3):
        window.menu_actions["edit.undo"].trigger()
    assert document.timeline.clip_count == 1 and document.history.undo_label == "Add Title"


def test_reset_layout_brings_every_panel_back(window: MainWindow) -> None:
    window.history_dock.close()
    window.media_bin.close()
    window.menu_actions["view.reset_layout"].trigger()
    assert all(dock.isVisible() or window.tabifiedDockWidgets(dock) for dock in window.docks())
    assert window.media_bin.isVisible() and window.inspector.isVisible()


def test_end_key_follows_edits_that_change_the_length(window: MainWindow) -> None:
    window.transport.go_end()
    assert window.transport.position == 0  # empty timeline
    window.editing.add_title()  # 3 s
    window.transport.go_end()
    assert window.transport.position == 3000
    window.commands["edit.undo"].trigger()
    window.transport.go_home()
    window.transport.go_end()
    assert window.transport.position == 0
