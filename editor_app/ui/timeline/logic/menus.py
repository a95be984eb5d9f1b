"""What each context menu of the timeline offers: command ids from the command table, in order
(None is a separator). The canvas shows the ones bound in its host's table."""

from __future__ import annotations

MenuItems = tuple[str | None, ...]

CLIP_MENU: MenuItems = (
    "edit.cut", "edit.copy", "edit.paste", "edit.duplicate", None,
    "edit.split", "edit.delete", "edit.ripple_delete", None,
    "timeline.range_to_selection",
)  # fmt: skip
GAP_MENU: MenuItems = ("timeline.close_gap", "timeline.close_all_gaps", None, "edit.paste")
TRACK_MENU: MenuItems = (
    "track.toggle_mute", "track.toggle_solo", "track.toggle_lock", "track.toggle_hide", None,
    "track.reset_height", "timeline.close_all_gaps",
)  # fmt: skip
RULER_MENU: MenuItems = (
    "transport.mark_in", "transport.mark_out", "timeline.clear_range", "timeline.loop_range", None,
    "timeline.lift_range", "timeline.extract_range", None, "timeline.add_marker",
)  # fmt: skip
MARKER_MENU: MenuItems = ("marker.rename", "marker.colour", "marker.delete")


def menu_for(hit: str, on_marker: bool) -> MenuItems:
    """The menu for a right click on `hit` (a `geometry.HitKind`)."""
    if hit == "ruler":
        return MARKER_MENU if on_marker else RULER_MENU
    if hit in ("clip", "trim_in", "trim_out", "volume", "fade_in", "fade_out"):
        return CLIP_MENU
    if hit == "empty":
        return GAP_MENU
    return TRACK_MENU
