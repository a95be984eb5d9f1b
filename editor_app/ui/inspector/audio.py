"""Inspector ▸ Audio: the volume of the selected video and audio clips (a drag is one undo step)."""

from __future__ import annotations

from editor_app.model import Clip
from editor_app.model.edits import SetVolume
from editor_app.ui.inspector.section import ClipEdits, ClipSection
from editor_app.ui.inspector.widgets import SliderSpin


class AudioSection(ClipSection):
    def __init__(self, edits: ClipEdits) -> None:
        super().__init__("Audio", edits)
        self.volume = SliderSpin(slider_max=2.0, maximum=10.0)
        self.form.addRow("Volume", self.volume)
        self.volume.valueChanged.connect(
            lambda v: edits.edit(lambda: SetVolume(edits.clip_ids, v), merge=True)
        )
        self.volume.dragFinished.connect(edits.break_merge)

    def shows(self, kinds: set[str]) -> bool:
        return kinds <= {"video", "audio"}

    def fill_clip(self, clip: Clip) -> None:
        if clip.volume is not None:
            self.volume.set_value(clip.volume)
