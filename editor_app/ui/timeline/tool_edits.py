"""The canvas' NLE edits: tools and modes, gaps, the I/O range, track edits.

The handlers of the tool, gap and range commands in `commands.TIMELINE_COMMANDS`. A gap is
selected like a clip (a click on empty time between clips); Delete closes it. The I/O range
comes from the transport (the view passes it on, see `view.TimelineView`); lift and extract
work on every unlocked track. Paste and duplicate keep the copied clips' tracks relative to the
selected track and land at the playhead, in the insert/overwrite mode of the toolbar toggle.
"""

from __future__ import annotations

from editor_app.model.clip import new_id
from editor_app.model.edits import (
    CloseAllGaps,
    CloseGap,
    ExtractRange,
    LiftRange,
    Mode,
    Place,
    display_order,
    duplicate_at,
    gap_at,
)
from editor_app.model.errors import EditError
from editor_app.model.ticks import Ticks
from editor_app.model.timeline import Clip, Track
from editor_app.ui.timeline.editing import CanvasEditing
from editor_app.ui.timeline.logic.tools import Tool


class CanvasToolEdits(CanvasEditing):
    selected_gap: tuple[str, Ticks, Ticks] | None = None
    io_range: tuple[Ticks | None, Ticks | None] = (None, None)

    # ---- tools and modes (the toolbar toggle and the tool keys) -----------------------------------
    def use_select(self) -> None:
        self.set_tool("select")

    def use_ripple(self) -> None:
        self.set_tool("ripple")

    def use_roll(self) -> None:
        self.set_tool("roll")

    def use_slip(self) -> None:
        self.set_tool("slip")

    def use_slide(self) -> None:
        self.set_tool("slide")

    def _tool_title(self, tool: Tool) -> str:
        """The menu entry of a tool, marked when it is the active one."""
        return ("● " if self.tool == tool else "") + f"{tool.capitalize()} Tool"

    def select_tool_title(self) -> str:
        return self._tool_title("select")

    def ripple_tool_title(self) -> str:
        return self._tool_title("ripple")

    def roll_tool_title(self) -> str:
        return self._tool_title("roll")

    def slip_tool_title(self) -> str:
        return self._tool_title("slip")

    def slide_tool_title(self) -> str:
        return self._tool_title("slide")

    def toggle_insert_mode(self) -> None:
        self.set_insert_mode(not self.insert_mode)
        self.notify("Insert mode: what follows moves right" if self.insert_mode else "Overwrite mode")

    def mode_title(self) -> str:
        return "Insert Mode (on)" if self.insert_mode else "Insert Mode (off: overwrite)"

    def toggle_ripple_all_tracks(self) -> None:
        self.set_ripple_all_tracks(not self.ripple_all_tracks)

    def ripple_all_title(self) -> str:
        return f"Ripple All Tracks ({'on' if self.ripple_all_tracks else 'off'})"

    # ---- gaps ---------------------------------------------------------------------------------------
    def select_gap(self, track_id: str, at: Ticks) -> bool:
        """Select the gap under `at` on the track (True), or nothing (False)."""
        gap = gap_at(self.timeline.track(track_id), at)
        self.selected_gap = (track_id, *gap) if gap is not None else None
        self.modesChanged.emit()  # "Close Gap" follows
        self.update()
        return gap is not None

    def delete_selected(self, ripple: bool = False) -> None:
        if self.selected_gap is not None and not self.selected_clip_ids():
            self.close_gap()
            return
        super().delete_selected(ripple)

    def has_gap(self) -> bool:
        return self.selected_gap is not None

    def close_gap(self) -> None:
        if self.selected_gap is None:
            raise EditError("Click a gap between clips first")
        track_id, start, _end = self.selected_gap
        self.history.push(CloseGap(track_id, start))
        self.selected_gap = None

    def close_all_gaps(self) -> None:
        """On the selected gap's track, else the selected clip's, else the first video track."""
        self.history.push(CloseAllGaps(self.current_track().id))

    def current_track(self) -> Track:
        if self.selected_gap is not None:
            return self.timeline.track(self.selected_gap[0])
        if self._selection:
            return self.timeline.track_of(self._selection[0])
        order = display_order(self.timeline)
        if not order:
            raise EditError("There are no tracks")
        return self.timeline.tracks[order[0]]

    def set_selection(self, clip_ids: list[str]) -> None:
        if clip_ids:
            self.selected_gap = None
        super().set_selection(clip_ids)

    # ---- the I/O range ------------------------------------------------------------------------------
    def set_io_range(self, start: Ticks | None, end: Ticks | None) -> None:
        self.io_range = (start, end)
        self.update()

    def _range(self) -> tuple[Ticks, Ticks]:
        start, end = self.io_range
        if start is None or end is None or end <= start:
            raise EditError("Set an In point (I) and an Out point (O) first")
        return start, end

    def lift_range(self) -> None:
        self.history.push(LiftRange(*self._range()))

    def extract_range(self) -> None:
        self.history.push(ExtractRange(*self._range()))

    def has_range(self) -> bool:
        start, end = self.io_range
        return start is not None and end is not None and end > start

    # ---- paste keeps tracks and times ---------------------------------------------------------------
    def paste(self) -> None:
        """Paste at the playhead: the copied clips keep their times relative to each other and
        their tracks relative to the topmost copied one, which lands on the selected track."""
        if not self._clipboard:
            raise EditError("Nothing to paste: copy clips first")
        copies = [c.model_copy(deep=True, update={"id": new_id()}) for c in self._clipboard]
        items = self._paste_items(copies, self._clipboard)
        self.history.push(Place("insert" if self.insert_mode else "overwrite", items, "Paste"))
        self.set_selection([clip.id for _track, clip, _start in items])

    def duplicate(self) -> None:
        """Copies on the selection's tracks at the playhead, or right after the selection when the
        playhead is on it (Premiere's and Kdenlive's habit: the original is never cut away)."""
        mode: Mode = "insert" if self.insert_mode else "overwrite"
        command = duplicate_at(self.timeline, self.selected_clip_ids(), self.playhead, mode)
        self.history.push(command)
        self.set_selection([clip.id for _track, clip, _start in command.items])

    def _paste_items(self, copies: list[Clip], originals: list[Clip]) -> list[tuple[str, Clip, Ticks]]:
        timeline = self.timeline
        order = display_order(timeline)
        rows = {timeline.tracks[index].id: row for row, index in enumerate(order)}
        source_rows = []
        for clip in originals:
            try:
                source_rows.append(rows[timeline.track_of(clip.id).id])
            except KeyError:  # the original is gone: keep it on the first row of its kind
                source_rows.append(-1)
        target = self._paste_track()
        base_row = rows[target]
        # the first copied clip lands on the target track; the others keep their rows relative to it
        top = source_rows[0] if source_rows[0] >= 0 else base_row
        first = min(c.start for c in copies)
        items: list[tuple[str, Clip, Ticks]] = []
        for copy, row in zip(copies, source_rows, strict=True):
            wanted = base_row + (row - top) if row >= 0 else base_row
            track = self._track_for(copy, order, wanted)
            items.append((track.id, copy, self.playhead + copy.start - first))
        return items

    def _track_for(self, clip: Clip, order: list[int], wanted: int) -> Track:
        """The track on row `wanted` if it takes the clip, else the nearest unlocked one that does."""
        tracks = self.timeline.tracks
        rows = sorted(range(len(order)), key=lambda row: abs(row - wanted))
        for row in rows:
            track = tracks[order[row]]
            if track.accepts(clip) and not track.locked:
                return track
        raise EditError(f"No unlocked {'audio' if clip.kind == 'audio' else 'video'} track to paste on")
