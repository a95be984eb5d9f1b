"""Inspector ▸ Timeline (nothing selected): the output resolution, the background colour and
the project frame rate (the grid edits and snapping land on, and the timecodes count)."""

from __future__ import annotations

from editor_app.model import Clip, EditError, Timeline
from editor_app.model.edits import SetTimelineProperty
from editor_app.model.edits.props import FRAME_RATES
from editor_app.ui.inspector.section import ClipEdits, Section
from editor_app.ui.inspector.widgets import ColorButton, choice_field, combo_text

RESOLUTIONS = ["1920x1080", "1280x720", "3840x2160", "1080x1920", "720x1280", "1080x1080"]


class TimelineSection(Section):
    def __init__(self, edits: ClipEdits) -> None:
        super().__init__("Timeline", edits)
        self.resolution = choice_field([(r, r) for r in RESOLUTIONS])
        self.resolution.setEditable(True)
        self.background = ColorButton()
        self.form.addRow("Resolution", self.resolution)
        self.form.addRow("Background", self.background)
        self.fps = choice_field([(f"{r:g} fps", r) for r in FRAME_RATES])
        self.fps.setObjectName("InspectorFrameRate")
        self.fps.setToolTip("Frames per second: edits and snapping land on its frames")
        self.form.addRow("Frame rate", self.fps)
        self.fps.activated.connect(lambda _i: self._fps_chosen())
        resolution_edit = self.resolution.lineEdit()
        assert resolution_edit is not None  # the combo is editable
        resolution_edit.editingFinished.connect(self._resolution_entered)
        self.resolution.activated.connect(lambda _i: self._resolution_entered())
        self.background.colorChanged.connect(
            lambda c: edits.edit(lambda: SetTimelineProperty("background", c), needs_clips=False)
        )

    def applies_to(self, clips: list[Clip], timeline: Timeline) -> bool:
        return not clips

    def fill(self, clips: list[Clip], timeline: Timeline) -> None:
        self.resolution.setCurrentText(timeline.resolution)
        self.background.set_color(timeline.background)
        index = self.fps.findData(timeline.fps)
        if index < 0:
            self.fps.addItem(f"{timeline.fps:g} fps", timeline.fps)
            index = self.fps.count() - 1
        self.fps.setCurrentIndex(index)

    def _fps_chosen(self) -> None:
        rate = self.fps.currentData()
        history = self.edits.history
        if history is not None and rate != history.timeline.fps:
            self.edits.edit(lambda: SetTimelineProperty("fps", rate), needs_clips=False)

    def _resolution_entered(self) -> None:
        try:
            text = combo_text(self.resolution, "Resolution").strip()
        except EditError as exc:
            self.edits.refuse(str(exc))
            return
        history = self.edits.history
        if history is not None and text != history.timeline.resolution:
            self.edits.edit(lambda: SetTimelineProperty("resolution", text), needs_clips=False)
