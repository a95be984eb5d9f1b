"""The canvas' commands: clip edits that need its selection and playhead, zoom, and markers.

The window binds them to its current canvas (refusals in the status bar); a canvas on its own
answers their keys itself (refusals as a notice on the canvas), see `view.TimelineView`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStyle

from editor_app.ui.commands.table import Command, MenuPlace, ToolbarPlace
from editor_app.ui.timeline.canvas import TimelineCanvas

CLIPBOARD, CUTS, SELECT = MenuPlace("&Edit", 1), MenuPlace("&Edit", 2), MenuPlace("&Edit", 3)
ZOOM, MARKERS = MenuPlace("&View", 0), MenuPlace("&Timeline", 1)
TRACK, MARKER = MenuPlace("&Timeline", 8), MenuPlace("&Timeline", 9)
TOOLS, MODES, GAPS = MenuPlace("&Timeline", 5), MenuPlace("&Timeline", 6), MenuPlace("&Timeline", 7)
Canvas = TimelineCanvas

TIMELINE_COMMANDS: tuple[Command[TimelineCanvas], ...] = (
    Command("edit.cut", "Cut", "Edit", Canvas.cut, ("Ctrl+X",), CLIPBOARD),
    Command("edit.copy", "Copy", "Edit", Canvas.copy, ("Ctrl+C",), CLIPBOARD),
    Command("edit.paste", "Paste", "Edit", Canvas.paste, ("Ctrl+V",), CLIPBOARD),
    Command("edit.duplicate", "Duplicate", "Edit", Canvas.duplicate, ("Ctrl+D",), CLIPBOARD),
    Command("edit.split", "Split at Playhead", "Edit", Canvas.split_at_playhead, ("S", "Ctrl+B"), CUTS,
            toolbar=ToolbarPlace(2, "split", text=True), short="Split"),
    Command("edit.delete", "Delete (Lift)", "Edit", Canvas.lift_selected, ("Delete", "Backspace"), CUTS,
            toolbar=ToolbarPlace(2, QStyle.StandardPixmap.SP_TrashIcon), short="Delete"),
    Command("edit.ripple_delete", "Ripple Delete", "Edit", Canvas.ripple_delete_selected,
            ("Shift+Delete", "Shift+Backspace"), CUTS),
    Command("edit.select_all", "Select All", "Edit", Canvas.select_all, ("Ctrl+A",), SELECT),
    Command("view.zoom_in", "Zoom In", "View", Canvas.zoom_in, ("+", "="), ZOOM),
    Command("view.zoom_out", "Zoom Out", "View", Canvas.zoom_out, ("-",), ZOOM),
    Command("view.zoom_fit", "Zoom to Fit", "View", Canvas.zoom_to_fit, ("\\",), ZOOM,
            toolbar=ToolbarPlace(3, "zoom_fit")),
    Command("timeline.add_marker", "Add Marker", "Timeline", Canvas.add_marker, ("M",), MARKERS),
    Command("timeline.prev_marker", "Previous Marker", "Timeline", Canvas.previous_marker, ("Shift+M",),
            MARKERS),
    Command("timeline.next_marker", "Next Marker", "Timeline", Canvas.next_marker, ("Ctrl+M",), MARKERS),
    Command("tool.select", "Select Tool", "Timeline", Canvas.use_select, ("V",), TOOLS,
            live_title=Canvas.select_tool_title),
    Command("tool.ripple", "Ripple Tool", "Timeline", Canvas.use_ripple, ("B",), TOOLS,
            live_title=Canvas.ripple_tool_title),
    Command("tool.roll", "Roll Tool", "Timeline", Canvas.use_roll, ("N",), TOOLS,
            live_title=Canvas.roll_tool_title),
    Command("tool.slip", "Slip Tool", "Timeline", Canvas.use_slip, ("Y",), TOOLS,
            live_title=Canvas.slip_tool_title),
    Command("tool.slide", "Slide Tool", "Timeline", Canvas.use_slide, ("U",), TOOLS,
            live_title=Canvas.slide_tool_title),
    Command("timeline.insert_mode", "Insert Mode", "Timeline", Canvas.toggle_insert_mode, ("Ctrl+Shift+I",),
            MODES, toolbar=ToolbarPlace(2, "insert", text=True),
            live_title=Canvas.mode_title, short="Insert/Overwrite"),
    Command("timeline.ripple_all", "Ripple All Tracks", "Timeline", Canvas.toggle_ripple_all_tracks, (),
            MODES, live_title=Canvas.ripple_all_title),
    Command("timeline.close_gap", "Close Gap", "Timeline", Canvas.close_gap, (), GAPS,
            enabled=Canvas.has_gap),
    Command("timeline.close_all_gaps", "Close All Gaps on Track", "Timeline", Canvas.close_all_gaps, (),
            GAPS),
    Command("timeline.clear_range", "Clear In/Out", "Timeline", Canvas.clear_range, ("Ctrl+Shift+X",), GAPS),
    Command("timeline.range_to_selection", "Set In/Out to Selection", "Timeline",
            Canvas.set_range_to_selection, ("Shift+/",), GAPS),
    Command("timeline.loop_range", "Loop In/Out Range", "Timeline", Canvas.toggle_loop, ("Ctrl+L",), GAPS,
            live_title=Canvas.loop_title),
    Command("marker.rename", "Rename Marker…", "Timeline", Canvas.rename_marker, (), MARKER),
    Command("marker.colour", "Next Marker Colour", "Timeline", Canvas.recolour_marker, (), MARKER),
    Command("marker.delete", "Delete Marker", "Timeline", Canvas.delete_marker, (), MARKER),
    Command("track.toggle_mute", "Mute/Unmute Track", "Timeline", Canvas.toggle_track_mute, (), TRACK),
    Command("track.toggle_solo", "Solo/Unsolo Audio Track", "Timeline", Canvas.toggle_track_solo, (), TRACK),
    Command("track.toggle_lock", "Lock/Unlock Track", "Timeline", Canvas.toggle_track_lock, (), TRACK),
    Command("track.toggle_hide", "Hide/Show Track", "Timeline", Canvas.toggle_track_hide, (), TRACK),
    Command("track.reset_height", "Reset Track Height", "Timeline", Canvas.reset_track_height, (), TRACK),
    Command("timeline.lift_range", "Lift In/Out Range", "Timeline", Canvas.lift_range, (";",), GAPS),
    Command("timeline.extract_range", "Extract In/Out Range", "Timeline", Canvas.extract_range, ("'",), GAPS),
)  # fmt: skip
