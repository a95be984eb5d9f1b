"""Inspector ▸ Captions: a caption clip's cues, ASS style (font, colours, border, nine-way
position with margins) and animation, each change one undoable command."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QGridLayout, QHBoxLayout, QWidget

from editor_app.model import CaptionAsset, Clip
from editor_app.model.assets import CaptionBorder, CaptionFont, CaptionPosition
from editor_app.model.captions import AUTO, Cue
from editor_app.ui.captions.cue_table import CueTable
from editor_app.ui.captions.cues import ass_to_hex, clip_cues, hex_to_ass, src_of
from editor_app.ui.inspector.fonts import installed_families
from editor_app.ui.inspector.section import ClipEdits, ClipSection
from editor_app.ui.inspector.widgets import ColorButton, choice_field, combo_text, number_field, set_choice

ANIMATIONS = [("None", None), ("Karaoke", "karaoke"), ("Colour highlight", "color_highlight"),
              ("Box highlight", "box_highlight"), ("Reveal", "reveal"), ("Impact", "impact"),
              ("Supersize", "supersize")]  # fmt: skip
ALIGNMENTS = [(f"{v.title()} {h.title()}", f"{v}_{h}") for v in ("top", "middle", "bottom")
              for h in ("left", "center", "right")]  # fmt: skip
BORDERS = [("Outline and shadow", "outline_and_shadow"), ("Opaque box", "opaque_box")]


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return box


def _pairs(*widgets: QWidget) -> QWidget:
    """Two a row: four style boxes side by side clip Strikeout in a ~400 px wide inspector."""
    box = QWidget()
    layout = QGridLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, index // 2, index % 2)
    return box


class CaptionSection(ClipSection):
    def __init__(self, edits: ClipEdits) -> None:
        super().__init__("Captions", edits)
        self.cue_table = CueTable()
        self.form.addRow(self.cue_table)
        self.animation = choice_field(ANIMATIONS)  # type: ignore[arg-type]
        self.font_name = QComboBox()
        self.font_name.setEditable(True)
        self.font_name.addItems(installed_families())
        self.font_size = number_field(1, 500, decimals=0, step=1)
        self.flags = {name: QCheckBox(name.title()) for name in ("bold", "italic", "underline", "strikeout")}
        self.scale_x, self.scale_y = number_field(1, 1000, 0, 5, " %"), number_field(1, 1000, 0, 5, " %")
        self.spacing, self.angle = number_field(-100, 100, 1, 0.5), number_field(-360, 360, 1, 1, "°")
        self.colours = {name: ColorButton() for name in ("primary_color", "secondary_color", "back_color")}
        self.border_style = choice_field(BORDERS)  # type: ignore[arg-type]
        self.outline, self.shadow = number_field(0, 64, 0, 1), number_field(0, 64, 0, 1)
        self.outline_color = ColorButton()
        self.placement = choice_field(ALIGNMENTS)  # type: ignore[arg-type]
        self.margins = [number_field(0, 4000, 0, 5) for _ in range(3)]
        rows: list[tuple[str, QWidget]] = [
            ("Animation", self.animation), ("Font", self.font_name), ("Size", self.font_size),
            ("Style", _pairs(*self.flags.values())), ("Scale X / Y", _row(self.scale_x, self.scale_y)),
            ("Spacing / angle", _row(self.spacing, self.angle)),
            ("Text colour", self.colours["primary_color"]),
            ("Highlight colour", self.colours["secondary_color"]),
            ("Back colour", self.colours["back_color"]),
            ("Border", self.border_style), ("Outline / shadow", _row(self.outline, self.shadow)),
            ("Outline colour", self.outline_color), ("Position", self.placement),
            ("Margins L / R / V", _row(*self.margins)),
        ]  # fmt: skip
        for label, widget in rows:
            self.form.addRow(label, widget)
        self._connect(edits)

    def _connect(self, edits: ClipEdits) -> None:
        self.cue_table.cuesEdited.connect(lambda cues: self._set_cues(edits, cues))
        self.cue_table.refused.connect(edits.refuse)
        self.animation.currentIndexChanged.connect(
            lambda _i: edits.edit(lambda: edits.set("animation", self.animation.currentData()))
        )

        def font(*_a: object) -> None:
            edits.edit(lambda: edits.set("font", self._font()))

        self.font_name.currentTextChanged.connect(
            lambda _t: edits.edit(lambda: edits.set("font", self._font()), merge=True)
        )
        for spin in (self.font_size, self.scale_x, self.scale_y, self.spacing, self.angle):
            spin.valueChanged.connect(font)
        for box in self.flags.values():
            box.toggled.connect(font)
        for name, button in self.colours.items():
            button.colorChanged.connect(lambda value, n=name: self._set_colour(edits, n, value))

        def border(*_a: object) -> None:
            edits.edit(lambda: edits.set("border", self._border()))

        self.border_style.currentIndexChanged.connect(border)
        for spin in (self.outline, self.shadow):
            spin.valueChanged.connect(border)
        self.outline_color.colorChanged.connect(border)

        def position(*_a: object) -> None:
            edits.edit(lambda: edits.set("asset.position", self._position()))

        self.placement.currentIndexChanged.connect(position)
        for spin in self.margins:
            spin.valueChanged.connect(position)

    def _asset(self) -> CaptionAsset | None:
        clip = self.edits.clip(self.edits.clip_ids[0]) if self.edits.clip_ids else None
        return clip.asset if clip is not None and isinstance(clip.asset, CaptionAsset) else None

    def _set_cues(self, edits: ClipEdits, cues: list[Cue]) -> None:
        edits.edit(lambda: edits.set("src", src_of(cues)), label="Edit Captions")

    def _set_colour(self, edits: ClipEdits, name: str, value: str) -> None:
        asset = self._asset()
        like = getattr(asset, name) if asset is not None else "&H00000000"
        edits.edit(lambda: edits.set(name, hex_to_ass(value, like)))

    def shows(self, kinds: set[str]) -> bool:
        return kinds == {"caption"}

    def fill_clip(self, clip: Clip) -> None:
        asset = clip.asset
        if not isinstance(asset, CaptionAsset):
            return
        self.cue_table.set_cues(clip_cues(clip), auto=asset.src.strip().lower() == AUTO)
        set_choice(self.animation, asset.animation)
        font = asset.font
        self.font_name.setCurrentText(font.name)
        self.font_size.setValue(font.size)
        for name, box in self.flags.items():
            box.setChecked(bool(getattr(font, name)))
        spins: list[tuple[QDoubleSpinBox, float]] = [
            (self.scale_x, font.scale_x), (self.scale_y, font.scale_y), (self.spacing, font.spacing),
            (self.angle, font.angle), (self.outline, asset.border.outline),
            (self.shadow, asset.border.shadow),
            *zip(self.margins, (asset.position.margin_l, asset.position.margin_r, asset.position.margin_v),
                 strict=True),
        ]  # fmt: skip
        for spin, value in spins:
            spin.setValue(value)
        for name, button in self.colours.items():
            button.set_color(ass_to_hex(getattr(asset, name)))
        set_choice(self.border_style, asset.border.style)
        self.outline_color.set_color(ass_to_hex(asset.border.outline_color))
        set_choice(self.placement, asset.position.alignment)

    def _font(self) -> CaptionFont:
        return CaptionFont(
            name=combo_text(self.font_name, "Font").strip() or "Clear Sans",
            size=int(self.font_size.value()),
            scale_x=self.scale_x.value(),
            scale_y=self.scale_y.value(),
            spacing=self.spacing.value(),
            angle=self.angle.value(),
            **{name: box.isChecked() for name, box in self.flags.items()},
        )

    def _border(self) -> CaptionBorder:
        asset = self._asset()
        like = asset.border.outline_color if asset is not None else "&H00000000"
        return CaptionBorder(
            style=self.border_style.currentData(),
            outline=int(self.outline.value()),
            outline_color=hex_to_ass(self.outline_color.color(), like),
            shadow=int(self.shadow.value()),
        )

    def _position(self) -> CaptionPosition:
        left, right, vertical = (int(s.value()) for s in self.margins)
        return CaptionPosition(
            alignment=self.placement.currentData(), margin_l=left, margin_r=right, margin_v=vertical
        )
