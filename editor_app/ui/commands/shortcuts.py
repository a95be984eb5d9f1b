"""Keyboard shortcuts: the editors' conventions of other editors as defaults, rebindable, kept in QSettings.

Every command has a stable id (`edit.split`) and one or more key sequences. The Preferences
dialog edits the bindings, the Help dialog lists them, and `actions.py` applies them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence


@dataclass(frozen=True)
class Command:
    id: str
    title: str
    group: str
    keys: tuple[str, ...]


DEFAULTS: tuple[Command, ...] = (
    Command("file.new", "New Project", "File", ("Ctrl+N",)),
    Command("file.open", "Open Project…", "File", ("Ctrl+O",)),
    Command("file.save", "Save", "File", ("Ctrl+S",)),
    Command("file.save_as", "Save As…", "File", ("Ctrl+Shift+S",)),
    Command("file.import_media", "Import Media…", "File", ("Ctrl+I",)),
    Command("file.export_video", "Export Video…", "File", ("Ctrl+E",)),
    Command("file.quit", "Quit", "File", ("Ctrl+Q",)),
    Command("edit.undo", "Undo", "Edit", ("Ctrl+Z",)),
    Command("edit.redo", "Redo", "Edit", ("Ctrl+Shift+Z", "Ctrl+Y")),
    Command("edit.cut", "Cut", "Edit", ("Ctrl+X",)),
    Command("edit.copy", "Copy", "Edit", ("Ctrl+C",)),
    Command("edit.paste", "Paste", "Edit", ("Ctrl+V",)),
    Command("edit.duplicate", "Duplicate", "Edit", ("Ctrl+D",)),
    Command("edit.split", "Split at Playhead", "Edit", ("S", "Ctrl+B")),
    Command("edit.delete", "Delete (Lift)", "Edit", ("Delete", "Backspace")),
    Command("edit.ripple_delete", "Ripple Delete", "Edit", ("Shift+Delete", "Shift+Backspace")),
    Command("edit.select_all", "Select All", "Edit", ("Ctrl+A",)),
    Command("edit.preferences", "Preferences…", "Edit", ("Ctrl+,",)),
    Command("view.zoom_in", "Zoom In", "View", ("+", "=")),
    Command("view.zoom_out", "Zoom Out", "View", ("-",)),
    Command("view.zoom_fit", "Zoom to Fit", "View", ("\\",)),
    Command("transport.play_pause", "Play / Pause", "Playback", ("Space",)),
    Command("transport.reverse", "Shuttle Reverse", "Playback", ("J",)),
    Command("transport.stop", "Stop Shuttle", "Playback", ("K",)),
    Command("transport.forward", "Shuttle Forward", "Playback", ("L",)),
    Command("transport.mark_in", "Set In Point", "Playback", ("I",)),
    Command("transport.mark_out", "Set Out Point", "Playback", ("O",)),
    Command("transport.home", "Go to Start", "Playback", ("Home",)),
    Command("transport.end", "Go to End", "Playback", ("End",)),
    Command("transport.prev_frame", "Previous Frame", "Playback", ("Left",)),
    Command("transport.next_frame", "Next Frame", "Playback", ("Right",)),
    Command("timeline.add_marker", "Add Marker", "Timeline", ("M",)),
    Command("timeline.prev_marker", "Previous Marker", "Timeline", ("Shift+M",)),
    Command("timeline.next_marker", "Next Marker", "Timeline", ("Ctrl+M",)),
    Command("timeline.add_title", "Add Title Clip", "Timeline", ("T",)),
    Command("timeline.add_video_track", "Add Video Track", "Timeline", ()),
    Command("timeline.add_audio_track", "Add Audio Track", "Timeline", ()),
    Command("timeline.compile", "Compile Preview", "Timeline", ("Ctrl+Return",)),
    Command("help.shortcuts", "Keyboard Shortcuts", "Help", ("F1",)),
)
BY_ID: dict[str, Command] = {c.id: c for c in DEFAULTS}
SETTINGS_GROUP = "shortcuts"


class ShortcutMap:
    """Current bindings: defaults overlaid with the user's choices from QSettings."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self._keys: dict[str, tuple[str, ...]] = {c.id: c.keys for c in DEFAULTS}
        self.settings.beginGroup(SETTINGS_GROUP)
        try:
            for command_id in self.settings.childKeys():
                if command_id in self._keys:
                    self._keys[command_id] = parse_keys(str(self.settings.value(command_id, "")))
        finally:
            self.settings.endGroup()

    def keys(self, command_id: str) -> tuple[str, ...]:
        return self._keys[command_id]

    def sequences(self, command_id: str) -> list[QKeySequence]:
        return [QKeySequence(k) for k in self._keys[command_id]]

    def text(self, command_id: str) -> str:
        return ", ".join(
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in self.keys(command_id)
        )

    def set_keys(self, command_id: str, keys: tuple[str, ...]) -> None:
        if command_id not in BY_ID:
            raise KeyError(f"unknown command {command_id!r}")
        self._keys[command_id] = keys
        name = f"{SETTINGS_GROUP}/{command_id}"
        if keys == BY_ID[command_id].keys:
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
        for command in DEFAULTS:
            self.set_keys(command.id, command.keys)


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
