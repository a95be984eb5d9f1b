"""Key bindings: the commands' default keys (the conventions of other editors), rebindable, kept in
QSettings under `shortcuts/<command id>` as `"S; Ctrl+B"`.

The Preferences dialog edits the bindings, the Help dialog lists them, `actions.py` applies them
to the window's actions and `keys.py` to a canvas' own key handling.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from editor_app.ui.commands.table import Command, listed

SETTINGS_GROUP = "shortcuts"


class ShortcutMap:
    """Current bindings of the rebindable commands: defaults overlaid with the user's choices."""

    def __init__(self, settings: QSettings, commands: Iterable[Command[Any]]) -> None:
        self.settings = settings
        self.commands = listed(commands)  # in the order Preferences and Help list them
        self._defaults = {c.id: c.keys for c in self.commands}
        self._keys = dict(self._defaults)
        self.settings.beginGroup(SETTINGS_GROUP)
        try:
            for command_id in self.settings.childKeys():
                if command_id in self._keys:
                    self._keys[command_id] = parse_keys(str(self.settings.value(command_id, "")))
        finally:
            self.settings.endGroup()

    def __contains__(self, command_id: object) -> bool:
        return command_id in self._keys

    def keys(self, command_id: str) -> tuple[str, ...]:
        return self._keys[command_id]

    def default_keys(self, command_id: str) -> tuple[str, ...]:
        return self._defaults[command_id]

    def sequences(self, command_id: str) -> list[QKeySequence]:
        return [QKeySequence(k) for k in self._keys[command_id]]

    def text(self, command_id: str) -> str:
        return ", ".join(
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in self.keys(command_id)
        )

    def set_keys(self, command_id: str, keys: tuple[str, ...]) -> None:
        if command_id not in self._keys:
            raise KeyError(f"unknown command {command_id!r}")
        self._keys[command_id] = keys
        name = f"{SETTINGS_GROUP}/{command_id}"
        if keys == self._defaults[command_id]:
            self.settings.remove(name)
        else:
            self.settings.setValue(name, format_keys(keys))

    def conflicts(self) -> dict[str, list[str]]:
        """Key -> command ids bound to it, for keys bound more than once."""
        owners: dict[str, list[str]] = {}
        for command_id, keys in self._keys.items():
            for key in keys:
                portable = QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)
                owners.setdefault(portable, []).append(command_id)
        return {k: v for k, v in owners.items() if len(v) > 1}

    def reset(self) -> None:
        for command_id, keys in self._defaults.items():
            self.set_keys(command_id, keys)


def parse_keys(text: str) -> tuple[str, ...]:
    """`"S; Ctrl+B"` -> ("S", "Ctrl+B"); rejects what Qt cannot read as a key sequence."""
    keys: list[str] = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        portable = QKeySequence(part).toString(QKeySequence.SequenceFormat.PortableText)
        if not portable:  # Qt reads unknown names as an empty sequence
            raise ValueError(f"not a key sequence: {part!r}")
        keys.append(portable)
    return tuple(keys)


def format_keys(keys: tuple[str, ...]) -> str:
    return "; ".join(keys)
