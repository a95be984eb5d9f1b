"""Inspector ▸ Transition: fade in, fade out and how long the fades last."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from editor_app.model import Clip, Transition, to_seconds, to_ticks
from editor_app.ui.inspector.section import ClipEdits, ClipSection
from editor_app.ui.inspector.widgets import number_field

DEFAULT_FADE_TICKS = 500


class TransitionSection(ClipSection):
    def __init__(self, edits: ClipEdits) -> None:
        super().__init__("Transition", edits)
        self.fade_in = QCheckBox("Fade in")
        self.fade_out = QCheckBox("Fade out")
        self.fade_duration = number_field(0, 60, suffix=" s")
        self.form.addRow(self.fade_in)
        self.form.addRow(self.fade_out)
        self.form.addRow("Fade duration", self.fade_duration)
        for box in (self.fade_in, self.fade_out):
            box.toggled.connect(lambda _c: edits.edit(lambda: edits.set("transition", self._value())))
        self.fade_duration.valueChanged.connect(
            lambda _v: edits.edit(lambda: edits.set("transition", self._value()))
        )

    def fill_clip(self, clip: Clip) -> None:
        transition = clip.transition
        self.fade_in.setChecked(bool(transition and transition.in_))
        self.fade_out.setChecked(bool(transition and transition.out))
        ticks = transition.duration if transition else DEFAULT_FADE_TICKS
        self.fade_duration.setValue(float(to_seconds(ticks)))

    def _value(self) -> Transition | None:
        if not (self.fade_in.isChecked() or self.fade_out.isChecked()):
            return None
        return Transition(
            in_="fade" if self.fade_in.isChecked() else None,
            out="fade" if self.fade_out.isChecked() else None,
            duration=to_ticks(self.fade_duration.value()),
        )
