"""Custom bindings saved by earlier versions (QSettings `shortcuts/<id>` = "S; Ctrl+B") still load,
reach the window's actions and the canvas' own keys, and are written back in the same format."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from editor_app.ui.commands.shortcuts import ShortcutMap
from editor_app.ui.window.main_window import ALL_COMMANDS, MainWindow

# what the editor before the command table (aacce5c) wrote for four rebindings, to the letter
SAVED = """[shortcuts]
edit.split="Ctrl+K; X"
edit.undo=
transport.play_pause=P
view.zoom_in="Ctrl+="
"""


def _settings(tmp_path: Path) -> QSettings:
    path = tmp_path / "settings.ini"
    if not path.exists():
        path.write_text(SAVED)
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_bindings_in_the_old_format_load(tmp_path: Path) -> None:
    shortcuts = ShortcutMap(_settings(tmp_path), ALL_COMMANDS)
    assert shortcuts.keys("edit.split") == ("Ctrl+K", "X")
    assert shortcuts.keys("edit.undo") == ()  # unbound on purpose stays unbound
    assert shortcuts.keys("transport.play_pause") == ("P",)
    assert shortcuts.keys("view.zoom_in") == ("Ctrl+=",)
    assert shortcuts.keys("edit.copy") == ("Ctrl+C",)  # the rest keep their defaults
    shortcuts.set_keys("edit.copy", ("Ctrl+Shift+C",))
    shortcuts.set_keys("edit.split", ("S", "Ctrl+B"))  # back to the default: the entry goes
    shortcuts.settings.sync()
    text = (tmp_path / "settings.ini").read_text()
    assert "edit.copy=Ctrl+Shift+C" in text and "edit.split" not in text
    assert "transport.play_pause=P" in text


def test_old_bindings_reach_the_window_and_the_canvas(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(_settings(tmp_path))
    qtbot.addWidget(window)
    assert window.menu_actions["edit.split"].shortcuts() == [QKeySequence("Ctrl+K"), QKeySequence("X")]
    assert window.menu_actions["edit.undo"].shortcuts() == []
    keys = window.timeline_view.canvas.keys
    assert keys is not None and keys.shortcuts is window.shortcuts
    bindings = keys.bindings()
    assert bindings["Ctrl+K"].id == "edit.split" and "S" not in bindings and "Ctrl+Z" not in bindings
    window.session.document.history.mark_clean()
