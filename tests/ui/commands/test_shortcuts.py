"""Shortcut bindings: editors' defaults, rebinding persisted in QSettings, conflicts found."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from editor_app.ui.commands.shortcuts import ShortcutMap, parse_keys
from editor_app.ui.window.main_window import ALL_COMMANDS


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_defaults_follow_the_editors_conventions(tmp_path: Path) -> None:
    shortcuts = ShortcutMap(_settings(tmp_path), ALL_COMMANDS)
    assert shortcuts.keys("transport.play_pause") == ("Space",)
    assert shortcuts.keys("edit.split") == ("S", "Ctrl+B")
    assert shortcuts.keys("edit.ripple_delete")[0] == "Shift+Delete"
    assert shortcuts.keys("view.zoom_fit") == ("\\",)
    assert shortcuts.conflicts() == {}
    assert len({c.id for c in ALL_COMMANDS}) == len(ALL_COMMANDS)


def test_a_rebinding_survives_a_restart_and_reset_restores(tmp_path: Path) -> None:
    shortcuts = ShortcutMap(_settings(tmp_path), ALL_COMMANDS)
    shortcuts.set_keys("edit.split", parse_keys("Ctrl+K; X"))
    shortcuts.settings.sync()
    again = ShortcutMap(_settings(tmp_path), ALL_COMMANDS)
    assert again.keys("edit.split") == ("Ctrl+K", "X")
    again.reset()
    again.settings.sync()
    assert ShortcutMap(_settings(tmp_path), ALL_COMMANDS).keys("edit.split") == ("S", "Ctrl+B")


def test_conflicts_and_bad_keys_are_reported(tmp_path: Path) -> None:
    shortcuts = ShortcutMap(_settings(tmp_path), ALL_COMMANDS)
    shortcuts.set_keys("edit.duplicate", ("Ctrl+C",))
    assert shortcuts.conflicts() == {"Ctrl+C": ["edit.copy", "edit.duplicate"]}
    with pytest.raises(ValueError, match="not a key sequence"):
        parse_keys("Ctrl+Nonsense")
    with pytest.raises(KeyError):
        shortcuts.set_keys("no.such.command", ("X",))
