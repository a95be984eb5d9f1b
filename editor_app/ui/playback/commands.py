"""The playback commands: play/pause, J/K/L shuttle, in/out points, start/end, frame steps."""

from __future__ import annotations

from editor_app.ui.commands.table import Command, MenuPlace, ToolbarPlace
from editor_app.ui.playback.transport import Transport

MENU = MenuPlace("&Timeline", 2)

TRANSPORT_COMMANDS: tuple[Command[Transport], ...] = (
    Command("transport.play_pause", "Play / Pause", "Playback", Transport.play_pause, ("Space",), MENU,
            toolbar=ToolbarPlace(3, "play")),
    Command("transport.reverse", "Shuttle Reverse", "Playback", Transport.shuttle_reverse, ("J",), MENU),
    Command("transport.stop", "Stop Shuttle", "Playback", Transport.stop, ("K",), MENU),
    Command("transport.forward", "Shuttle Forward", "Playback", Transport.shuttle_forward, ("L",), MENU),
    Command("transport.mark_in", "Set In Point", "Playback", Transport.set_in, ("I",), MENU),
    Command("transport.mark_out", "Set Out Point", "Playback", Transport.set_out, ("O",), MENU),
    Command("transport.home", "Go to Start", "Playback", Transport.go_home, ("Home",), MENU),
    Command("transport.end", "Go to End", "Playback", Transport.go_end, ("End",), MENU),
    Command("transport.prev_frame", "Previous Frame", "Playback", Transport.previous_frame, ("Left",), MENU),
    Command("transport.next_frame", "Next Frame", "Playback", Transport.next_frame, ("Right",), MENU),
)  # fmt: skip
