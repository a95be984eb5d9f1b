"""Inspector ▸ Timing: where the selected clips start, how long they last, their source in-point."""

from __future__ import annotations

from collections.abc import Callable

from editor_app.model import Clip, to_seconds, to_ticks
from editor_app.model.edits import Command, MoveClips, TrimIn, TrimOut
from editor_app.ui.inspector.section import MAX_SECONDS, ClipEdits, ClipSection
from editor_app.ui.inspector.widgets import number_field


class TimingSection(ClipSection):
    def __init__(self, edits: ClipEdits) -> None:
        super().__init__("Timing", edits)
        self.start = number_field(0, MAX_SECONDS, suffix=" s")
        self.duration = number_field(0.001, MAX_SECONDS, suffix=" s")
        self.asset_start = number_field(0, MAX_SECONDS, suffix=" s")
        self.form.addRow("Start", self.start)
        self.form.addRow("Duration", self.duration)
        self.form.addRow("Source in", self.asset_start)
        self.start.valueChanged.connect(lambda v: edits.edit(self._move_to(to_ticks(v))))
        self.duration.valueChanged.connect(lambda v: edits.edit(self._trim_out(to_ticks(v)), "Trim Clip"))
        self.asset_start.valueChanged.connect(lambda v: edits.edit(self._source_in(to_ticks(v)), "Slip Clip"))

    def fill_clip(self, clip: Clip) -> None:
        self.start.setValue(float(to_seconds(clip.start)))
        self.duration.setValue(float(to_seconds(clip.duration)))
        self.asset_start.setEnabled(clip.kind in ("video", "audio"))
        self.asset_start.setValue(float(to_seconds(clip.source_start)))

    def _move_to(self, start: int) -> Callable[[], Command]:
        """Move the selection so the first clip starts at `start` (the others keep their spacing)."""
        edits = self.edits

        def build() -> Command:
            timeline = edits.timeline()
            delta = start - timeline.clip(edits.clip_ids[0]).start
            moves = {}
            for clip_id in edits.clip_ids:
                track, clip = timeline.find(clip_id)
                moves[clip_id] = (max(0, clip.start + delta), track.id)
            return MoveClips(moves)

        return build

    def _trim_out(self, duration: int) -> Callable[[], list[Command]]:
        edits = self.edits
        return lambda: [TrimOut(cid, edits.clip(cid).start + duration) for cid in edits.clip_ids]

    def _source_in(self, source_start: int) -> Callable[[], list[Command]]:
        """A slip: new in-point, same place and length (trim in, move back, trim out again)."""
        edits = self.edits

        def build() -> list[Command]:
            commands: list[Command] = []
            for clip_id in edits.clip_ids:
                track, clip = edits.timeline().find(clip_id)
                delta = source_start - clip.source_start
                commands.append(TrimIn(clip_id, clip.start + delta))
                commands.append(MoveClips({clip_id: (clip.start, track.id)}))
                commands.append(TrimOut(clip_id, clip.end))
            return commands

        return build
