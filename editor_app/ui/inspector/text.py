"""Inspector ▸ Text: the words of a title, its font, colour, alignment, outline and box."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QPlainTextEdit

from editor_app.model import Font, TextAsset
from editor_app.model.assets import Alignment, Border, TextBackground
from editor_app.ui.inspector.fonts import installed_families
from editor_app.ui.inspector.section import ClipEdits, TitleSection
from editor_app.ui.inspector.widgets import (
    ColorButton,
    choice_field,
    combo_text,
    field_text,
    number_field,
    set_choice,
)

H_ALIGN = [("Left", "left"), ("Center", "center"), ("Right", "right")]
V_ALIGN = [("Top", "top"), ("Center", "center"), ("Bottom", "bottom")]


class TextSection(TitleSection):
    def __init__(self, edits: ClipEdits) -> None:
        super().__init__("Text", edits)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setMaximumHeight(70)
        self.font_family = choice_field([(f, f) for f in installed_families()])
        self.font_family.setEditable(True)
        self.font_size = number_field(1, 500, decimals=0, step=1)
        self.font_color = ColorButton()
        self.font_opacity = number_field(0, 1, step=0.05)
        self.h_align = choice_field(H_ALIGN)  # type: ignore[arg-type]
        self.v_align = choice_field(V_ALIGN)  # type: ignore[arg-type]
        for label, widget in (("Text", self.text_edit), ("Font", self.font_family), ("Size", self.font_size),
                              ("Colour", self.font_color), ("Text opacity", self.font_opacity),
                              ("Horizontal", self.h_align), ("Vertical", self.v_align)):  # fmt: skip
            self.form.addRow(label, widget)
        # outline and box: width 0 / unchecked means none (the wire leaves them out)
        self.outline_width = number_field(0, 64, decimals=1, step=1)
        self.outline_color = ColorButton()
        self.box = QCheckBox("Box behind the text")
        self.box_color = ColorButton()
        self.form.addRow("Outline", self.outline_width)
        self.form.addRow("Outline colour", self.outline_color)
        self.form.addRow(self.box)
        self.form.addRow("Box colour", self.box_color)
        self._connect(edits)

    def _connect(self, edits: ClipEdits) -> None:
        self.text_edit.textChanged.connect(
            lambda: edits.edit(lambda: edits.set("text", field_text(self.text_edit, "Text")), merge=True)
        )  # typing is one "Edit Text" step until another property changes

        def font_changed(*_args: object) -> None:
            edits.edit(lambda: edits.set("font", self._font_value()))

        # typing a family name is one step (merged per keystroke, ended when the field is left)
        self.font_family.currentTextChanged.connect(
            lambda _t: edits.edit(lambda: edits.set("font", self._font_value()), merge=True)
        )
        family_edit = self.font_family.lineEdit()
        if family_edit is not None:
            family_edit.editingFinished.connect(edits.break_merge)
        self.font_size.valueChanged.connect(font_changed)
        self.font_color.colorChanged.connect(font_changed)
        self.font_opacity.valueChanged.connect(font_changed)
        for combo in (self.h_align, self.v_align):
            combo.currentIndexChanged.connect(
                lambda _i: edits.edit(lambda: edits.set("alignment", self._alignment_value()))
            )

        def outline_changed(*_args: object) -> None:
            edits.edit(lambda: edits.set("border", self._border_value()))

        def box_changed(*_args: object) -> None:
            edits.edit(lambda: edits.set("background", self._box_value()))

        self.outline_width.valueChanged.connect(outline_changed)
        self.outline_color.colorChanged.connect(outline_changed)
        self.box.toggled.connect(box_changed)
        self.box_color.colorChanged.connect(box_changed)

    def fill_title(self, asset: TextAsset) -> None:
        if self.text_edit.toPlainText() != asset.text:
            self.text_edit.setPlainText(asset.text)
        self.font_family.setCurrentText(asset.font.family)
        self.font_size.setValue(asset.font.size)
        self.font_color.set_color(asset.font.color)
        self.font_opacity.setValue(asset.font.opacity)
        set_choice(self.h_align, asset.alignment.horizontal)
        set_choice(self.v_align, asset.alignment.vertical)
        self.outline_width.setValue(asset.border.width if asset.border else 0.0)
        self.outline_color.set_color(asset.border.color if asset.border else "#000000")
        self.box.setChecked(asset.background is not None)
        self.box_color.set_color(asset.background.color if asset.background else "#000000")

    def _font_value(self) -> Font:
        return self.font_with(
            family=combo_text(self.font_family, "Font").strip() or "Clear Sans",
            size=int(self.font_size.value()),
            color=self.font_color.color(),
            opacity=self.font_opacity.value(),
        )

    def _border_value(self) -> Border | None:
        width = self.outline_width.value()
        return Border(color=self.outline_color.color(), width=width) if width > 0 else None

    def _box_value(self) -> TextBackground | None:
        if not self.box.isChecked():
            return None
        old = self._asset.background if self._asset is not None else None
        if old is not None:
            return old.model_copy(update={"color": self.box_color.color()})
        return TextBackground(color=self.box_color.color(), border_width=12, opacity=0.8)

    def _alignment_value(self) -> Alignment:
        return Alignment(horizontal=self.h_align.currentData(), vertical=self.v_align.currentData())
