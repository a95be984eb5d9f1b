"""Inspector ▸ Picture: fit, position, offset, scale, opacity and filter of what is seen (crop has
its own section, `crop.py`)."""

from __future__ import annotations

from editor_app.model import Clip, Offset
from editor_app.ui.inspector.section import ClipEdits, ClipSection
from editor_app.ui.inspector.widgets import SliderSpin, choice_field, number_field, set_choice

FITS = [("Crop", "crop"), ("Cover", "cover"), ("Contain", "contain"), ("None", None)]
NINE = ("center", "top", "bottom", "left", "right", "top_left", "top_right", "bottom_left", "bottom_right")
POSITIONS = [(p.replace("_", " ").title(), p) for p in NINE]
FILTERS = [("None", None)] + [(f.title(), f) for f in
           ("blur", "boost", "contrast", "darken", "greyscale", "lighten", "muted", "negative")]  # fmt: skip


class PictureSection(ClipSection):
    def __init__(self, edits: ClipEdits) -> None:
        super().__init__("Picture", edits)
        self.fit = choice_field(FITS)  # type: ignore[arg-type]
        self.position = choice_field(POSITIONS)  # type: ignore[arg-type]
        self.offset_x = number_field(-1, 1, step=0.01)
        self.offset_y = number_field(-1, 1, step=0.01)
        self.scale = SliderSpin(slider_max=3.0, maximum=10.0)
        self.opacity = SliderSpin(slider_max=1.0, maximum=1.0)
        self.filter = choice_field(FILTERS)  # type: ignore[arg-type]
        for label, widget in (("Fit", self.fit), ("Position", self.position), ("Offset X", self.offset_x),
                              ("Offset Y", self.offset_y), ("Scale", self.scale), ("Opacity", self.opacity),
                              ("Filter", self.filter)):  # fmt: skip
            self.form.addRow(label, widget)
        self.fit.currentIndexChanged.connect(
            lambda _i: edits.edit(lambda: edits.set("fit", self.fit.currentData()))
        )
        self.position.currentIndexChanged.connect(
            lambda _i: edits.edit(lambda: edits.set("position", self.position.currentData()))
        )
        for spin in (self.offset_x, self.offset_y):
            spin.valueChanged.connect(
                lambda _v: edits.edit(lambda: edits.set("offset", self._offset_value()))
            )
        self.scale.valueChanged.connect(lambda v: edits.edit(lambda: edits.set("scale", v), merge=True))
        self.opacity.valueChanged.connect(lambda v: edits.edit(lambda: edits.set("opacity", v), merge=True))
        for slider in (self.scale, self.opacity):
            slider.dragFinished.connect(edits.break_merge)
        self.filter.currentIndexChanged.connect(
            lambda _i: edits.edit(lambda: edits.set("filter", self.filter.currentData()))
        )

    def shows(self, kinds: set[str]) -> bool:
        return "audio" not in kinds

    def fill_clip(self, clip: Clip) -> None:
        set_choice(self.fit, clip.fit)
        set_choice(self.position, clip.position)
        self.offset_x.setValue(clip.offset.x)
        self.offset_y.setValue(clip.offset.y)
        self.scale.set_value(clip.scale)
        self.opacity.set_value(clip.opacity)
        set_choice(self.filter, clip.filter)

    def _offset_value(self) -> Offset:
        return Offset(x=self.offset_x.value(), y=self.offset_y.value())
