"""Bring Forward / Send Backward: a clip's `z_index` moved just past the nearest overlapping clip
above (or below) it. A picture's layer is its track's `z_index` plus its own (the renderer's
rule, `server/render/graph.py`), ties going to later tracks and later clips."""

from __future__ import annotations

from editor_app.model import Clip, EditError, Timeline
from editor_app.model.edits import SetClipProperty
from editor_app.ui.commands.table import Command, MenuPlace
from editor_app.ui.session import Session
from editor_app.ui.timeline.view import TimelineView

PICTURES = ("video", "image", "text", "caption")


def _keyed(timeline: Timeline) -> list[tuple[tuple[int, int, int], Clip]]:
    return [
        ((track.z_index + clip.z_index, index, clip.start), clip)
        for index, track in enumerate(timeline.tracks)
        if not track.hidden
        for clip in track.clips
        if clip.kind in PICTURES
    ]


def stepped_z_index(timeline: Timeline, clip_id: str, forward: bool) -> int:
    """The clip's new `z_index`: one layer past the nearest overlapping picture in that direction."""
    keyed = _keyed(timeline)
    mine = next(((key, clip) for key, clip in keyed if clip.id == clip_id), None)
    if mine is None:
        raise EditError("only a visible picture clip has a stacking order")
    key, clip = mine
    others = [(k, c) for k, c in keyed if c.id != clip_id and c.start < clip.end and clip.start < c.end]
    if forward:
        above = [k for k, _c in others if k > key]
        if not above:
            raise EditError("it is already in front of every clip it overlaps")
        target = min(above)[0] + (1 if min(above)[1:] > key[1:] else 0)
    else:
        below = [k for k, _c in others if k < key]
        if not below:
            raise EditError("it is already behind every clip it overlaps")
        target = max(below)[0] - (1 if max(below)[1:] < key[1:] else 0)
    return clip.z_index + target - key[0]


class LayerOrder:
    def __init__(self, session: Session, view: TimelineView) -> None:
        self.session = session
        self.view = view

    def _step(self, forward: bool) -> None:
        history = self.session.document.history
        selected = self.view.canvas.selected_clip_ids()
        if len(selected) != 1:
            raise EditError("select one clip")
        value = stepped_z_index(history.timeline, selected[0], forward)
        history.push(SetClipProperty(selected, "z_index", value))

    def bring_forward(self) -> None:
        self._step(True)

    def send_backward(self) -> None:
        self._step(False)

    def has_one(self) -> bool:
        return len(self.view.canvas.selected_clip_ids()) == 1


ORDER = MenuPlace("&Timeline", 0)
LAYER_COMMANDS: tuple[Command[LayerOrder], ...] = (
    Command("timeline.bring_forward", "Bring Forward", "Timeline", LayerOrder.bring_forward, ("Ctrl+]",),
            ORDER, enabled=LayerOrder.has_one),
    Command("timeline.send_backward", "Send Backward", "Timeline", LayerOrder.send_backward, ("Ctrl+[",),
            ORDER, enabled=LayerOrder.has_one),
)  # fmt: skip
