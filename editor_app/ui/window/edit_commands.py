"""Edit, view, timeline and playback commands of the main window (a mixin of MainWindow).

Clip edits are the canvas' (it knows the selection and the playhead); this mixin routes the
menu actions to it, adds what has no home on the canvas (titles, tracks) through the undo
history, and reports refused edits in the status bar instead of raising into Qt.
"""

from __future__ import annotations

from editor_app.model import Clip, EditError, TextAsset
from editor_app.model.edits import AddTrack, PlaceClip, new_track, track_with_room
from editor_app.ui.window.window_base import WindowBase

TITLE_TICKS = 3000


class EditCommands(WindowBase):
    def _canvas_call(self, what: str, method: str, *args: object) -> None:
        """Call `method` of the canvas; a refused edit becomes a status-bar message."""
        if self.canvas is None:
            return
        try:
            getattr(self.canvas, method)(*args)
        except EditError as exc:
            self.statusBar().showMessage(f"{what}: {exc}", 6000)

    # ---- history --------------------------------------------------------------------------
    def undo(self) -> None:
        if self.document is not None and self.document.history.can_undo:
            self.document.history.undo()

    def redo(self) -> None:
        if self.document is not None and self.document.history.can_redo:
            self.document.history.redo()

    # ---- clip edits (the canvas does them) ----------------------------------------------------
    def cut(self) -> None:
        if self.canvas is not None and self.canvas.selected_clip_ids():
            self._canvas_call("Copy", "copy")
            self._canvas_call("Cut", "delete_selected", False)

    def copy(self) -> None:
        self._canvas_call("Copy", "copy")

    def paste(self) -> None:
        self._canvas_call("Paste", "paste")

    def duplicate(self) -> None:
        self._canvas_call("Duplicate", "duplicate")

    def split(self) -> None:
        self._canvas_call("Split", "split_at_playhead")

    def delete(self) -> None:
        self._canvas_call("Delete", "delete_selected", False)

    def ripple_delete(self) -> None:
        self._canvas_call("Ripple Delete", "delete_selected", True)

    def select_all(self) -> None:
        self._canvas_call("Select All", "select_all")

    # ---- view ---------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self._canvas_call("Zoom", "zoom_in")

    def zoom_out(self) -> None:
        self._canvas_call("Zoom", "zoom_out")

    def zoom_fit(self) -> None:
        self._canvas_call("Zoom", "zoom_to_fit")

    # ---- markers --------------------------------------------------------------------------------
    def add_marker(self) -> None:
        self._canvas_call("Add Marker", "add_marker")

    def next_marker(self) -> None:
        self._canvas_call("Next Marker", "next_marker")

    def previous_marker(self) -> None:
        self._canvas_call("Previous Marker", "previous_marker")

    # ---- playback ---------------------------------------------------------------------------
    def play_pause(self) -> None:
        self.transport.play_pause()

    def shuttle_reverse(self) -> None:
        self.transport.shuttle_reverse()

    def shuttle_stop(self) -> None:
        self.transport.stop()

    def shuttle_forward(self) -> None:
        self.transport.shuttle_forward()

    def mark_in(self) -> None:
        self.transport.set_in()
        self.statusBar().showMessage(f"In point at {self.position_label.text()}", 3000)

    def mark_out(self) -> None:
        self.transport.set_out()
        self.statusBar().showMessage(f"Out point at {self.position_label.text()}", 3000)

    def go_home(self) -> None:
        self.transport.stop()
        self.transport.seek(0)

    def go_end(self) -> None:
        self.transport.stop()
        self.transport.seek(self.transport.duration)

    def previous_frame(self) -> None:
        self.transport.step(-1)

    def next_frame(self) -> None:
        self.transport.step(+1)

    # ---- things the canvas has no gesture for -------------------------------------------------
    def add_title(self) -> None:
        """A text clip at the playhead on the topmost video track with room there (or a new one)."""
        if self.document is None:
            return
        history = self.document.history
        at = self.transport.position
        clip = Clip(start=at, duration=TITLE_TICKS, asset=TextAsset(text="Title"))
        target = track_with_room(history.timeline, "video", at, at + TITLE_TICKS)
        try:
            history.push(PlaceClip(clip, target.id if target is not None else None, "Add Title"))
        except EditError as exc:
            self.statusBar().showMessage(f"Add Title: {exc}", 6000)
            return
        if self.canvas is not None:
            self.canvas.set_selection([clip.id])

    def add_video_track(self) -> None:
        self._add_track("video")

    def add_audio_track(self) -> None:
        self._add_track("audio")

    def _add_track(self, kind: str) -> None:
        if self.document is None:
            return
        timeline = self.document.timeline
        track = new_track(timeline, "video" if kind == "video" else "audio")  # z_index above the rest
        # video tracks go above the other video tracks, audio tracks at the bottom
        index = len(timeline.tracks)
        if kind == "video":
            index = max((i + 1 for i, t in enumerate(timeline.tracks) if t.kind == "video"), default=0)
        try:
            self.document.history.push(AddTrack(track, index))
        except EditError as exc:
            self.statusBar().showMessage(f"Add Track: {exc}", 6000)
