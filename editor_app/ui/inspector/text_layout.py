"""Inspector ▸ Text layout: the title fields beyond font and colour: weight (Node SDK), line
spacing, tab size, the text box, shadow, and the background's opacity, padding, size and own
alignment. Each change is one undoable command on the asset."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox

from editor_app.model import Font, TextAsset
from editor_app.model.assets import Shadow, TextBackground
from editor_app.ui.inspector.section import ClipEdits, TitleSection
from editor_app.ui.inspector.widgets import ColorButton, choice_field, number_field, set_choice

WEIGHTS = [("(not set)", None)] + [(str(w), w) for w in range(100, 1000, 100)]
NINE = [(p.replace("_", " ").title(), p) for p in ("top_left", "top", "top_right", "left", "center", "right",
                                                    "bottom_left", "bottom", "bottom_right")]  # fmt: skip


class TextLayoutSection(TitleSection):
    def __init__(self, edits: ClipEdits) -> None:
        super().__init__("Text layout", edits)
        self.weight = choice_field(WEIGHTS)  # type: ignore[arg-type]
        self.line_spacing = number_field(0, 64, 1, 1, " px")
        self.tabsize = number_field(1, 64, 0, 1)
        self.box_width = number_field(0, 7680, 0, 10, " px")  # 0: the frame's
        self.box_height = number_field(0, 7680, 0, 10, " px")
        self.shadow_x, self.shadow_y = number_field(0, 64, 1, 1, " px"), number_field(0, 64, 1, 1, " px")
        self.shadow_color = ColorButton()
        self.background = QCheckBox("Background")
        self.bg_opacity = number_field(0, 1, 2, 0.05)
        self.bg_padding = number_field(0, 64, 1, 1, " px")
        self.bg_width, self.bg_height = (
            number_field(0, 7680, 0, 10, " px"),
            number_field(0, 7680, 0, 10, " px"),
        )
        self.bg_align = choice_field(NINE)  # type: ignore[arg-type]
        rows = (("Weight", self.weight), ("Line spacing", self.line_spacing), ("Tab size", self.tabsize),
                ("Box width", self.box_width), ("Box height", self.box_height), ("Shadow X", self.shadow_x),
                ("Shadow Y", self.shadow_y), ("Shadow colour", self.shadow_color), ("", self.background),
                ("Background opacity", self.bg_opacity), ("Background padding", self.bg_padding),
                ("Background width", self.bg_width), ("Background height", self.bg_height),
                ("Text in background", self.bg_align))  # fmt: skip
        for label, widget in rows:
            self.form.addRow(label, widget)
        self._connect(edits)

    def _connect(self, edits: ClipEdits) -> None:
        def setter(name: str, value: Callable[[], object], merge: bool = False) -> Callable[..., None]:
            return lambda *_a: edits.edit(lambda: edits.set(name, value()), merge=merge)

        self.weight.currentIndexChanged.connect(setter("font", self._font))
        self.line_spacing.valueChanged.connect(setter("line_spacing", self.line_spacing.value, merge=True))
        self.tabsize.valueChanged.connect(setter("tabsize", lambda: int(self.tabsize.value())))
        self.box_width.valueChanged.connect(setter("width", lambda: int(self.box_width.value()) or None))
        self.box_height.valueChanged.connect(setter("height", lambda: int(self.box_height.value()) or None))
        for spin in (self.shadow_x, self.shadow_y):
            spin.valueChanged.connect(setter("shadow", self._shadow))
        self.shadow_color.colorChanged.connect(setter("shadow", self._shadow))
        self.background.toggled.connect(setter("background", self._background))
        for spin in (self.bg_opacity, self.bg_padding, self.bg_width, self.bg_height):
            spin.valueChanged.connect(setter("background", self._background))
        self.bg_align.currentIndexChanged.connect(setter("background", self._background))

    def fill_title(self, asset: TextAsset) -> None:
        set_choice(self.weight, asset.font.weight)
        self.line_spacing.setValue(asset.line_spacing)
        self.tabsize.setValue(asset.tabsize)
        self.box_width.setValue(asset.width or 0)
        self.box_height.setValue(asset.height or 0)
        shadow = asset.shadow or Shadow()
        self.shadow_x.setValue(shadow.x)
        self.shadow_y.setValue(shadow.y)
        self.shadow_color.set_color(shadow.color)
        bg = asset.background
        self.background.setChecked(bg is not None)
        shown = bg or TextBackground(opacity=0.8, border_width=12)
        self.bg_opacity.setValue(shown.opacity)
        self.bg_padding.setValue(shown.border_width)
        self.bg_width.setValue(shown.width)
        self.bg_height.setValue(shown.height)
        set_choice(self.bg_align, shown.text_alignment)

    def _font(self) -> Font:
        return self.font_with(weight=self.weight.currentData())

    def _shadow(self) -> Shadow | None:
        x, y = self.shadow_x.value(), self.shadow_y.value()
        return Shadow(color=self.shadow_color.color(), x=x, y=y) if x or y else None

    def _background(self) -> TextBackground | None:
        if not self.background.isChecked():
            return None
        old = self._asset.background if self._asset is not None else None
        return TextBackground(
            color=old.color if old is not None else "#000000",
            opacity=self.bg_opacity.value(),
            border_width=self.bg_padding.value(),
            width=self.bg_width.value(),
            height=self.bg_height.value(),
            text_alignment=self.bg_align.currentData(),
        )
