"""The canvas' edits: split, delete, cut/copy/paste, select all, markers (paste and duplicate as
the tools place them: `tool_edits`).

Each is one command on the undo history (the handlers of `commands.TIMELINE_COMMANDS`). Refusals
raise `EditError` to the caller: the window shows them in its status bar, keys pressed on the
canvas itself as a notice.
"""

from __future__ import annotations

from editor_app.model.edits import (
    AddMarker,
    Lift,
    Paste,
    RippleDelete,
    Split,
    copy_clips,
    split_all,
)
from editor_app.model.edits import next_marker as marker_after
from editor_app.model.edits import previous_marker as marker_before
from editor_app.model.errors import EditError
from editor_app.ui.timeline.base import CanvasBase

MARKER_COLOURS = ("#E8B53A", "#4EA3FF", "#E5534B", "#57C07A", "#B57CFF")


class CanvasEditing(CanvasBase):
    # ---- clip edits ----------------------------------------------------------------------------------
    def split_at_playhead(self) -> None:
        """Split the selected clips under the playhead, or every clip under it when none is."""
        at = self.playhead
        selected = [cid for cid in self._selection if (clip := self.timeline.clip(cid)).start < at < clip.end]
        self.history.push(Split(selected, at) if selected else split_all(self.timeline, at))

    def delete_selected(self, ripple: bool = False) -> None:
        ids = self.selected_clip_ids()
        if not ids:
            raise EditError("Select the clips to delete first")
        self.history.push(RippleDelete(ids) if ripple else Lift(ids))
        self.set_selection([])

    def lift_selected(self) -> None:
        """Delete the selection and leave its gaps."""
        self.delete_selected(ripple=False)

    def ripple_delete_selected(self) -> None:
        """Delete the selection and close its gaps."""
        self.delete_selected(ripple=True)

    def cut(self) -> None:
        """Copy the selection, then lift it (nothing happens with nothing selected)."""
        if self.selected_clip_ids():
            self.copy()
            self.delete_selected(ripple=False)

    def copy(self) -> None:
        ids = self.selected_clip_ids()
        if not ids:
            raise EditError("Select the clips to copy first")
        self._clipboard = copy_clips(self.timeline, ids)

    def paste(self) -> None:
        """Paste at the playhead, on the track of the selection or of the copied clips."""
        if not self._clipboard:
            raise EditError("Nothing to paste: copy clips first")
        track_id = self._paste_track()
        command = Paste(self._clipboard, track_id, self.playhead)
        self.history.push(command)
        self.set_selection([clip.id for _, clip in command.items])

    def _paste_track(self) -> str:
        first = self._clipboard[0]
        candidates = [self.timeline.track_of(cid) for cid in self._selection[:1]]
        candidates += [t for t in self.timeline.tracks if not t.locked]
        for track in candidates:
            if track.accepts(first):
                return track.id
        raise EditError(f"No {'audio' if first.kind == 'audio' else 'video'} track to paste on")

    def select_all(self) -> None:
        self.set_selection([clip.id for _, clip in self.timeline.clips()])

    # ---- markers ------------------------------------------------------------------------------------
    def add_marker(self) -> None:
        count = len(self.timeline.markers)
        colour = MARKER_COLOURS[count % len(MARKER_COLOURS)]
        self.history.push(AddMarker(self.playhead, f"Marker {count + 1}", colour))

    def next_marker(self) -> None:
        marker = marker_after(self.timeline, self.playhead)
        if marker is not None:
            self.set_playhead(marker.time, emit=True)

    def previous_marker(self) -> None:
        marker = marker_before(self.timeline, self.playhead)
        if marker is not None:
            self.set_playhead(marker.time, emit=True)
