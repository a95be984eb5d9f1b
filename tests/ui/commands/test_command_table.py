"""The command table, checked command by command: what every command must have, that its id
is still today's (custom bindings are saved under it), and that the window follows the table."""

from __future__ import annotations

import inspect
import typing
from typing import Any

import pytest
from PySide6.QtGui import QKeySequence

from editor_app.ui.commands.table import GROUPS, MENUS, Command
from editor_app.ui.window.main_window import ALL_COMMANDS, MainWindow

# every id a saved binding may name (QSettings `shortcuts/<id>`): none may change or go away
IDS = (
    "file.new", "file.open", "file.save", "file.save_as", "file.import_media", "file.import_otio",
    "file.export_otio", "file.import_json", "file.export_json", "file.copy_sdk", "edit.undo",
    "edit.redo", "transport.play_pause", "transport.reverse", "transport.stop", "transport.forward",
    "transport.mark_in", "transport.mark_out", "transport.home", "transport.end",
    "transport.prev_frame", "transport.next_frame", "edit.cut", "edit.copy", "edit.paste",
    "edit.duplicate", "edit.split", "edit.delete", "edit.ripple_delete", "edit.select_all",
    "view.zoom_in", "view.zoom_out", "view.zoom_fit", "timeline.add_marker", "timeline.prev_marker",
    "timeline.next_marker", "timeline.add_video_track", "timeline.add_audio_track",
    "timeline.add_title", "timeline.add_captions", "timeline.add_captions_file",
    "timeline.attach_transcript", "file.export_captions", "timeline.bring_forward",
    "timeline.send_backward", "timeline.compile", "file.export_video",
    "file.quit", "edit.preferences",
    "help.shortcuts", "help.about", "view.reset_layout",
    # issue 14: the NLE tools, modes, gaps and ranges
    "tool.select", "tool.ripple", "tool.roll", "tool.slip", "tool.slide", "timeline.insert_mode",
    "timeline.ripple_all", "timeline.close_gap", "timeline.close_all_gaps", "timeline.lift_range",
    "timeline.extract_range", "timeline.clear_range", "timeline.range_to_selection", "timeline.loop_range",
    "marker.rename", "marker.colour", "marker.delete", "track.toggle_mute", "track.toggle_solo",
    "track.toggle_lock", "track.toggle_hide", "track.reset_height",
)  # fmt: skip


def _typed(function: Any) -> bool:
    """A function with a return annotation whose parameters are annotated (but `self`)."""
    hints = typing.get_type_hints(function)
    parameters = list(inspect.signature(function).parameters.values())
    named = [p.name for p in parameters if p.name != "self"]
    return "return" in hints and all(name in hints for name in named)


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=lambda c: c.id)
def test_every_command_is_complete(command: Command[Any]) -> None:
    assert command.title and command.title == command.title.strip()
    assert command.group in GROUPS
    assert command.menu is not None or command.no_menu, "a menu place, or why it has none"
    if command.menu is not None:
        assert command.menu.menu in MENUS and command.menu.section >= 0
    assert _typed(command.run), f"{command.id}: its handler must be a typed function, not a lambda"
    for rule in (command.enabled, command.live_title):
        assert rule is None or _typed(rule)
    for key in command.keys:
        assert QKeySequence(key).toString(), f"{command.id}: {key!r} is not a key"
    assert command.rebindable or not command.keys, "keys that cannot be changed are not listed anywhere"
    if command.toolbar is not None and command.toolbar.text:
        assert command.short, "a toolbar button with text says its short name"


def test_ids_are_the_ones_bindings_were_saved_under() -> None:
    ids = [c.id for c in ALL_COMMANDS]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(IDS)


def test_the_window_binds_the_whole_table_in_its_order(window: MainWindow) -> None:
    assert [bound.command for bound in window.commands] == list(ALL_COMMANDS)
    for command in ALL_COMMANDS:
        action = window.menu_actions[command.id]
        assert action.text() == window.commands[command.id].title()
        if command.rebindable:
            assert [k.toString() for k in action.shortcuts()] == [
                QKeySequence(k).toString() for k in command.keys
            ]
    listed = [c.id for c in window.shortcuts.commands]
    assert listed == [c.id for c in ALL_COMMANDS if c.rebindable and c.group == "File"] + [
        c.id for g in GROUPS[1:] for c in ALL_COMMANDS if c.rebindable and c.group == g
    ]


def test_a_refused_command_says_why_in_the_status_bar(window: MainWindow) -> None:
    window.commands["edit.copy"].trigger()  # nothing selected
    assert window.statusBar().currentMessage() == "Copy: Select the clips to copy first"
    window.commands["edit.delete"].trigger()
    assert window.statusBar().currentMessage() == "Delete: Select the clips to delete first"


def test_undo_and_redo_follow_the_history(window: MainWindow) -> None:
    undo, redo = window.commands["edit.undo"], window.commands["edit.redo"]
    assert not undo.is_enabled() and undo.title() == "Undo"
    window.editing.add_title()
    assert undo.is_enabled() and undo.title() == "Undo Add Title" == window.menu_actions["edit.undo"].text()
    undo.trigger()
    assert redo.is_enabled() and window.menu_actions["edit.redo"].text() == "Redo Add Title"
    assert not window.menu_actions["edit.undo"].isEnabled()
