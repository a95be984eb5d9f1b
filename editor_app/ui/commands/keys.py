"""Answering keys from the command table, for a widget that handles its own keys (the canvas,
when no window action claims a key: a canvas on its own, or an action that is disabled).

The bindings are the ShortcutMap's when there is one (so rebinding reaches this path too), else
the commands' defaults; both paths agree with the window's actions.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from editor_app.ui.commands.shortcuts import ShortcutMap
from editor_app.ui.commands.table import BoundCommand, CommandTable

MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta}


def key_text(event: QKeyEvent) -> str:
    """`Ctrl+B`, `Shift+Delete`, `+`: the portable text of the pressed combination."""
    key = Qt.Key(event.key())
    if key in MODIFIER_KEYS:
        return ""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    text = event.text()
    if text and not text.isalnum() and not text.isspace() and key < Qt.Key.Key_Escape:
        # "+" arrives as Shift+= on many layouts; the character is what the binding names
        mods &= ~Qt.KeyboardModifier.ShiftModifier
    return QKeySequence(QKeyCombination(mods, key)).toString()


class KeyCommands:
    """Key text -> the bound command it triggers, from a table and the current bindings."""

    def __init__(self, table: CommandTable, shortcuts: ShortcutMap | None = None) -> None:
        self.table = table
        self.shortcuts = shortcuts

    def bindings(self) -> dict[str, BoundCommand[Any]]:
        found: dict[str, BoundCommand[Any]] = {}
        shortcuts = self.shortcuts
        for bound in self.table:
            if shortcuts is not None and bound.id in shortcuts:
                keys = shortcuts.keys(bound.id)
            else:
                keys = bound.command.keys
            for key in keys:
                found.setdefault(QKeySequence(key).toString(), bound)
        return found

    def find(self, event: QKeyEvent) -> BoundCommand[Any] | None:
        """The command the key of `event` is bound to (looked up as it is pressed: bindings change)."""
        text = key_text(event)
        return self.bindings().get(text) if text else None
