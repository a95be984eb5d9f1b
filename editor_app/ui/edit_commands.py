"""Edit, view, timeline and playback commands of the main window (a mixin of MainWindow).

Clip edits are the canvas' (it knows the selection and the playhead); this mixin routes the
menu actions to it, adds what has no home on the canvas (titles, tracks) through the undo
history, and reports refused edits in the status bar instead of raising into Qt.
"""

from __future__ import annotations

from collections.abc import Callable

from editor_app.model import EditError, TextAsset, Track
from editor_app.model.edits import AddClip, AddTrack
from editor_app.model.timeline import Clip
from editor_app.ui.window_base import WindowBase

TITLE_TICKS = 3000


class EditCommands(WindowBase):
    def _canvas_call(self, what: str, call: Callable[[], object]) -> None:
        if self.canvas is None:
            return
        try:
            call()
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
            self._canvas_call("Copy", self.canvas.copy)
            self._canvas_call(
                "Cut", lambda: self.canvas.delete_selected(ripple=False) if self.canvas else None
            )

    def copy(self) -> None:
        self._canvas_call("Copy", lambda: self.canvas.copy() if self.canvas else None)

    def paste(self) -> None:
        self._canvas_call("Paste", lambda: self.canvas.paste() if self.canvas else None)

    def duplicate(self) -> None:
        self._canvas_call("Duplicate", lambda: self.canvas.duplicate() if self.canvas else None)

    def split(self) -> None:
        self._canvas_call("Split", lambda: self.canvas.split_at_playhead() if self.canvas else None)

    def delete(self) -> None:
        self._canvas_call(
            "Delete", lambda: self.canvas.delete_selected(ripple=False) if self.canvas else None
        )

    def ripple_delete(self) -> None:
        self._canvas_call(
            "Ripple Delete", lambda: self.canvas.delete_selected(ripple=True) if self.canvas else None
        )

    def select_all(self) -> None:
        self._canvas_call("Select All", lambda: self.canvas.select_all() if self.canvas else None)

    # ---- view ---------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self._canvas_call("Zoom", lambda: self.canvas.zoom_in() if self.canvas else None)

    def zoom_out(self) -> None:
        self._canvas_call("Zoom", lambda: self.canvas.zoom_out() if self.canvas else None)

    def zoom_fit(self) -> None:
        self._canvas_call("Zoom", lambda: self.canvas.zoom_to_fit() if self.canvas else None)

    # ---- markers --------------------------------------------------------------------------------
    def add_marker(self) -> None:
        self._canvas_call("Add Marker", lambda: self.canvas.add_marker() if self.canvas else None)

    def next_marker(self) -> None:
        self._canvas_call("Next Marker", lambda: self.canvas.next_marker() if self.canvas else None)

    def previous_marker(self) -> None:
        self._canvas_call("Previous Marker", lambda: self.canvas.previous_marker() if self.canvas else None)

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
        timeline = history.timeline
        at = self.transport.position
        clip = Clip(start=at, duration=TITLE_TICKS, asset=TextAsset(text="Title"))
        target = None
        for track in reversed(timeline.tracks):
            if track.kind == "video" and not track.locked and track.overlapping(at, at + TITLE_TICKS) is None:
                target = track
                break
        try:
            with history.transaction("Add Title"):
                if target is None:
                    target = Track(
                        name=f"V{sum(t.kind == 'video' for t in timeline.tracks) + 1}", kind="video"
                    )
                    history.push(AddTrack(target, len(timeline.tracks)))
                history.push(AddClip(target.id, clip))
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
        prefix = "V" if kind == "video" else "A"
        count = sum(t.kind == kind for t in timeline.tracks)
        track = Track(name=f"{prefix}{count + 1}", kind="video" if kind == "video" else "audio")
        # video tracks go above the other video tracks, audio tracks at the bottom
        index = len(timeline.tracks)
        if kind == "video":
            index = max((i + 1 for i, t in enumerate(timeline.tracks) if t.kind == "video"), default=0)
        try:
            self.document.history.push(AddTrack(track, index))
        except EditError as exc:
            self.statusBar().showMessage(f"Add Track: {exc}", 6000)
